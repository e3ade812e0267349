import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evalAt, underlined } from './helpers';

const pod = (spec: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n${spec}`;

describe('finding ranges', () => {
  it('underline the value in flow style', () => {
    const text = pod('  containers: [{name: a, securityContext: {privileged: true}}]\n');
    const r = evalAt(text, 'baseline');
    assert.deepEqual(underlined(text, r), [['privileged', 'true']]);
    assert.equal(r.objects[0]?.violations[0]?.range[0], text.indexOf('true'));
  });

  it('include the quotes of a quoted scalar and ignore trailing comments', () => {
    const text = pod('  containers:\n  - name: "a"\n    securityContext:\n      runAsNonRoot: false # not yet\n');
    assert.deepEqual(underlined(text, evalAt(text, 'restricted:v1.0')), [['runAsNonRoot', 'false']]);
  });

  it('are right with CRLF line endings', () => {
    const text = pod('  containers:\n  - name: a\n    securityContext:\n      privileged: true\n').replace(/\n/g, '\r\n');
    const r = evalAt(text, 'baseline');
    assert.deepEqual(underlined(text, r), [['privileged', 'true']]);
  });

  it('count UTF-16 code units after non-ASCII text', () => {
    const text = pod('  containers:\n  # 日本語 🚀 comment\n  - name: "café-😀"\n    securityContext: {privileged: true}\n');
    const r = evalAt(text, 'baseline');
    const v = r.objects[0]?.violations[0];
    assert.ok(v);
    assert.equal(text.slice(v.range[0], v.range[1]), 'true');
    assert.equal(v.detail, 'container "café-😀" must not set securityContext.privileged=true');
  });

  it('point at the alias use site when the value comes through an alias', () => {
    const text = pod('  containers:\n  - name: a\n    securityContext: &sc\n      privileged: true\n  - name: b\n    securityContext: *sc\n');
    const r = evalAt(text, 'baseline');
    assert.deepEqual(underlined(text, r), [['privileged', 'true'], ['privileged', '*sc']]);
    assert.equal(r.objects[0]?.violations[0]?.detail, 'containers "a", "b" must not set securityContext.privileged=true');
  });

  it('point at the alias of a merge key for merged values', () => {
    const text = pod('  containers:\n  - name: a\n    securityContext: &sc {privileged: false}\n  - name: b\n    securityContext:\n      <<: [*sc, &x {privileged: true}]\n  - name: c\n    securityContext: {<<: *x}\n');
    const r = evalAt(text, 'baseline');
    assert.deepEqual(underlined(text, r), [['privileged', '*x']]);
  });

  it('read merged values in place when the merge source is written inline, and explicit keys win', () => {
    const text = pod('  containers:\n  - name: a\n    securityContext:\n      <<: &base {privileged: true}\n  - name: b\n    securityContext:\n      <<: *base\n      privileged: false\n');
    const r = evalAt(text, 'baseline');
    assert.deepEqual(underlined(text, r), [['privileged', 'true']]);
  });

  it('anchor a missing field on the nearest existing key', () => {
    const text = pod('  containers:\n  - name: a\n    securityContext:\n      runAsUser: 1000\n  - name: b\n    image: x\n');
    assert.deepEqual(underlined(text, evalAt(text, 'restricted:v1.0')), [['runAsNonRoot', 'securityContext'], ['runAsNonRoot', 'b']]);
  });

  it('never point at offset 0 or the whole document', () => {
    const text = pod('  containers:\n  - image: x\n');
    const r = evalAt(text, 'restricted:v1.0');
    const v = r.objects[0]?.violations[0];
    assert.ok(v);
    assert.equal(text.slice(v.range[0], v.range[1]), 'image');
  });
});
