import assert from 'node:assert/strict';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { ADMISSION_CONFIG_SCOPE_KEY, WORKSPACE_TRUSTED_NOTIFICATION } from '../../shared/src/protocol';
import { tempTree } from '../support/cli';
import { LspClient } from './client';

/** A configuration with baseline defaults that exempts one namespace. */
const exempting = (namespace: string) =>
  `apiVersion: pod-security.admission.config.k8s.io/v1\nkind: PodSecurityConfiguration\ndefaults:\n  enforce: baseline\n  warn: baseline\n  audit: baseline\nexemptions:\n  namespaces: [${namespace}]\n`;
const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: green\nspec:\n  containers:\n  - name: c\n    image: x\n    securityContext:\n      privileged: true\n';
const isExempt = (diagnostics: readonly unknown[]) => diagnostics.length === 0;

describe('language server in an untrusted workspace (Restricted Mode)', () => {
  const outside = tempTree({ 'psa.yaml': exempting('green') });
  const dir = tempTree({ 'apps/pod.yaml': POD });
  const uri = pathToFileURL(join(dir, 'apps/pod.yaml')).toString();
  const client = new LspClient();
  before(async () => {
    client.settings = { admissionConfig: join(outside, 'psa.yaml') };
    await client.start(pathToFileURL(dir).toString(), { initializationOptions: { isTrusted: false } });
  });
  after(() => client.stop());

  it('still checks open files, but reads no file a setting names, and says so once', async () => {
    const diagnostics = await client.open(uri, POD);
    assert.ok(diagnostics.some((d) => d.code === 'privileged'));
    await client.changeSettings({ ...(client.settings as object) }, uri);
    assert.deepEqual(client.messages, ['podsec.admissionConfig is ignored in Restricted Mode; trust the workspace to use it']);
  });

  it('applies path settings once the person trusts the workspace', async () => {
    const next = client.diagnostics(uri);
    await client.notify(WORKSPACE_TRUSTED_NOTIFICATION);
    assert.ok(isExempt(await next), 'the admission configuration exempts namespace green');
  });
});

describe('language server: admission configuration paths from workspace settings', () => {
  const outside = tempTree({ 'psa.yaml': exempting('green') });
  const dir = tempTree({ 'apps/pod.yaml': POD, 'config/a-psa.yaml': exempting('blue'), 'config/z-psa.yaml': exempting('green') });
  symlinkSync(join(outside, 'psa.yaml'), join(dir, 'config/link-psa.yaml'));
  const uri = pathToFileURL(join(dir, 'apps/pod.yaml')).toString();
  const client = new LspClient();
  before(() => client.start(pathToFileURL(dir).toString()));
  after(() => client.stop());

  it('uses a file inside the workspace named by a workspace setting, relative to the folder', async () => {
    assert.ok(!isExempt(await client.open(uri, POD)), 'the first configuration found (a-psa.yaml) exempts only blue');
    assert.ok(isExempt(await client.changeSettings({ admissionConfig: 'config/z-psa.yaml', [ADMISSION_CONFIG_SCOPE_KEY]: 'workspace' }, uri)));
  });

  it('refuses a file outside the workspace named by a workspace setting, directly or through a link', async () => {
    for (const path of [join(outside, 'psa.yaml'), 'config/link-psa.yaml', '../' + join('..', outside, 'psa.yaml')]) {
      const diagnostics = await client.changeSettings({ admissionConfig: path, [ADMISSION_CONFIG_SCOPE_KEY]: 'workspace' }, uri);
      assert.ok(diagnostics.some((d) => d.code === 'privileged'), path);
    }
    const refusals = client.messages.filter((m) => /is outside the workspace; workspace settings may only name files inside it/.test(m));
    assert.equal(refusals.length, 2, client.messages.join('\n'));
    assert.ok(refusals.some((m) => m.includes(join(outside, 'psa.yaml'))));
    assert.ok(refusals.some((m) => m.includes(join(dir, 'config/link-psa.yaml'))));
  });

  it('uses a file outside the workspace when the person set it in their user settings', async () => {
    assert.ok(isExempt(await client.changeSettings({ admissionConfig: join(outside, 'psa.yaml'), [ADMISSION_CONFIG_SCOPE_KEY]: 'user' }, uri)));
    assert.ok(isExempt(await client.changeSettings({ admissionConfig: 'config/link-psa.yaml', [ADMISSION_CONFIG_SCOPE_KEY]: 'user' }, uri)));
  });
});
