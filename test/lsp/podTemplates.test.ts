import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, MarkupContent, Range, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { LspClient } from './client';

/**
 * Custom resources with pod templates in the language server: the presets, `podsec.podTemplates`
 * and what changing it does. Default policy: enforce baseline:latest, warn and audit restricted:latest.
 */

const ROLLOUT = `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: canary
spec:
  template:
    spec:
      containers:
      - name: web
        image: registry.example/web:2
        securityContext:
          privileged: true
`;

const WORKER = `apiVersion: example.com/v1
kind: Worker
metadata:
  name: worker
spec:
  podTemplate:
    spec:
      containers:
      - name: app
        image: registry.example/app:1
        securityContext:
          privileged: true
`;

const DEPLOYMENT = ROLLOUT.replace('argoproj.io/v1alpha1', 'apps/v1').replace('kind: Rollout', 'kind: Deployment');
const WORKER_RULE = { apiVersion: 'example.com/*', kind: 'Worker', path: 'spec.podTemplate' };

function applied(text: string, uri: string, edit: WorkspaceEdit | undefined): string {
  const edits = edit?.changes?.[uri] ?? [];
  assert.ok(edits.length > 0, 'the action changes this document');
  return TextDocument.applyEdits(TextDocument.create(uri, 'yaml', 0, text), edits);
}

const at = (line: number): Range => ({ start: { line, character: 1 }, end: { line, character: 1 } });
const codes = (ds: Diagnostic[]) => ds.map((d) => [d.code, d.severity]);
/** The errors (enforce) of a document's diagnostics, by code. */
const errors = (ds: Diagnostic[]) => ds.filter((d) => d.severity === 1).map((d) => d.code);

describe('language server: custom resources with pod templates', () => {
  const client = new LspClient();
  before(() => client.start());
  after(() => client.stop());

  it('checks an Argo Rollout like a Deployment, and words every finding as its pods\' ', async () => {
    const rollout = await client.open('file:///w/ct/rollout.yaml', ROLLOUT);
    const deployment = await client.open('file:///w/ct/deployment.yaml', DEPLOYMENT);
    assert.deepEqual(codes(rollout), codes(deployment));
    assert.deepEqual(errors(rollout), ['privileged']);
    const message = (ds: Diagnostic[], code: string) => LspClient.text(ds.find((d) => d.code === code) as Diagnostic).split('\n')[0];
    assert.equal(message(rollout, 'privileged'), 'pods of this workload: violates PodSecurity "baseline:latest": privileged (container "web" must not set securityContext.privileged=true)');
    // The API server answers a Deployment with this warning; it never sees the Rollout, only its pods.
    assert.equal(message(deployment, 'runAsNonRoot'), 'would violate PodSecurity "restricted:latest": runAsNonRoot != true (pod or container "web" must set securityContext.runAsNonRoot=true)');
    assert.equal(message(rollout, 'runAsNonRoot'), 'pods of this workload: would violate PodSecurity "restricted:latest": runAsNonRoot != true (pod or container "web" must set securityContext.runAsNonRoot=true)');
  });

  it('offers the quick fix, which removes the finding', async () => {
    const uri = 'file:///w/ct/rollout-fix.yaml';
    const privileged = (await client.open(uri, ROLLOUT)).find((d) => d.code === 'privileged');
    assert.ok(privileged);
    const actions = await client.codeActions(uri, privileged.range, { diagnostics: [privileged] });
    assert.equal(actions[0]?.title, 'Set privileged: false in container "web"');
    const fixed = applied(ROLLOUT, uri, actions[0]?.edit);
    assert.equal(fixed, ROLLOUT.replace('privileged: true', 'privileged: false'));
    const after = await client.replace(uri, fixed, 2);
    assert.ok(after.length > 0 && !after.some((d) => d.code === 'privileged'));
  });

  it('explains in the hover that the results are its pods\', and which preset found them', async () => {
    await client.open('file:///w/ct/rollout-hover.yaml', ROLLOUT);
    const hover = await client.hover('file:///w/ct/rollout-hover.yaml', 1, 7);
    const text = (hover?.contents as MarkupContent).value;
    assert.match(text, /^Custom resource \(preset Argo Rollouts\): Pod Security Admission does not check a Rollout itself; podsec checks the pods its controller creates from `spec\.template`\.$/m);
    assert.match(text, /Each pod would get:\n```text\nviolates PodSecurity "baseline:latest": privileged/);
  });

  it('lists a Rollout without a template with a code lens, and nothing else', async () => {
    const uri = 'file:///w/ct/rollout-ref.yaml';
    const text = 'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: ref}\nspec:\n  workloadRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n';
    assert.deepEqual(await client.open(uri, text), []);
    assert.deepEqual((await client.codeLenses(uri))?.map((l) => l.command?.title), ['○ no pod template at spec.template']);
  });

  it('re-evaluates open documents when podsec.podTemplates changes', async () => {
    const rollout = 'file:///w/ct/rollout-settings.yaml';
    const worker = 'file:///w/ct/worker.yaml';
    assert.ok((await client.open(rollout, ROLLOUT)).length > 0);
    assert.deepEqual(await client.open(worker, WORKER), [], 'not a workload without a rule');

    let workerNext = client.diagnostics(worker);
    const rolloutOff = await client.changeSettings({ podTemplates: [WORKER_RULE, { apiVersion: 'argoproj.io/*', kind: 'Rollout', path: null }] }, rollout);
    assert.deepEqual(rolloutOff, [], 'the preset is off');
    assert.deepEqual(errors(await workerNext), ['privileged']);

    // Fix-all and make-comply evaluate again: under the same rules.
    const [fixAll] = await client.codeActions(worker, at(0), { diagnostics: [], only: ['source.fixAll.podsec'] });
    assert.match(applied(WORKER, worker, fixAll?.edit), /privileged: false\n {10}allowPrivilegeEscalation: false\n/);
    const comply = await client.codeActions(worker, at(1), { diagnostics: [] });
    assert.deepEqual(comply.map((a) => a.title), ['Make this Worker comply with baseline:latest', 'Make this Worker comply with restricted:latest']);
    assert.equal(applied(WORKER, worker, comply[0]?.edit), WORKER.replace('privileged: true', 'privileged: false'));

    workerNext = client.diagnostics(worker);
    assert.ok((await client.changeSettings({}, rollout)).length > 0, 'the preset is back');
    assert.deepEqual(await workerNext, []);
  });

  it('reports an invalid entry once and keeps the valid ones', async () => {
    const worker = 'file:///w/ct/worker-invalid.yaml';
    await client.open(worker, WORKER);
    const before = client.messages.length;
    const settings = { podTemplates: [{ apiVersion: 'v1', kind: 'Worker', path: 'spec.podTemplate' }, WORKER_RULE] };
    assert.deepEqual(errors(await client.changeSettings(settings, worker)), ['privileged']);
    assert.deepEqual(await client.changeSettings({ ...settings }, worker).then((ds) => ds.length > 0), true);
    assert.deepEqual(client.messages.slice(before), [
      'podsec.podTemplates[0].apiVersion must be a custom resource\'s "group/version" or "group/*", such as "argoproj.io/v1alpha1" or "argoproj.io/*"; ignoring the entry',
    ]);
  });
});
