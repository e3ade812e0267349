import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALL_CHECKS } from '../../shared/src/checks/index';
import { checksFor, MAX_MINOR, validateChecks } from '../../shared/src/checks/registry';

const ids = (level: 'baseline' | 'restricted', minor: number) => checksFor(level, minor).map((r) => r.check.id);

const BASELINE = ['appArmorProfile', 'capabilities_baseline', 'hostNamespaces', 'hostPathVolumes', 'hostPorts', 'privileged', 'procMount', 'seLinuxOptions', 'seccompProfile_baseline', 'sysctls', 'windowsHostProcess'];
const withProbes = (list: string[]) => list.flatMap((id) => (id === 'hostPorts' ? [id, 'hostProbesAndHostLifecycle'] : [id]));

describe('registry (pod-security-standards.md §2)', () => {
  it('knows 19 valid checks, 12 baseline and 7 restricted, newest version v1.37', () => {
    assert.deepEqual(validateChecks(ALL_CHECKS), []);
    assert.equal(ALL_CHECKS.length, 19);
    assert.equal(ALL_CHECKS.filter((c) => c.level === 'baseline').length, 12);
    assert.equal(MAX_MINOR, 37);
  });

  it('keeps ALL_CHECKS sorted by ID', () => {
    const list = ALL_CHECKS.map((c) => c.id);
    assert.deepEqual(list, [...list].sort());
  });

  it('runs nothing at privileged', () => {
    assert.deepEqual(checksFor('privileged', 37), []);
  });

  it('runs the baseline checks of §2.6 in result order', () => {
    for (const minor of [0, 8, 19, 33]) assert.deepEqual(ids('baseline', minor), BASELINE, `v1.${minor}`);
    for (const minor of [34, 35, 37]) assert.deepEqual(ids('baseline', minor), withProbes(BASELINE), `v1.${minor}`);
  });

  it('runs the restricted checks of §2.6, with overrides, in result order', () => {
    const base = BASELINE.filter((id) => id !== 'hostPathVolumes');
    const table: Array<[number[], string[], string[]]> = [
      [[0, 7], base, ['restrictedVolumes', 'runAsNonRoot']],
      [[8, 18], base, ['allowPrivilegeEscalation', 'restrictedVolumes', 'runAsNonRoot']],
      [[19, 21], base.filter((id) => id !== 'seccompProfile_baseline'), ['allowPrivilegeEscalation', 'restrictedVolumes', 'runAsNonRoot', 'seccompProfile_restricted']],
      [[22], base.filter((id) => !['seccompProfile_baseline', 'capabilities_baseline'].includes(id)), ['allowPrivilegeEscalation', 'capabilities_restricted', 'restrictedVolumes', 'runAsNonRoot', 'seccompProfile_restricted']],
      [[23, 33], base.filter((id) => !['seccompProfile_baseline', 'capabilities_baseline'].includes(id)), ['allowPrivilegeEscalation', 'capabilities_restricted', 'restrictedVolumes', 'runAsNonRoot', 'runAsUser', 'seccompProfile_restricted']],
      [[34], withProbes(base.filter((id) => !['seccompProfile_baseline', 'capabilities_baseline'].includes(id))), ['allowPrivilegeEscalation', 'capabilities_restricted', 'restrictedVolumes', 'runAsNonRoot', 'runAsUser', 'seccompProfile_restricted']],
      [[35, 37], withProbes(base.filter((id) => !['seccompProfile_baseline', 'capabilities_baseline', 'procMount'].includes(id))), ['allowPrivilegeEscalation', 'capabilities_restricted', 'procMount_restricted', 'restrictedVolumes', 'runAsNonRoot', 'runAsUser', 'seccompProfile_restricted']],
    ];
    for (const [minors, baselinePart, restrictedPart] of table) {
      for (const minor of minors) assert.deepEqual(ids('restricted', minor), [...baselinePart, ...restrictedPart], `v1.${minor}`);
    }
  });

  it('rejects broken check lists', () => {
    const run = () => undefined;
    const errors = validateChecks([
      { id: 'a', level: 'baseline', reason: 'r', title: 't', messages: {}, versions: [{ since: 'v1.2', run }, { since: 'v1.2', run }] },
      { id: 'a', level: 'baseline', reason: 'r', title: 't', messages: {}, versions: [{ since: 'v1.0', run, overrides: ['b'] }] },
      { id: 'c', level: 'restricted', reason: 'r', title: 't', messages: {}, versions: [{ since: 'v2.0' as 'v1.0', run, overrides: ['nope'] }] },
    ]);
    assert.equal(errors.length, 6, errors.join('\n'));
  });
});
