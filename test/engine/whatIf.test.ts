import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { evaluate } from '../../shared/src/evaluate/evaluate';
import { renderFix } from '../../shared/src/fix/render';
import type { Label } from '../../shared/src/policy/namespaceLabels';
import type { Policy } from '../../shared/src/policy/policy';
import { resolvePolicy } from '../../shared/src/policy/resolve';
import { fileFacts } from '../../shared/src/policy/workspaceFacts';
import { WorkspaceIndex } from '../../shared/src/policy/workspaceIndex';
import { DEFAULT_SETTINGS } from '../../shared/src/settings';
import { dryRunWarnings, noDryRunReason } from '../../shared/src/whatif/dryRun';
import { levelSuggestions, versionSuggestions } from '../../shared/src/whatif/labelValues';
import { labelFixPlans, psaLabels } from '../../shared/src/whatif/namespaceLabels';
import { lensTitle, summarize, summaryWarnings, whatIfOptions, whatIfTarget, whatIfWorkloads, type WhatIfWorkload } from '../../shared/src/whatif/whatIf';
import { objectMeta } from '../../shared/src/workloads/extract';
import { parseDocuments } from '../../shared/src/yaml/parse';
import { DocContext } from '../../shared/src/yaml/view';
import { lv } from './helpers';

describe('what-if: the dry-run warnings (pod-security-admission.md §8.1)', () => {
  it('groups identical short forms under the bytewise-smallest name, with the count wording', () => {
    const failing = [
      { name: 'web', shortForm: 'privileged' },
      { name: 'cart', shortForm: 'runAsNonRoot != true' },
      { name: 'api', shortForm: 'runAsNonRoot != true' },
      { name: 'Zeta', shortForm: 'runAsNonRoot != true' },
      { name: 'éclair', shortForm: 'seccompProfile' },
      { name: 'z', shortForm: 'seccompProfile' },
    ];
    assert.deepEqual(dryRunWarnings('shop', lv('restricted:latest'), failing), [
      'existing pods in namespace "shop" violate the new PodSecurity enforce level "restricted:latest"',
      // Byte order: uppercase before lowercase, ASCII before é; lines sorted as whole strings.
      'Zeta (and 2 other pods): runAsNonRoot != true',
      'web: privileged',
      'z (and 1 other pod): seccompProfile',
    ]);
  });

  it('keeps the requested version and says nothing when nothing fails', () => {
    assert.deepEqual(dryRunWarnings('a', lv('baseline:v1.99'), [{ name: 'p', shortForm: 'privileged' }])[0], 'existing pods in namespace "a" violate the new PodSecurity enforce level "baseline:v1.99"');
    assert.deepEqual(dryRunWarnings('a', lv('baseline:latest'), []), []);
  });

  it('knows which label changes the API server runs no dry run for (§7.3)', () => {
    const cases: Array<[string, string, string | undefined, RegExp | undefined]> = [
      ['baseline:latest', 'restricted:latest', undefined, undefined],
      ['restricted:latest', 'restricted:latest', undefined, /stays "restricted:latest"/],
      ['restricted:v1.37', 'restricted:latest', undefined, undefined], // latest ≠ v1.37: runs
      ['restricted:latest', 'privileged:v1.25', undefined, /privileged, which allows every pod/],
      ['restricted:latest', 'baseline:latest', undefined, /not stricter than "restricted:latest" at the same version/],
      ['restricted:v1.25', 'baseline:latest', undefined, undefined], // another version: runs
      ['privileged:latest', 'restricted:latest', 'namespace', /exempt \(namespace\)/],
    ];
    for (const [before, after, exemption, expected] of cases) {
      const reason = noDryRunReason(lv(before), lv(after), exemption);
      if (expected) assert.match(reason ?? '', expected, `${before} → ${after}`);
      else assert.equal(reason, undefined, `${before} → ${after}`);
    }
  });
});

