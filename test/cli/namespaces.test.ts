import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli, tempTree } from '../support/cli';
import { BASELINE_DEPLOYMENT } from './manifests';

const NS = (name: string, enforce: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n  labels:\n    pod-security.kubernetes.io/enforce: ${enforce}\n`;
const report = (stdout: string) => JSON.parse(stdout).files.flatMap((f: { objects: Array<{ name: string; allowed: boolean; policy: { enforce: string } }> }) => f.objects.map((o) => [o.name, o.allowed, o.policy.enforce]));

describe('podsec check with namespace context', () => {
  it('applies the labels of Namespace manifests among its inputs', () => {
    const dir = tempTree({ 'ns.yaml': NS('shop', 'restricted'), 'app.yaml': BASELINE_DEPLOYMENT });
    const r = runCli(['check', '--format', 'json', dir]);
    assert.equal(r.status, 1);
    assert.deepEqual(report(r.stdout), [['app', false, 'restricted:latest']]);
  });

  it('takes --enforce/--warn/--audit as the policy of unlabelled namespaces', () => {
    const dir = tempTree({ 'app.yaml': BASELINE_DEPLOYMENT });
    assert.deepEqual(report(runCli(['check', '--format', 'json', '--enforce', 'restricted:v1.25', dir]).stdout), [['app', false, 'restricted:v1.25']]);
    assert.equal(runCli(['check', '--enforce', 'strict', dir]).status, 2);
    assert.equal(runCli(['check', '--level', 'baseline', '--enforce', 'baseline', dir]).status, 2);
  });

  it('honours kustomization namespaces', () => {
    const dir = tempTree({
      'ns.yaml': NS('prod', 'restricted'),
      'base/kustomization.yaml': 'resources:\n- app.yaml\n',
      'base/app.yaml': BASELINE_DEPLOYMENT.replace('  namespace: shop\n', ''),
      'overlays/prod/kustomization.yaml': 'namespace: prod\nresources:\n- ../../base\n',
    });
    assert.deepEqual(report(runCli(['check', '--format', 'json', dir]).stdout), [['app', false, 'restricted:latest']]);
  });

  it('applies an admission configuration: defaults and exempt namespaces', () => {
    const config = 'apiVersion: pod-security.admission.config.k8s.io/v1\nkind: PodSecurityConfiguration\ndefaults:\n  enforce: restricted\nexemptions:\n  namespaces: [kube-system]\n';
    const dir = tempTree({ 'cfg/psa.yaml': config, 'app.yaml': BASELINE_DEPLOYMENT, 'sys.yaml': BASELINE_DEPLOYMENT.replace('name: app', 'name: sys').replace('namespace: shop', 'namespace: kube-system') });
    const r = runCli(['check', '--format', 'json', '--admission-config', join(dir, 'cfg/psa.yaml'), join(dir, 'app.yaml'), join(dir, 'sys.yaml')]);
    assert.equal(r.status, 1, r.stdout);
    const objects = JSON.parse(r.stdout).files.flatMap((f: { objects: Array<{ name: string; allowed: boolean; exemption: string | null }> }) => f.objects.map((o) => [o.name, o.allowed, o.exemption]));
    assert.deepEqual(objects, [['app', false, null], ['sys', true, 'namespace']]);
  });

  it('reports an invalid admission configuration on that file', () => {
    const dir = tempTree({ 'psa.yaml': 'apiVersion: pod-security.admission.config.k8s.io/v1\nkind: PodSecurityConfiguration\ndeflaults: {}\n', 'app.yaml': BASELINE_DEPLOYMENT });
    const r = runCli(['check', '--format', 'json', '--admission-config', join(dir, 'psa.yaml'), join(dir, 'app.yaml')]);
    assert.equal(r.status, 2);
    const file = JSON.parse(r.stdout).files.find((f: { path: string }) => f.path.endsWith('psa.yaml'));
    assert.match(file.errors[0].message, /unknown field "deflaults"/);
  });
});
