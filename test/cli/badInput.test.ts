import assert from 'node:assert/strict';
import { existsSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseDocuments } from '../../shared/src/yaml/parse';
import { runCli, tempTree } from '../support/cli';
import { PRIVILEGED_POD, RESTRICTED_POD } from './manifests';

/**
 * Issue 6 through the CLI: any input ends with a sensible message and exit code, never a crash,
 * a hang or an unbounded read. Exit 2 means a file could not be checked (too large, not YAML
 * Kubernetes can decode); a Helm template is a note (exit 0), since it cannot be checked before
 * it is rendered.
 */
interface FileReport {
  path: string;
  objects: Array<{ name: string | null; allowed: boolean; violations: Array<{ check: string; range: { start: { line: number } } }> }>;
  errors: Array<{ code: string; message: string; range: { start: { line: number; character: number } } }>;
  notes: Array<{ code: string; message: string }>;
}

function check(args: readonly string[], input?: string | Buffer): { status: number | null; files: FileReport[]; stderr: string } {
  const r = runCli(['check', '--format', 'json', ...args], { input });
  assert.equal(r.stderr.includes('RangeError') || r.stderr.includes('    at '), false, r.stderr);
  return { status: r.status, files: JSON.parse(r.stdout).files, stderr: r.stderr };
}

const codes = (file: FileReport | undefined) => (file?.errors ?? []).map((e) => e.code);

describe('podsec check --max-file-size', () => {
  it('reports a 50 MB file as not checked without reading it, and checks the other files', () => {
    const dir = tempTree({ 'ok.yaml': PRIVILEGED_POD, 'huge.yaml': '' });
    // A sparse file: 50 MB on paper, nothing on disk; reading it would still cost 50 MB.
    truncateSync(join(dir, 'huge.yaml'), 50 * 1024 * 1024);
    const r = check([dir]);
    assert.equal(r.status, 2);
    const huge = r.files.find((f) => f.path.endsWith('huge.yaml'));
    assert.deepEqual(codes(huge), ['file-too-large']);
    assert.equal(huge?.errors[0]?.message, 'not checked: it is 50 MB, over the maximum file size of 5 MB (--max-file-size)');
    assert.equal(r.files.find((f) => f.path.endsWith('ok.yaml'))?.objects[0]?.allowed, false);
  });

  it('reports a 10 MB single line as too large by default, and checks a smaller one', () => {
    const line = (n: number) => `apiVersion: v1\nkind: Pod\nmetadata: {name: long, annotations: {a: "${'x'.repeat(n)}"}}\nspec: {containers: [{name: a}]}\n`;
    const dir = tempTree({ 'line.yaml': line(10 * 1000 * 1000), 'short.yaml': line(500 * 1000) });
    const r = check([dir]);
    assert.deepEqual(codes(r.files.find((f) => f.path.endsWith('line.yaml'))), ['file-too-large']);
    assert.equal(r.files.find((f) => f.path.endsWith('short.yaml'))?.objects[0]?.name, 'long');
  });

  it('reads standard input only up to the limit', () => {
    const r = check(['--max-file-size', '1KB', '-'], PRIVILEGED_POD + `# ${'x'.repeat(2000)}\n`);
    assert.equal(r.status, 2);
    assert.deepEqual(codes(r.files[0]), ['file-too-large']);
    assert.equal(r.files[0]?.errors[0]?.message, 'not checked: it is larger than the maximum file size of 1 KB (--max-file-size)');
    assert.equal(check(['--max-file-size', '1KB', '-'], PRIVILEGED_POD).files[0]?.objects.length, 1);
  });

  it('reads a device or a FIFO named on the command line only up to the limit', { skip: !existsSync('/dev/zero') }, () => {
    const r = check(['/dev/zero']);
    assert.equal(r.status, 2);
    assert.deepEqual(codes(r.files[0]), ['file-too-large']);
  });

  it('accepts sizes with units and refuses anything else as a usage error', () => {
    const dir = tempTree({ 'pod.yaml': PRIVILEGED_POD });
    assert.equal(check(['--max-file-size', '100', dir]).status, 2);
    assert.equal(check(['--max-file-size=2KB', dir]).status, 1);
    assert.equal(check(['--max-file-size', '1.5 MB', dir]).status, 1);
    for (const bad of ['0', '-1', 'big', '5XB', '']) {
      const r = runCli(['check', '--max-file-size', bad, dir]);
      assert.equal(r.status, 2, bad);
      assert.match(r.stderr, /--max-file-size needs a size such as 20MB or 512KB/);
    }
    assert.match(runCli(['--help']).stdout, /--max-file-size SIZE/);
  });
});

