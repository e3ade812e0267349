import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, Range, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { LspClient } from './client';

/**
 * Code actions as an editor uses them: ask at a diagnostic (or a line), apply the returned edit to
 * the text, send it back, and see the finding gone. Default settings: enforce baseline:latest,
 * warn and audit restricted:latest.
 */

const POD = `# The web front end.
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: web
    image: nginx:1.27  # pinned
    securityContext:
      privileged: true  # TODO: drop
`;

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment  # the shop
metadata:
  name: shop
spec:
  template:
    spec:
      hostNetwork: true
      containers:
      - name: shop
        image: registry.example/shop:1.4
        securityContext:
          allowPrivilegeEscalation: true  # should be false
`;

const VOLUME = `apiVersion: v1
kind: Pod
metadata:
  name: backup
spec:
  containers:
  - name: backup
    image: registry.example/backup:3
    securityContext:
      allowPrivilegeEscalation: false
      capabilities: {drop: [ALL]}
      runAsNonRoot: true
      seccompProfile: {type: RuntimeDefault}
  volumes:
  - name: host
    hostPath: {path: /var/lib}
`;

/** The text after applying a code action's edit, for one document. */
function applied(text: string, uri: string, edit: WorkspaceEdit | undefined): string {
  assert.ok(edit, 'the action carries an edit');
  const edits = edit.changes?.[uri] ?? edit.documentChanges?.flatMap((c) => ('textDocument' in c && c.textDocument.uri === uri ? c.edits.flatMap((e) => ('newText' in e ? [e] : [])) : [])) ?? [];
  assert.ok(edits.length > 0, 'the edit changes this document');
  return TextDocument.applyEdits(TextDocument.create(uri, 'yaml', 0, text), edits);
}

const line = (text: string, prefix: string): Range => {
  const n = text.split('\n').findIndex((l) => l.startsWith(prefix));
  assert.ok(n >= 0, prefix);
  return { start: { line: n, character: 1 }, end: { line: n, character: 1 } };
};
const WHOLE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
const titles = (actions: CodeAction[]) => actions.map((a) => [a.title, a.kind, a.isPreferred ?? false]);
const byCode = (ds: Diagnostic[], code: string) => {
  const found = ds.find((d) => d.code === code);
  assert.ok(found, `a ${code} diagnostic`);
  return found;
};

describe('code actions: quick fixes, fix all, make this workload comply', () => {
  // An editor without lazy resolution and without versioned edits: every action carries `changes`.
  const client = new LspClient();
  before(() => client.start());
  after(() => client.stop());

  it('offers the fixes of a diagnostic; the preferred one removes the finding and keeps comments', async () => {
    const uri = 'file:///w/fix/pod.yaml';
    const privileged = byCode(await client.open(uri, POD), 'privileged');
    const actions = await client.codeActions(uri, privileged.range, { diagnostics: [privileged] });
    assert.deepEqual(titles(actions), [
      ['Set privileged: false in container "web"', 'quickfix', true],
      ['Remove privileged: true in container "web"', 'quickfix', false],
    ]);
    assert.deepEqual(actions[0]?.diagnostics, [privileged]);
    const fixed = applied(POD, uri, actions[0]?.edit);
    assert.equal(fixed, POD.replace('privileged: true  # TODO: drop', 'privileged: false  # TODO: drop'));
    const after = await client.replace(uri, fixed, 2);
    assert.ok(!after.some((d) => d.code === 'privileged'));
    assert.ok(after.some((d) => d.code === 'runAsNonRoot'), 'other findings stay');
  });

  it('gives a fix to each diagnostic at one place, and nothing for diagnostics that are not ours', async () => {
    const uri = 'file:///w/fix/pod-several.yaml';
    const diagnostics = await client.open(uri, POD);
    const atName = diagnostics.filter((d) => d.range.start.line === 9);
    assert.deepEqual(atName.map((d) => d.code), ['allowPrivilegeEscalation', 'capabilities_restricted', 'runAsNonRoot', 'seccompProfile_restricted']);
    const foreign: Diagnostic = { ...byCode(atName, 'runAsNonRoot'), source: 'yaml' };
    const actions = await client.codeActions(uri, atName[0]?.range ?? WHOLE, { diagnostics: [...atName, foreign] });
    assert.deepEqual(titles(actions), [
      ['Set allowPrivilegeEscalation: false in container "web"', 'quickfix', true],
      ['Drop ALL capabilities in container "web"', 'quickfix', true],
      ['Set runAsNonRoot: true for the whole pod', 'quickfix', true],
      ['Set runAsNonRoot: true in container "web"', 'quickfix', false],
      ['Set seccompProfile.type: RuntimeDefault for the whole pod', 'quickfix', true],
      ['Set seccompProfile.type: RuntimeDefault in container "web"', 'quickfix', false],
    ]);
  });

  it('fixes every finding of the document with source.fixAll.podsec', async () => {
    const uri = 'file:///w/fix/pod-all.yaml';
    await client.open(uri, POD);
    assert.deepEqual(await client.codeActions(uri, WHOLE, { diagnostics: [] }).then((a) => a.filter((x) => x.kind?.startsWith('source'))), [], 'not in the light bulb');
    for (const only of [['source.fixAll.podsec'], ['source.fixAll'], ['source']]) {
      const actions = await client.codeActions(uri, WHOLE, { diagnostics: [], only });
      assert.deepEqual(titles(actions), [['Fix all Pod Security findings in this document', 'source.fixAll.podsec', false]], only[0]);
    }
    const [fixAll] = await client.codeActions(uri, WHOLE, { diagnostics: [], only: ['source.fixAll.podsec'] });
    const fixed = applied(POD, uri, fixAll?.edit);
    assert.equal(
      fixed,
      `# The web front end.
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: web
    image: nginx:1.27  # pinned
    securityContext:
      privileged: false  # TODO: drop
      allowPrivilegeEscalation: false
      capabilities:
        drop:
        - ALL
  securityContext:
    runAsNonRoot: true
    seccompProfile:
      type: RuntimeDefault
