import type { ObjectResult, Violation } from '../../../shared/src/evaluate/evaluate';
import { diffEdits } from '../../../shared/src/fix/diff';
import { shiftEdits } from '../../../shared/src/fix/apply';
import { fixAll } from '../../../shared/src/fix/fixAll';
import type { TextEdit } from '../../../shared/src/fix/types';
import type { Policy } from '../../../shared/src/policy/policy';
import type { Analyzed } from '../analysis';

export const FIX_ALL_TITLE = 'Fix all Pod Security findings in this document';

/**
 * "Fix all Pod Security findings in this document": every safe, preferred fix, applied pass by
 * pass by `fixAll` under the policy each object's diagnostics use. Empty when nothing would change.
 */
export function fixAllEdits(analyzed: Analyzed): TextEdit[] {
  return analyzed.memo('fix-all', () => analyzed.result.objects.filter(hasSafeFix).flatMap((object) => fixDocumentEdits(analyzed, object.docIndex, object.policy)));
}

/** True when a fix-all pass over the object has a fix to try. */
export function hasSafeFix(object: ObjectResult): boolean {
  return object.violations.some(isSafelyFixable);
}

/** Fix-all takes a violation's safe, preferred fix, if it has one that renders. */
export function isSafelyFixable(violation: Violation): boolean {
  return violation.fixes.some((plan) => plan.safe && plan.isPreferred);
}

/**
 * `diffEdits(text, fixAll(text, { policy, documents: {docIndex} }))`, computed on the document's
 * own text: `fixAll` parses the whole file it is given, and this version's documents are already
 * parsed, so a large file costs what the one workload costs. The policy is the one resolved for
 * the object, so the same fixes apply as on the whole file.
 */
export function fixDocumentEdits(analyzed: Analyzed, docIndex: number, policy: Policy): TextEdit[] {
  const parsed = analyzed.documents[docIndex];
  if (!parsed) return [];
  const [start, end] = parsed.range;
  const slice = analyzed.text.slice(start, end);
  return shiftEdits(diffEdits(slice, fixAll(slice, { policy, podTemplates: analyzed.podTemplates })), start);
}
