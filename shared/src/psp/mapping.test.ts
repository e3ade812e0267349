import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Level } from '../policy/levelVersion';
import { mapPolicy } from './mapping';
import type { MapOptions } from './types';

/**
 * The mapping tables of psp-migration.md §2 and §3, one row per field value. `base` is a policy
 * that maps to restricted at every version; each case changes one field and names the field and
 * the level it forces.
 */
const RESTRICTED_SPEC = {
  privileged: false,
  allowPrivilegeEscalation: false,
  requiredDropCapabilities: ['ALL'],
  volumes: ['configMap', 'emptyDir', 'projected', 'secret', 'downwardAPI', 'persistentVolumeClaim', 'csi', 'ephemeral'],
  hostNetwork: false,
  hostIPC: false,
  hostPID: false,
  runAsUser: { rule: 'MustRunAsNonRoot' },
  seLinux: { rule: 'MustRunAs', seLinuxOptions: { type: 'container_t', level: 's0:c1' } },
  supplementalGroups: { rule: 'MustRunAs', ranges: [{ min: 1, max: 65535 }] },
  fsGroup: { rule: 'MustRunAs', ranges: [{ min: 1, max: 65535 }] },
  readOnlyRootFilesystem: false,
};
const RESTRICTED_ANNOTATIONS = {
  'seccomp.security.alpha.kubernetes.io/allowedProfileNames': 'runtime/default,localhost/profile',
  'apparmor.security.beta.kubernetes.io/allowedProfileNames': 'runtime/default',
};

function psp(spec: Record<string, unknown> = {}, annotations: Record<string, unknown> = {}, drop: string[] = []): unknown {
  const s: Record<string, unknown> = { ...RESTRICTED_SPEC, ...spec };
  const a: Record<string, unknown> = { ...RESTRICTED_ANNOTATIONS, ...annotations };
  for (const k of drop) {
    delete s[k];
    delete a[k];
  }
  return { apiVersion: 'policy/v1beta1', kind: 'PodSecurityPolicy', metadata: { name: 'p', annotations: a }, spec: s };
}

interface Row {
  readonly name: string;
  readonly policy: unknown;
  readonly level: Level;
  /** The field that decides, when the level is not restricted. */
  readonly field?: string;
  readonly options?: MapOptions;
}

const SECCOMP = 'seccomp.security.alpha.kubernetes.io/allowedProfileNames';
const APPARMOR = 'apparmor.security.beta.kubernetes.io/allowedProfileNames';
const ann = (key: string) => `metadata.annotations[${JSON.stringify(key)}]`;

