import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Hover } from 'vscode-languageserver-protocol';
import { tempTree } from '../support/cli';
import { LspClient } from './client';

/**
 * What-if on a Namespace manifest's labels, in a workspace on disk: the code lens counts the
 * workloads of the namespace, the hover words it as the API server's dry run, and invalid label
 * values get the API server's message and fixes. Default settings: enforce baseline:latest.
 */

const GREEN = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: green\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n';
const BAD = `apiVersion: v1
kind: Namespace
metadata:
  name: bad
  labels:
    pod-security.kubernetes.io/enforce: strict
    pod-security.kubernetes.io/enforce-version: 1.25
    pod-security.kubernetes.io/warn: "basline"
`;
const deployment = (name: string, ns: string, securityContext = '') =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  template:\n    spec:\n      containers:\n      - name: c\n        image: x\n${securityContext}`;
const PRIVILEGED_POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: debug\n  namespace: green\nspec:\n  containers:\n  - name: c\n    image: x\n    securityContext:\n      privileged: true\n';
const RESTRICTED_SC = '        securityContext:\n          runAsNonRoot: true\n          allowPrivilegeEscalation: false\n          capabilities: {drop: [ALL]}\n          seccompProfile: {type: RuntimeDefault}\n';

const text = (h: Hover | null) => (h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '');
const apply = (uri: string, source: string, action: CodeAction | undefined) => TextDocument.applyEdits(TextDocument.create(uri, 'yaml', 0, source), action?.edit?.changes?.[uri] ?? []);

describe('language server: what-if for namespace labels', () => {
  const dir = tempTree({
    'ns/green.yaml': GREEN,
    'ns/bad.yaml': BAD,
    'apps/cart.yaml': deployment('cart', 'green'),
    'apps/api.yaml': deployment('api', 'green'),
    'apps/debug.yaml': PRIVILEGED_POD,
    'apps/ok.yaml': deployment('ok', 'green', RESTRICTED_SC),
    'apps/elsewhere.yaml': deployment('elsewhere', 'blue'),
  });
  const uri = (path: string) => pathToFileURL(join(dir, path)).toString();
  const client = new LspClient();
  before(() => client.start(pathToFileURL(dir).toString(), { codeLensRefresh: true }));
  after(() => client.stop());

  it('reports invalid label values with the API server message, as errors at the values', async () => {
    const diagnostics = await client.open(uri('ns/bad.yaml'), BAD);
    const labels = diagnostics.filter((d) => d.code === 'invalid-namespace-label');
    assert.deepEqual(
      labels.map((d) => [d.severity, d.range.start.line, d.range.start.character, d.range.end.character, LspClient.text(d)]),
      [
        [1, 5, 40, 46, 'Namespace "bad" is invalid: metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: "strict": must be one of privileged, baseline, restricted'],
        [1, 6, 48, 52, 'Namespace "bad" is invalid: metadata.labels[pod-security.kubernetes.io/enforce-version]: Invalid value: "1.25": must be "latest" or "v1.x"'],
        [1, 7, 37, 46, 'Namespace "bad" is invalid: metadata.labels[pod-security.kubernetes.io/warn]: Invalid value: "basline": must be one of privileged, baseline, restricted'],
      ],
    );
  });

  it('offers the nearest valid values as quick fixes, keeping the quoting', async () => {
    const published = [...client.published].reverse().find((p) => p.uri === uri('ns/bad.yaml'));
    const diagnostics = (published?.diagnostics ?? []).filter((d) => d.code === 'invalid-namespace-label');
    const fixesFor = async (line: number) => {
      const d = diagnostics.find((x) => x.range.start.line === line);
      assert.ok(d);
      return client.codeActions(uri('ns/bad.yaml'), d.range, { diagnostics: [d] });
    };
    const strict = await fixesFor(5);
    assert.deepEqual(strict.map((a) => [a.title, a.isPreferred]), [['Change pod-security.kubernetes.io/enforce to "restricted"', true]]);
    assert.match(apply(uri('ns/bad.yaml'), BAD, strict[0]), /enforce: restricted\n/);
    const version = await fixesFor(6);
    assert.deepEqual(version.map((a) => a.title), ['Change pod-security.kubernetes.io/enforce-version to "v1.25"', 'Change pod-security.kubernetes.io/enforce-version to "latest"']);
    assert.equal(apply(uri('ns/bad.yaml'), BAD, version[0]), BAD.replace('enforce-version: 1.25', 'enforce-version: v1.25'));
    const warn = await fixesFor(7);
    assert.equal(apply(uri('ns/bad.yaml'), BAD, warn[0]), BAD.replace('"basline"', '"baseline"'));
  });

  it('says in a code lens how many workloads of the namespace the labels would reject', async () => {
    await client.open(uri('ns/green.yaml'), GREEN);
    const lenses = await client.codeLenses(uri('ns/green.yaml'));
    assert.deepEqual(lenses?.map((l) => [l.range.start.line, l.command?.title]), [[5, '3 workloads in this workspace would be rejected at restricted:latest']]);
    const [arg] = (lenses?.[0]?.command?.arguments ?? []) as Array<{ picks: Array<{ label: string; uri: string; line: number }> }>;
    assert.equal(lenses?.[0]?.command?.command, 'podsec.showWhatIf');
    assert.deepEqual(arg?.picks.map((p) => [p.label, p.uri.slice(p.uri.lastIndexOf('/') + 1), p.line]).sort(), [
      ['$(error) Deployment api', 'api.yaml', 9],
      ['$(error) Deployment cart', 'cart.yaml', 9],
      ['$(error) Pod debug', 'debug.yaml', 9],
    ]);
  });

  it('hovers the labels with the dry-run warnings kubectl would print', async () => {
    const hover = text(await client.hover(uri('ns/green.yaml'), 5, 10));
    const block = hover.slice(hover.indexOf('```text') + 8, hover.lastIndexOf('```') - 1);
    assert.equal(
      block,
      [
        'Warning: existing pods in namespace "green" violate the new PodSecurity enforce level "restricted:latest"',
        'Warning: api (and 1 other pod): allowPrivilegeEscalation != false, unrestricted capabilities, runAsNonRoot != true, seccompProfile',
        'Warning: debug: privileged, allowPrivilegeEscalation != false, unrestricted capabilities, runAsNonRoot != true, seccompProfile',
      ].join('\n'),
    );
    assert.match(hover, /each line names a workload/);
  });

  it('says when setting the labels would trigger no dry run', async () => {
    const privileged = GREEN.replace('enforce: restricted', 'enforce: privileged');
    await client.replace(uri('ns/green.yaml'), privileged, 2);
    assert.match(text(await client.hover(uri('ns/green.yaml'), 5, 10)), /triggers no dry run in the API server: the new enforce level is privileged, which allows every pod/);
    const lenses = await client.codeLenses(uri('ns/green.yaml'));
    assert.deepEqual(lenses?.map((l) => l.command?.title), ['✓ no workload in this workspace would be rejected at privileged:latest · 3 would warn at restricted:latest']);
    await client.replace(uri('ns/green.yaml'), GREEN, 3);
  });

  it('recounts when a workload changes, on disk or in an editor', { timeout: 20_000 }, async () => {
    writeFileSync(join(dir, 'apps/ok.yaml'), deployment('ok', 'green'));
    await client.filesChanged([uri('apps/ok.yaml')]);
    const titles = async () => (await client.codeLenses(uri('ns/green.yaml')))?.map((l) => l.command?.title);
    assert.deepEqual(await titles(), ['4 workloads in this workspace would be rejected at restricted:latest']);
    await client.open(uri('apps/debug.yaml'), PRIVILEGED_POD.replace('namespace: green', 'namespace: blue'));
    assert.deepEqual(await titles(), ['3 workloads in this workspace would be rejected at restricted:latest']);
    // The editor is told to ask again once edits to a workload pause (after the open's own refresh).
    await client.nextLensRefresh();
    const refreshed = client.nextLensRefresh();
    await client.replace(uri('apps/debug.yaml'), PRIVILEGED_POD, 2);
    await refreshed;
    assert.deepEqual(await titles(), ['4 workloads in this workspace would be rejected at restricted:latest']);
  });

  it('puts the lens on labels: when there is no enforce label', async () => {
    const blue = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: blue\n  labels:\n    team: b\n    pod-security.kubernetes.io/warn: restricted\n';
    await client.open(uri('ns/blue.yaml'), blue);
    const lenses = await client.codeLenses(uri('ns/blue.yaml'));
    // Default settings: enforce baseline:latest; the Deployment "elsewhere" is baseline, not restricted.
    assert.deepEqual(lenses?.map((l) => [l.range.start.line, l.command?.title]), [[4, '✓ no workload in this workspace would be rejected at baseline:latest · 1 would warn at restricted:latest']]);
    assert.match(text(await client.hover(uri('ns/blue.yaml'), 6, 40)), /triggers no dry run in the API server: the enforce level stays "baseline:latest"/);
    assert.equal(await client.hover(uri('ns/blue.yaml'), 5, 6), null, 'other labels say nothing');
  });

  it('shows the rejection instead of counts while a label is invalid', async () => {
    const lenses = await client.codeLenses(uri('ns/bad.yaml'));
    assert.deepEqual(lenses?.map((l) => l.command?.title), ['✗ the API server rejects this Namespace: invalid pod-security labels']);
  });
});
