import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mapPolicy } from './mapping';

/** §5: the fields that changed pods, and what pods must now set themselves. */
const policy = (spec: Record<string, unknown>, annotations: Record<string, string> = {}) => ({ metadata: { name: 'p', annotations }, spec });
const fields = (spec: Record<string, unknown>, annotations: Record<string, string> = {}) => mapPolicy(policy(spec, annotations)).mutating.map((m) => m.field);
const only = (spec: Record<string, unknown>, annotations: Record<string, string> = {}) => {
  const m = mapPolicy(policy(spec, annotations)).mutating;
  assert.equal(m.length, 1, JSON.stringify(m));
  return m[0]!;
};

describe('mutating PSP fields (psp-migration.md §5)', () => {
  it('lists nothing for a purely validating policy', () => {
    assert.deepEqual(fields({ privileged: false, runAsUser: { rule: 'RunAsAny' }, seLinux: { rule: 'RunAsAny' }, fsGroup: { rule: 'MayRunAs', ranges: [{ min: 1, max: 2 }] }, supplementalGroups: { rule: 'RunAsAny' }, allowPrivilegeEscalation: true }), []);
  });

  it('defaultAddCapabilities: containers got them', () => {
    const m = only({ defaultAddCapabilities: ['NET_ADMIN'] });
    assert.equal(m.field, 'spec.defaultAddCapabilities');
    assert.match(m.podsMustSet, /capabilities\.add: \[NET_ADMIN\]/);
  });

  it('requiredDropCapabilities: every container must drop them itself', () => {
    assert.match(only({ requiredDropCapabilities: ['ALL'] }).podsMustSet, /capabilities\.drop: \[ALL\] in every container/);
  });

  it('seLinux MustRunAs applied its options', () => {
    assert.match(only({ seLinux: { rule: 'MustRunAs', seLinuxOptions: { level: 's0:c1' } } }).podsMustSet, /seLinuxOptions: \{"level":"s0:c1"\}/);
  });

  it('runAsUser MustRunAs defaulted the first range\'s min; MustRunAsNonRoot set runAsNonRoot', () => {
    assert.match(only({ runAsUser: { rule: 'MustRunAs', ranges: [{ min: 1000, max: 2000 }, { min: 5, max: 6 }] } }).podsMustSet, /runAsUser: 1000/);
    assert.match(only({ runAsUser: { rule: 'MustRunAsNonRoot' } }).podsMustSet, /runAsNonRoot: true/);
  });

  it('group rules mutate only with MustRunAs', () => {
    assert.deepEqual(fields({ runAsGroup: { rule: 'MustRunAs', ranges: [{ min: 3000, max: 3000 }] }, supplementalGroups: { rule: 'MustRunAs', ranges: [{ min: 1, max: 9 }] }, fsGroup: { rule: 'MustRunAs', ranges: [{ min: 2000, max: 2000 }] } }), ['spec.runAsGroup', 'spec.supplementalGroups', 'spec.fsGroup']);
    assert.match(only({ fsGroup: { rule: 'MustRunAs', ranges: [{ min: 2000, max: 2000 }] } }).podsMustSet, /spec\.securityContext\.fsGroup: 2000/);
    assert.match(only({ supplementalGroups: { rule: 'MustRunAs', ranges: [{ min: 1, max: 9 }] } }).podsMustSet, /supplementalGroups: \[1\]/);
    assert.deepEqual(fields({ fsGroup: { rule: 'MayRunAs', ranges: [{ min: 1, max: 2 }] } }), []);
  });

  it('readOnlyRootFilesystem true, allowPrivilegeEscalation false, defaultAllowPrivilegeEscalation, defaultRuntimeClassName', () => {
    assert.equal(only({ readOnlyRootFilesystem: true }).field, 'spec.readOnlyRootFilesystem');
    assert.deepEqual(fields({ readOnlyRootFilesystem: false }), []);
    assert.match(only({ allowPrivilegeEscalation: false }).podsMustSet, /allowPrivilegeEscalation: false/);
    assert.match(only({ allowPrivilegeEscalation: true, defaultAllowPrivilegeEscalation: false }).podsMustSet, /allowPrivilegeEscalation: false/);
    assert.match(only({ runtimeClass: { defaultRuntimeClassName: 'gvisor' } }).podsMustSet, /runtimeClassName: gvisor/);
  });

  it('default profile annotations become the field forms', () => {
    assert.match(only({}, { 'seccomp.security.alpha.kubernetes.io/defaultProfileName': 'docker/default' }).podsMustSet, /seccompProfile: \{type: RuntimeDefault\}/);
    assert.match(only({}, { 'seccomp.security.alpha.kubernetes.io/defaultProfileName': 'localhost/prof.json' }).podsMustSet, /type: Localhost, localhostProfile: "prof.json"/);
    assert.match(only({}, { 'apparmor.security.beta.kubernetes.io/defaultProfileName': 'runtime/default' }).podsMustSet, /appArmorProfile: \{type: RuntimeDefault\}/);
  });
});
