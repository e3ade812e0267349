import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { tempTree } from '../support/cli';
import { APPS_NS, LEGACY_PSP, PRIVILEGED_PSP, RBAC, TOOLS_NS } from '../psp/manifests';
import { LspClient } from './client';

/** Edits of one file in a WorkspaceEdit, in either form. */
function editsFor(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] | undefined {
  if (edit?.changes) return edit.changes[uri];
  for (const change of edit?.documentChanges ?? []) if ('textDocument' in change && change.textDocument.uri === uri) return change.edits as TextEdit[];
  return undefined;
}

function applied(text: string, edits: TextEdit[] | undefined): string {
  assert.ok(edits, 'the action edits this file');
  return TextDocument.applyEdits(TextDocument.create('x', 'yaml', 1, text), edits);
}

describe('language server: PodSecurityPolicy migration', () => {
  const dir = tempTree({ 'psp/legacy.yaml': LEGACY_PSP, 'psp/privileged.yaml': PRIVILEGED_PSP, 'rbac/legacy.yaml': RBAC, 'ns/apps.yaml': APPS_NS, 'ns/tools.yaml': TOOLS_NS });
  const uri = (p: string) => pathToFileURL(join(dir, p)).toString();
  const client = new LspClient();
  let legacy: Diagnostic[] = [];

  before(async () => {
    await client.start(pathToFileURL(dir).toString(), { workspaceEdit: { documentChanges: true } });
    legacy = await client.open(uri('psp/legacy.yaml'), LEGACY_PSP);
  });
  after(() => client.stop());

  it('warns on the kind that the API was removed in 1.25, with the level', () => {
    const d = legacy.filter((x) => x.code === 'psp-removed');
    assert.equal(d.length, 1);
    assert.equal(d[0]?.severity, 2);
    assert.deepEqual(d[0]?.range, { start: { line: 1, character: 6 }, end: { line: 1, character: 23 } });
    assert.equal(LspClient.text(d[0]!), 'The PodSecurityPolicy API (policy/v1beta1) was removed in Kubernetes 1.25: use Pod Security Admission namespace labels instead. This policy corresponds to the "baseline" Pod Security Standards level (pod-security.kubernetes.io/enforce: baseline).');
    assert.match(d[0]?.codeDescription?.href ?? '', /docs\/psp-migration\.md$/);
  });

  it('hovers with the level, deciding and mutating fields, and the bound namespaces', async () => {
    const h = await client.hover(uri('psp/legacy.yaml'), 1, 8);
    const text = typeof h?.contents === 'object' && 'value' in h.contents ? h.contents.value : '';
    assert.match(text, /\*\*PodSecurityPolicy `legacy`\*\* → Pod Security Standards \*\*baseline\*\*/);
    assert.match(text, /- `spec.allowPrivilegeEscalation` = `unset` → baseline/);
    assert.match(text, /- `spec.runAsUser` = `\{"rule":"MustRunAs","ranges":\[\{"min":1000,"max":65535\}\]\}` → baseline: rule MustRunAs/);
    assert.match(text, /\*\*Mutating fields\*\*/);
    assert.match(text, /`spec.fsGroup`.*spec\.securityContext\.fsGroup: 2000/);
    assert.match(text, /seccompProfile: \{type: RuntimeDefault\}/);
    assert.match(text, /- `apps`: label its manifest with enforce=baseline · via RoleBinding apps\/legacy-apps → ClusterRole psp-legacy/);
    assert.match(text, /- `batch`: no Namespace manifest in the workspace · via ClusterRoleBinding legacy-batch/);
    assert.match(text, /- `tools`: its manifest has enforce=privileged: not changed/);
    assert.match(text, /kubectl label --dry-run=server --overwrite ns apps pod-security.kubernetes.io\/enforce=baseline/);
  });

  it('labels the Namespace in another file and appends a Namespace for the one without a manifest', async () => {
    const actions = await client.codeActions(uri('psp/legacy.yaml'), { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, { diagnostics: legacy });
    const main = actions.find((a) => a.title.startsWith('Label namespace apps'));
    assert.ok(main, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(main.title, 'Label namespace apps and add Namespace manifest for batch with pod-security.kubernetes.io/enforce: baseline (replaces PodSecurityPolicy legacy)');
    assert.deepEqual(main.diagnostics?.map((d) => d.code), ['psp-removed']);
    assert.equal(
      applied(APPS_NS, editsFor(main.edit, uri('ns/apps.yaml'))),
      APPS_NS + '    pod-security.kubernetes.io/enforce: baseline\n    pod-security.kubernetes.io/enforce-version: latest\n',
    );
    assert.equal(
      applied(LEGACY_PSP, editsFor(main.edit, uri('psp/legacy.yaml'))),
      `${LEGACY_PSP}---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: batch\n  labels:\n    pod-security.kubernetes.io/enforce: baseline\n    pod-security.kubernetes.io/enforce-version: latest\n`,
    );
    assert.equal(editsFor(main.edit, uri('ns/tools.yaml')), undefined, 'a different enforce label is never overwritten by the main action');
    // A closed file's edit is not versioned; the open PSP file's is.
    const versions = (main.edit?.documentChanges ?? []).map((c) => ('textDocument' in c ? [c.textDocument.uri.slice(-12), c.textDocument.version] : []));
    assert.deepEqual(versions, [['ns/apps.yaml', null], ['/legacy.yaml', 1]]);
  });

  it('offers overwriting a different label only as a separate, explicit action', async () => {
    const actions: CodeAction[] = await client.codeActions(uri('psp/legacy.yaml'), { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } }, { diagnostics: [] });
    const overwrite = actions.find((a) => a.title.startsWith('Overwrite'));
    assert.equal(overwrite?.title, 'Overwrite the Pod Security labels of namespace tools (enforce=privileged) with pod-security.kubernetes.io/enforce: baseline');
    assert.equal(overwrite?.isPreferred, undefined);
    assert.equal(applied(TOOLS_NS, editsFor(overwrite?.edit, uri('ns/tools.yaml'))), TOOLS_NS.replace('privileged', 'baseline') + '    pod-security.kubernetes.io/enforce-version: latest\n');
  });

  it('labels an open Namespace from its editor text, with its version', async () => {
    const edited = APPS_NS.replace('team: shop', 'team: shop\n    owner: ops');
    await client.open(uri('ns/apps.yaml'), edited, 7);
    const actions = await client.codeActions(uri('psp/legacy.yaml'), { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, { diagnostics: [] });
    const main = actions.find((a) => a.title.startsWith('Label namespace apps'));
    assert.equal(applied(edited, editsFor(main?.edit, uri('ns/apps.yaml'))), `${edited}    pod-security.kubernetes.io/enforce: baseline\n    pod-security.kubernetes.io/enforce-version: latest\n`);
    const change = main?.edit?.documentChanges?.find((c) => 'textDocument' in c && c.textDocument.uri === uri('ns/apps.yaml'));
    assert.equal(change && 'textDocument' in change ? change.textDocument.version : undefined, 7);
  });

  it('without bindings: a commented snippet, and the hover says so', async () => {
    const diagnostics = await client.open(uri('psp/privileged.yaml'), PRIVILEGED_PSP);
    assert.match(LspClient.text(diagnostics.find((d) => d.code === 'psp-removed')!), /"privileged" Pod Security Standards level/);
    const actions = await client.codeActions(uri('psp/privileged.yaml'), { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, { diagnostics });
    assert.deepEqual(actions.map((a) => a.title), ['Add a commented Namespace snippet with pod-security.kubernetes.io/enforce: privileged (no namespace is bound to PodSecurityPolicy privileged)']);
    const after = applied(PRIVILEGED_PSP, editsFor(actions[0]?.edit, uri('psp/privileged.yaml')));
    assert.match(after, /\n# kind: Namespace\n/);
    const h = await client.hover(uri('psp/privileged.yaml'), 0, 14);
    const text = typeof h?.contents === 'object' && 'value' in h.contents ? h.contents.value : '';
    assert.match(text, /none found: no RoleBinding or ClusterRoleBinding/);
    assert.match(text, /- `spec.privileged` = `true` → privileged/);
  });

  it('follows RBAC edits in an open editor', async () => {
    const rbac = readFileSync(join(dir, 'rbac/legacy.yaml'), 'utf8');
    await client.open(uri('rbac/legacy.yaml'), rbac.replace('name: system:serviceaccounts:batch', 'name: system:serviceaccounts'), 1);
    const h = await client.hover(uri('psp/legacy.yaml'), 1, 8);
    const text = typeof h?.contents === 'object' && 'value' in h.contents ? h.contents.value : '';
    assert.match(text, /- every namespace: ClusterRoleBinding legacy-batch → ClusterRole psp-legacy \(group system:serviceaccounts\) \(rbac\/legacy.yaml\)/);
    assert.doesNotMatch(text, /`batch`/);
  });

  it('follows a PodSecurityPolicy typed into, and out of, one document of a file', async () => {
    const typed = uri('typed.yaml');
    const psp = (ds: Diagnostic[]) => ds.filter((d) => d.code === 'psp-removed').map((d) => d.range.start.line);
    await client.open(typed, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n');
    const at = (line: number, from: number, to: number) => ({ start: { line, character: from }, end: { line, character: to } });
    assert.deepEqual(psp(await client.edit(typed, 2, at(5, 12, 14), 'policy/v1beta1')), []);
    assert.deepEqual(psp(await client.edit(typed, 3, at(6, 6, 15), 'PodSecurityPolicy')), [6]);
    // An edit in the other document keeps the policy's warning.
    assert.deepEqual(psp(await client.edit(typed, 4, at(3, 9, 9), 'x')), [6]);
    assert.deepEqual(psp(await client.edit(typed, 5, at(6, 6, 23), 'ConfigMap')), []);
  });

  it('says nothing about other kinds and other API groups', async () => {
    const other = await client.open(uri('other.yaml'), LEGACY_PSP.replace('policy/v1beta1', 'example.com/v1'));
    assert.deepEqual(other.filter((d) => d.code === 'psp-removed'), []);
  });
});
