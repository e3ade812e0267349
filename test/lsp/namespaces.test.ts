import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { tempTree } from '../support/cli';
import { LspClient } from './client';

const NAMESPACE = (enforce: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: green\n  labels:\n    pod-security.kubernetes.io/enforce: ${enforce}\n`;
const APP = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\n  namespace: green\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        image: x\n';

describe('language server with namespace context from the workspace', () => {
  const dir = tempTree({ 'ns/green.yaml': NAMESPACE('restricted'), 'apps/app.yaml': APP, 'big/README.md': 'not yaml' });
  const folder = pathToFileURL(dir).toString();
  const appUri = pathToFileURL(join(dir, 'apps/app.yaml')).toString();
  const nsUri = pathToFileURL(join(dir, 'ns/green.yaml')).toString();
  const client = new LspClient();
  before(() => client.start(folder));
  after(() => client.stop());

  it('shows errors at the level the namespace enforces, pointing at the label', async () => {
    const diagnostics = await client.open(appUri, APP);
    const errors = diagnostics.filter((d) => d.severity === 1);
    assert.deepEqual(errors.map((d) => d.code).sort(), ['allowPrivilegeEscalation', 'capabilities_restricted', 'runAsNonRoot', 'seccompProfile_restricted']);
    const first = errors[0];
    assert.ok(first);
    assert.match(LspClient.text(first), /namespace "green", label pod-security\.kubernetes\.io\/enforce \(ns\/green\.yaml:6\)/);
    assert.equal(first.relatedInformation?.[0]?.location.uri, nsUri);
    assert.equal(first.relatedInformation?.[0]?.location.range.start.line, 5);
  });

  it('hovers the kind with the effective policy and the API server message', async () => {
    const hover = await client.hover(appUri, 1, 7);
    const value = hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
    assert.match(value, /\*\*enforce\*\* `restricted:latest`: namespace "green"/);
    assert.match(value, /violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false/);
  });

  it('shows the strictest satisfied level in a code lens, and the policy for the status bar', async () => {
    const lenses = await client.codeLenses(appUri);
    assert.deepEqual(lenses?.map((l) => l.command?.title), ['✓ baseline · ✗ restricted: 4 violations']);
    const policy = await client.effectivePolicy(appUri);
    assert.equal(policy?.enforce, 'restricted:latest');
    assert.equal(policy?.rejected, 1);
    assert.match(policy?.source ?? '', /ns\/green\.yaml:6/);
  });

  it('applies an admission configuration named by a setting, even outside the workspace', async () => {
    const outside = tempTree({ 'psa.yaml': 'apiVersion: pod-security.admission.config.k8s.io/v1\nkind: PodSecurityConfiguration\nexemptions:\n  namespaces: [green]\n' });
    const exempt = await client.changeSettings({ admissionConfig: join(outside, 'psa.yaml') }, appUri);
    assert.deepEqual(exempt, []);
    const lenses = await client.codeLenses(appUri);
    assert.deepEqual(lenses?.map((l) => l.command?.title), ['○ exempt (namespace)']);
    const missing = await client.changeSettings({ admissionConfig: join(outside, 'nope.yaml') }, appUri);
    assert.ok(missing.some((d) => d.severity === 1));
    assert.ok(client.messages.some((m) => /podsec\.admissionConfig: cannot read .*nope\.yaml/.test(m)));
    await client.changeSettings({}, appUri);
  });

  it('follows a label change on disk', async () => {
    writeFileSync(join(dir, 'ns/green.yaml'), NAMESPACE('baseline'));
    const diagnostics = await client.fileChanged(nsUri, appUri);
    assert.equal(diagnostics.filter((d) => d.severity === 1).length, 0);
    assert.ok(diagnostics.some((d) => d.severity === 2), 'warn follows enforce... and the restricted warn default still applies');
  });

  it('follows an unsaved label change in an open Namespace document', async () => {
    const next = client.diagnostics(appUri);
    await client.open(nsUri, NAMESPACE('restricted'));
    assert.ok((await next).some((d) => d.severity === 1));
  });
});
