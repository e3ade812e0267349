import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluate } from '../../shared/src/evaluate/evaluate';
import { renderLevelVersion } from '../../shared/src/policy/levelVersion';
import { resolvePolicy, type PolicyContext } from '../../shared/src/policy/resolve';
import { fileFacts } from '../../shared/src/policy/workspaceFacts';
import { normalize, WorkspaceIndex } from '../../shared/src/policy/workspaceIndex';
import { DEFAULT_SETTINGS, parseSettings } from '../../shared/src/settings';

const NS = (name: string, labels: Record<string, string>) =>
  `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n  labels:\n${Object.entries(labels).map(([k, v]) => `    pod-security.kubernetes.io/${k}: ${v}\n`).join('')}`;

function index(files: Record<string, string>): WorkspaceIndex {
  const idx = new WorkspaceIndex();
  for (const [uri, text] of Object.entries(files)) idx.set(uri, fileFacts(uri, text));
  return idx;
}

const pairs = (ctx: PolicyContext, namespace?: string, runtimeClassName?: string) => {
  const p = resolvePolicy(ctx, { namespace, runtimeClassName });
  return [renderLevelVersion(p.enforce), renderLevelVersion(p.warn), renderLevelVersion(p.audit), p.namespace];
};

describe('workspace namespace context', () => {
  it('indexes only Namespace manifests, with label lines, and reports real changes only', () => {
    const idx = new WorkspaceIndex();
    assert.equal(idx.set('file:///w/svc.yaml', fileFacts('file:///w/svc.yaml', 'kind: Service\n')), false);
    const text = '# team namespace\n' + NS('green', { enforce: 'restricted' });
    assert.equal(idx.set('file:///w/ns.yaml', fileFacts('file:///w/ns.yaml', text)), true);
    assert.equal(idx.set('file:///w/ns.yaml', fileFacts('file:///w/ns.yaml', text + '# comment\n')), false);
    assert.equal(idx.namespace('green')?.labels.get('pod-security.kubernetes.io/enforce')?.line, 7);
    assert.equal(idx.set('file:///w/ns.yaml', fileFacts('file:///w/ns.yaml', 'kind: ConfigMap\n')), true);
    assert.equal(idx.namespace('green'), undefined);
  });

  it('resolves labels on top of settings, with sources naming the file and line', () => {
    const ctx: PolicyContext = { settings: DEFAULT_SETTINGS, index: index({ 'file:///w/ns/green.yaml': NS('green', { enforce: 'restricted', 'enforce-version': 'v1.30' }) }) };
    // Warn follows enforce only when enforce is stricter (PSA §3.2 step 9); the warn default is already restricted.
    assert.deepEqual(pairs(ctx, 'green'), ['restricted:v1.30', 'restricted:latest', 'restricted:latest', 'green']);
    assert.deepEqual(pairs(ctx, 'blue'), ['baseline:latest', 'restricted:latest', 'restricted:latest', 'blue']);
    assert.deepEqual(pairs(ctx), ['baseline:latest', 'restricted:latest', 'restricted:latest', 'default']);
    const source = resolvePolicy(ctx, { namespace: 'green', runtimeClassName: undefined }).sources?.enforce;
    assert.deepEqual([source?.description, source?.uri, source?.line], ['namespace "green", label pod-security.kubernetes.io/enforce', 'file:///w/ns/green.yaml', 6]);
  });

  it('falls back as PSA does on invalid labels', () => {
    const ctx: PolicyContext = { settings: DEFAULT_SETTINGS, index: index({ 'file:///w/ns.yaml': NS('x', { enforce: 'strict', warn: 'nope' }) }) };
    assert.deepEqual(pairs(ctx, 'x'), ['restricted:latest', 'privileged:latest', 'restricted:latest', 'x']);
  });

  it('uses podsec.namespaces for namespaces not in the workspace, and ignores the workspace with namespaceSource settings', () => {
    const { settings } = parseSettings({ namespaces: { ops: { 'pod-security.kubernetes.io/enforce': 'privileged' } }, namespaceSource: 'settings', enforce: 'restricted' });
    const ctx: PolicyContext = { settings, index: index({ 'file:///w/ns.yaml': NS('green', { enforce: 'baseline' }) }) };
    assert.deepEqual(pairs(ctx, 'ops'), ['privileged:latest', 'restricted:latest', 'restricted:latest', 'ops']);
    assert.deepEqual(pairs(ctx, 'green'), ['restricted:latest', 'restricted:latest', 'restricted:latest', 'green']);
    assert.match(resolvePolicy(ctx, { namespace: 'ops', runtimeClassName: undefined }).sources?.enforce?.description ?? '', /setting podsec\.namespaces/);
  });

  it('takes the namespace from the outermost kustomization that includes the file', () => {
    const idx = index({
      'file:///w/base/kustomization.yaml': 'namespace: base-ns\nresources:\n- deploy.yaml\n',
      'file:///w/overlays/prod/kustomization.yaml': 'namespace: prod\nresources:\n- ../../base\n- https://example.com/remote.yaml\n',
      'file:///w/ns.yaml': NS('prod', { enforce: 'restricted' }),
    });
    assert.deepEqual(idx.kustomizeNamespace('file:///w/base/deploy.yaml'), { namespace: 'prod', kustomization: 'file:///w/overlays/prod/kustomization.yaml' });
    assert.equal(idx.kustomizeNamespace('file:///w/other.yaml'), undefined);
    const ctx: PolicyContext = { settings: DEFAULT_SETTINGS, index: idx, uri: 'file:///w/base/deploy.yaml' };
    assert.deepEqual(pairs(ctx), ['restricted:latest', 'restricted:latest', 'restricted:latest', 'prod']);
    assert.deepEqual(pairs(ctx, 'explicit'), ['baseline:latest', 'restricted:latest', 'restricted:latest', 'explicit']);
  });

  it('normalizes URI paths', () => {
    assert.equal(normalize('file:///w/a/./b/../c/'), 'file:///w/a/c');
    assert.equal(normalize('base/../x.yaml'), 'x.yaml');
    assert.equal(normalize('file:///../../x.yaml'), 'file:///x.yaml');
  });

  it('evaluates each workload with its own namespace policy', () => {
    const ctx: PolicyContext = { settings: DEFAULT_SETTINGS, index: index({ 'file:///w/ns.yaml': NS('green', { enforce: 'restricted' }) }) };
    const text = ['green', 'blue'].map((ns) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: ${ns}}\nspec:\n  containers:\n  - name: a\n`).join('---\n');
    const r = evaluate(text, { policy: (o) => resolvePolicy(ctx, o) });
    assert.deepEqual(r.objects.map((o) => [o.namespace, o.allowed]), [['green', false], ['blue', true]]);
  });
});

describe('settings', () => {
  it('validate every value and fall back with one message each', () => {
    const { settings, problems } = parseSettings({ enforce: 'strict', warn: 5, audit: 'baseline:v1.2', namespaceSource: 'cluster', namespaces: [], defaultNamespace: 3 });
    assert.deepEqual([renderLevelVersion(settings.enforce), renderLevelVersion(settings.warn), renderLevelVersion(settings.audit), settings.namespaceSource, settings.defaultNamespace], ['baseline:latest', 'restricted:latest', 'baseline:v1.2', 'workspace', 'default']);
    assert.equal(problems.length, 5, problems.join('\n'));
    assert.deepEqual(parseSettings('nonsense').problems, ['podsec settings must be an object; using the defaults']);
    assert.deepEqual(parseSettings(undefined).problems, []);
  });
});
