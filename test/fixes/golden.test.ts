import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { isMap, isSeq, parseDocument, visit, type Node } from 'yaml';
import { evaluate, type ObjectResult } from '../../shared/src/evaluate/evaluate';
import { applyEdits } from '../../shared/src/fix/apply';
import { unifiedDiff } from '../../shared/src/fix/diff';
import { renderFix } from '../../shared/src/fix/render';
import type { Fix } from '../../shared/src/fix/types';
import type { Policy } from '../../shared/src/policy/policy';
import { PARSE_OPTIONS } from '../../shared/src/yaml/parse';
import { lv } from '../engine/helpers';
import { CASES, type FixCase } from './cases';

/**
 * Before/after tests for every fix: each case's fix applied to the manifest as written (block
 * style, 2 spaces, comments around the edit), re-indented with 4 spaces, with lists not indented
 * under their keys, and with its pod's collections in flow style. The expected change is kept as a unified diff in
 * golden/, so a review sees exactly which bytes a fix touches. CRLF is checked by construction:
 * fixing the CRLF text must give the LF result with CRLF line endings.
 * `UPDATE_GOLDEN=1` rewrites the diffs after an intended change.
 */
const GOLDEN = resolve(__dirname, '../../../test/fixes/golden');
const UPDATE = process.env['UPDATE_GOLDEN'] === '1';

type Style = 'block2' | 'block4' | 'flat' | 'flow';

function policyAt(pair: string): Policy {
  const value = lv(pair);
  return { enforce: value, warn: value, audit: value };
}

function workload(text: string, policy: Policy): ObjectResult {
  const objects = evaluate(text, { policy }).objects.filter((o) => o.kind !== 'Service');
  assert.equal(objects.length, 1);
  return objects[0] as ObjectResult;
}

function pick(c: FixCase, text: string, object: ObjectResult): Fix | undefined {
  for (const v of object.violations.filter((x) => x.checkId === c.check)) {
    for (const plan of v.fixes) {
      if (c.take !== 'first' && !plan.isPreferred) continue;
      const fix = renderFix(plan, text);
      if (fix) return fix;
    }
  }
  return undefined;
}

/** Applies the case's fix until its check has no finding left; the final text. */
function fixCase(c: FixCase, text: string): string {
  const policy = policyAt(c.pair);
  let current = text;
  assert.ok(workload(current, policy).violations.some((v) => v.checkId === c.check), `${c.name}: no ${c.check} finding before the fix:\n${text}`);
  for (let i = 0; i < 10; i++) {
    const object = workload(current, policy);
    if (!object.violations.some((v) => v.checkId === c.check)) return current;
    const fix = pick(c, current, object);
    assert.ok(fix, `${c.name}: no fix offered for ${c.check} in:\n${current}`);
    const next = applyEdits(current, fix.edits);
    assert.ok(next !== undefined, `${c.name}: overlapping edits`);
    current = next;
  }
  assert.fail(`${c.name}: ${c.check} still reported after 10 fixes:\n${current}`);
}

function variant(text: string, style: Style): string {
  if (style === 'block2') return text;
  const docs = text.split(/^---\n/m);
  const doc = parseDocument(docs[0] ?? '', PARSE_OPTIONS);
  if (style === 'flow') {
    visit(doc, {
      Pair(_k, pair) {
        const key = (pair.key as { value?: unknown } | null)?.value;
        const value = pair.value as Node | null;
        if ((key === 'securityContext' || key === 'annotations') && isMap(value)) toFlow(value);
        if ((key === 'containers' || key === 'volumes' || key === 'ports') && isSeq(value)) {
          for (const item of value.items) if (isMap(item)) toFlow(item);
        }
      },
    });
  }
  // block4: 4-space maps; flat: lists not indented under their key (`containers:\n- name: a`).
  const rendered = doc.toString({ indent: style === 'block4' ? 4 : 2, indentSeq: style !== 'block4' && style !== 'flat', lineWidth: 0 });
  return [rendered, ...docs.slice(1)].join('---\n');
}

/**
 * A collection written on one line, as people write flow style: its comments (which would force
 * the yaml library to break it over many lines) are dropped from this variant.
 */
function toFlow(node: Node): void {
  (node as { flow?: boolean }).flow = true;
  visit(node, (_k, n) => {
    const c = n as { comment?: string; commentBefore?: string; spaceBefore?: boolean };
    c.comment = undefined;
    c.commentBefore = undefined;
    c.spaceBefore = undefined;
  });
}

function golden(name: string, actual: string): void {
  const file = join(GOLDEN, `${name}.diff`);
  if (UPDATE || !existsSync(file)) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, actual);
    if (!UPDATE) assert.fail(`${file} did not exist and was written: review it and run the test again`);
    return;
  }
  assert.equal(actual, readFileSync(file, 'utf8'), `${file} differs (UPDATE_GOLDEN=1 rewrites it after an intended change)`);
}

describe('fix golden files', () => {
  for (const c of CASES) {
    for (const style of ['block2', 'block4', 'flat', 'flow'] as const) {
      it(`${c.name} (${style})`, () => {
        const before = variant(c.text, style);
        const after = fixCase(c, before);
        golden(`${c.name}.${style}`, unifiedDiff(`${c.name}.yaml`, before, after));
        const service = before.slice(before.indexOf('---\n'));
        assert.ok(after.endsWith(service), 'the other document is unchanged');
      });
    }
    it(`${c.name} (CRLF)`, () => {
      const crlf = c.text.replace(/\n/g, '\r\n');
      assert.equal(fixCase(c, crlf), fixCase(c, c.text).replace(/\n/g, '\r\n'));
    });
  }
});
