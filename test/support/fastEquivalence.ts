import { isMap, isPair, isScalar, isSeq } from 'yaml';
import { evaluate, type EvaluateOptions, type EvaluationResult } from '../../shared/src/evaluate/evaluate';
import { renderFix } from '../../shared/src/fix/render';
import type { FixPlan } from '../../shared/src/fix/types';
import { fastPath, parseFast } from '../../shared/src/yaml/fast';
import { parseDocuments, type ParsedDocument } from '../../shared/src/yaml/parse';
import { splitDocuments } from '../../shared/src/yaml/split';

/**
 * How the fast parser (yaml/fast.ts) differs from the reference path on one `---` document's
 * text: undefined when it gives up (the reference path then parses) or when it gives exactly
 * what `parseDocuments` gives, node by node: classes, values, styles, formats, sources and every
 * `range`, the document's range, errors, problems and data.
 */
export function fastDifference(source: string): string | undefined {
  const fast = parseFast(source);
  if (!fast) return undefined;
  const reference = parseDocuments(source);
  if (reference.length !== 1) return `the reference path found ${reference.length} documents`;
  return documentDifference(fast, reference[0] as ParsedDocument);
}

/** The `---` documents of a file, as the incremental evaluator cuts them. */
export function documentTexts(text: string): string[] {
  return splitDocuments(text).map(([s, e]) => text.slice(s, e));
}

function documentDifference(fast: ParsedDocument, ref: ParsedDocument): string | undefined {
  const plain = (p: ParsedDocument) => JSON.stringify({ index: p.index, range: p.range, errors: p.errors, problems: p.problems, docRange: p.doc.range, docErrors: p.doc.errors.length, warnings: p.doc.warnings.length });
  if (plain(fast) !== plain(ref)) return `document: ${plain(fast)} ≠ ${plain(ref)}`;
  const nodes = nodeDifference(fast.doc.contents, ref.doc.contents, 'contents');
  if (nodes) return nodes;
  const data = (p: ParsedDocument) => JSON.stringify(p.doc.toJS(), (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
  return data(fast) === data(ref) ? undefined : `data: ${data(fast)} ≠ ${data(ref)}`;
}

const SCALAR_FIELDS = ['value', 'type', 'format', 'source', 'minFractionDigits', 'anchor', 'tag'] as const;

function nodeDifference(a: unknown, b: unknown, path: string): string | undefined {
  if (a === null || b === null || a === undefined || b === undefined) return a === b ? undefined : `${path}: ${String(a)} ≠ ${String(b)}`;
  const kind = (n: unknown) => (isMap(n) ? 'map' : isSeq(n) ? 'seq' : isScalar(n) ? 'scalar' : isPair(n) ? 'pair' : 'other');
  if (kind(a) !== kind(b)) return `${path}: ${kind(a)} ≠ ${kind(b)}`;
  if (isPair(a) && isPair(b)) return nodeDifference(a.key, b.key, `${path}.key`) ?? nodeDifference(a.value, b.value, `${path}.value`);
  const ra = JSON.stringify((a as { range?: unknown }).range);
  const rb = JSON.stringify((b as { range?: unknown }).range);
  if (ra !== rb) return `${path}: range ${ra} ≠ ${rb}`;
  if (isScalar(a) && isScalar(b)) {
    for (const field of SCALAR_FIELDS) {
      const x = (a as unknown as Record<string, unknown>)[field];
      const y = (b as unknown as Record<string, unknown>)[field];
      if (!Object.is(x, y) && !(typeof x === 'symbol' && typeof y === 'symbol' && x.description === y.description)) return `${path}: ${field} ${String(x)} ≠ ${String(y)}`;
    }
    return undefined;
  }
  const ca = a as { flow?: boolean; anchor?: string; tag?: string; items: unknown[] };
  const cb = b as { flow?: boolean; anchor?: string; tag?: string; items: unknown[] };
  if (ca.flow !== cb.flow || ca.anchor !== cb.anchor || ca.tag !== cb.tag) return `${path}: flow/anchor/tag ${ca.flow}/${ca.anchor}/${ca.tag} ≠ ${cb.flow}/${cb.anchor}/${cb.tag}`;
  if (ca.items.length !== cb.items.length) return `${path}: ${ca.items.length} items ≠ ${cb.items.length}`;
  for (let i = 0; i < ca.items.length; i++) {
    const d = nodeDifference(ca.items[i], cb.items[i], `${path}[${i}]`);
    if (d) return d;
  }
  return undefined;
}

/**
 * Everything a client sees of a result, in a comparable form: objects, modes, messages,
 * violations with their ranges, problems, and every violation's fixes rendered on `text`.
 */
export function resultProjection(text: string, result: EvaluationResult): unknown {
  return {
    documentCount: result.documentCount,
    problems: result.problems,
    objects: result.objects.map((o) => ({
      ...o,
      modes: o.modes.map((m) => ({ ...m, results: m.results.map((r) => ({ ...r, findings: r.findings.map(finding) })) })),
      violations: o.violations.map(finding),
      suppressed: o.suppressed.map(finding),
      fixes: o.violations.map((v) => v.fixes.map((p) => renderFix(p, text) ?? null)),
    })),
  };
}

/** A finding without its fix plans (they hold nodes); their ids stay. */
function finding<T extends { fixes: readonly FixPlan[] }>(f: T): Omit<T, 'fixes'> & { fixIds: string[] } {
  const { fixes, ...rest } = f;
  return { ...rest, fixIds: fixes.map((p) => p.id) };
}

/** `evaluate` on the reference path alone, with the fast parser off. */
export function evaluateReference(text: string, options: EvaluateOptions): EvaluationResult {
  fastPath.enabled = false;
  try {
    return evaluate(text, options);
  } finally {
    fastPath.enabled = true;
  }
}