`,
    );
    assert.deepEqual(await client.replace(uri, fixed, 2), []);
    assert.deepEqual(await client.codeActions(uri, WHOLE, { diagnostics: [], only: ['source.fixAll.podsec'] }), [], 'nothing left to fix');
  });

  it('offers a volume removal alone, never preferred and never in fix all', async () => {
    const uri = 'file:///w/fix/volume.yaml';
    const hostPath = byCode(await client.open(uri, VOLUME), 'hostPathVolumes');
    const actions = await client.codeActions(uri, hostPath.range, { diagnostics: [hostPath] });
    assert.equal(actions.length, 1);
    assert.match(actions[0]?.title ?? '', /^Remove volume "host".*\(changes what the workload can access\)$/);
    assert.equal(actions[0]?.isPreferred, false);
    assert.deepEqual(await client.codeActions(uri, WHOLE, { diagnostics: [], only: ['source.fixAll.podsec'] }), []);
    assert.deepEqual(await client.codeActions(uri, line(VOLUME, 'kind:'), { diagnostics: [] }), [], 'no safe fix makes it comply');
    const after = await client.replace(uri, applied(VOLUME, uri, actions[0]?.edit), 2);
    assert.deepEqual(after, []);
  });

  it('makes a workload comply with each stricter level from its kind line', async () => {
    const uri = 'file:///w/fix/deployment.yaml';
    await client.open(uri, DEPLOYMENT);
    assert.deepEqual(await client.codeActions(uri, line(DEPLOYMENT, 'metadata:'), { diagnostics: [] }), [], 'only on the kind line');
    const actions = await client.codeActions(uri, line(DEPLOYMENT, 'kind:'), { diagnostics: [] });
    assert.deepEqual(titles(actions), [
      ['Make this Deployment comply with baseline:latest', 'quickfix', false],
      ['Make this Deployment comply with restricted:latest', 'quickfix', false],
    ]);
    assert.equal(applied(DEPLOYMENT, uri, actions[0]?.edit), DEPLOYMENT.replace('      hostNetwork: true\n', ''));
    const restricted = applied(DEPLOYMENT, uri, actions[1]?.edit);
    assert.equal(
      restricted,
      `apiVersion: apps/v1
kind: Deployment  # the shop
metadata:
  name: shop
spec:
  template:
    spec:
      containers:
      - name: shop
        image: registry.example/shop:1.4
        securityContext:
          allowPrivilegeEscalation: false  # should be false
          capabilities:
            drop:
            - ALL
      securityContext:
        runAsNonRoot: true
        seccompProfile:
          type: RuntimeDefault
`,
    );
    assert.deepEqual(await client.replace(uri, restricted, 2), []);
    assert.deepEqual(await client.codeActions(uri, line(restricted, 'kind:'), { diagnostics: [] }), [], 'nothing stricter left');
  });

  it('offers only the levels not yet satisfied, at the enforce version', async () => {
    const uri = 'file:///w/fix/deployment-v130.yaml';
    const baselineOnly = DEPLOYMENT.replace('      hostNetwork: true\n', '');
    await client.open(uri, baselineOnly);
    await client.changeSettings({ enforce: 'baseline:v1.30' }, uri);
    const actions = await client.codeActions(uri, line(baselineOnly, 'kind:'), { diagnostics: [] });
    assert.deepEqual(titles(actions), [['Make this Deployment comply with restricted:v1.30', 'quickfix', false]]);
    await client.changeSettings({}, uri);
  });

  it('fixes each workload of a multi-document file under its own policy, and makes one comply alone', async () => {
    const uri = 'file:///w/fix/multi.yaml';
    const multi = `# Two workloads, two namespaces.
