import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NO_RBAC, rbacFacts } from './rbacFacts';
import { RbacIndex } from './rbacIndex';

const CLUSTER_ROLE = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: psp-legacy
rules:
- apiGroups: [policy]
  resources: [podsecuritypolicies]
  verbs: [use]
  resourceNames: [legacy]
`;

function index(files: Record<string, string>): RbacIndex {
  const idx = new RbacIndex();
  for (const [uri, text] of Object.entries(files)) idx.set(uri, rbacFacts(uri, text));
  return idx;
}

const bound = (files: Record<string, string>, policy = 'legacy') => {
  const b = index(files).bound(policy);
  return { namespaces: [...b.namespaces.keys()], all: b.all.map((g) => g.via) };
};

const roleBinding = (ns: string | undefined, subjects: string, roleRef = 'kind: ClusterRole\n  name: psp-legacy') => `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: use-legacy
${ns ? `  namespace: ${ns}\n` : ''}roleRef:
  apiGroup: rbac.authorization.k8s.io
  ${roleRef}
subjects:
${subjects}`;

const clusterBinding = (subjects: string) => `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: use-legacy-everywhere
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: psp-legacy
subjects:
${subjects}`;

describe('RBAC: which namespaces may use a PodSecurityPolicy', () => {
  it('a RoleBinding grants its own namespace to its service accounts', () => {
    const r = bound({ 'a.yaml': CLUSTER_ROLE, 'b.yaml': roleBinding('legacy-apps', '- kind: ServiceAccount\n  name: default\n  namespace: legacy-apps\n') });
    assert.deepEqual(r, { namespaces: ['legacy-apps'], all: [] });
    const grants = index({ 'a.yaml': CLUSTER_ROLE, 'b.yaml': roleBinding('legacy-apps', '- kind: ServiceAccount\n  name: default\n') }).bound('legacy').namespaces.get('legacy-apps');
    assert.deepEqual(grants?.map((g) => [g.via, g.uri]), [['RoleBinding legacy-apps/use-legacy → ClusterRole psp-legacy', 'b.yaml']]);
  });

  it('a RoleBinding to another namespace\'s account grants nothing usable by pods', () => {
    assert.deepEqual(bound({ 'a.yaml': CLUSTER_ROLE, 'b.yaml': roleBinding('one', '- kind: ServiceAccount\n  name: x\n  namespace: two\n') }).namespaces, []);
  });

  it('groups: system:serviceaccounts:<ns>, and system:serviceaccounts in a RoleBinding means that namespace', () => {
    assert.deepEqual(bound({ 'a.yaml': CLUSTER_ROLE, 'b.yaml': roleBinding('one', '- kind: Group\n  name: system:serviceaccounts:one\n') }).namespaces, ['one']);
    assert.deepEqual(bound({ 'a.yaml': CLUSTER_ROLE, 'b.yaml': roleBinding('one', '- kind: Group\n  name: system:serviceaccounts\n') }).namespaces, ['one']);
    assert.deepEqual(bound({ 'a.yaml': CLUSTER_ROLE, 'b.yaml': roleBinding('one', '- kind: User\n  name: system:serviceaccount:one:builder\n') }).namespaces, ['one']);
    assert.deepEqual(bound({ 'a.yaml': CLUSTER_ROLE, 'b.yaml': roleBinding('one', '- kind: User\n  name: alice\n- kind: Group\n  name: developers\n') }).namespaces, []);
  });

  it('a ClusterRoleBinding grants each account\'s namespace, and every namespace for system:serviceaccounts', () => {
    const r = bound({ 'a.yaml': CLUSTER_ROLE, 'b.yaml': clusterBinding('- kind: ServiceAccount\n  name: a\n  namespace: zeta\n- kind: Group\n  name: system:serviceaccounts:alpha\n') });
    assert.deepEqual(r, { namespaces: ['alpha', 'zeta'], all: [] });
    const all = bound({ 'a.yaml': CLUSTER_ROLE, 'b.yaml': clusterBinding('- kind: Group\n  apiGroup: rbac.authorization.k8s.io\n  name: system:serviceaccounts\n') });
    assert.deepEqual(all, { namespaces: [], all: ['ClusterRoleBinding use-legacy-everywhere → ClusterRole psp-legacy (group system:serviceaccounts)'] });
  });

  it('resourceNames: other names do not grant; empty or * grants every policy; wildcards in verbs, groups, resources', () => {
    const files = (role: string) => ({ 'a.yaml': role, 'b.yaml': roleBinding('one', '- kind: ServiceAccount\n  name: default\n') });
    assert.deepEqual(bound(files(CLUSTER_ROLE), 'other').namespaces, []);
    assert.deepEqual(bound(files(CLUSTER_ROLE.replace('  resourceNames: [legacy]\n', '')), 'other').namespaces, ['one']);
    assert.deepEqual(bound(files(CLUSTER_ROLE.replace('[legacy]', "['*']")), 'other').namespaces, ['one']);
    assert.deepEqual(bound(files(CLUSTER_ROLE.replace('[policy]', "['*']").replace('[podsecuritypolicies]', "['*']").replace('[use]', "['*']"))).namespaces, ['one']);
    assert.deepEqual(bound(files(CLUSTER_ROLE.replace('[policy]', '[extensions]'))).namespaces, ['one']);
    assert.deepEqual(bound(files(CLUSTER_ROLE.replace('[use]', '[get, list]'))).namespaces, []);
    assert.deepEqual(bound(files(CLUSTER_ROLE.replace('[policy]', '[apps]'))).namespaces, []);
  });

  it('a Role counts only for RoleBindings in its namespace; unset namespaces are the default one', () => {
    const role = (ns: string | undefined) => CLUSTER_ROLE.replace('kind: ClusterRole', 'kind: Role').replace('  name: psp-legacy\n', `  name: psp-legacy\n${ns ? `  namespace: ${ns}\n` : ''}`);
    const subjects = '- kind: ServiceAccount\n  name: default\n';
    const ref = 'kind: Role\n  name: psp-legacy';
    assert.deepEqual(bound({ 'a.yaml': role('one'), 'b.yaml': roleBinding('one', subjects, ref) }).namespaces, ['one']);
    assert.deepEqual(bound({ 'a.yaml': role('two'), 'b.yaml': roleBinding('one', subjects, ref) }).namespaces, []);
    assert.deepEqual(bound({ 'a.yaml': role(undefined), 'b.yaml': roleBinding(undefined, subjects, ref) }).namespaces, ['default']);
    const kustomized = index({ 'k/a.yaml': role(undefined), 'k/b.yaml': roleBinding(undefined, subjects, ref) }).bound('legacy', (uri) => (uri.startsWith('k/') ? 'team' : 'default'));
    assert.deepEqual([...kustomized.namespaces.keys()], ['team']);
  });

  it('a binding to a role that is not in the workspace grants nothing', () => {
    assert.deepEqual(bound({ 'b.yaml': roleBinding('one', '- kind: ServiceAccount\n  name: default\n') }).namespaces, []);
  });

  it('reads only files that can hold RBAC objects, keeps only PSP roles and service-account bindings', () => {
    assert.equal(rbacFacts('x', 'kind: Deployment\nmetadata: {name: role}\n'), NO_RBAC);
    assert.equal(rbacFacts('x', CLUSTER_ROLE.replace('podsecuritypolicies', 'pods')), NO_RBAC);
    assert.equal(rbacFacts('x', roleBinding('one', '- kind: User\n  name: alice\n')), NO_RBAC);
    assert.equal(rbacFacts('x', 'kind: Role\n: : bad yaml [\n'), NO_RBAC);
    const both = rbacFacts('x', `${CLUSTER_ROLE}---\n${roleBinding('one', '- kind: ServiceAccount\n  name: default\n')}`);
    assert.equal(both.roles.length, 1);
    assert.equal(both.bindings.length, 1);
  });

  it('parses again only the documents whose text changed', () => {
    const binding = roleBinding('one', '- kind: ServiceAccount\n  name: default\n');
    const first = rbacFacts('x', `${CLUSTER_ROLE}---\n${binding}`);
    const second = rbacFacts('x', `# edited\n${CLUSTER_ROLE}---\n${binding.replace('use-legacy', 'use-legacy-2')}`, first);
    assert.notEqual(second.roles[0], first.roles[0], 'the edited first document is read again');
    assert.equal(second.bindings[0]?.name, 'use-legacy-2');
    const third = rbacFacts('x', `# edited\n${CLUSTER_ROLE}---\n${binding}`, second);
    assert.equal(third.roles[0], second.roles[0], 'the unchanged document is reused');
    assert.equal(third.bindings[0]?.name, 'use-legacy');
  });

  it('forgets a file when it changes or is deleted', () => {
    const idx = index({ 'a.yaml': CLUSTER_ROLE, 'b.yaml': roleBinding('one', '- kind: ServiceAccount\n  name: default\n') });
    idx.set('b.yaml', rbacFacts('b.yaml', 'kind: ConfigMap\n'));
    assert.equal(idx.bound('legacy').namespaces.size, 0);
    idx.delete('a.yaml');
    assert.equal(idx.size, 0);
  });
});
