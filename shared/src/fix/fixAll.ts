import { evaluate, type EvaluateOptions, type ObjectResult, type Violation } from '../evaluate/evaluate';
import { isHelmTemplate } from '../evaluate/helm';
import { parseDocuments } from '../yaml/parse';
import { applyEdits, disjoint } from './apply';
import { renderFix, StyleCache } from './render';
import type { Fix, TextEdit } from './types';

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
    const edits = chooseFixes(text, result.objects.flatMap((o) => safeFixes(o, text)));
    if (edits.length === 0) break;
    const next = applyEdits(text, edits);
    if (next === undefined || next === text) break;
    text = next;
  }
  return text === slice ? undefined : text;
}

/** The safe, preferred fix of each violation of an object, rendered on `text`. */
export function safeFixes(object: ObjectResult, text: string, styles = new StyleCache()): Fix[] {
  const out: Fix[] = [];
  const seen = new Set<string>();
  for (const violation of object.violations) {
    const fix = preferredSafeFix(violation, text, styles);
    if (!fix || seen.has(fix.id)) continue;
    seen.add(fix.id);
    out.push(fix);
  }
  return out;
}

function preferredSafeFix(violation: Violation, text: string, styles: StyleCache): Fix | undefined {
  for (const plan of violation.fixes) {
    if (!plan.safe || !plan.isPreferred) continue;
    const fix = renderFix(plan, text, styles);
    if (fix) return fix;
  }
  return undefined;
}

/** Fixes whose edits touch no other chosen fix's edits, in order. */
export function chooseFixes(text: string, fixes: readonly Fix[]): TextEdit[] {
  const chosen: TextEdit[] = [];
  for (const fix of fixes) {
    if (!disjoint(chosen, fix.edits)) continue;
    if (applyEdits(text, [...chosen, ...fix.edits]) === undefined) continue;
    chosen.push(...fix.edits);
  }
  return chosen;
}
