import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { evaluate, evaluateDocuments, type EvaluationResult } from '../../shared/src/evaluate/evaluate';
import { IncrementalEvaluator } from '../../shared/src/evaluate/incremental';
import { renderFix } from '../../shared/src/fix/render';
import type { Policy } from '../../shared/src/policy/policy';
import { parseDocuments } from '../../shared/src/yaml/parse';
import { lv } from './helpers';

/**
 * The incremental path (one file's versions, re-evaluating only changed documents) must give what
 * a fresh evaluation of the final text gives, after any sequence of edits: insertions and
 * deletions anywhere, across document boundaries, `---` added and removed. Seeded, so a failure
 * names its edit sequence.
 */
const ROOT = resolve(__dirname, '../../..');
const CORPUS = ['examples/compliant-deployment.yaml', 'examples/baseline-only-deployment.yaml', 'examples/host-takeover-daemonset.yaml', 'examples/namespace.yaml']
  .map((f) => readFileSync(join(ROOT, f), 'utf8'))
  .join('---\n');
const POLICY: Policy = { enforce: lv('baseline:latest'), warn: lv('restricted:latest'), audit: lv('restricted:v1.24') };
const INSERTS = ['---\n', '\n---\n', '---', '\n', ' ', '  ', ':', '- ', '#', 'x', 'true', '{', '"', '\r\n', '...\n', 'kind: Pod\n', '  privileged: true\n', '\t', 'é', '&a ', '*a'];

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Everything a client sees of a result, in a comparable form. */
function projection(text: string, result: EvaluationResult): unknown {
  return {
    documentCount: result.documentCount,
    problems: result.problems.map((p) => [p.code, p.severity, p.message, p.range]),
    objects: result.objects.map((o) => ({
      docIndex: o.docIndex,
      kind: o.kind,
      name: o.name,
      namespace: o.namespace,
      kindRange: o.kindRange,
      allowed: o.allowed,
      message: o.message,
      levels: o.levels,
      violations: o.violations.map((v) => [v.checkId, v.mode, v.pair, v.range, v.message, v.detail, v.fixes.map((p) => p.id)]),
      suppressed: o.suppressed.map((v) => [v.checkId, v.range, v.suppression]),
      fixes: o.violations.slice(0, 2).map((v) => v.fixes.map((p) => renderFix(p, text)?.edits ?? null)),
    })),
  };
}

/** Whole lines people add: they keep the YAML valid more often than a random character does. */
const LINES = ['---\n', '# a comment\n', '\n', '# podsec-ignore privileged,hostNamespaces -- reviewed\n', '---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: a, securityContext: {privileged: true}}]}\n'];

function edit(text: string, next: () => number): string {
  if (next() < 0.5) return editLines(text, next);
  const at = Math.floor(next() * (text.length + 1));
  if (next() < 0.55) {
    const insert = INSERTS[Math.floor(next() * INSERTS.length)] ?? '';
    return text.slice(0, at) + insert + text.slice(at);
  }
  const length = 1 + Math.floor(next() * (next() < 0.2 ? 200 : 12));
  return text.slice(0, at) + text.slice(at + length);
}

let wholeCompared = 0;

function editLines(text: string, next: () => number): string {
  const lines = text.split(/(?<=\n)/);
  const at = Math.floor(next() * (lines.length + 1));
  if (next() < 0.6) lines.splice(at, 0, LINES[Math.floor(next() * LINES.length)] ?? '');
  else lines.splice(at, 1 + Math.floor(next() * 3));
  return lines.join('');
}