apiVersion: v1
kind: Pod
metadata:
  name: api
  namespace: prod
spec:
  containers:
  - name: api
    image: registry.example/api:2
---
apiVersion: v1
kind: Pod
metadata:
  name: debug
spec:
  hostPID: true
  containers:
  - name: debug
    image: registry.example/debug:1
`;
    const api = multi.slice(0, multi.indexOf('---'));
    const debug = multi.slice(multi.indexOf('---'));
    // Settings are pulled per document when it opens: only this file sees them.
    client.settings = { enforce: 'baseline', warn: 'baseline', audit: 'baseline', namespaces: { prod: { 'pod-security.kubernetes.io/enforce': 'restricted' } } };
    await client.open(uri, multi);
    client.settings = {};
    const restrictedApi = `${api}    securityContext:
      allowPrivilegeEscalation: false
      capabilities:
        drop:
        - ALL
  securityContext:
    runAsNonRoot: true
    seccompProfile:
      type: RuntimeDefault
`;
    const baselineDebug = debug.replace('  hostPID: true\n', '');
    const [fixAll] = await client.codeActions(uri, WHOLE, { diagnostics: [], only: ['source.fixAll.podsec'] });
    assert.equal(applied(multi, uri, fixAll?.edit), restrictedApi + baselineDebug, 'restricted in prod, baseline in the default namespace');
    const secondKind = { start: { line: 12, character: 0 }, end: { line: 12, character: 0 } };
    const comply = await client.codeActions(uri, secondKind, { diagnostics: [] });
    assert.deepEqual(titles(comply), [
      ['Make this Pod comply with baseline:latest', 'quickfix', false],
      ['Make this Pod comply with restricted:latest', 'quickfix', false],
    ]);
    assert.equal(applied(multi, uri, comply[0]?.edit), api + baselineDebug, 'the other workload stays as it is');
    assert.deepEqual(await client.replace(uri, restrictedApi + baselineDebug, 2), []);
  });

  it('offers nothing for a diagnostic of an older version', async () => {
    const uri = 'file:///w/fix/stale.yaml';
    const stale = byCode(await client.open(uri, POD), 'privileged');
    // A line inserted above: the old diagnostic's range no longer holds the finding.
    const current = byCode(await client.replace(uri, `# owner: web team\n${POD}`, 2), 'privileged');
    assert.deepEqual(await client.codeActions(uri, stale.range, { diagnostics: [stale] }), []);
    const actions = await client.codeActions(uri, current.range, { diagnostics: [current] });
    assert.equal(actions[0]?.title, 'Set privileged: false in container "web"');
  });
});

describe('code actions in an editor that resolves edits lazily and checks versions', () => {
  const client = new LspClient();
  before(() => client.start(undefined, { textDocument: { codeAction: { dataSupport: true, resolveSupport: { properties: ['edit'] } } }, workspaceEdit: { documentChanges: true } }));
  after(() => client.stop());

  it('sends quick fixes with versioned edits and computes costly ones on resolve', async () => {
    const uri = 'file:///w/lazy/pod.yaml';
    const privileged = byCode(await client.open(uri, POD, 7), 'privileged');
    const actions = await client.codeActions(uri, privileged.range, { diagnostics: [privileged] });
    assert.deepEqual(titles(actions), [
      ['Set privileged: false in container "web"', 'quickfix', true],
      ['Remove privileged: true in container "web"', 'quickfix', false],
      ['Fix all Pod Security findings in this document', 'quickfix', false],
    ]);
    const change = actions[0]?.edit?.documentChanges?.[0];
    assert.ok(change && 'textDocument' in change);
    assert.deepEqual(change.textDocument, { uri, version: 7 });
    const fixAll = actions[2];
    assert.ok(fixAll && !fixAll.edit, 'fix all waits for resolve');
    const resolved = await client.resolveCodeAction(fixAll);
    assert.deepEqual(await client.replace(uri, applied(POD, uri, resolved.edit), 8), []);
  });

  it('resolves "make this workload comply" only for the version it was offered on', async () => {
    const uri = 'file:///w/lazy/deployment.yaml';
    await client.open(uri, DEPLOYMENT);
    const actions = await client.codeActions(uri, line(DEPLOYMENT, 'kind:'), { diagnostics: [] });
    const restricted = actions.find((a) => a.title === 'Make this Deployment comply with restricted:latest');
    assert.ok(restricted && !restricted.edit);
    const resolved = await client.resolveCodeAction(restricted);
    assert.ok(applied(DEPLOYMENT, uri, resolved.edit).includes('allowPrivilegeEscalation: false  # should be false'));
    await client.replace(uri, `# edited\n${DEPLOYMENT}`, 2);
    assert.equal((await client.resolveCodeAction(restricted)).edit, undefined);
  });
});
