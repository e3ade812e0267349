import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LspClient } from './client';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: x\n    securityContext:\n      privileged: true\n';

/** Every podsec setting the server reads, each with a value of a type it does not take. */
const WRONG_TYPES: Array<Record<string, unknown>> = [
  { enforce: 5, warn: [], audit: {}, namespaceSource: true, namespaces: 'prod', defaultNamespace: ['a'], admissionConfig: { path: 'x' }, maxFileSize: false, maxDiagnostics: '10', exclude: 'charts', podTemplates: 'argoproj.io/*' },
  { enforce: ['restricted'], warn: { level: 'baseline' }, audit: 1.5, namespaceSource: ['settings'], namespaces: [{}], defaultNamespace: 7, admissionConfig: 0, maxFileSize: [], maxDiagnostics: -3, exclude: { a: true }, podTemplates: { kind: 'Rollout' } },
  { enforce: 'strict', warn: 'baseline:1.30', audit: 'restricted:v1.025', namespaceSource: 'cluster', namespaces: { prod: 'restricted' }, defaultNamespace: {}, admissionConfig: [], maxFileSize: '5 TB', maxDiagnostics: 2.5, exclude: [1, null], podTemplates: [{ apiVersion: 'argoproj.io', kind: 'Rollout', path: 'spec.template' }] },
];

for (const [i, settings] of WRONG_TYPES.entries()) {
  describe(`language server with invalid settings, set ${i + 1}`, () => {
    const client = new LspClient();
    const uri = 'file:///w/pod.yaml';
    let defaults: unknown;
    before(async () => {
      await client.start();
      defaults = await client.open(uri, POD);
    });
    after(() => client.stop());

    it('reports each invalid value once and checks with the defaults', async () => {
      assert.deepEqual(await client.changeSettings(settings, uri), defaults);
      const named = client.messages.map((m) => /^podsec\.(\w+)/.exec(m)?.[1]);
      assert.deepEqual([...new Set(named)].sort(), Object.keys(settings).sort(), client.messages.join('\n'));
      // `exclude: [1, null]` has two invalid items.
      assert.equal(client.messages.length, Object.keys(settings).length + (i === 2 ? 1 : 0), client.messages.join('\n'));
      assert.equal(new Set(client.messages).size, client.messages.length);

      // The same values again (a settings change elsewhere, another document): no new messages.
      const reported = client.messages.length;
      assert.deepEqual(await client.changeSettings({ ...settings }, uri), defaults);
      await client.open('file:///w/other.yaml', POD);
      assert.equal(client.messages.length, reported);
    });
  });
}

describe('language server with settings sections of odd shapes', () => {
  const client = new LspClient();
  const uri = 'file:///w/pod.yaml';
  let defaults: unknown;
  before(async () => {
    await client.start();
    defaults = await client.open(uri, POD);
  });
  after(() => client.stop());

  it('takes a section of the wrong type as all defaults, with one message', async () => {
    for (const section of [42, 'restricted', ['enforce'], true]) {
      assert.deepEqual(await client.changeSettings(section, uri), defaults);
    }
    assert.equal(client.messages.filter((m) => m === 'podsec settings must be an object; using the defaults').length, 1);
  });

  it('takes null values and a null section as the defaults, silently', async () => {
    const before = client.messages.length;
    const nulls = Object.fromEntries(Object.keys(WRONG_TYPES[0] ?? {}).map((k) => [k, null]));
    assert.deepEqual(await client.changeSettings(nulls, uri), defaults);
    assert.deepEqual(await client.changeSettings(null, uri), defaults);
    assert.equal(client.messages.length, before);
  });

  it('applies valid settings next to invalid ones', async () => {
    const diagnostics = await client.changeSettings({ enforce: 'restricted', warn: 99, maxDiagnostics: 2 }, uri);
    assert.equal(diagnostics.length, 3);
    assert.equal(diagnostics[0]?.code, 'too-many-diagnostics');
    assert.ok(diagnostics.slice(1).every((d) => d.severity === 1 && /"restricted:latest"/.test(LspClient.text(d))));
  });
});