describe('podsec check on hostile or odd YAML', () => {
  it('cuts off an alias bomb with one error and goes on with the next document', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 30; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    const bomb = `apiVersion: v1\nkind: Pod\nmetadata: {name: bomb}\nx:\n${lines.map((l) => `  ${l}\n`).join('')}spec:\n  containers: *a29\n---\n${PRIVILEGED_POD}`;
    const r = check(['-'], bomb);
    assert.equal(r.status, 2);
    assert.deepEqual(codes(r.files[0]), ['excessive-aliasing']);
    assert.deepEqual(r.files[0]?.objects.map((o) => o.name), ['web']);
    const text = runCli(['check', '--no-color', '-'], { input: bomb });
    assert.match(text.stdout, /^<stdin>:36:15: error: document contains excessive aliasing: its aliases expand to more than a billion billion nodes/m);
  });

  it('refuses 100,000 levels of nesting with one error', () => {
    for (const nested of [`x: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`, `x:\n${'- '.repeat(100_000)}a\n`]) {
      const r = check(['-'], `apiVersion: v1\nkind: Pod\n${nested}---\n${RESTRICTED_POD}`);
      assert.equal(r.status, 2);
      assert.deepEqual(codes(r.files[0]), ['too-deep']);
      assert.deepEqual(r.files[0]?.objects.map((o) => o.name), ['ok']);
    }
  });

  it('reports binary content and invalid UTF-8 with one error each', () => {
    const noise = Buffer.alloc(3000);
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 31 + 7) % 128;
    const dir = tempTree({ 'binary.yaml': noise, 'latin1.yaml': Buffer.from('kind: Pod\nmetadata: {name: caf\xe9}\n', 'latin1') });
    const r = check([dir]);
    assert.equal(r.status, 2);
    assert.deepEqual(codes(r.files.find((f) => f.path.endsWith('binary.yaml'))), ['control-characters']);
    assert.deepEqual(codes(r.files.find((f) => f.path.endsWith('latin1.yaml'))), ['read-error']);
  });

  it('evaluates a JSON manifest, and --fix keeps it JSON', () => {
    const json = JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'j' }, spec: { containers: [{ name: 'a', securityContext: { privileged: true } }] } }, null, 2);
    const dir = tempTree({ 'pod.yaml': `${json}\n` });
    const r = check(['--level', 'restricted', dir]);
    assert.equal(r.status, 1);
    assert.deepEqual(r.files[0]?.objects[0]?.violations.map((v) => v.check).sort(), ['allowPrivilegeEscalation', 'capabilities_restricted', 'privileged', 'runAsNonRoot', 'seccompProfile_restricted']);
    runCli(['check', '--level', 'restricted', '--fix', dir]);
    const fixed = readFileSync(join(dir, 'pod.yaml'), 'utf8');
    assert.equal(JSON.parse(fixed).spec.containers[0].securityContext.allowPrivilegeEscalation, false);
    assert.equal(check(['--level', 'baseline', dir]).status, 0);
  });

  it('reports duplicate keys and values of the wrong type as errors, and still shows the violations', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: 7}\nspec:\n  hostPID: true\n  securityContext: null\n  containers:\n  - name: a\n    securityContext:\n      privileged: false\n      privileged: true\n  initContainers: "setup"\n';
    const r = check(['--level', 'baseline', '-'], text);
    assert.equal(r.status, 2);
    assert.deepEqual(codes(r.files[0]).sort(), ['duplicate-key', 'type-mismatch', 'type-mismatch']);
    assert.deepEqual(r.files[0]?.objects[0]?.violations.map((v) => v.check), ['hostNamespaces', 'privileged']);
  });

  it('reads merge keys and aliases in pod specs and points at the alias', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: m}\nx-sc: &sc {privileged: true}\nspec:\n  containers:\n  - name: a\n    securityContext:\n      <<: *sc\n  - name: b\n    securityContext: *sc\n';
    const r = check(['--level', 'baseline', '-'], text);
    assert.equal(r.status, 1);
    assert.deepEqual(r.files[0]?.objects[0]?.violations.map((v) => [v.check, v.range.start.line]), [['privileged', 8], ['privileged', 10]]);
  });

  it('gives a Helm template one note and exit 0, and --fix leaves it alone', () => {
    const template = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}\n  labels:\n    {{- include "labels" . | nindent 4 }}\nspec:\n  containers:\n  - name: a\n    securityContext: {privileged: true}\n`;
    const dir = tempTree({ 'templates/pod.yaml': template });
    const r = check([dir]);
    assert.equal(r.status, 0);
    assert.deepEqual(r.files[0]?.errors, []);
    assert.deepEqual(r.files[0]?.notes.map((n) => n.code), ['helm-template']);
    const text = runCli(['check', '--no-color', dir]);
    assert.match(text.stdout, /pod\.yaml:4:9: info: This file looks like a Helm template/);
    assert.match(text.stdout, /✓ 0 workloads in 1 file/);
    runCli(['check', '--fix', dir]);
    assert.equal(readFileSync(join(dir, 'templates/pod.yaml'), 'utf8'), template);
  });

  it('never prints control characters from a manifest to the terminal', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: "x\\e]0;pwned\\a"}\nspec:\n  containers:\n  - name: "a\\e[2J\\nfile.yaml:1:1: error: fake"\n    securityContext: {privileged: true}\n';
    const r = runCli(['check', '--color', '-'], { input: text });
    const visible = r.stdout.replace(/\u001b\[\d+m/g, '');
    assert.equal(/[\u0000-\u0008\u000b-\u001f\u007f]/.test(visible), false, JSON.stringify(r.stdout));
    assert.match(visible, /container "a\\x1b\[2J\\x0afile\.yaml:1:1: error: fake" must not set/);
    // The name's line break cannot start a line of its own that looks like another finding.
    assert.ok(visible.split('\n').every((l) => l === '' || l.startsWith('<stdin>:') || l.startsWith('✗')), visible);
  });

  it('survives a mixed bag of odd files in one run', () => {
    const dir = tempTree({
      'empty.yaml': '',
      'comments.yaml': '# nothing\n---\n# still nothing\n',
      'scalar.yaml': 'just a string\n',
      'list.yaml': '- a\n- b\n',
      'tags.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: !!binary d2Vi}\nspec: !custom\n  containers: [{name: a, securityContext: !foo {privileged: yes}}]\n',
      'crlf.yaml': PRIVILEGED_POD.replace(/\n/g, '\r\n'),
      'bom.yaml': `\ufeff${PRIVILEGED_POD}`,
      'broken.yaml': 'apiVersion: v1\nkind: Pod\nspec: [oops\n',
    });
    const r = check([dir]);
    assert.equal(r.status, 2);
    const byName = new Map(r.files.map((f) => [f.path.slice(dir.length + 1), f]));
    assert.deepEqual(codes(byName.get('broken.yaml')).every((c) => c === 'yaml-syntax'), true);
    assert.equal(byName.get('tags.yaml')?.objects[0]?.name, 'web');
    assert.equal(byName.get('tags.yaml')?.objects[0]?.allowed, false);
    for (const name of ['crlf.yaml', 'bom.yaml']) assert.equal(byName.get(name)?.objects[0]?.allowed, false, name);
    for (const name of ['empty.yaml', 'comments.yaml', 'scalar.yaml', 'list.yaml']) assert.deepEqual(byName.get(name)?.errors, [], name);
  });
});

describe('podsec check --fix on hostile YAML', () => {
  it('writes nothing into a document it refused, and fixes the others', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 30; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    const bomb = `apiVersion: v1\nkind: Pod\nmetadata: {name: bomb}\nx:\n${lines.map((l) => `  ${l}\n`).join('')}spec:\n  containers: [{name: a, securityContext: {privileged: true}}]\n`;
    const dir = tempTree({ 'a.yaml': `${bomb}---\n${PRIVILEGED_POD}` });
    runCli(['check', '--fix', dir]);
    const fixed = readFileSync(join(dir, 'a.yaml'), 'utf8');
    // --fix writes only files that parse: a refused document counts as not parsing.
    assert.equal(fixed, `${bomb}---\n${PRIVILEGED_POD}`);
    writeFileSync(join(dir, 'a.yaml'), `${PRIVILEGED_POD}---\n${PRIVILEGED_POD}`);
    runCli(['check', '--fix', dir]);
    assert.ok(parseDocuments(readFileSync(join(dir, 'a.yaml'), 'utf8')).every((d) => d.errors.length === 0));
  });
});
