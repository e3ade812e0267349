import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { evaluate, type ObjectResult } from '../../shared/src/evaluate/evaluate';
import { applyEdits } from '../../shared/src/fix/apply';
import { fixAll } from '../../shared/src/fix/fixAll';
import { renderFix } from '../../shared/src/fix/render';
import type { Fix } from '../../shared/src/fix/types';
import type { Policy } from '../../shared/src/policy/policy';
import { parseDocuments } from '../../shared/src/yaml/parse';
import { collectCheckCases } from '../support/checkTester';
import { stripMarkers } from '../support/markers';
import { inMultiDocument, wrapPod, WRAPPABLE_KINDS } from '../support/wrap';
import { lv } from '../engine/helpers';

/**
 * The rules every fix must keep (issue 4), over every failing case of every check's table, wrapped
 * in every kind with a pod template and inside a multi-document file:
 * - each fix alone: the file still parses, its finding is gone, no check gains a finding, the
 *   other documents are byte for byte the same, and the same fix is not offered again;
 * - fix-all: the file parses and every finding that had a safe fix is gone, so a workload whose
 *   findings are all safely fixable passes;
 * - safe fixes applied one by one in a shuffled order keep the file valid all the way.
 */
const CHECKS_DIR = join(__dirname, '../../shared/src/checks');
const corpus = collectCheckCases(() => {
  for (const file of readdirSync(CHECKS_DIR).filter((f) => f.endsWith('.test.js')).sort()) require(join(CHECKS_DIR, file));
});

function policyAt(pair: string): Policy {
  const value = lv(pair);
  return { enforce: value, warn: value, audit: value };
}

/** The one workload of a text, which must parse without errors. */
function workload(text: string, policy: Policy, what = 'the text'): ObjectResult {
  const result = evaluate(text, { policy });
  const syntax = result.problems.filter((p) => p.code === 'yaml-syntax');
  assert.deepEqual(syntax, [], `${what} does not parse:\n${text}`);
  const objects = result.objects.filter((o) => o.kind !== 'Service' && o.kind !== 'ConfigMap');
  assert.equal(objects.length, 1, `one workload in:\n${text}`);
  return objects[0] as ObjectResult;
}

function countByCheck(object: ObjectResult): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of object.violations) counts.set(v.checkId, (counts.get(v.checkId) ?? 0) + 1);
  return counts;
}

/** The text of every document but the workload's: what no fix may touch. */
function others(text: string): string[] {
  if (!text.includes('\n---\n')) return [];
  return parseDocuments(text)
    .filter((d) => !/^kind: (?!Service|ConfigMap)/m.test(text.slice(d.range[0], d.range[1])))
    .map((d) => text.slice(d.range[0], d.range[1]));
}

function offeredFixes(text: string, object: ObjectResult): Array<{ fix: Fix; checkId: string }> {
  const out: Array<{ fix: Fix; checkId: string }> = [];
  for (const v of object.violations) {
    for (const plan of v.fixes) {
      const fix = renderFix(plan, text);
      if (fix) out.push({ fix, checkId: v.checkId });
    }
  }
  return out;
}

/** A small deterministic shuffle, so a failure names the order that broke. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

let total = 0;
let applied = 0;
for (const { check, cases } of corpus) {
  describe(`fixes for ${check.id}`, () => {
    for (const [i, c] of cases.invalid.entries()) {
      for (const version of c.versions ?? ['latest']) {
        it(`invalid #${i}${c.name ? ` (${c.name})` : ''} at ${version}`, () => {
          const { text: body } = stripMarkers(c.yaml);
          const policy = policyAt(`${check.level}:${version}`);
          for (const kind of WRAPPABLE_KINDS) {
            // One kind also goes between other documents, which no fix may touch.
            const texts = kind === 'Deployment' ? [wrapPod(body, kind), inMultiDocument(wrapPod(body, kind))] : [wrapPod(body, kind)];
            for (const text of texts) {
              total++;
              applied += checkEachFix(text, policy);
              checkFixAll(text, policy);
              checkShuffledOrder(text, policy, i + 7 * total);
            }
          }
        });
      }
    }
  });
}

function checkEachFix(text: string, policy: Policy): number {
  const before = workload(text, policy);
  const counts = countByCheck(before);
  const untouched = others(text);
  let n = 0;
  const offered = offeredFixes(text, before);
  const titles = new Map<string, number>();
  for (const { fix } of offered) titles.set(fix.title, (titles.get(fix.title) ?? 0) + 1);
  for (const { fix, checkId } of offered) {
    const after = applyEdits(text, fix.edits);
    assert.ok(after !== undefined, `${fix.title}: edits overlap`);
    const object = workload(after, policy, `after "${fix.title}"`);
    assert.deepEqual(others(after), untouched, `"${fix.title}" changed another document`);
    const now = countByCheck(object);
    assert.ok((now.get(checkId) ?? 0) < (counts.get(checkId) ?? 0), `"${fix.title}" left its finding:\n${after}`);
    for (const [id, count] of now) {
      assert.ok(count <= (counts.get(id) ?? 0), `"${fix.title}" added a ${id} finding:\n${after}`);
    }
    // Duplicated list items (`add: [X, X]`) are two findings with one fix each, alike.
    if (titles.get(fix.title) === 1) {
      assert.ok(!object.violations.some((v) => v.fixes.some((p) => p.id === fix.id)), `"${fix.title}" is offered again:\n${after}`);
    }
    n++;
  }
  return n;
}

function checkFixAll(text: string, policy: Policy): void {
  const before = workload(text, policy);
  const unfixable = new Set(before.violations.filter((v) => !v.fixes.some((p) => p.safe && p.isPreferred && renderFix(p, text))).map((v) => v.checkId));
  const after = fixAll(text, { policy });
  const left = workload(after, policy, 'after fix-all').violations;
  assert.deepEqual(others(after), others(text), 'fix-all changed another document');
  for (const v of left) {
    assert.ok(unfixable.has(v.checkId), `fix-all left a fixable ${v.checkId} finding (${v.message}):\n${after}`);
  }
  if (unfixable.size === 0) assert.equal(left.length, 0, `a workload with only safely fixable findings must pass:\n${after}`);
}

function checkShuffledOrder(text: string, policy: Policy, seed: number): void {
  const ids = shuffled(offeredFixes(text, workload(text, policy)).filter((f) => f.fix.safe).map((f) => f.fix.id), seed);
  let current = text;
  let object = workload(current, policy);
  for (const id of ids) {
    const plan = object.violations.flatMap((v) => v.fixes).find((p) => p.id === id);
    const fix = plan && renderFix(plan, current);
    if (!fix) continue;
    const next = applyEdits(current, fix.edits);
    assert.ok(next !== undefined);
    object = workload(next, policy, `after "${fix.title}" in order ${ids.join(', ')}`);
    current = next;
  }
}

describe('fix corpus', () => {
  it('covers every check and applies fixes', () => {
    assert.ok(corpus.length >= 19, `checks with cases: ${corpus.length}`);
    assert.ok(total > 0 && applied > 0);
  });
});
