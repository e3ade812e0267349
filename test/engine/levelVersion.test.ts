import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareVersions, equivalent, parseLevel, parseLevelVersion, parseVersion, renderVersion } from '../../shared/src/policy/levelVersion';
import { effectiveMinor } from '../../shared/src/checks/registry';

describe('levels and versions (pod-security-admission.md §1, §2)', () => {
  it('parse levels exactly and case-sensitively', () => {
    assert.equal(parseLevel('restricted'), 'restricted');
    for (const bad of ['Restricted', 'restricted ', '', 'strict']) assert.equal(parseLevel(bad), undefined, bad);
  });

  it('accept the valid version forms and render them back unchanged', () => {
    for (const text of ['latest', 'v1.0', 'v1.9', 'v1.22', 'v1.37', 'v1.38', 'v1.10000', 'v1.9223372036854775807']) {
      const v = parseVersion(text);
      assert.ok(v, text);
      assert.equal(renderVersion(v), text);
    }
  });

  it('reject the invalid version forms', () => {
    for (const text of ['1.25', 'v1', 'v2.0', 'V1.25', 'v1.025', 'v1.00', 'v1.25.0', 'latest ', 'Latest', '', 'v1.25\n', 'v1.9223372036854775808', 'v1.99999999999999999999']) {
      assert.equal(parseVersion(text), undefined, JSON.stringify(text));
    }
  });

  it('compare numerically with latest newest', () => {
    const v = (t: string) => parseVersion(t) ?? assert.fail(t);
    assert.ok(compareVersions(v('v1.9'), v('v1.10')) < 0);
    assert.ok(compareVersions(v('latest'), v('v1.10000')) > 0);
    assert.equal(compareVersions(v('latest'), v('latest')), 0);
  });

  it('clamp latest and newer versions to the newest known, with an optional emulation cap', () => {
    const v = (t: string) => parseVersion(t) ?? assert.fail(t);
    assert.equal(effectiveMinor(v('latest')), 37);
    assert.equal(effectiveMinor(v('v1.99')), 37);
    assert.equal(effectiveMinor(v('v1.9223372036854775807')), 37);
    assert.equal(effectiveMinor(v('v1.24')), 24);
    assert.equal(effectiveMinor(v('latest'), 30), 30);
    assert.equal(effectiveMinor(v('v1.33'), 30), 30);
    assert.equal(effectiveMinor(v('latest'), 40), 37);
  });

  it('treat privileged pairs as equivalent whatever the version, and latest as distinct from v1.37', () => {
    const p = (t: string) => parseLevelVersion(t).value ?? assert.fail(t);
    assert.ok(equivalent(p('privileged:v1.2'), p('privileged:latest')));
    assert.ok(!equivalent(p('restricted:latest'), p('restricted:v1.37')));
  });

  it('give the parse messages for level:version settings', () => {
    assert.match(parseLevelVersion('strict').error ?? '', /must be one of privileged, baseline, restricted/);
    assert.match(parseLevelVersion('baseline:1.25').error ?? '', /must be "latest" or "v1.x"/);
  });
});
