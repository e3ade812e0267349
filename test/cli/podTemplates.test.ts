import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli, tempTree } from '../support/cli';

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

const ROLLOUT = `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: canary
spec:
  template:
    spec:
      hostNetwork: true
      containers:
      - name: web
        image: registry.example/web:2
`;

const RULES_JSON = JSON.stringify([{ apiVersion: 'example.com/*', kind: 'Worker', path: 'spec.podTemplate' }]);
const RULES_YAML = '# custom kinds\n- apiVersion: example.com/v1\n  kind: Worker\n  path: spec.podTemplate\n';

/** [kind, allowed, podTemplate] of every object in a JSON report. */
function objects(stdout: string): unknown[] {
  return JSON.parse(stdout).files.flatMap((f: { objects: Array<{ kind: string; allowed: boolean; podTemplate?: unknown }> }) => f.objects.map((o) => [o.kind, o.allowed, o.podTemplate ?? null]));
}

describe('podsec check --pod-templates', () => {
  for (const [name, rules] of [
    ['rules.json', RULES_JSON],
    ['rules.yaml', RULES_YAML],
  ]) {
    it(`checks the custom kinds of a ${name.slice(6)} file beside the presets`, () => {
      const dir = tempTree({ [name]: rules, 'app/worker.yaml': WORKER, 'app/rollout.yaml': ROLLOUT });
      const r = runCli(['check', '--format', 'json', '--pod-templates', join(dir, name), join(dir, 'app')]);
      assert.equal(r.status, 1, r.stderr);
      const source = `${join(dir, name)}[0]`;
      assert.deepEqual(objects(r.stdout), [
        ['Rollout', false, { path: 'spec.template', source: 'preset Argo Rollouts', found: true }],
        ['Worker', false, { path: 'spec.podTemplate', source, found: true }],
      ]);
    });
  }

  it('checks the presets without the flag, and no other custom kind', () => {
    const dir = tempTree({ 'worker.yaml': WORKER, 'rollout.yaml': ROLLOUT });
    const r = runCli(['check', dir]);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /rollout\.yaml:8:20: error: host namespaces: pod must not set hostNetwork=true \(enforce baseline:latest\) \[hostNamespaces\]/);
    assert.doesNotMatch(r.stdout, /worker\.yaml/);
    assert.match(r.stdout, /1 workload in 2 files, 1 rejected by enforce/);
  });

  it('switches a preset off with path: null', () => {
    const dir = tempTree({ 'rules.yaml': '- {apiVersion: argoproj.io/*, kind: Rollout, path: null}\n', 'rollout.yaml': ROLLOUT });
    const r = runCli(['check', '--format', 'json', '--pod-templates', join(dir, 'rules.yaml'), join(dir, 'rollout.yaml')]);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(objects(r.stdout), []);
  });

  it('fixes custom kinds with --fix under the same rules', () => {
    const dir = tempTree({ 'rules.json': RULES_JSON, 'worker.yaml': WORKER });
    const r = runCli(['check', '--fix', '--level', 'baseline', '--pod-templates', join(dir, 'rules.json'), join(dir, 'worker.yaml')]);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.equal(readFileSync(join(dir, 'worker.yaml'), 'utf8'), WORKER.replace('privileged: true', 'privileged: false'));
  });

  it('exits 2 on a file that cannot be read, and checks nothing', () => {
    const dir = tempTree({ 'rollout.yaml': ROLLOUT });
    const missing = join(dir, 'missing.json');
    const r = runCli(['check', '--format', 'json', '--pod-templates', missing, dir]);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^podsec: --pod-templates: cannot read .*missing\.json: /);
    const folder = runCli(['check', '--pod-templates', dir, dir]);
    assert.equal(folder.status, 2);
    assert.equal(folder.stderr, `podsec: --pod-templates: ${dir} is not a file\n`);
  });

  it('exits 2 on a file that is not a valid list of rules, naming each problem', () => {
    const cases: Array<[string, RegExp]> = [
      ['[{"apiVersion": "example.com/v1", "kind": "Worker", "path": "spec.template"', /rules\.txt:1:\d+: /],
      ['- apiVersion: example.com/v1\n  kind: Worker\n  kind: Job\n  path: spec.template\n', /rules\.txt:3:3: .*kind/],
      ['{"apiVersion": "example.com/v1", "kind": "Worker", "path": "spec.template"}', /rules\.txt must hold one JSON or YAML list/],
      ['', /rules\.txt must hold one JSON or YAML list of .* and is empty/],
      ['- a: 1\n---\n- b: 2\n', /not 2 documents/],
      [
        '[{"apiVersion": "v1", "kind": "Worker", "path": "spec.template"}, {"apiVersion": "apps/v1", "kind": "Deployment", "path": "spec"}]',
        /rules\.txt\[0\]\.apiVersion must be a custom resource's "group\/version" or "group\/\*".*\npodsec: --pod-templates: .*rules\.txt\[1\]: Deployment in the apps group is a built-in workload/,
      ],
      ['- {apiVersion: example.com/v1, kind: Worker, path: [spec, template]}\n', /rules\.txt\[0\]\.path must be the dot-separated path of the pod template/],
    ];
    for (const [text, expected] of cases) {
      const dir = tempTree({ 'rules.txt': text, 'rollout.yaml': ROLLOUT });
      const r = runCli(['check', '--pod-templates', join(dir, 'rules.txt'), join(dir, 'rollout.yaml')]);
      assert.equal(r.status, 2, `${text}\n${r.stdout}${r.stderr}`);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /^podsec: --pod-templates: /);
      assert.match(r.stderr, expected);
    }
  });

  it('needs a FILE', () => {
    const r = runCli(['check', 'x.yaml', '--pod-templates']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^podsec: --pod-templates needs a FILE\n/);
  });
});
