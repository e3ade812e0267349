import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileFacts } from '../policy/workspaceFacts';
import { WorkspaceIndex } from '../policy/workspaceIndex';
import { IncrementalEvaluator } from '../evaluate/incremental';
import { parseDocuments } from '../yaml/parse';
import { kubectlDryRun, migration, removedMessage } from './migration';
import { findPolicies, mayHoldPsp } from './objects';
import { rbacFacts } from './rbacFacts';
import { RbacIndex } from './rbacIndex';

const PSP = (apiVersion = 'policy/v1beta1', name = 'p') => `apiVersion: ${apiVersion}\nkind: PodSecurityPolicy\nmetadata:\n  name: ${name}\nspec:\n  privileged: true\n`;

describe('finding PodSecurityPolicies in a file', () => {
  it('finds policy/v1beta1 and extensions/v1beta1, nothing else', () => {
    const text = [PSP(), PSP('extensions/v1beta1', 'old'), PSP('example.com/v1', 'crd'), 'kind: PodSecurityPolicy\nmetadata: {name: noversion}\n'].join('---\n');
    const found = findPolicies(parseDocuments(text));
    assert.deepEqual(found.map((p) => [p.name, p.apiVersion, p.docIndex]), [['p', 'policy/v1beta1', 0], ['old', 'extensions/v1beta1', 1]]);
    const [first] = found;
    assert.equal(text.slice(...(first?.kindRange ?? [0, 0])), 'PodSecurityPolicy');
    assert.equal(text.slice(...(first?.apiVersionRange ?? [0, 0])), 'policy/v1beta1');
  });

  it('skips documents that do not parse', () => {
    assert.deepEqual(findPolicies(parseDocuments(`${PSP()}  x: [\n`)), []);
  });

  it('places ranges in the file for documents parsed on their own (the language server path)', () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\n${PSP()}`;
    const evaluator = new IncrementalEvaluator({ policy: () => ({ enforce: { level: 'privileged', version: { latest: true } }, warn: { level: 'privileged', version: { latest: true } }, audit: { level: 'privileged', version: { latest: true } } }) });
    evaluator.evaluate(text);
    const edited = `# a comment\n${text}`;
    const [p] = findPolicies(evaluator.evaluate(edited).documents);
    assert.equal(edited.slice(...(p?.kindRange ?? [0, 0])), 'PodSecurityPolicy');
  });

  it('has a cheap pre-test', () => {
    assert.equal(mayHoldPsp('kind: Pod\n'), false);
    assert.equal(mayHoldPsp(PSP()), true);
  });

  it('words the removal by API version', () => {
    const [p, old] = findPolicies(parseDocuments(`${PSP()}---\n${PSP('extensions/v1beta1')}`));
    assert.match(removedMessage(p!, 'baseline'), /^The PodSecurityPolicy API \(policy\/v1beta1\) was removed in Kubernetes 1\.25: .*"baseline"/);
    assert.match(removedMessage(old!, 'baseline'), /removed in Kubernetes 1\.16 \(policy\/v1beta1 followed in 1\.25\)/);
  });
});

describe('migration steps per bound namespace', () => {
  const binding = (ns: string) => `apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: b, namespace: ${ns}}\nroleRef: {kind: ClusterRole, name: r}\nsubjects: [{kind: ServiceAccount, name: default}]\n`;
  const role = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: r}\nrules: [{apiGroups: [policy], resources: [podsecuritypolicies], verbs: [use]}]\n';
  const ns = (name: string, labels = '') => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n${labels ? `  labels:\n${labels}` : ''}`;

  it('labels, creates, skips what is labelled and reports conflicts', () => {
    const files: Record<string, string> = {
      'rbac.yaml': [role, ...['a', 'b', 'c', 'd', 'e', 'Bad_Name'].map(binding)].join('---\n'),
      'a.yaml': ns('a'),
      'c.yaml': ns('c', '    pod-security.kubernetes.io/enforce: privileged\n    pod-security.kubernetes.io/enforce-version: latest\n'),
      'd.yaml': ns('d', '    pod-security.kubernetes.io/enforce-version: v1.25\n'),
      'e.yaml': ns('e', '    pod-security.kubernetes.io/enforce: privileged\n'),
    };
    const rbac = new RbacIndex();
    const index = new WorkspaceIndex();
    for (const [uri, text] of Object.entries(files)) {
      rbac.set(uri, rbacFacts(uri, text));
      index.set(uri, fileFacts(uri, text));
    }
    const [p] = findPolicies(parseDocuments(PSP()));
    const m = migration(p!, { rbac, namespace: (n) => index.namespace(n) });
    assert.equal(m.target.level, 'privileged');
    assert.deepEqual(m.namespaces.map((s) => [s.name, s.state, s.current]), [
      ['Bad_Name', 'invalid-name', undefined],
      ['a', 'label', undefined],
      ['b', 'create', undefined],
      ['c', 'labelled', undefined],
      ['d', 'conflict', 'enforce-version=v1.25'],
      ['e', 'label', undefined],
    ]);
    assert.equal(kubectlDryRun('a', m.target), 'kubectl label --dry-run=server --overwrite ns a pod-security.kubernetes.io/enforce=privileged');
  });
});