describe('what-if: nearest valid label values', () => {
  it('levels: synonyms, case, typos; all three when nothing is close', () => {
    const cases: Array<[string, string[]]> = [
      ['strict', ['restricted']],
      ['Restricted', ['restricted']],
      ['basline', ['baseline']],
      ['priviliged', ['privileged']],
      [' baseline ', ['baseline']],
      ['xyzzy', ['restricted', 'baseline', 'privileged']],
      ['', ['restricted', 'baseline', 'privileged']],
      ['restricted', []],
    ];
    for (const [value, expected] of cases) assert.deepEqual(levelSuggestions(value), expected, value);
  });

  it('versions: the v1.<minor> it spells, and always latest', () => {
    const cases: Array<[string, string[]]> = [
      ['1.25', ['v1.25', 'latest']],
      ['v1.25.3', ['v1.25', 'latest']],
      ['V1.30', ['v1.30', 'latest']],
      ['v1.025', ['v1.25', 'latest']],
      ['1.29.0-gke.1', ['v1.29', 'latest']],
      ['v2.0', ['latest']],
      ['lastest', ['latest']],
      ['', ['latest']],
      ['v1.25', []],
    ];
    for (const [value, expected] of cases) assert.deepEqual(versionSuggestions(value), expected, value);
  });
});

describe('what-if: invalid labels on a Namespace manifest (§8.3)', () => {
  const ns = (labels: string, header = 'apiVersion: v1\nkind: Namespace\n') => `${header}metadata:\n  name: demo\n  labels:\n${labels}`;

  it('reports each invalid label with the API server message at its value', () => {
    const text = ns('    pod-security.kubernetes.io/enforce: strict\n    pod-security.kubernetes.io/audit-version: 1.30\n    pod-security.kubernetes.io/warn: baseline\n    other: x\n');
    const problems = evaluate(text, { policy: privileged() }).problems;
    assert.deepEqual(
      problems.map((p) => [p.code, p.severity, text.slice(p.range[0], p.range[1]), p.message]),
      [
        ['invalid-namespace-label', 'error', 'strict', 'Namespace "demo" is invalid: metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: "strict": must be one of privileged, baseline, restricted'],
        // A YAML number counts as the text written: Kubernetes label values are strings.
        ['invalid-namespace-label', 'error', '1.30', 'Namespace "demo" is invalid: metadata.labels[pod-security.kubernetes.io/audit-version]: Invalid value: "1.30": must be "latest" or "v1.x"'],
      ],
    );
  });

  it('an empty value is present and invalid; other kinds and API groups are not Namespaces', () => {
    assert.equal(evaluate(ns('    pod-security.kubernetes.io/enforce: ""\n'), { policy: privileged() }).problems.length, 1);
    assert.equal(evaluate(ns('    pod-security.kubernetes.io/enforce: strict\n', 'apiVersion: example.com/v1\nkind: Namespace\n'), { policy: privileged() }).problems.length, 0);
    assert.equal(evaluate(ns('    pod-security.kubernetes.io/enforce: strict\n', 'apiVersion: v1\nkind: ConfigMap\n'), { policy: privileged() }).problems.length, 0);
    assert.equal(evaluate(ns('    pod-security.kubernetes.io/enforce: restricted\n'), { policy: privileged() }).problems.length, 0);
  });

  it('fixes are minimal edits that keep the quoting style, proven by re-parse', () => {
    const cases: Array<[string, string, string]> = [
      ['    pod-security.kubernetes.io/enforce: strict  # team rule\n', 'restricted', '    pod-security.kubernetes.io/enforce: restricted  # team rule\n'],
      ['    pod-security.kubernetes.io/enforce: "strict"\n', 'restricted', '    pod-security.kubernetes.io/enforce: "restricted"\n'],
      ["    pod-security.kubernetes.io/enforce: 'strict'\n", 'restricted', "    pod-security.kubernetes.io/enforce: 'restricted'\n"],
      ['    pod-security.kubernetes.io/enforce-version: 1.25\n', 'v1.25', '    pod-security.kubernetes.io/enforce-version: v1.25\n'],
      ['    {pod-security.kubernetes.io/enforce-version: "v1.25.3", team: a}\n', 'v1.25', '    {pod-security.kubernetes.io/enforce-version: "v1.25", team: a}\n'],
    ];
    for (const [labels, value, expected] of cases) {
      const text = ns(labels);
      const [parsed] = parseDocuments(text);
      assert.ok(parsed);
      const meta = objectMeta(parsed, new DocContext(parsed.doc));
      assert.ok(meta);
      const [label] = psaLabels(meta);
      assert.ok(label, text);
      const plan = labelFixPlans(label).find((p) => p.ops[0]?.op === 'set' && p.ops[0].value === value);
      assert.ok(plan, `${labels}: ${labelFixPlans(label).map((p) => p.title).join('; ')}`);
      const fix = renderFix(plan, text);
      assert.ok(fix, labels);
      assert.equal(fix.edits.length, 1);
      const [edit] = fix.edits;
      assert.ok(edit);
      assert.equal(text.slice(0, edit.range[0]) + edit.newText + text.slice(edit.range[1]), ns(expected));
    }
  });
});

