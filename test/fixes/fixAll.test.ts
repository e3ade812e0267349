import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluate } from '../../shared/src/evaluate/evaluate';
import { fixAll } from '../../shared/src/fix/fixAll';
import { parseDocuments } from '../../shared/src/yaml/parse';
import { enforce, lv } from '../engine/helpers';

/** Fix-all applies several proven fixes per pass: together they must prove too. */
describe('fixAll', () => {
  it('does not combine fixes that clash around a comment (found by fuzzing)', () => {
    // Alone, removing `add` leaves `capabilities: {} #` and adding `drop` puts lines after the
    // comment; both at once nested the new lines under `{}`, which does not parse.
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: b\n    securityContext:\n      capabilities:\n        add: [SYS_ADMIN, ALL] #\n';
    const policy = { enforce: lv('restricted:v1.24'), warn: lv('baseline:v1.0'), audit: lv('restricted:latest') };
    const fixed = fixAll(text, { policy });
    assert.deepEqual(parseDocuments(fixed).flatMap((d) => d.errors), [], fixed);
    assert.notEqual(fixed, text);
    const left = evaluate(fixed, { policy }).objects[0]?.violations.map((v) => v.checkId) ?? [];
    assert.equal(left.includes('capabilities_restricted'), false, fixed);
    assert.equal(left.includes('capabilities_baseline'), false, fixed);
  });

  it('still applies fixes that prove together in one pass', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    securityContext: {privileged: true}\n  - name: b\n    securityContext: {privileged: true}\n';
    assert.equal(fixAll(text, { policy: enforce('baseline') }), text.replace(/privileged: true/g, 'privileged: false'));
  });
});