const ROWS: Row[] = [
  { name: 'the base policy', policy: psp(), level: 'restricted' },
  { name: 'privileged: true', policy: psp({ privileged: true }), level: 'privileged', field: 'spec.privileged' },
  { name: 'privileged unset', policy: psp({}, {}, ['privileged']), level: 'restricted' },
  // capabilities
  { name: 'allowedCapabilities [NET_BIND_SERVICE]', policy: psp({ allowedCapabilities: ['NET_BIND_SERVICE'] }), level: 'restricted' },
  { name: 'allowedCapabilities [CHOWN]', policy: psp({ allowedCapabilities: ['CHOWN'] }), level: 'baseline', field: 'spec.allowedCapabilities' },
  { name: 'allowedCapabilities [CHOWN] below v1.22', policy: psp({ allowedCapabilities: ['CHOWN'] }), level: 'restricted', options: { minor: 21 } },
  { name: 'allowedCapabilities [NET_ADMIN]', policy: psp({ allowedCapabilities: ['NET_ADMIN'] }), level: 'privileged', field: 'spec.allowedCapabilities' },
  { name: 'allowedCapabilities [*]', policy: psp({ allowedCapabilities: ['*'] }), level: 'privileged', field: 'spec.allowedCapabilities' },
  { name: 'allowedCapabilities [chown] (case-sensitive)', policy: psp({ allowedCapabilities: ['chown'] }), level: 'privileged', field: 'spec.allowedCapabilities' },
  { name: 'defaultAddCapabilities [KILL]', policy: psp({ defaultAddCapabilities: ['KILL'] }), level: 'baseline', field: 'spec.defaultAddCapabilities' },
  { name: 'defaultAddCapabilities [SYS_ADMIN]', policy: psp({ defaultAddCapabilities: ['SYS_ADMIN'] }), level: 'privileged', field: 'spec.defaultAddCapabilities' },
  { name: 'requiredDropCapabilities unset', policy: psp({}, {}, ['requiredDropCapabilities']), level: 'baseline', field: 'spec.requiredDropCapabilities' },
  { name: 'requiredDropCapabilities [NET_RAW]', policy: psp({ requiredDropCapabilities: ['NET_RAW'] }), level: 'baseline', field: 'spec.requiredDropCapabilities' },
  { name: 'requiredDropCapabilities [all] (exact string)', policy: psp({ requiredDropCapabilities: ['all'] }), level: 'baseline', field: 'spec.requiredDropCapabilities' },
  { name: 'requiredDropCapabilities unset below v1.22', policy: psp({}, {}, ['requiredDropCapabilities']), level: 'restricted', options: { minor: 21 } },
  // volumes
  { name: 'volumes []', policy: psp({ volumes: [] }), level: 'restricted' },
  { name: 'volumes unset', policy: psp({}, {}, ['volumes']), level: 'restricted' },
  { name: 'volumes [nfs]', policy: psp({ volumes: ['secret', 'nfs'] }), level: 'baseline', field: 'spec.volumes' },
  { name: 'volumes [hostPath]', policy: psp({ volumes: ['hostPath'] }), level: 'privileged', field: 'spec.volumes' },
  { name: 'volumes [*] despite allowedHostPaths', policy: psp({ volumes: ['*'], allowedHostPaths: [{ pathPrefix: '/tmp', readOnly: true }] }), level: 'privileged', field: 'spec.volumes' },
  // host namespaces and ports
  { name: 'hostNetwork: true', policy: psp({ hostNetwork: true }), level: 'privileged', field: 'spec.hostNetwork' },
  { name: 'hostPID: true', policy: psp({ hostPID: true }), level: 'privileged', field: 'spec.hostPID' },
  { name: 'hostIPC: true', policy: psp({ hostIPC: true }), level: 'privileged', field: 'spec.hostIPC' },
  { name: 'hostPorts [{0,0}] (documentation rule)', policy: psp({ hostPorts: [{ min: 0, max: 0 }] }), level: 'privileged', field: 'spec.hostPorts' },
  { name: 'hostPorts []', policy: psp({ hostPorts: [] }), level: 'restricted' },
  // SELinux
  { name: 'seLinux RunAsAny', policy: psp({ seLinux: { rule: 'RunAsAny' } }), level: 'privileged', field: 'spec.seLinux' },
  { name: 'seLinux MustRunAs without options', policy: psp({ seLinux: { rule: 'MustRunAs' } }), level: 'restricted' },
  { name: 'seLinux type spc_t', policy: psp({ seLinux: { rule: 'MustRunAs', seLinuxOptions: { type: 'spc_t' } } }), level: 'privileged', field: 'spec.seLinux' },
  { name: 'seLinux user set', policy: psp({ seLinux: { rule: 'MustRunAs', seLinuxOptions: { user: 'system_u' } } }), level: 'privileged', field: 'spec.seLinux' },
  { name: 'seLinux role set', policy: psp({ seLinux: { rule: 'MustRunAs', seLinuxOptions: { role: 'system_r' } } }), level: 'privileged', field: 'spec.seLinux' },
  { name: 'seLinux container_engine_t at v1.31', policy: psp({ seLinux: { rule: 'MustRunAs', seLinuxOptions: { type: 'container_engine_t' } } }), level: 'restricted', options: { minor: 31 } },
  { name: 'seLinux container_engine_t at v1.30', policy: psp({ seLinux: { rule: 'MustRunAs', seLinuxOptions: { type: 'container_engine_t' } } }), level: 'privileged', field: 'spec.seLinux', options: { minor: 30 } },
  // users
  { name: 'runAsUser MustRunAs from 1', policy: psp({ runAsUser: { rule: 'MustRunAs', ranges: [{ min: 1000, max: 2000 }] } }), level: 'baseline', field: 'spec.runAsUser' },
  { name: 'runAsUser RunAsAny', policy: psp({ runAsUser: { rule: 'RunAsAny' } }), level: 'baseline', field: 'spec.runAsUser' },
  { name: 'runAsGroup, supplementalGroups, fsGroup RunAsAny (no opinion)', policy: psp({ runAsGroup: { rule: 'RunAsAny' }, supplementalGroups: { rule: 'RunAsAny' }, fsGroup: { rule: 'RunAsAny' } }), level: 'restricted' },
  { name: 'readOnlyRootFilesystem true (no opinion)', policy: psp({ readOnlyRootFilesystem: true }), level: 'restricted' },
  // privilege escalation
  { name: 'allowPrivilegeEscalation unset (defaults to true)', policy: psp({}, {}, ['allowPrivilegeEscalation']), level: 'baseline', field: 'spec.allowPrivilegeEscalation' },
  { name: 'allowPrivilegeEscalation true', policy: psp({ allowPrivilegeEscalation: true }), level: 'baseline', field: 'spec.allowPrivilegeEscalation' },
  { name: 'allowPrivilegeEscalation true with default false', policy: psp({ allowPrivilegeEscalation: true, defaultAllowPrivilegeEscalation: false }), level: 'baseline', field: 'spec.allowPrivilegeEscalation' },
  { name: 'allowPrivilegeEscalation unset below v1.8', policy: psp({}, {}, ['allowPrivilegeEscalation', 'requiredDropCapabilities']), level: 'restricted', options: { minor: 7 } },
  // sysctls and proc mounts
  { name: 'allowedUnsafeSysctls [net.core.somaxconn]', policy: psp({ allowedUnsafeSysctls: ['net.core.somaxconn'] }), level: 'privileged', field: 'spec.allowedUnsafeSysctls' },
  { name: 'allowedUnsafeSysctls [net.ipv4.*]', policy: psp({ allowedUnsafeSysctls: ['net.ipv4.*'] }), level: 'privileged', field: 'spec.allowedUnsafeSysctls' },
  { name: 'allowedUnsafeSysctls on the PSS safe list', policy: psp({ allowedUnsafeSysctls: ['net.ipv4.tcp_rmem'] }), level: 'restricted' },
  { name: 'allowedUnsafeSysctls tcp_rmem below v1.32', policy: psp({ allowedUnsafeSysctls: ['net.ipv4.tcp_rmem'] }), level: 'privileged', field: 'spec.allowedUnsafeSysctls', options: { minor: 31 } },
  { name: 'forbiddenSysctls (no opinion)', policy: psp({ forbiddenSysctls: ['*'] }), level: 'restricted' },
  { name: 'allowedProcMountTypes [Default]', policy: psp({ allowedProcMountTypes: ['Default'] }), level: 'restricted' },
  { name: 'allowedProcMountTypes [Unmasked]', policy: psp({ allowedProcMountTypes: ['Default', 'Unmasked'] }), level: 'privileged', field: 'spec.allowedProcMountTypes' },
  { name: 'no-opinion validating fields', policy: psp({ allowedFlexVolumes: [{ driver: 'x' }], allowedCSIDrivers: [{ name: 'y' }], runtimeClass: { allowedRuntimeClassNames: ['gvisor'] } }), level: 'restricted' },
  // seccomp annotation (§3)
  { name: 'seccomp runtime/default', policy: psp({}, { [SECCOMP]: 'runtime/default' }), level: 'restricted' },
  { name: 'seccomp docker/default', policy: psp({}, { [SECCOMP]: 'docker/default' }), level: 'restricted' },
  { name: 'seccomp localhost/x', policy: psp({}, { [SECCOMP]: 'localhost/x' }), level: 'restricted' },
  { name: 'seccomp runtime/default, (trailing comma)', policy: psp({}, { [SECCOMP]: 'runtime/default,' }), level: 'baseline', field: ann(SECCOMP) },
  { name: 'seccomp empty value', policy: psp({}, { [SECCOMP]: '' }), level: 'baseline', field: ann(SECCOMP) },
  { name: 'seccomp unconfined', policy: psp({}, { [SECCOMP]: 'runtime/default,unconfined' }), level: 'privileged', field: ann(SECCOMP) },
  { name: 'seccomp *', policy: psp({}, { [SECCOMP]: '*' }), level: 'privileged', field: ann(SECCOMP) },
  { name: 'seccomp with a space (no trimming)', policy: psp({}, { [SECCOMP]: 'runtime/default, localhost/x' }), level: 'privileged', field: ann(SECCOMP) },
  { name: 'seccomp absent', policy: psp({}, {}, [SECCOMP]), level: 'baseline', field: ann(SECCOMP) },
  { name: 'seccomp absent below v1.19', policy: psp({}, {}, [SECCOMP]), level: 'restricted', options: { minor: 18 } },
  { name: 'seccomp trailing comma below v1.19', policy: psp({}, { [SECCOMP]: 'runtime/default,' }), level: 'restricted', options: { minor: 18 } },
  // AppArmor annotation (§3: check-derived rule)
  { name: 'apparmor runtime/default, (PSS: restricted)', policy: psp({}, { [APPARMOR]: 'runtime/default,' }), level: 'restricted' },
  { name: 'apparmor localhost/x', policy: psp({}, { [APPARMOR]: 'localhost/x' }), level: 'restricted' },
  { name: 'apparmor unconfined', policy: psp({}, { [APPARMOR]: 'unconfined' }), level: 'privileged', field: ann(APPARMOR) },
  { name: 'apparmor *', policy: psp({}, { [APPARMOR]: 'runtime/default,*' }), level: 'privileged', field: ann(APPARMOR) },
  { name: 'apparmor absent (strict)', policy: psp({}, {}, [APPARMOR]), level: 'privileged', field: ann(APPARMOR) },
  { name: 'apparmor absent (no-opinion)', policy: psp({}, {}, [APPARMOR]), level: 'restricted', options: { appArmorAbsent: 'no-opinion' } },
];

