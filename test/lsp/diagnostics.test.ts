import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LspClient } from './client';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    securityContext:\n      privileged: true\n';

describe('language server diagnostics over stdio', () => {
  const client = new LspClient();
  before(() => client.start());
  after(() => client.stop());

  it('publishes one diagnostic per finding with severity by mode, the check as code and a doc link', async () => {
    const diagnostics = await client.open('file:///w/pod.yaml', POD);
    const privileged = diagnostics.find((d) => d.code === 'privileged');
    assert.ok(privileged);
    assert.equal(privileged.severity, 1);
    assert.deepEqual(privileged.range, { start: { line: 8, character: 18 }, end: { line: 8, character: 22 } });
    assert.match(LspClient.text(privileged), /^violates PodSecurity "baseline:latest": privileged \(container "web" must not set securityContext.privileged=true\)/);
    assert.match(privileged.codeDescription?.href ?? '', /docs\/checks\/privileged\.md$/);
    const warnings = diagnostics.filter((d) => d.severity === 2).map((d) => d.code);
    assert.ok(warnings.includes('runAsNonRoot'));
    assert.ok(!warnings.includes('privileged'), 'shown once, at the strictest mode');
  });

  it('hovers a finding with the check, the PSA text and its allowed values', async () => {
    const hover = await client.hover('file:///w/pod.yaml', 8, 19);
    const value = hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
    assert.match(value, /\*\*Privileged containers\*\* \(`privileged`, baseline\)/);
    assert.match(value, /PSA reports: `privileged \(container "web" must not set securityContext\.privileged=true\)`/);
    assert.match(value, /\*\*Allowed values\*\*[\s\S]*`false`/);
  });

  it('follows edits, version by version', async () => {
    const fixed = await client.replace('file:///w/pod.yaml', POD.replace('privileged: true', 'privileged: false'), 2);
    assert.ok(!fixed.some((d) => d.code === 'privileged'));
  });

  it('follows settings changes, and reports invalid settings once', async () => {
    const restricted = await client.changeSettings({ enforce: 'restricted:v1.24' }, 'file:///w/pod.yaml');
    const errors = restricted.filter((d) => d.severity === 1);
    assert.ok(errors.some((d) => d.code === 'runAsNonRoot' && /"restricted:v1.24"/.test(LspClient.text(d))));
    const fallback = await client.changeSettings({ enforce: 'strict' }, 'file:///w/pod.yaml');
    assert.ok(fallback.every((d) => d.severity !== 1 || /baseline:latest/.test(LspClient.text(d))));
    assert.ok(client.messages.some((m) => /podsec\.enforce "strict"/.test(m)));
  });

  it('says nothing about non-Kubernetes YAML and one quiet note about broken YAML', async () => {
    assert.deepEqual(await client.open('file:///w/other.yaml', 'name: x\nitems: [1, 2]\n'), []);
    const broken = await client.open('file:///w/broken.yaml', 'kind: Pod\nspec: {containers: [\n');
    assert.equal(broken.length, 1);
    assert.equal(broken[0]?.severity, 3);
    assert.match(broken[0] ? LspClient.text(broken[0]) : '', /not evaluated/);
  });
});
