import { evaluate, type EvaluateOptions, type EvaluationResult } from '../../shared/src/evaluate/evaluate';
import { IncrementalEvaluator } from '../../shared/src/evaluate/incremental';
import { applyEdits } from '../../shared/src/fix/apply';
import { fixAll } from '../../shared/src/fix/fixAll';
import { renderFix } from '../../shared/src/fix/render';
import { parseAdmissionConfig } from '../../shared/src/policy/admissionConfig';
import { parseLevelVersion, type LevelVersion } from '../../shared/src/policy/levelVersion';
import type { Policy } from '../../shared/src/policy/policy';
import { fileFacts } from '../../shared/src/policy/workspaceFacts';
import type { TextEdit } from '../../shared/src/fix/types';
import { parseDocuments, type ParsedDocument } from '../../shared/src/yaml/parse';
import type { Range } from '../../shared/src/yaml/range';
import { documentTexts, evaluateReference, fastDifference } from '../support/fastEquivalence';

/**
 * What must hold for every input (issue 6): evaluating never throws, finishes within a generous
 * bound, puts every range inside the text and gives the same result twice; every fix of every
 * violation renders without throwing, and its edits apply to a text that parses no worse than
 * before; fix-all never throws and keeps a valid file valid; the incremental evaluator agrees with
 * a fresh evaluation; the fast parser (yaml/fast.ts) gives up or gives what the reference path
 * gives, node by node and result by result; namespace facts and admission configurations are
 * read without throwing.
 * Failures are returned, not thrown,
 * so the long run can count them.
 */
export interface Failure {
  readonly kind: 'throw' | 'slow' | 'range' | 'nondeterministic' | 'incremental' | 'fix-throw' | 'fix-range' | 'fix-overlap' | 'fix-invalid' | 'fixall-throw' | 'fixall-invalid' | 'fast-path';
  readonly detail: string;
}

export interface CaseOutcome {
  readonly failures: readonly Failure[];
  readonly ms: number;
  /** Numbers that show the case reached the engine: objects, violations, rendered fixes. */
  readonly objects: number;
  readonly violations: number;
  readonly fixes: number;
}

function lv(text: string): LevelVersion {
  const { value } = parseLevelVersion(text);
  if (!value) throw new Error(text);
  return value;
}

/** Policies a case is evaluated under: fixed ones at several versions, and a resolver per object. */
export const POLICIES: ReadonlyArray<EvaluateOptions> = [
  { policy: { enforce: lv('baseline:latest'), warn: lv('restricted:latest'), audit: lv('restricted:latest') } },
  { policy: { enforce: lv('restricted:v1.24'), warn: lv('baseline:v1.0'), audit: lv('restricted:latest') } },
  { policy: { enforce: lv('restricted:latest'), warn: lv('restricted:v1.35'), audit: lv('privileged:latest') }, cap: 30 },
  { policy: (object): Policy => (object.namespace === 'prod' ? { enforce: lv('restricted:latest'), warn: lv('restricted:latest'), audit: lv('restricted:latest') } : { enforce: lv('baseline:v1.22'), warn: lv('restricted:v1.22'), audit: lv('baseline:latest') }) },
];

/**
 * `base` is the text before the mutations: evaluated first by the same incremental evaluator
 * (as the editor does on every keystroke), the mutated text must give what a fresh evaluation gives.
 */
export function checkCase(text: string, options: EvaluateOptions, boundMs: number, base?: string): CaseOutcome {
  const failures: Failure[] = [];
  const started = performance.now();
  const first = attempt(() => evaluate(text, options));
  if (first instanceof Error) return { failures: [{ kind: 'throw', detail: describe(first) }], ms: performance.now() - started, objects: 0, violations: 0, fixes: 0 };
  failures.push(...rangeFailures(text, first));
  const second = attempt(() => evaluate(text, options));
  if (second instanceof Error) failures.push({ kind: 'throw', detail: `second run: ${describe(second)}` });
  else {
    const a = JSON.stringify(project(first));
    const b = JSON.stringify(project(second));
    if (a !== b) failures.push({ kind: 'nondeterministic', detail: firstDifference(a, b) });
  }
  if (base !== undefined) {
    const incremental = attempt(() => {
      const evaluator = new IncrementalEvaluator(options);
      evaluator.evaluate(base);
      return evaluator.evaluate(text).result;
    });
    if (incremental instanceof Error) failures.push({ kind: 'throw', detail: `incremental: ${describe(incremental)}` });
    else {
      const a = JSON.stringify(project(first));
      const b = JSON.stringify(project(incremental));
      if (a !== b) failures.push({ kind: 'incremental', detail: `after the base text: ${firstDifference(a, b)}` });
    }
  }
  const documents = parseDocuments(text);
  const errorDocs = documents.filter((d) => d.errors.length > 0).length;
  let fixes = 0;
  for (const object of first.objects) {
    for (const violation of object.violations) {
      for (const plan of violation.fixes) {
        const fix = attempt(() => renderFix(plan, text));
        if (fix instanceof Error) {
          failures.push({ kind: 'fix-throw', detail: `${plan.id}: ${describe(fix)}` });
          continue;
        }
        if (!fix) continue;
        fixes++;
        const outside = fix.edits.find((e) => !inside(e.range, text.length));
        if (outside) {
          failures.push({ kind: 'fix-range', detail: `${plan.id}: edit [${outside.range.join(', ')}] outside 0..${text.length}` });
          continue;
        }
        const applied = applyEdits(text, fix.edits);
        if (applied === undefined) {
          failures.push({ kind: 'fix-overlap', detail: `${plan.id}: edits overlap` });
          continue;
        }
        const broken = brokenByEdits(text, documents, fix.edits);
        if (broken) failures.push({ kind: 'fix-invalid', detail: `${plan.id}: ${broken}` });
      }
    }
  }
  // The other readers of manifests: namespace facts (also as a kustomization) and admission configurations.
  const readers: Array<[string, () => unknown]> = [
    ['fileFacts', () => fileFacts('file:///w/ns.yaml', text)],
    ['fileFacts (kustomization)', () => fileFacts('file:///w/kustomization.yaml', text)],
    ['parseAdmissionConfig', () => parseAdmissionConfig(text, 'file:///w/admission.yaml')],
  ];
  for (const [what, read] of readers) {
    const outcome = attempt(read);
    if (outcome instanceof Error) failures.push({ kind: 'throw', detail: `${what}: ${describe(outcome)}` });
  }
  const fixedAll = attempt(() => fixAll(text, options));
  if (fixedAll instanceof Error) failures.push({ kind: 'fixall-throw', detail: describe(fixedAll) });
  else if (fixedAll !== text) {
    const after = countErrorDocuments(fixedAll);
    if (after > errorDocs || (errorDocs === 0 && after > 0)) failures.push({ kind: 'fixall-invalid', detail: `${after} documents with errors after fix-all, ${errorDocs} before:\n${fixedAll}` });
  }
  const ms = performance.now() - started;
  if (ms > boundMs) failures.push({ kind: 'slow', detail: `${Math.round(ms)} ms > ${boundMs} ms` });
  // Not timed: the test's own comparison, not the product's work.
  for (const doc of documentTexts(text)) {
    const difference = attempt(() => fastDifference(doc));
    if (difference) failures.push({ kind: 'fast-path', detail: `${difference instanceof Error ? describe(difference) : difference} in:\n${doc}` });
  }
  const reference = attempt(() => evaluateReference(text, options));
  if (reference instanceof Error) failures.push({ kind: 'throw', detail: `reference path: ${describe(reference)}` });
  else {
    const a = JSON.stringify(project(first));
    const b = JSON.stringify(project(reference));
    if (a !== b) failures.push({ kind: 'fast-path', detail: `the reference path's result differs: ${firstDifference(a, b)}` });
  }
  const violations = first.objects.reduce((n, o) => n + o.violations.length, 0);
  return { failures, ms, objects: first.objects.length, violations, fixes };
}

