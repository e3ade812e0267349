import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluate } from '../../shared/src/evaluate/evaluate';
import { evalAt, lv } from './helpers';

const container = '      containers:\n      - name: app\n        securityContext: {privileged: true}\n';

describe('finding pod specs (pod-security-admission.md §6)', () => {
  it('skip objects that are not built-in workloads, quietly', () => {
    const text = [
      'apiVersion: argoproj.io/v1alpha1\nkind: Deployment\nmetadata: {name: crd}\nspec:\n  template:\n    spec:\n' + container,
      'apiVersion: v1\nkind: Service\nmetadata: {name: s}\n',
      '- just\n- a list\n',
      'plain scalar\n',
      '# only comments\n',
      'kind: Deployment\napiVersion: apps/v1\nmetadata: {name: real}\nspec:\n  template:\n    spec:\n' + container,
    ].join('---\n');
    const r = evalAt(text, 'baseline');
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.objects.map((o) => o.name), ['real']);
  });

  it('accept legacy groups and a missing apiVersion', () => {
    const text = 'apiVersion: extensions/v1beta1\nkind: DaemonSet\nmetadata: {name: a}\nspec:\n  template:\n    spec:\n' + container + '---\nkind: Job\nmetadata: {name: b}\nspec:\n  template:\n    spec:\n' + container;
    assert.deepEqual(evalAt(text, 'baseline').objects.map((o) => [o.name, o.allowed]), [['a', false], ['b', false]]);
  });

  it('skip a ReplicationController without template; evaluate other missing templates as an empty pod', () => {
    const text = 'apiVersion: v1\nkind: ReplicationController\nmetadata: {name: rc}\nspec: {replicas: 1}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {replicas: 1}\n---\napiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\n';
    const r = evalAt(text, 'restricted');
    assert.deepEqual(r.objects.map((o) => [o.name, o.allowed, o.modes.length]), [['rc', true, 0], ['d', true, 3], ['c', true, 3]]);
  });

  it('read annotations from the template, not from the controller', () => {
    const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n  annotations:\n    container.apparmor.security.beta.kubernetes.io/app: unconfined\nspec:\n  template:\n    metadata:\n      annotations:\n        container.apparmor.security.beta.kubernetes.io/web: unconfined\n    spec:\n      containers:\n      - name: web\n';
    const o = evalAt(text, 'baseline').objects[0];
    assert.equal(o?.modes[0]?.message, 'violates PodSecurity "baseline:latest": forbidden AppArmor profile (annotation must not set AppArmor profile type to "container.apparmor.security.beta.kubernetes.io/web="unconfined"")');
  });

  it('finds the pod at every template path', () => {
    const kinds: Array<[string, string, string]> = [
      ['v1', 'Pod', 'spec:\n  containers:\n  - name: app\n    securityContext: {privileged: true}\n'],
      ['v1', 'PodTemplate', 'template:\n  spec:\n    containers:\n    - name: app\n      securityContext: {privileged: true}\n'],
      ['batch/v1', 'CronJob', 'spec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n          - name: app\n            securityContext: {privileged: true}\n'],
    ];
    for (const [apiVersion, kind, body] of kinds) {
      const o = evaluate(`apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata: {name: x}\n${body}`, { policy: { enforce: lv('baseline'), warn: lv('privileged'), audit: lv('privileged') } }).objects[0];
      assert.equal(o?.allowed, false, kind);
      assert.equal(o?.isPod, kind === 'Pod');
    }
  });
});

describe('YAML as Kubernetes reads it (go-yaml v2)', () => {
  it('reads annotations brought in by a merge key', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    <<: {container.apparmor.security.beta.kubernetes.io/a: unconfined}\nspec: {containers: [{name: a}]}\n';
    assert.equal(evalAt(text, 'baseline').objects[0]?.message, 'pods "p" is forbidden: violates PodSecurity "baseline:latest": forbidden AppArmor profile (annotation must not set AppArmor profile type to "container.apparmor.security.beta.kubernetes.io/a="unconfined"")');
  });

  it('keeps timestamp-like and h:m-like scalars as strings, booleans as YAML 1.1 booleans', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations: {container.apparmor.security.beta.kubernetes.io/a: 2024-01-01}\nspec:\n  containers:\n  - name: a\n    securityContext: {seLinuxOptions: {user: 1:0}, privileged: on}\n    livenessProbe: {tcpSocket: {host: 10:20, port: 1}}\n';
    const r = evalAt(text, 'baseline');
    assert.deepEqual(r.problems, []);
    assert.equal(r.objects[0]?.message, 'pods "p" is forbidden: violates PodSecurity "baseline:latest": forbidden AppArmor profile (annotation must not set AppArmor profile type to "container.apparmor.security.beta.kubernetes.io/a="2024-01-01""), probe or lifecycle host (container "a" uses probe or lifecycle host "10:20"), privileged (container "a" must not set securityContext.privileged=true), seLinuxOptions (container "a" set forbidden securityContext.seLinuxOptions: user may not be set)');
  });
});

describe('bad input', () => {
  it('reports values of the wrong type once, at the value, and evaluates them as unset', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    securityContext:\n      privileged: "true"\n    ports: {hostPort: 80}\n  - name: 7\n    securityContext: [x]\n';
    const r = evalAt(text, 'baseline');
    assert.deepEqual(r.objects[0]?.violations, []);
    const problems = r.problems.map((p) => [p.code, text.slice(p.range[0], p.range[1])]);
    assert.deepEqual(problems.sort(), [['type-mismatch', '"true"'], ['type-mismatch', '7'], ['type-mismatch', '[x]'], ['type-mismatch', '{hostPort: 80}']].sort());
    assert.match(r.problems[0]?.message ?? '', /must be a boolean, not the string "true"/);
  });

  it('reports syntax errors per document and still evaluates the other documents', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: [oops\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: ok}\nspec:\n  containers:\n  - name: a\n    securityContext: {privileged: true}\n';
    const r = evalAt(text, 'baseline');
    assert.ok(r.problems.length > 0);
    assert.ok(r.problems.every((p) => p.code === 'yaml-syntax' && p.range[0] <= text.indexOf('---')));
    assert.deepEqual(r.objects.map((o) => o.name), ['ok']);
  });

  it('does not expand alias bombs', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 30; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: bomb\n  labels: {}\nx:\n${lines.map((l) => '  ' + l).join('\n')}\nspec:\n  containers: *a29\n`;
    const r = evalAt(text, 'baseline');
    // 10^30 nodes: Kubernetes' decoder refuses it, and so does podsec, with one error at the alias.
    assert.equal(r.objects.length, 0);
    assert.deepEqual(r.problems.map((p) => [p.code, text.slice(p.range[0], p.range[1])]), [['excessive-aliasing', '*a29']]);
  });

  it('never throws on odd documents', () => {
    const inputs = ['', '---', '--- !!binary aGVsbG8=', 'kind: Pod\nspec: !custom {containers: 5}', 'kind: [Pod]', 'kind: Pod\nspec: null', 'kind: Pod\nspec:\n  containers:\n  - null\n  - 5\n  - [a]\n', '\u0000\u0001\u0002', 'kind: Pod\nspec: {containers: [{name: a, securityContext: {<<: *missing}}]}', '{"kind": "Pod", "apiVersion": "v1", "spec": {"containers": [{"name": "j", "securityContext": {"privileged": true}}]}}'];
    for (const text of inputs) assert.doesNotThrow(() => evalAt(text, 'restricted'), JSON.stringify(text));
    const json = evalAt(inputs.at(-1) ?? '', 'baseline');
    assert.equal(json.objects[0]?.allowed, false);
  });
});
