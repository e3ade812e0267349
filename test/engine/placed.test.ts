import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { changedRegion, linesAround } from '../../shared/src/changedRegion';
import { evaluate, type ObjectResult } from '../../shared/src/evaluate/evaluate';
import { IncrementalEvaluator } from '../../shared/src/evaluate/incremental';
import type { Policy } from '../../shared/src/policy/policy';
import { applyEdit, randomEdit, rng } from '../support/randomEdits';
import { lv } from './helpers';

/**
 * The placement (evaluate/placed.ts) answers questions about one version without placing the
 * whole file: every lookup must give what the whole result gives, after any edits.
 */
const ROOT = resolve(__dirname, '../../..');
const CORPUS = ['examples/compliant-deployment.yaml', 'examples/baseline-only-deployment.yaml', 'examples/host-takeover-daemonset.yaml', 'examples/namespace.yaml']
  .map((f) => readFileSync(join(ROOT, f), 'utf8'))
  .join('---\n');
const POLICY: Policy = { enforce: lv('baseline:latest'), warn: lv('restricted:latest'), audit: lv('restricted:v1.24') };

const brief = (o: ObjectResult) => ({ docIndex: o.docIndex, kind: o.kind, name: o.name, kindRange: o.kindRange, violations: o.violations.map((v) => [v.checkId, v.mode, v.range, v.message]) });

describe('placement lookups', () => {
  for (const seed of [11, 12, 13]) {
    it(`agree with the whole result after each of 100 random edits (seed ${seed})`, () => {
      const next = rng(seed);
      const incremental = new IncrementalEvaluator({ policy: POLICY });
      let text = CORPUS;
      for (let step = 0; step < 100; step++) {
        text = applyEdit(text, randomEdit(text, next));
        if (text.length < CORPUS.length / 3) text += `---\n${CORPUS}`;
        const { placement } = incremental.evaluate(text);
        const whole = evaluate(text, { policy: POLICY });
        const where = `seed ${seed}, step ${step}:\n${text}`;
        // Pieces cover the text in order, and each keeps its ranges inside its span.
        let end = 0;
        for (const piece of placement.pieces) {
          assert.ok(piece.span[0] >= end && piece.span[1] >= piece.span[0] && piece.span[1] <= text.length, where);
          end = piece.span[1];
          for (const o of placement.objectsOf(piece)) for (const r of [o.kindRange, ...o.violations.map((v) => v.range)]) assert.ok(r[0] >= piece.span[0] && r[1] <= piece.span[1], where);
        }
        assert.deepEqual(placement.pieces.flatMap((p) => placement.objectsOf(p)).map(brief), whole.objects.map(brief), where);
        for (const object of whole.objects) {
          assert.deepEqual(brief(placement.objectOfDocument(object.docIndex) as ObjectResult), brief(object), where);
          for (const at of [object.kindRange[0], object.kindRange[1], ...object.violations.flatMap((v) => v.range)]) {
            assert.ok(placement.objectsAt(at).some((o) => o.docIndex === object.docIndex), `${where}\nobject ${object.docIndex} at ${at}`);
          }
          const [from, to] = object.kindRange;
          assert.ok(placement.objectsIn(from - 1, to + 1).some((o) => o.docIndex === object.docIndex), where);
        }
      }
    });
  }
});

describe('changedRegion', () => {
  it('finds the one place two texts differ, whatever its size', () => {
    const next = rng(3);
    // No repetition, so each change has one description.
    const base = Array.from({ length: 50000 }, () => String.fromCharCode(97 + Math.floor(next() * 26))).join('');
    for (const [before, after, want] of [
      [base, base, undefined],
      [base, `${base}x`, { start: base.length, beforeEnd: base.length, afterEnd: base.length + 1 }],
      [base, `x${base}`, { start: 0, beforeEnd: 0, afterEnd: 1 }],
      [base, base.slice(0, 30000) + base.slice(30010), { start: 30000, beforeEnd: 30010, afterEnd: 30000 }],
      [base, `${base.slice(0, 20000)}XYZ${base.slice(20001)}`, { start: 20000, beforeEnd: 20001, afterEnd: 20003 }],
      [base, `${base.slice(0, 16384)}XYZ${base.slice(16384)}`, { start: 16384, beforeEnd: 16384, afterEnd: 16387 }],
      // Repeated text: the common start and end never overlap.
      ['aaaa', 'aaaaaa', { start: 4, beforeEnd: 4, afterEnd: 6 }],
      ['', 'x', { start: 0, beforeEnd: 0, afterEnd: 1 }],
    ] as const) {
      assert.deepEqual(changedRegion(before, after), want);
    }
  });

  it('describes every random edit so that applying it gives the new text', () => {
    const next = rng(7);
    let text = CORPUS.repeat(20);
    for (let i = 0; i < 300; i++) {
      const after = applyEdit(text, randomEdit(text, next));
      const region = changedRegion(text, after);
      if (region) assert.equal(text.slice(0, region.start) + after.slice(region.start, region.afterEnd) + text.slice(region.beforeEnd), after);
      else assert.equal(text, after);
      text = after;
    }
  });

  it('widens a range to whole lines', () => {
    assert.equal(linesAround('ab\ncd\nef', 4, 4), 'cd');
    assert.equal(linesAround('ab\ncd\nef', 3, 3), 'cd');
    assert.equal(linesAround('ab\ncd\nef', 1, 7), 'ab\ncd\nef');
  });
});