function rangeFailures(text: string, result: EvaluationResult): Failure[] {
  const out: Failure[] = [];
  const check = (what: string, range: Range) => {
    if (!inside(range, text.length)) out.push({ kind: 'range', detail: `${what} [${range.join(', ')}] outside 0..${text.length}` });
  };
  for (const p of result.problems) check(`problem ${p.code} "${p.message}"`, p.range);
  for (const o of result.objects) {
    check(`kindRange of document ${o.docIndex}`, o.kindRange);
    for (const v of o.violations) check(`violation ${v.checkId}`, v.range);
  }
  return out;
}

function inside(range: Range, length: number): boolean {
  const [start, end] = range;
  return Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= length;
}

/**
 * Why the documents a fix edits no longer parse, or undefined. Only those documents are parsed
 * again (alone, with the edits applied): parsing the whole file once per fix made a file of
 * 70 documents with 370 fixes take minutes.
 */
function brokenByEdits(text: string, documents: readonly ParsedDocument[], edits: readonly TextEdit[]): string | undefined {
  const first = Math.min(...edits.map((e) => e.range[0]));
  const last = Math.max(...edits.map((e) => e.range[1]));
  const touched = documents.filter((d) => d.range[1] >= first && d.range[0] <= last);
  const from = Math.min(...touched.map((d) => d.range[0]), first);
  const nextStart = documents.find((d) => d.range[0] > last)?.range[0] ?? text.length;
  const to = Math.max(last, nextStart);
  const window = applyEdits(text.slice(from, to), edits.map((e) => ({ range: [e.range[0] - from, e.range[1] - from] as const, newText: e.newText })));
  if (window === undefined) return 'edits overlap';
  const before = touched.filter((d) => d.errors.length > 0).length;
  const after = parseDocuments(window).filter((d) => d.errors.length > 0);
  if (after.length === 0 || after.length <= before && before > 0) return undefined;
  return `${after.length} edited documents with errors after the fix (${after[0]?.errors[0]?.message}), ${before} before:\n${window}`;
}

function countErrorDocuments(text: string): number {
  return parseDocuments(text).filter((d) => d.errors.length > 0).length;
}

/** Everything a caller shows, without the views behind fix plans (which hold parsed nodes). */
function project(result: EvaluationResult): unknown {
  return {
    documentCount: result.documentCount,
    problems: result.problems.map((p) => [p.code, p.severity, p.range, p.message]),
    objects: result.objects.map((o) => ({
      docIndex: o.docIndex,
      header: [o.apiVersion, o.kind, o.name, o.namespace, o.kindRange, o.isPod],
      allowed: o.allowed,
      message: o.message,
      levels: o.levels,
      modes: o.modes.map((m) => [m.mode, m.pair, m.message, m.results.map((r) => [r.checkId, r.reason, r.detail, r.findings.length])]),
      violations: o.violations.map((v) => [v.checkId, v.messageId, v.message, v.data, v.range, v.mode, v.pair, v.fixes.map((f) => [f.id, f.title, f.safe, f.isPreferred])]),
    })),
  };
}

function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `first run …${a.slice(Math.max(0, i - 80), i + 80)}… second run …${b.slice(Math.max(0, i - 80), i + 80)}…`;
}

function attempt<T>(f: () => T): T | Error {
  try {
    return f();
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
}

function describe(e: Error): string {
  return `${e.name}: ${e.message}\n${(e.stack ?? '').split('\n').slice(1, 6).join('\n')}`;
}