describe('PSP → PSS level mapping (psp-migration.md §2, §3, §7)', () => {
  for (const row of ROWS) {
    it(`${row.name} → ${row.level}`, () => {
      const m = mapPolicy(row.policy, row.options);
      assert.equal(m.level, row.level, JSON.stringify(m.fields));
      const deciding = m.fields.filter((f) => f.decides).map((f) => f.field);
      if (row.field) assert.deepEqual(deciding, [row.field]);
      else assert.deepEqual(m.fields, []);
    });
  }

  it('widens to the most permissive field and lists the less permissive ones as not deciding', () => {
    const m = mapPolicy(psp({ hostNetwork: true, allowedCapabilities: ['CHOWN'] }));
    assert.equal(m.level, 'privileged');
    assert.deepEqual(m.fields.map((f) => [f.field, f.level, f.decides, f.value]), [
      ['spec.allowedCapabilities', 'baseline', false, '["CHOWN"]'],
      ['spec.hostNetwork', 'privileged', true, 'true'],
    ]);
  });

  it('shows unset values as unset and says why', () => {
    const [f] = mapPolicy(psp({}, {}, ['allowPrivilegeEscalation'])).fields;
    assert.equal(f?.value, 'unset');
    assert.match(f?.why ?? '', /unset means true/);
  });

  it('a PSP without spec and annotations is privileged (SELinux rule missing, AppArmor absent)', () => {
    const m = mapPolicy({ kind: 'PodSecurityPolicy', metadata: { name: 'empty' } });
    assert.equal(m.level, 'privileged');
    assert.deepEqual(m.fields.filter((f) => f.decides).map((f) => f.field), ['spec.seLinux', ann(APPARMOR)]);
  });

  it('counts values of the wrong type as unset and reports them', () => {
    const m = mapPolicy(psp({ hostNetwork: 'true', volumes: 'secret' }));
    assert.equal(m.level, 'restricted');
    assert.deepEqual(m.problems, ['spec.volumes must be a list', 'spec.hostNetwork must be a boolean']);
  });

  it('never throws on odd input', () => {
    for (const v of [null, 42, 'x', [], { spec: null }, { spec: [] }, { metadata: { annotations: 'x' } }]) assert.doesNotThrow(() => mapPolicy(v));
  });

  it('advises where the documentation and the checks disagree (AppArmor unset allowed, safe sysctls)', () => {
    const m = mapPolicy(psp({ allowedUnsafeSysctls: ['kernel.shm_rmid_forced'] }, { [APPARMOR]: 'runtime/default,' }));
    assert.equal(m.level, 'restricted');
    assert.equal(m.advice.length, 2);
  });

  it('lists what PSS checks but no PSP expresses, by level and version (§4)', () => {
    const at = (level: Level, minor: number) => mapPolicy(level === 'restricted' ? psp() : level === 'baseline' ? psp({ allowPrivilegeEscalation: true }) : psp({ privileged: true }), { minor }).verify.map((v) => v.check);
    assert.deepEqual(at('privileged', 37), []);
    assert.deepEqual(at('baseline', 37), ['windowsHostProcess', 'hostProbesAndHostLifecycle', 'sysctls', 'appArmorProfile', 'seccompProfile_baseline']);
    assert.deepEqual(at('baseline', 33), ['windowsHostProcess', 'sysctls', 'appArmorProfile', 'seccompProfile_baseline']);
    assert.ok(at('restricted', 37).includes('runAsNonRoot'));
    assert.ok(at('restricted', 37).includes('hostUsers'));
    assert.ok(!at('restricted', 34).includes('hostUsers'));
  });

  it('carries the requested version', () => {
    assert.equal(mapPolicy(psp()).version, 'latest');
    assert.equal(mapPolicy(psp(), { minor: 25, version: 'v1.25' }).version, 'v1.25');
  });
});
