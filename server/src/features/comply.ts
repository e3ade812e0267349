import type { Range as LspRange } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { evaluateDocument, type ObjectResult } from '../../../shared/src/evaluate/evaluate';
import type { TextEdit } from '../../../shared/src/fix/types';
import { levelRank, renderLevelVersion, type LevelVersion } from '../../../shared/src/policy/levelVersion';
import type { Policy } from '../../../shared/src/policy/policy';
import type { Analyzed } from '../analysis';
import { fixDocumentEdits } from './fixAll';

/** The levels a workload can be brought up to. */
export type TargetLevel = 'baseline' | 'restricted';
const TARGETS: readonly TargetLevel[] = ['baseline', 'restricted'];

export interface ComplyOffer {
  readonly docIndex: number;
  readonly level: TargetLevel;
  /** `Make this Deployment comply with restricted:latest`. */
  readonly title: string;
}

/**
 * "Make this workload comply with <level>" on a workload's `kind:` line, for each stricter level
 * it does not satisfy yet, at the version its enforce mode uses. Offered only when fixing would
 * change the text: some finding at that level has a safe, preferred fix that renders, which is
 * exactly when `fixAll`'s first pass changes something. The edit itself is computed on demand.
 */
export function complyOffers(doc: TextDocument, analyzed: Analyzed, range: LspRange): ComplyOffer[] {
  const offers: ComplyOffer[] = [];
  // Only the documents the range touches can have a `kind:` line in it.
  const from = doc.offsetAt({ line: range.start.line, character: 0 });
  const to = doc.offsetAt({ line: range.end.line + 1, character: 0 });
  for (const object of analyzed.placement.objectsIn(from, to)) {
    const line = doc.positionAt(object.kindRange[0]).line;
    if (line < range.start.line || line > range.end.line || object.policy.exemption) continue;
    for (const level of TARGETS) {
      if (levelRank(level) <= levelRank(object.levels.satisfies) || object.levels[level] === 0) continue;
      if (!canFix(analyzed, object, level)) continue;
      offers.push({ docIndex: object.docIndex, level, title: `Make this ${object.kind} comply with ${renderLevelVersion(target(object, level))}` });
    }
  }
  return offers;
}

/** The edits that make one workload comply with `level`: fix-all under that level in every mode. */
export function complyEdits(analyzed: Analyzed, docIndex: number, level: TargetLevel): TextEdit[] {
  const object = analyzed.placement.objectOfDocument(docIndex);
  if (!object) return [];
  return analyzed.memo(`comply:${docIndex}:${level}`, () => fixDocumentEdits(analyzed, docIndex, targetPolicy(object, level)));
}

function canFix(analyzed: Analyzed, object: ObjectResult, level: TargetLevel): boolean {
  return analyzed.memo(`comply-offer:${object.docIndex}:${level}`, () => {
    const parsed = analyzed.documents[object.docIndex];
    const at = parsed && evaluateDocument(parsed, { policy: targetPolicy(object, level), podTemplates: analyzed.podTemplates }, analyzed.text).object;
    return Boolean(at?.violations.some((v) => v.fixes.some((plan) => plan.safe && plan.isPreferred && analyzed.render(plan))));
  });
}

function target(object: ObjectResult, level: TargetLevel): LevelVersion {
  return { level, version: object.policy.enforce.version };
}

function targetPolicy(object: ObjectResult, level: TargetLevel): Policy {
  const pair = target(object, level);
  return { enforce: pair, warn: pair, audit: pair };
}
