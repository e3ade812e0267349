import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderLevelVersion, LATEST } from '../../shared/src/policy/levelVersion';
import { namespaceInvalidMessage, policyFromLabels, type Label } from '../../shared/src/policy/namespaceLabels';
import type { Policy } from '../../shared/src/policy/policy';

const PRIV = { level: 'privileged' as const, version: LATEST };
const DEFAULTS: Policy = { enforce: PRIV, audit: PRIV, warn: PRIV };

function resolve(labels: Record<string, string>, defaults = DEFAULTS) {
  const map = new Map<string, Label>(Object.entries(labels).map(([k, v]) => [k.includes('/') ? k : `pod-security.kubernetes.io/${k}`, { value: v }]));
  const { policy, errors } = policyFromLabels(map, defaults, { namespace: 'ns' });
  return { enforce: renderLevelVersion(policy.enforce), audit: renderLevelVersion(policy.audit), warn: renderLevelVersion(policy.warn), errors: errors.length, policy, list: errors };
}

describe('namespace labels (pod-security-admission.md §3.2)', () => {
  const table: Array<[Record<string, string>, string, string, string, number]> = [
    [{}, 'privileged:latest', 'privileged:latest', 'privileged:latest', 0],
    [{ enforce: 'baseline' }, 'baseline:latest', 'privileged:latest', 'baseline:latest', 0],
    [{ enforce: 'baseline', 'enforce-version': 'v1.22' }, 'baseline:v1.22', 'privileged:latest', 'baseline:v1.22', 0],
    [{ enforce: 'baseline', 'warn-version': 'v1.23' }, 'baseline:latest', 'privileged:latest', 'baseline:v1.23', 0],
    [{ enforce: 'baseline', warn: 'privileged' }, 'baseline:latest', 'privileged:latest', 'privileged:latest', 0],
    [{ enforce: 'baseline', warn: 'restricted' }, 'baseline:latest', 'privileged:latest', 'restricted:latest', 0],
    [{ warn: 'restricted' }, 'privileged:latest', 'privileged:latest', 'restricted:latest', 0],
    [{ enforce: 'foo' }, 'restricted:latest', 'privileged:latest', 'privileged:latest', 1],
    [{ enforce: 'baseline', warn: 'foo' }, 'baseline:latest', 'privileged:latest', 'privileged:latest', 1],
    [{ 'enforce-version': 'v1.25' }, 'privileged:v1.25', 'privileged:latest', 'privileged:latest', 0],
    [{ audit: 'restricted', 'audit-version': 'v1.x' }, 'privileged:latest', 'restricted:latest', 'privileged:latest', 1],
    [{ enforce: '' }, 'restricted:latest', 'privileged:latest', 'privileged:latest', 1],
    [{ 'app.kubernetes.io/name': 'x' }, 'privileged:latest', 'privileged:latest', 'privileged:latest', 0],
    [{ enforce: 'Restricted', 'enforce-version': '1.25', audit: 'strict', warn: 'baseline', 'warn-version': 'v1.025' }, 'restricted:latest', 'privileged:latest', 'baseline:latest', 4],
  ];
  for (const [labels, enforce, audit, warn, errors] of table) {
    it(JSON.stringify(labels), () => {
      const r = resolve(labels);
      assert.deepEqual([r.enforce, r.audit, r.warn, r.errors], [enforce, audit, warn, errors]);
    });
  }

  it('uses the configured defaults under the labels', () => {
    const defaults: Policy = { enforce: { level: 'baseline', version: LATEST }, audit: PRIV, warn: { level: 'restricted', version: LATEST } };
    assert.equal(resolve({}, defaults).warn, 'restricted:latest');
    assert.equal(resolve({ enforce: 'restricted' }, defaults).warn, 'restricted:latest');
    assert.equal(resolve({ 'enforce-version': 'v1.20' }, defaults).enforce, 'baseline:v1.20');
  });

  it('gives the API server error texts, in order, and the Namespace rejection', () => {
    const r = resolve({ enforce: 'strict', 'enforce-version': '1.25' });
    assert.deepEqual(r.list.map((e) => e.text), [
      'metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: "strict": must be one of privileged, baseline, restricted',
      'metadata.labels[pod-security.kubernetes.io/enforce-version]: Invalid value: "1.25": must be "latest" or "v1.x"',
    ]);
    assert.equal(namespaceInvalidMessage('demo', r.list.slice(0, 1)), 'Namespace "demo" is invalid: metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: "strict": must be one of privileged, baseline, restricted');
    assert.match(namespaceInvalidMessage('demo', r.list), /^Namespace "demo" is invalid: \[metadata\.labels.*, metadata\.labels.*\]$/);
  });

  it('says where each level came from', () => {
    const r = resolve({ enforce: 'restricted' });
    assert.equal(r.policy.sources?.enforce?.description, 'namespace "ns", label pod-security.kubernetes.io/enforce');
    assert.match(r.policy.sources?.warn?.description ?? '', /warn follows enforce/);
  });
});
