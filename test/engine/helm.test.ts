import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { templateAction } from '../../shared/src/evaluate/helm';
import { IncrementalEvaluator } from '../../shared/src/evaluate/incremental';
import { fixAll } from '../../shared/src/fix/fixAll';
import { enforce, evalAt } from './helpers';

/** `helm create`'s deployment template, trimmed: not YAML until rendered. */
const CHART_TEMPLATE = `{{- if .Values.enabled }}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "chart.fullname" . }}
  labels:
    {{- include "chart.labels" . | nindent 4 }}
spec:
  template:
    spec:
      {{- with .Values.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      containers:
        - name: {{ .Chart.Name }}
          securityContext:
            {{- toYaml .Values.securityContext | nindent 12 }}
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
{{- end }}
---
apiVersion: v1
kind: Pod
metadata:
  name: plain
spec:
  containers:
  - name: a
    securityContext: {privileged: true}
`;

describe('Helm templates', () => {
  it('get one information note at the first template action and are not evaluated', () => {
    const result = evalAt(CHART_TEMPLATE, 'baseline');
    assert.deepEqual(result.objects, []);
    assert.deepEqual(
      result.problems.map((p) => [p.code, p.severity, CHART_TEMPLATE.slice(p.range[0], p.range[1])]),
      [['helm-template', 'info', '{{- if .Values.enabled }}']],
    );
    assert.match(result.problems[0]?.message ?? '', /looks like a Helm template: it is not valid YAML until Helm renders it/);
  });

  it('give the editor the same note, and it goes once the template is valid YAML', () => {
    const evaluator = new IncrementalEvaluator({ policy: enforce('baseline') });
    assert.deepEqual(evaluator.evaluate(CHART_TEMPLATE).result, evalAt(CHART_TEMPLATE, 'baseline'));
    const rendered = CHART_TEMPLATE.replace(/^\s*\{\{-.*\n/gm, '').replace(/\{\{[^}]*\}\}/g, 'x');
    const after = evaluator.evaluate(rendered).result;
    assert.deepEqual(after.problems.map((p) => p.code), []);
    assert.deepEqual(after.objects.map((o) => o.name), ['x', 'plain']);
  });

  it('are left alone by fix-all, even their documents that parse', () => {
    assert.equal(fixAll(CHART_TEMPLATE, { policy: enforce('baseline') }), CHART_TEMPLATE);
  });

  it('that happen to be valid YAML are evaluated as written', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: "{{ .Release.Name }}"\nspec:\n  containers:\n  - name: a\n    image: "{{ .Values.image }}"\n    securityContext: {privileged: true}\n';
    const result = evalAt(text, 'baseline');
    assert.deepEqual(result.problems, []);
    assert.equal(result.objects[0]?.name, '{{ .Release.Name }}');
    assert.equal(result.objects[0]?.allowed, false);
  });

  it('are not recognised in comments or quoted strings: a broken file keeps its syntax errors', () => {
    for (const text of [
      '# see {{ .Values.x }}\napiVersion: v1\nkind: Pod\nspec: [oops\n',
      'apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nspec:\n  args: ["{{inputs.parameters.message}}", \'{{x}}\']\n  oops: [\n',
    ]) {
      const problems = evalAt(text, 'baseline').problems;
      assert.ok(problems.length > 0 && problems.every((p) => p.code === 'yaml-syntax'), text);
    }
  });
});

describe('templateAction', () => {
  it('finds the first {{ … }} on one line', () => {
    assert.deepEqual(templateAction('a: {{\nb: }}\nc: {{ x }}\n'), [15, 22]);
    assert.equal(templateAction('a: {b: {c: 1}}\n'), undefined);
    assert.equal(templateAction('a: "}}{{"\n'), undefined);
    assert.equal(templateAction('a: "{{ x }}"\nb: \'{{ y }}\'\n'), undefined);
    assert.deepEqual(templateAction('a: "{{ x }}"\nb: {{ y }}\n'), [16, 23]);
  });

  it('takes one pass over pathological text', () => {
    assert.equal(templateAction('{'.repeat(10_000_000)), undefined);
    assert.equal(templateAction(`${'{{ no end\n'.repeat(200_000)}}}`), undefined);
    assert.deepEqual(templateAction(`${'{{ no end\n'.repeat(200_000)}{{ x }}`), [2_000_000, 2_000_007]);
  });
});
