import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { evaluate, type EvaluationResult } from '../../shared/src/evaluate/evaluate';
import { IncrementalEvaluator } from '../../shared/src/evaluate/incremental';
import { fixAll } from '../../shared/src/fix/fixAll';
import { parseAdmissionConfig } from '../../shared/src/policy/admissionConfig';
import { resolvePolicy, type PolicyContext } from '../../shared/src/policy/resolve';
import { DEFAULT_SETTINGS, parseSettings } from '../../shared/src/settings';
import { POD_TEMPLATE_PRESETS } from '../../shared/src/workloads/podTemplatePresets';
import { parsePodTemplateRules } from '../../shared/src/workloads/podTemplateRules';
import { podTemplateTable, type PodTemplateTable } from '../../shared/src/workloads/podTemplates';
import { enforce } from './helpers';

/** A custom resource with a privileged container at `path` (dot-separated) under the object. */
function object(apiVersion: string, kind: string, path = 'spec.template', extra = ''): string {
  const keys = path.split('.');
  let body = '';
  keys.forEach((key, depth) => (body += `${'  '.repeat(depth)}${key}:\n`));
  const pad = '  '.repeat(keys.length);
  body += `${pad}spec:\n${pad}  containers:\n${pad}  - name: app\n${pad}    securityContext: {privileged: true}\n`;
  return `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata: {name: x}\n${extra}${body}`;
}

function table(rules: unknown): PodTemplateTable {
  const parsed = parsePodTemplateRules(rules, 'podsec.podTemplates');
  assert.deepEqual(parsed.problems, []);
  return podTemplateTable(parsed.rules);
}

const at = (text: string, podTemplates?: PodTemplateTable): EvaluationResult => evaluate(text, { policy: enforce('baseline'), podTemplates });
/** [kind, allowed, source] of each object found. */
const found = (r: EvaluationResult) => r.objects.map((o) => [o.kind, o.allowed, o.customResource?.source]);

describe('pod template presets', () => {
  const cases: Array<[string, string, string]> = [
    ['argoproj.io/v1alpha1', 'Rollout', 'preset Argo Rollouts'],
    ['apps.kruise.io/v1alpha1', 'CloneSet', 'preset OpenKruise'],
    ['apps.kruise.io/v1beta1', 'StatefulSet', 'preset OpenKruise'],
    ['apps.kruise.io/v1alpha1', 'StatefulSet', 'preset OpenKruise'],
    ['apps.kruise.io/v1alpha1', 'DaemonSet', 'preset OpenKruise'],
    ['serving.knative.dev/v1', 'Service', 'preset Knative Serving'],
    ['serving.knative.dev/v1', 'Configuration', 'preset Knative Serving'],
  ];
  for (const [apiVersion, kind, source] of cases) {
    it(`evaluates ${apiVersion} ${kind} like a Deployment, as a prediction for its pods`, () => {
      const o = at(object(apiVersion, kind)).objects[0];
      assert.ok(o);
      assert.deepEqual([o.kind, o.isPod, o.allowed, o.customResource], [kind, false, false, { path: 'spec.template', source, found: true }]);
      // The text every pod the controller creates would be rejected with, after its name.
      assert.equal(o.message, 'violates PodSecurity "baseline:latest": privileged (container "app" must not set securityContext.privileged=true)');
      assert.deepEqual(o.violations.map((v) => [v.checkId, v.mode]), [['privileged', 'enforce']]);
      assert.ok(o.violations[0]?.fixes.length, 'the finding has its fix');
    });
  }

  it('match only their own group (and version, where the preset names one)', () => {
    const text = [
      object('example.com/v1', 'Rollout'),
      object('apps/v1', 'CloneSet'),
      object('serving.knative.dev/v1alpha1', 'Service'),
      object('v1', 'Service'),
      object('kruise.io/v1alpha1', 'CloneSet'),
      object('argoproj.io', 'Rollout'),
    ].join('---\n');
    const r = at(text);
    assert.deepEqual(r.objects, []);
    assert.deepEqual(r.problems, []);
  });

  it('need an apiVersion: a kind alone could be anyone\'s', () => {
    assert.deepEqual(at(object('x', 'Rollout').replace('apiVersion: x\n', '')).objects, []);
  });

  it('leave the built-in kinds of the same name alone', () => {
    const text = [object('apps/v1', 'StatefulSet'), object('apps/v1', 'DaemonSet')].join('---\n');
    const none = table([{ apiVersion: 'apps.kruise.io/*', kind: 'StatefulSet', path: null }]);
    assert.deepEqual(found(at(text, none)), [['StatefulSet', false, undefined], ['DaemonSet', false, undefined]]);
  });

  it('are each documented in docs/pod-templates.md with the CRD field they come from', () => {
    const doc = readFileSync(resolve(__dirname, '../../../docs/pod-templates.md'), 'utf8');
    for (const p of POD_TEMPLATE_PRESETS) {
      const row = doc.split('\n').find((line) => line.startsWith('|') && line.includes(`\`${p.kind}\``) && line.includes(`\`${p.apiVersion}\``));
      assert.ok(row, `a table row for ${p.apiVersion} ${p.kind}`);
      assert.ok(row.includes(p.project) && row.includes(`\`${p.path}\``) && row.includes(`\`${p.field}\``), row);
    }
  });
});