describe('what-if: counts checked against an independent evaluation of each workload', () => {
  const deployment = (name: string, ns: string | undefined, extra: string) =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n${ns ? `  namespace: ${ns}\n` : ''}spec:\n  template:\n    spec:\n${extra}      containers:\n      - name: c\n        image: x\n        securityContext:\n          allowPrivilegeEscalation: false\n          capabilities: {drop: [ALL]}\n`;
  const files: Record<string, string> = {
    'file:///w/ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    pod-security.kubernetes.io/enforce: privileged\n',
    'file:///w/a.yaml': deployment('a', 'shop', '      hostNetwork: true\n'),
    'file:///w/b.yaml': deployment('b', 'shop', '      securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}\n'),
    'file:///w/c.yaml': `${deployment('c', 'shop', '')}---\n${deployment('c2', 'shop', '      hostPID: true\n')}---\n${deployment('d', 'other', '      hostIPC: true\n')}`,
    'file:///w/e.yaml': `apiVersion: v1\nkind: Pod\nmetadata:\n  name: e\n  namespace: shop\nspec:\n  containers:\n  - name: c\n    image: x\n    securityContext: {privileged: true}\n`,
    'file:///w/base/f.yaml': deployment('f', undefined, '      hostNetwork: true\n'),
    'file:///w/base/kustomization.yaml': 'resources:\n- f.yaml\n',
    'file:///w/overlay/kustomization.yaml': 'namespace: shop\nresources:\n- ../base\n',
    'file:///w/junk.yaml': 'kind: Deployment\nmetadata: [\n',
  };
  const index = new WorkspaceIndex();
  for (const [uri, text] of Object.entries(files)) index.set(uri, fileFacts(uri, text));
  // Privileged defaults, so that warn following enforce (§3.2 step 9) shows in the counts.
  const PRIVILEGED_DEFAULTS = { ...DEFAULT_SETTINGS, enforce: lv('privileged:latest'), warn: lv('privileged:latest'), audit: lv('privileged:latest') };

  // Namespace by hand: metadata.namespace, else the overlay's (only base/f.yaml lacks one).
  const independent = (policy: Policy) => {
    let rejected = 0;
    let warned = 0;
    const shortForms: string[] = [];
    for (const [uri, text] of Object.entries(files)) {
      for (const [i, doc] of text.split('\n---\n').entries()) {
        let data: { kind?: string; metadata?: { name?: string; namespace?: string } } | undefined;
        try {
          data = parse(doc) as typeof data;
        } catch {
          continue;
        }
        if (!data?.metadata || data.kind === 'Namespace' || data.kind === undefined) continue;
        const namespace = data.metadata.namespace ?? (uri.includes('/base/') ? 'shop' : 'default');
        if (namespace !== 'shop') continue;
        const [object] = evaluate(doc, { policy }).objects;
        assert.ok(object, `${uri} #${i}`);
        if (!object.allowed) {
          rejected++;
          shortForms.push(`${object.name}: ${object.modes[0]?.results.map((r) => r.reason).join(', ')}`);
        } else if ((object.modes[1]?.results.length ?? 0) > 0) warned++;
      }
    }
    return { rejected, warned, shortForms: shortForms.sort() };
  };

  const whatIf = (labels: Record<string, string>, settings = PRIVILEGED_DEFAULTS) => {
    const context = { settings, index };
    const target = whatIfTarget(context, 'shop', new Map<string, Label>(Object.entries(labels).map(([k, v]) => [`pod-security.kubernetes.io/${k}`, { value: v }])));
    const workloads: WhatIfWorkload[] = [];
    for (const [uri, text] of Object.entries(files)) {
      const result = evaluate(text, whatIfOptions((object) => resolvePolicy({ ...context, uri }, object), target));
      workloads.push(...whatIfWorkloads(uri, result, 'shop'));
    }
    return summarize(target, workloads);
  };

  // The policies worked out by hand from §3.2.
  const cases: Array<[Record<string, string>, Policy, typeof DEFAULT_SETTINGS]> = [
    [{ enforce: 'baseline' }, { enforce: lv('baseline:latest'), warn: lv('baseline:latest'), audit: lv('privileged:latest') }, PRIVILEGED_DEFAULTS],
    [{ enforce: 'restricted', 'enforce-version': 'v1.24' }, { enforce: lv('restricted:v1.24'), warn: lv('restricted:v1.24'), audit: lv('privileged:latest') }, PRIVILEGED_DEFAULTS],
    [{ enforce: 'baseline', warn: 'restricted' }, { enforce: lv('baseline:latest'), warn: lv('restricted:latest'), audit: lv('privileged:latest') }, PRIVILEGED_DEFAULTS],
    [{ warn: 'restricted' }, { enforce: lv('privileged:latest'), warn: lv('restricted:latest'), audit: lv('privileged:latest') }, PRIVILEGED_DEFAULTS],
    // The settings' defaults (baseline enforce, restricted warn) under an audit-only label; an
    // enforce level that is not stricter than the default warn leaves warn alone.
    [{ audit: 'restricted' }, { enforce: lv('baseline:latest'), warn: lv('restricted:latest'), audit: lv('restricted:latest') }, DEFAULT_SETTINGS],
    [{ enforce: 'baseline' }, { enforce: lv('baseline:latest'), warn: lv('restricted:latest'), audit: lv('restricted:latest') }, DEFAULT_SETTINGS],
  ];
  for (const [labels, policy, settings] of cases) {
    it(`${JSON.stringify(labels)}${settings === DEFAULT_SETTINGS ? ' over the default settings' : ''}`, () => {
      const summary = whatIf(labels, settings);
      const expected = independent(policy);
      assert.ok(expected.rejected + expected.warned > 0, 'a case where something happens');
      assert.equal(summary.rejected.length, expected.rejected);
      assert.equal(summary.warned.length, expected.warned);
      assert.deepEqual(summary.rejected.map((w) => `${w.name}: ${w.shortForm}`).sort(), expected.shortForms);
      assert.equal(summary.workloads.length, 6);
      assert.equal(summaryWarnings(summary).length, expected.rejected === 0 ? 0 : 1 + new Set(summary.rejected.map((w) => w.shortForm)).size);
    });
  }

  it('words the lens', () => {
    assert.equal(lensTitle(whatIf({ enforce: 'baseline' })), '4 workloads in this workspace would be rejected at baseline:latest');
    assert.equal(lensTitle(whatIf({ enforce: 'baseline', warn: 'restricted' })), '4 workloads in this workspace would be rejected at baseline:latest · 1 would warn at restricted:latest');
    assert.equal(lensTitle(whatIf({ enforce: 'restricted' })), '5 workloads in this workspace would be rejected at restricted:latest');
    assert.equal(lensTitle(whatIf({ enforce: 'privileged', warn: 'baseline' })), '✓ no workload in this workspace would be rejected at privileged:latest · 4 would warn at baseline:latest');
    assert.equal(lensTitle(whatIf({ enforce: 'privileged', warn: 'privileged' })), '✓ no workload in this workspace violates privileged:latest');
  });
});

function privileged(): Policy {
  return { enforce: lv('privileged:latest'), warn: lv('privileged:latest'), audit: lv('privileged:latest') };
}