describe('incremental evaluation', () => {
  for (const [seed, lean] of [1, 2, 3, 4, 5, 6].flatMap((seed) => [[seed, false], [seed, true]] as const)) {
    it(`equals a fresh evaluation after every one of 120 random edits (seed ${seed}${lean ? ', lean' : ''})`, () => {
      const next = rng(seed);
      const incremental = new IncrementalEvaluator({ policy: POLICY }, lean);
      let text = CORPUS;
      for (let step = 0; step < 120; step++) {
        text = edit(text, next);
        // Grow back now and then, so the text does not wear away; start over from valid YAML
        // when it has been broken for a while, so both kinds of text get their share.
        if (text.length < CORPUS.length / 3) text += `---\n${CORPUS}`;
        if (step % 12 === 11) text = CORPUS;
        const got = projection(text, incremental.evaluate(text).result);
        const want = projection(text, evaluate(text, { policy: POLICY }));
        assert.deepEqual(got, want, `seed ${seed}, step ${step}:\n${text}`);
        // Valid YAML reads the same parsed document by document as parsed in one go.
        const whole = evaluateDocuments(parseDocuments(text), { policy: POLICY }, text);
        if (!whole.problems.some((p) => p.code === 'yaml-syntax')) {
          wholeCompared++;
          assert.deepEqual(got, projection(text, whole), `seed ${seed}, step ${step}, whole-stream parse:\n${text}`);
        }
      }
    });
  }

  it('met valid YAML often enough to compare with the whole-stream parse', () => {
    assert.ok(wholeCompared > 200, `compared ${wholeCompared} times`);
  });

  it('renders, lean, every fix an evaluator that keeps trees renders, before and after documents move', () => {
    const rendered = (text: string, incremental: IncrementalEvaluator) =>
      incremental.evaluate(text).result.objects.flatMap((o) => o.violations.flatMap((v) => v.fixes.map((p) => [p.id, renderFix(p, text)?.edits ?? null])));
    const eager = new IncrementalEvaluator({ policy: POLICY });
    const lean = new IncrementalEvaluator({ policy: POLICY }, true);
    const moved = `# a comment above everything\n${CORPUS}`;
    for (const text of [CORPUS, moved, CORPUS]) {
      const want = rendered(text, eager);
      assert.ok(want.filter(([, edits]) => edits !== null).length > 5);
      assert.deepEqual(rendered(text, lean), want);
    }
  });

  it('renders, lean, no fix when the document no longer evaluates to the same plans', () => {
    let strict = false;
    const policy = (): Policy => (strict ? { enforce: lv('privileged:latest'), warn: lv('privileged:latest'), audit: lv('privileged:latest') } : POLICY);
    const lean = new IncrementalEvaluator({ policy }, true);
    const plans = lean.evaluate(CORPUS).result.objects.flatMap((o) => o.violations.flatMap((v) => v.fixes));
    assert.ok(plans.length > 0);
    // The resolver answers differently now, without a new context: the plans find no operations.
    strict = true;
    for (const plan of plans) assert.equal(renderFix(plan, CORPUS), undefined);
  });

  it('re-evaluates, lean, every document under new options', () => {
    const incremental = new IncrementalEvaluator({ policy: POLICY }, true);
    incremental.evaluate(CORPUS);
    const strict: Policy = { enforce: lv('restricted:v1.30'), warn: lv('restricted:latest'), audit: lv('baseline:v1.0') };
    incremental.setOptions({ policy: strict });
    const text = `${CORPUS}# edited\n`;
    const evaluated = incremental.evaluate(text);
    assert.deepEqual(projection(text, evaluated.result), projection(text, evaluate(text, { policy: strict })));
    // Its documents parse their trees when read, and read as the whole-stream parse does.
    const whole = parseDocuments(text);
    assert.equal(evaluated.documents.length, whole.length);
    evaluated.documents.forEach((d, i) => {
      assert.deepEqual(d.range, whole[i]?.range);
      assert.deepEqual(d.doc.toJS(), whole[i]?.doc.toJS());
    });
  });

  it('reuses documents that did not change', () => {
    const incremental = new IncrementalEvaluator({ policy: POLICY });
    const first = incremental.evaluate(CORPUS).result;
    const edited = `# a comment above everything\n${CORPUS}`;
    const second = incremental.evaluate(edited).result;
    // The last document moved but was not evaluated again: its violations are the same objects'
    // copies, shifted, and its fix plans are the very same.
    const a = first.objects[first.objects.length - 1];
    const b = second.objects[second.objects.length - 1];
    assert.ok(a && b && a.violations.length > 0);
    assert.equal(b.violations[0]?.range[0], (a.violations[0]?.range[0] ?? 0) + 29);
    assert.equal(b.violations[0]?.fixes[0], a.violations[0]?.fixes[0]);
  });

  it('re-evaluates every document under new options without parsing again', () => {
    const incremental = new IncrementalEvaluator({ policy: POLICY });
    incremental.evaluate(CORPUS);
    const strict: Policy = { enforce: lv('restricted:v1.30'), warn: lv('restricted:latest'), audit: lv('baseline:v1.0') };
    incremental.setOptions({ policy: strict });
    const text = `${CORPUS}# edited\n`;
    assert.deepEqual(projection(text, incremental.evaluate(text).result), projection(text, evaluate(text, { policy: strict })));
  });

  it('renders no fix for a version whose text no longer holds the document', () => {
    const incremental = new IncrementalEvaluator({ policy: POLICY });
    const old = incremental.evaluate(CORPUS).result;
    const plan = old.objects.flatMap((o) => o.violations).find((v) => v.fixes.length > 0)?.fixes[0];
    assert.ok(plan);
    assert.ok(renderFix(plan, CORPUS));
    incremental.evaluate(`\n\n${CORPUS}`);
    assert.equal(renderFix(plan, CORPUS), undefined);
  });
});