describe('podsec.podTemplates rules', () => {
  it('map a custom kind at an exact version, at any path', () => {
    const rules = table([{ apiVersion: 'example.com/v1', kind: 'Worker', path: 'spec.workload.podTemplate' }]);
    const text = [object('example.com/v1', 'Worker', 'spec.workload.podTemplate'), object('example.com/v2', 'Worker', 'spec.workload.podTemplate')].join('---\n');
    assert.deepEqual(found(at(text, rules)), [['Worker', false, 'podsec.podTemplates[0]']]);
    assert.equal(at(text, rules).objects[0]?.customResource?.path, 'spec.workload.podTemplate');
  });

  it('match every version of a group with group/*, and only that group', () => {
    const rules = table([{ apiVersion: 'example.com/*', kind: 'Worker', path: 'spec.template' }]);
    const text = ['example.com/v1', 'example.com/v2beta1', 'sub.example.com/v1', 'example.org/v1', 'com/v1'].map((v) => object(v, 'Worker')).join('---\n');
    assert.deepEqual(at(text, rules).objects.map((o) => o.apiVersion), ['example.com/v1', 'example.com/v2beta1']);
  });

  it('prefer an exact version to group/*, whatever the order', () => {
    const rules = table([
      { apiVersion: 'example.com/*', kind: 'Worker', path: 'spec.a' },
      { apiVersion: 'example.com/v2', kind: 'Worker', path: 'spec.b' },
      { apiVersion: 'example.com/v3', kind: 'Worker', path: null },
    ]);
    const text = [object('example.com/v1', 'Worker', 'spec.a'), object('example.com/v2', 'Worker', 'spec.b'), object('example.com/v3', 'Worker', 'spec.a')].join('---\n');
    assert.deepEqual(at(text, rules).objects.map((o) => [o.apiVersion, o.allowed, o.customResource?.source]), [
      ['example.com/v1', false, 'podsec.podTemplates[0]'],
      ['example.com/v2', false, 'podsec.podTemplates[1]'],
    ]);
  });

  it('replace the preset of the same group and kind, and leave the other presets on', () => {
    const moved = table([{ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', path: 'spec.podTemplate' }]);
    const text = [object('argoproj.io/v1alpha1', 'Rollout', 'spec.podTemplate'), object('apps.kruise.io/v1alpha1', 'CloneSet')].join('---\n');
    assert.deepEqual(found(at(text, moved)), [['Rollout', false, 'podsec.podTemplates[0]'], ['CloneSet', false, 'preset OpenKruise']]);
    // At the preset's path, the replaced preset finds no template any more.
    assert.deepEqual(at(object('argoproj.io/v1alpha1', 'Rollout'), moved).objects[0]?.customResource, { path: 'spec.podTemplate', source: 'podsec.podTemplates[0]', found: false });
  });

  it('switch a preset off with path null or ""', () => {
    for (const path of [null, '']) {
      const off = table([{ apiVersion: 'argoproj.io/*', kind: 'Rollout', path }]);
      const text = [object('argoproj.io/v1alpha1', 'Rollout'), object('serving.knative.dev/v1', 'Service')].join('---\n');
      assert.deepEqual(found(at(text, off)), [['Service', false, 'preset Knative Serving']]);
    }
  });

  it('report each invalid entry once, skip it and keep the others and the presets', () => {
    const raw = [
      'spec.template',
      { apiVersion: 'v1', kind: 'Worker', path: 'spec.template' },
      { apiVersion: 'example.com', kind: 'Worker', path: 'spec.template' },
      { apiVersion: 'Example.com/v1', kind: 'Worker', path: 'spec.template' },
      { apiVersion: 'example.com/v1/x', kind: 'Worker', path: 'spec.template' },
      { apiVersion: 'example.com/v1', kind: 'my worker', path: 'spec.template' },
      { apiVersion: 'example.com/v1', kind: 5, path: 'spec.template' },
      { apiVersion: 'apps/*', kind: 'Deployment', path: 'spec.other' },
      { apiVersion: 'example.com/v1', kind: 'Worker', path: 5 },
      { apiVersion: 'example.com/v1', kind: 'Worker', path: ['spec', 'template'] },
      { apiVersion: 'example.com/v1', kind: 'Worker', path: 'spec..template' },
      { apiVersion: 'example.com/v1', kind: 'Worker' },
      { apiVersion: 'example.com/v1', kind: 'Worker', path: 'spec.template', Path: 'x' },
      { apiVersion: 'example.com/v1', kind: 'Worker', path: 'spec.template' },
      { apiVersion: 'example.com/v1', kind: 'Worker', path: 'spec.other' },
    ];
    const { settings, problems } = parseSettings({ podTemplates: raw });
    assert.equal(problems.length, raw.length - 1, problems.join('\n'));
    assert.ok(problems.every((p) => p.startsWith('podsec.podTemplates[') && p.endsWith('; ignoring the entry')), problems.join('\n'));
    assert.match(problems[0] ?? '', /^podsec\.podTemplates\[0\] must be an object/);
    assert.match(problems[7] ?? '', /^podsec\.podTemplates\[7\]: Deployment in the apps group is a built-in workload/);
    assert.match(problems[11] ?? '', /^podsec\.podTemplates\[11\]\.path must be/);
    assert.match(problems[12] ?? '', /unknown field "Path"/);
    assert.equal(problems[13], 'podsec.podTemplates[14] repeats podsec.podTemplates[13] (example.com/v1 Worker); ignoring the entry');
    assert.deepEqual(settings.podTemplates.map((r) => [r.source, r.path.join('.')]), [['podsec.podTemplates[13]', 'spec.template']]);
    const text = [object('example.com/v1', 'Worker'), object('argoproj.io/v1alpha1', 'Rollout'), object('apps/v1', 'Deployment', 'spec.other')].join('---\n');
    assert.deepEqual(found(at(text, podTemplateTable(settings.podTemplates))), [['Worker', false, 'podsec.podTemplates[13]'], ['Rollout', false, 'preset Argo Rollouts'], ['Deployment', true, undefined]]);
  });

  it('give one message for a setting that is not a list, and the presets', () => {
    for (const value of [{}, 'argoproj.io/*', 3, true]) {
      const { settings, problems } = parseSettings({ podTemplates: value });
      assert.deepEqual(problems, ['podsec.podTemplates must be a list of { "apiVersion", "kind", "path" } entries; ignoring it']);
      assert.equal(settings.podTemplates, DEFAULT_SETTINGS.podTemplates);
    }
  });

  it('build one lookup table per list of rules', () => {
    const { settings } = parseSettings({ podTemplates: [{ apiVersion: 'example.com/v1', kind: 'Worker', path: 'spec.template' }] });
    assert.equal(podTemplateTable(settings.podTemplates), podTemplateTable(settings.podTemplates));
    assert.equal(podTemplateTable(DEFAULT_SETTINGS.podTemplates), podTemplateTable(parseSettings({}).settings.podTemplates));
  });
});

describe('custom resources without a usable template', () => {
  it('list a Rollout whose pods come from spec.workloadRef, with nothing evaluated', () => {
    const text = 'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: r}\nspec:\n  workloadRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n';
    const r = at(text);
    assert.deepEqual(r.problems, []);
    const o = r.objects[0];
    assert.deepEqual([o?.allowed, o?.modes, o?.violations, o?.message, o?.customResource], [true, [], [], null, { path: 'spec.template', source: 'preset Argo Rollouts', found: false }]);
  });

  it('report a path through a value that is not a map, where it is, as the API server would', () => {
    const texts = [
      'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: r}\nspec: nothing\n',
      'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: r}\nspec:\n  template: [a, b]\n',
      'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: r}\nspec:\n  template: "x"\n',
    ];
    const underlined = texts.map((text) => at(text).problems.map((p) => [p.code, text.slice(p.range[0], p.range[1])]));
    assert.deepEqual(underlined, [[['type-mismatch', 'nothing']], [['type-mismatch', '[a, b]']], [['type-mismatch', '"x"']]]);
    assert.deepEqual(texts.map((t) => at(t).objects.map((o) => [o.allowed, o.customResource?.found])), [[[true, false]], [[true, true]], [[true, true]]]);
  });

  it('read annotations from the template, not from the custom resource', () => {
    const text = 'apiVersion: apps.kruise.io/v1alpha1\nkind: CloneSet\nmetadata:\n  name: c\n  annotations: {container.apparmor.security.beta.kubernetes.io/app: unconfined}\nspec:\n  template:\n    spec: {containers: [{name: app}]}\n';
    assert.equal(at(text).objects[0]?.allowed, true);
  });
});

describe('exemptions apply to custom resources as to Deployments', () => {
  const config = parseAdmissionConfig('apiVersion: pod-security.admission.config.k8s.io/v1\nkind: PodSecurityConfiguration\ndefaults: {enforce: baseline}\nexemptions:\n  namespaces: [kube-system]\n  runtimeClasses: [kata]\n').config;
  const ctx: PolicyContext = { settings: DEFAULT_SETTINGS, admission: config };
  const evaluated = (text: string) => evaluate(text, { policy: (o) => resolvePolicy(ctx, o) }).objects.map((o) => [o.name, o.allowed, o.policy.exemption ?? null]);

  it('by namespace', () => {
    const text = object('argoproj.io/v1alpha1', 'Rollout').replace('metadata: {name: x}', 'metadata: {name: sys, namespace: kube-system}') + '---\n' + object('argoproj.io/v1alpha1', 'Rollout');
    assert.deepEqual(evaluated(text), [['sys', true, 'namespace'], ['x', false, null]]);
  });

  it('by the template\'s runtimeClassName', () => {
    const text = object('serving.knative.dev/v1', 'Service').replace('      containers:', '      runtimeClassName: kata\n      containers:');
    assert.deepEqual(evaluated(text), [['x', true, 'runtimeClass']]);
    assert.deepEqual(evaluated(text.replace('kata', 'gvisor')), [['x', false, null]]);
  });
});

describe('fixes and re-evaluation with custom rules', () => {
  const rules = table([{ apiVersion: 'example.com/v1', kind: 'Worker', path: 'spec.workload.podTemplate' }]);
  const text = object('example.com/v1', 'Worker', 'spec.workload.podTemplate');

  it('fix-all fixes a custom kind under the rules it is given', () => {
    const fixed = fixAll(text, { policy: enforce('baseline'), podTemplates: rules });
    assert.equal(fixed, text.replace('privileged: true', 'privileged: false'));
    assert.equal(fixAll(text, { policy: enforce('baseline') }), text, 'without the rule the Worker is not a workload');
  });

  it('setOptions with other rules re-evaluates every document, parsing none again', () => {
    const evaluator = new IncrementalEvaluator({ policy: enforce('baseline') });
    assert.deepEqual(evaluator.evaluate(text).result.objects, []);
    evaluator.setOptions({ policy: enforce('baseline'), podTemplates: rules });
    assert.deepEqual(evaluator.evaluate(text).result.objects.map((o) => [o.kind, o.allowed]), [['Worker', false]]);
    evaluator.setOptions({ policy: enforce('baseline'), podTemplates: table([{ apiVersion: 'example.com/v1', kind: 'Worker', path: null }]) });
    assert.deepEqual(evaluator.evaluate(text).result.objects, []);
  });
});
