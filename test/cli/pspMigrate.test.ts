import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli, tempTree } from '../support/cli';
import { APPS_NS, LEGACY_PSP, PRIVILEGED_PSP, RBAC, TOOLS_NS } from '../psp/manifests';
import { PRIVILEGED_POD } from './manifests';

const tree = () => tempTree({ 'psp/legacy.yaml': LEGACY_PSP, 'psp/privileged.yaml': PRIVILEGED_PSP, 'rbac.yaml': RBAC, 'ns/apps.yaml': APPS_NS, 'ns/tools.yaml': TOOLS_NS });

describe('podsec psp-migrate', () => {
  it('prints a text report per policy: level, deciding and mutating fields, namespaces with kubectl lines', () => {
    const dir = tree();
    const r = runCli(['psp-migrate', '.'], { cwd: dir });
    assert.equal(r.status, 1, r.stderr);
    assert.equal(r.stderr, '');
    const out = r.stdout;
    assert.match(out, /^psp\/legacy\.yaml:2: PodSecurityPolicy legacy \(policy\/v1beta1, removed in Kubernetes 1\.25\)\n  level: baseline \(pod-security\.kubernetes\.io\/enforce=baseline, pod-security\.kubernetes\.io\/enforce-version=latest\)\n  deciding fields:\n    spec\.runAsUser = /m);
    assert.match(out, /^    spec\.allowPrivilegeEscalation = unset → baseline: unset means true/m);
    assert.match(out, /^    spec\.fsGroup = \{"rule":"MustRunAs","ranges":\[\{"min":2000,"max":2000\}\]\}: set fsGroup to 2000 when the pod had none; pods must set spec\.securityContext\.fsGroup: 2000$/m);
    assert.match(out, /^    apps: label the Namespace manifest at ns\/apps\.yaml:4 \(via RoleBinding apps\/legacy-apps → ClusterRole psp-legacy\)\n      kubectl label --dry-run=server --overwrite ns apps pod-security\.kubernetes\.io\/enforce=baseline$/m);
    assert.match(out, /^    batch: no Namespace manifest among the inputs; create one with the label/m);
    assert.match(out, /^    tools: the Namespace manifest at ns\/tools\.yaml:4 has enforce=privileged; decide before overwriting/m);
    assert.match(out, /^psp\/privileged\.yaml:2: PodSecurityPolicy privileged .*\n  level: privileged/m);
    assert.match(out, /^  bound namespaces: none found/m);
    assert.match(out, /^2 PodSecurityPolicy objects: 1 privileged, 1 baseline\.\n$/m);
  });

  it('prints the same as JSON', () => {
    const r = runCli(['psp-migrate', '--format', 'json', '.'], { cwd: tree() });
    assert.equal(r.status, 1);
    const report = JSON.parse(r.stdout);
    assert.deepEqual(report.errors, []);
    const legacy = report.policies.find((p: { name: string }) => p.name === 'legacy');
    assert.equal(legacy.level, 'baseline');
    assert.deepEqual(legacy.labels, { 'pod-security.kubernetes.io/enforce': 'baseline', 'pod-security.kubernetes.io/enforce-version': 'latest' });
    assert.deepEqual(legacy.fields.filter((f: { decides: boolean }) => f.decides).map((f: { field: string }) => f.field), ['spec.runAsUser', 'spec.allowPrivilegeEscalation']);
    assert.deepEqual(legacy.mutating.map((f: { field: string }) => f.field), ['spec.requiredDropCapabilities', 'spec.seLinux', 'spec.runAsUser', 'spec.fsGroup', 'metadata.annotations["seccomp.security.alpha.kubernetes.io/defaultProfileName"]']);
    assert.deepEqual(legacy.namespaces.map((n: { name: string; state: string }) => [n.name, n.state]), [['apps', 'label'], ['batch', 'create'], ['tools', 'conflict']]);
    assert.deepEqual(legacy.namespaces[0].manifest, { path: join('ns', 'apps.yaml'), line: 4 });
    assert.equal(legacy.namespaces[2].current, 'enforce=privileged');
    assert.equal(legacy.namespaces[1].kubectl, 'kubectl label --dry-run=server --overwrite ns batch pod-security.kubernetes.io/enforce=baseline');
  });

  it('maps at the requested version and writes it into enforce-version', () => {
    const r = runCli(['psp-migrate', '--format=json', '--version', 'v1.18', 'psp/legacy.yaml'], { cwd: tree() });
    const [legacy] = JSON.parse(r.stdout).policies;
    assert.equal(legacy.version, 'v1.18');
    assert.equal(legacy.labels['pod-security.kubernetes.io/enforce-version'], 'v1.18');
  });

  it('--lenient-apparmor: an absent AppArmor annotation has no opinion', () => {
    const psp = LEGACY_PSP.replace(/ {4}apparmor.*\n/, '');
    const strict = JSON.parse(runCli(['psp-migrate', '--format', 'json', '-'], { input: psp }).stdout).policies[0];
    assert.equal(strict.level, 'privileged');
    const lenient = JSON.parse(runCli(['psp-migrate', '--format', 'json', '--lenient-apparmor', '-'], { input: psp }).stdout).policies[0];
    assert.equal(lenient.level, 'baseline');
  });

  it('exits 0 without PodSecurityPolicies', () => {
    const r = runCli(['psp-migrate', 'a.yaml'], { cwd: tempTree({ 'a.yaml': PRIVILEGED_POD }) });
    assert.equal(r.status, 0);
    assert.equal(r.stdout, 'No PodSecurityPolicy found.\n');
  });

  it('exits 2 on a missing file or a policy that does not parse, and still reports the others', () => {
    const dir = tempTree({ 'a.yaml': LEGACY_PSP, 'b.yaml': 'apiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nmetadata: {name: [\n' });
    const r = runCli(['psp-migrate', '--format', 'json', 'a.yaml', 'b.yaml', 'missing.yaml'], { cwd: dir });
    assert.equal(r.status, 2);
    const report = JSON.parse(r.stdout);
    assert.deepEqual(report.policies.map((p: { name: string }) => p.name), ['legacy']);
    assert.deepEqual(report.errors.map((e: { path: string; line: number | null }) => [e.path, e.line]), [['b.yaml', 4], ['missing.yaml', null]]);
    assert.match(runCli(['psp-migrate', 'missing.yaml'], { cwd: dir }).stdout, /^missing\.yaml: error: cannot read missing\.yaml: /m);
  });

  it('exits 2 on usage errors with the psp-migrate usage; --help exits 0', () => {
    for (const args of [['psp-migrate'], ['psp-migrate', '--format', 'sarif', 'x'], ['psp-migrate', '--version', '1.25', 'x'], ['psp-migrate', '--bogus', 'x'], ['psp-migrate', '--lenient-apparmor=yes', 'x']]) {
      const r = runCli(args);
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, /^podsec: /);
      assert.match(r.stderr, /Usage: podsec psp-migrate/);
      assert.equal(r.stdout, '');
    }
    const help = runCli(['psp-migrate', '--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: podsec psp-migrate/);
    assert.match(help.stdout, /Exit status: 0 when the inputs hold no PodSecurityPolicy, 1 when/);
  });
});
