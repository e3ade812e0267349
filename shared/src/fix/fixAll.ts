import { evaluate, type EvaluateOptions, type ObjectResult, type Violation } from '../evaluate/evaluate';
import { isHelmTemplate } from '../evaluate/helm';
import { parseDocuments } from '../yaml/parse';
import { applyEdits, disjoint } from './apply';
import { expectedData, sameData } from './expected';
import { MAX_ALIASES, renderFix, StyleCache } from './render';
import type { Fix, FixPlan, TextEdit } from './types';

/** Which findings a fix-all pass takes: every shown one, or one object's. */
export interface FixAllOptions extends EvaluateOptions {
  /** Keep only these objects (by document index); default all. */
  readonly documents?: ReadonlySet<number>;
}

/** Enough for every finding of one container to be fixed one after another. */
const MAX_PASSES = 24;

/**
 * Applies every safe, preferred fix until none is left, document by document: each pass renders
 * the fixes of the current text, applies those that do not touch each other, and evaluates again.
 * Only the documents being fixed are re-parsed, so a large file costs what its workloads cost.
 * Returns the new text (the same string when nothing changed).
 */
export function fixAll(text: string, options: FixAllOptions): string {
  const documents = parseDocuments(text);
  // A Helm template is not evaluated (evaluate/helm.ts), so nothing in it is fixed either.
  if (isHelmTemplate(text, documents.flatMap((d) => d.errors))) return text;
  let out = '';
  let at = 0;
  for (const parsed of documents) {
    if (options.documents && !options.documents.has(parsed.index)) continue;
    if (parsed.errors.length > 0) continue;
    const [start, end] = parsed.range;
    const fixed = fixDocument(text.slice(start, end), parsed.index, options);
    if (fixed === undefined) continue;
    out += text.slice(at, start) + fixed;
    at = end;
  }
  return at === 0 ? text : out + text.slice(at);
}

function fixDocument(slice: string, docIndex: number, options: EvaluateOptions): string | undefined {
  let text = slice;
  // The policy resolver sees the document's real index, though the slice parses as document 0.
  const policy = options.policy;
  const scoped: EvaluateOptions = {
    ...options,
    policy: typeof policy === 'function' ? (object) => policy({ ...object, docIndex }) : policy,
  };
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const result = evaluate(text, scoped);
    const styles = new StyleCache();
    const chosen = choose(text, result.objects.flatMap((o) => preferredSafeFixes(o, text, styles)));
    const first = chosen[0];
    if (!first) break;
    let next = applyEdits(text, chosen.flatMap((c) => c.fix.edits));
    // Each fix was proven alone; fixes that touch no common text can still clash (one empties
    // a map to `{}` before a comment, another adds a key after that comment), so several at
    // once must prove together too, or this pass applies the first alone.
    if (chosen.length > 1 && (next === undefined || !provenTogether(next, chosen.map((c) => c.plan), styles))) next = applyEdits(text, first.fix.edits);
    if (next === undefined || next === text) break;
    text = next;
  }
  return text === slice ? undefined : text;
}

/** The safe, preferred fix of each violation of an object, rendered on `text`. */
export function safeFixes(object: ObjectResult, text: string, styles = new StyleCache()): Fix[] {
  return preferredSafeFixes(object, text, styles).map((c) => c.fix);
}

interface Candidate {
  readonly fix: Fix;
  readonly plan: FixPlan;
}

function preferredSafeFixes(object: ObjectResult, text: string, styles: StyleCache): Candidate[] {
  const out: Candidate[] = [];
  const seen = new Set<string>();
  for (const violation of object.violations) {
    const candidate = preferredSafeFix(violation, text, styles);
    if (!candidate || seen.has(candidate.fix.id)) continue;
    seen.add(candidate.fix.id);
    out.push(candidate);
  }
  return out;
}

function preferredSafeFix(violation: Violation, text: string, styles: StyleCache): Candidate | undefined {
  for (const plan of violation.fixes) {
    if (!plan.safe || !plan.isPreferred) continue;
    const fix = renderFix(plan, text, styles);
    if (fix) return { fix, plan };
  }
  return undefined;
}

/**
 * True when `after` (one document) holds exactly what all `plans` describe together, applied to
 * the data of the document they were made on: the proof of render.ts, for several fixes at once.
 */
function provenTogether(after: string, plans: readonly FixPlan[], styles: StyleCache): boolean {
  const doc = plans[0]?.ops[0]?.target.ctx.doc;
  if (!doc) return false;
  try {
    const parsed = parseDocuments(after);
    const [only] = parsed;
    if (parsed.length !== 1 || !only || only.errors.length > 0 || only.problems.length > 0) return false;
    const expected = expectedData(styles.dataOf(doc), plans.flatMap((p) => p.ops));
    return expected !== undefined && sameData(expected, only.doc.toJS({ maxAliasCount: MAX_ALIASES }));
  } catch {
    return false;
  }
}

function choose(text: string, candidates: readonly Candidate[]): Candidate[] {
  const chosen: Candidate[] = [];
  const edits: TextEdit[] = [];
  for (const c of candidates) {
    if (!disjoint(edits, c.fix.edits) || applyEdits(text, [...edits, ...c.fix.edits]) === undefined) continue;
    chosen.push(c);
    edits.push(...c.fix.edits);
  }
  return chosen;
}
