import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits } from '../fix/apply';
import { appendToFile, commentedSnippet, labelNamespace, namespaceManifest } from './labels';

const TARGET = { level: 'baseline', version: 'latest' } as const;

const apply = (text: string, plan: ReturnType<typeof labelNamespace>) => {
  assert.equal(plan.status, 'edit', JSON.stringify(plan));
  return applyEdits(text, plan.status === 'edit' ? plan.edits : []);
};

describe('namespace labels for a PSP migration', () => {
  it('adds the labels map, keeping comments and indentation', () => {
    const text = '# legacy apps\napiVersion: v1\nkind: Namespace\nmetadata:\n    name: legacy  # team a\n';
    assert.equal(apply(text, labelNamespace(text, 'legacy', TARGET)), '# legacy apps\napiVersion: v1\nkind: Namespace\nmetadata:\n    name: legacy  # team a\n    labels:\n        pod-security.kubernetes.io/enforce: baseline\n        pod-security.kubernetes.io/enforce-version: latest\n');
  });

  it('adds to existing labels, in the right document of several', () => {
    const text = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: other\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: legacy\n  labels:\n    team: a\n';
    assert.equal(apply(text, labelNamespace(text, 'legacy', TARGET)), `${text}    pod-security.kubernetes.io/enforce: baseline\n    pod-security.kubernetes.io/enforce-version: latest\n`);
  });

  it('adds only the missing version when enforce already matches; nothing when both do', () => {
    const text = 'kind: Namespace\nmetadata:\n  name: legacy\n  labels: {pod-security.kubernetes.io/enforce: baseline}\n';
    assert.equal(apply(text, labelNamespace(text, 'legacy', TARGET)), 'kind: Namespace\nmetadata:\n  name: legacy\n  labels: {pod-security.kubernetes.io/enforce: baseline, pod-security.kubernetes.io/enforce-version: latest}\n');
    const done = 'kind: Namespace\nmetadata:\n  name: legacy\n  labels:\n    pod-security.kubernetes.io/enforce: baseline\n    pod-security.kubernetes.io/enforce-version: latest\n';
    assert.deepEqual(labelNamespace(done, 'legacy', TARGET), { status: 'labelled' });
  });

  it('never overwrites a different label silently: a conflict with separate overwrite edits', () => {
    const text = 'kind: Namespace\nmetadata:\n  name: legacy\n  labels:\n    pod-security.kubernetes.io/enforce: privileged\n';
    const plan = labelNamespace(text, 'legacy', TARGET);
    assert.equal(plan.status, 'conflict');
    if (plan.status !== 'conflict') return;
    assert.equal(plan.current, 'enforce=privileged');
    assert.equal(applyEdits(text, plan.overwrite ?? []), 'kind: Namespace\nmetadata:\n  name: legacy\n  labels:\n    pod-security.kubernetes.io/enforce: baseline\n    pod-security.kubernetes.io/enforce-version: latest\n');
  });

  it('keeps CRLF line endings', () => {
    const text = 'kind: Namespace\r\nmetadata:\r\n  name: legacy\r\n';
    assert.equal(apply(text, labelNamespace(text, 'legacy', TARGET)), 'kind: Namespace\r\nmetadata:\r\n  name: legacy\r\n  labels:\r\n    pod-security.kubernetes.io/enforce: baseline\r\n    pod-security.kubernetes.io/enforce-version: latest\r\n');
  });

  it('finds nothing in a file without that Namespace or with a syntax error', () => {
    assert.deepEqual(labelNamespace('kind: Namespace\nmetadata: {name: a}\n', 'b', TARGET), { status: 'not-found' });
    assert.deepEqual(labelNamespace('kind: Namespace\nmetadata: {name: b\n', 'b', TARGET), { status: 'not-found' });
  });

  it('appends a new Namespace document, proven by re-parsing', () => {
    const text = 'apiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nmetadata: {name: p}';
    const edit = appendToFile(text, namespaceManifest('legacy', TARGET, '\n'), { asDocument: true });
    assert.equal(applyEdits(text, edit ? [edit] : []), `${text}\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: legacy\n  labels:\n    pod-security.kubernetes.io/enforce: baseline\n    pod-security.kubernetes.io/enforce-version: latest\n`);
  });

  it('appends a commented snippet that adds no document', () => {
    const text = 'kind: PodSecurityPolicy\nmetadata: {name: p}\n';
    const edit = appendToFile(text, commentedSnippet('p', TARGET, '\n'), { asDocument: false });
    assert.ok(edit);
    assert.match(edit.newText, /^# Pod Security Admission equivalent of PodSecurityPolicy p/);
    assert.match(edit.newText, /^#     pod-security.kubernetes.io\/enforce: baseline$/m);
  });

  it('refuses to append after a document it cannot read back', () => {
    assert.equal(appendToFile('a: [\n', namespaceManifest('x', TARGET, '\n'), { asDocument: true }), undefined);
  });
});
