import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { tempTree } from '../support/cli';
import { LspClient } from './client';

const namespace = (name: string, level = 'restricted') =>
  `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n  labels:\n    pod-security.kubernetes.io/enforce: ${level}\n`;
/** A pod that passes baseline and fails restricted: errors only where a namespace enforces restricted. */
const pod = (ns: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: ${ns}\nspec:\n  containers:\n  - name: c\n    image: x\n`;

/**
 * A workspace full of things the scan must skip, each holding the Namespace manifest of its own
 * namespace: a workload in that namespace shows restricted errors only if the scan read it.
 */
describe('language server workspace scan', () => {
  const outside = tempTree({ 'ns.yaml': namespace('ns-outside-file'), 'dir/ns.yaml': namespace('ns-outside-dir') });
  const dir = tempTree({
    'ns/ok.yaml': namespace('ns-ok'),
    'ns/binary.yaml': Buffer.concat([Buffer.from(namespace('ns-binary')), Buffer.from([0x23, 0x20, 0xff, 0xfe, 0xc3, 0x28, 0x0a])]),
    '.git/ns.yaml': namespace('ns-git'),
    'node_modules/chart/ns.yaml': namespace('ns-node-modules'),
    'deep/node_modules/ns.yaml': namespace('ns-deep-node-modules'),
    'generated/ns.yaml': namespace('ns-files-exclude'),
    'vendor/ns.yaml': namespace('ns-search-exclude'),
    'kept/ns.yaml': namespace('ns-exclude-off'),
    'charts/web/ns.yaml': namespace('ns-podsec-exclude'),
    'big.yaml': `${namespace('ns-big')}# ${'x'.repeat(2000)}\n`,
    'dir.yaml/ns.yaml': namespace('ns-dir-named-yaml'),
    // More files in one folder than the scan reads at once, beside a subfolder.
    ...Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`many/${String(i).padStart(2, '0')}.yaml`, namespace(`ns-many-${i}`)])),
    'many/sub/ns.yaml': namespace('ns-many-sub'),
  });
  symlinkSync(dir, join(dir, 'loop'));
  symlinkSync('..', join(dir, 'ns/up'));
  symlinkSync(join(outside, 'ns.yaml'), join(dir, 'outside.yaml'));
  symlinkSync(join(outside, 'dir'), join(dir, 'outside-dir'));
  symlinkSync(join(dir, 'ns/ok.yaml'), join(dir, 'same.yaml'));
  // Listed, then gone when read: what a file deleted during the scan looks like.
  symlinkSync(join(dir, 'deleted.yaml'), join(dir, 'gone.yaml'));
  mkdirSync(join(dir, 'fifos'));
  const fifos = ['a', 'b', 'c', 'd', 'e', 'f'].map((n) => join(dir, `fifos/${n}.yaml`));
  const hasFifos = fifos.every((f) => spawnSync('mkfifo', [f]).status === 0);

  const folder = pathToFileURL(dir).toString();
  const client = new LspClient();
  const probe = (ns: string) => pathToFileURL(join(dir, `probes/${ns}.yaml`)).toString();
  /** Whether the workspace's Namespace manifest of `ns` applies, seen through a workload in it. */
  const applies = async (ns: string) => (await client.open(probe(ns), pod(ns), ++opened)).some((d) => d.severity === 1);
  let opened = 0;

  before(async () => {
    client.settings = { maxFileSize: '1 KB', exclude: ['**/charts/**'] };
    client.sections = { 'files.exclude': { '**/generated': true }, 'search.exclude': { vendor: true, kept: false, '**/*.js': { when: '$(basename).ts' } } };
    await client.start(folder);
  });
  after(() => client.stop());

  it('reads the YAML files of the workspace, also invalid UTF-8', async () => {
    assert.equal(await applies('ns-ok'), true);
    assert.equal(await applies('ns-binary'), true);
    assert.equal(await applies('ns-exclude-off'), true, '"kept": false excludes nothing');
  });

  it('reads every file of a folder with more files than it reads at once', async () => {
    for (let i = 0; i < 40; i++) assert.equal(await applies(`ns-many-${i}`), true, `ns-many-${i}`);
    assert.equal(await applies('ns-many-sub'), true);
  });

  it('skips .git, node_modules at any depth, files.exclude, search.exclude and podsec.exclude', async () => {
    for (const ns of ['ns-git', 'ns-node-modules', 'ns-deep-node-modules', 'ns-files-exclude', 'ns-search-exclude', 'ns-podsec-exclude']) {
      assert.equal(await applies(ns), false, ns);
    }
  });

  it('skips files over podsec.maxFileSize, folders named like YAML files and links out of the workspace', async () => {
    for (const ns of ['ns-big', 'ns-outside-file', 'ns-outside-dir']) assert.equal(await applies(ns), false, ns);
    assert.equal(await applies('ns-dir-named-yaml'), true, 'a folder is walked, whatever its name');
  });

  it('survived link loops, a dangling link and FIFOs quietly', () => {
    assert.ok(hasFifos, 'mkfifo made the FIFOs');
    assert.deepEqual(client.messages, []);
    assert.ok(client.logs.some((l) => /^podsec: indexed \d+ YAML files$/.test(l)), client.logs.join('\n'));
  });

  it('never blocks on FIFOs reported as changed, nor reads excluded or outside files then', async () => {
    // One notification each: handled concurrently, six blocking reads would take all four of libuv's file threads.
    for (const f of [...fifos, join(dir, 'outside.yaml'), join(dir, 'generated/ns.yaml'), join(dir, 'node_modules/chart/ns.yaml')]) await client.filesChanged([pathToFileURL(f).toString()]);
    writeFileSync(join(dir, 'ns/ok.yaml'), namespace('ns-ok', 'baseline'));
    const relaxed = await client.fileChanged(pathToFileURL(join(dir, 'ns/ok.yaml')).toString(), probe('ns-ok'));
    assert.ok(relaxed.every((d) => d.severity !== 1), 'the change after the FIFOs was read');
    for (const ns of ['ns-outside-file', 'ns-files-exclude', 'ns-node-modules']) assert.equal(await applies(ns), false, ns);
  });

  it('scans again when the exclusions change, dropping what is now excluded', async () => {
    const next = client.diagnostics(probe('ns-podsec-exclude'));
    client.settings = { maxFileSize: '1 KB', exclude: ['ns/binary.yaml'] };
    await client.changeSettings(client.settings, probe('ns-binary'));
    assert.ok((await next).some((d) => d.severity === 1), 'charts/ is read now');
    assert.equal(await applies('ns-binary'), false, 'ns/binary.yaml is dropped');
    assert.equal(await applies('ns-podsec-exclude'), true);
  });

  it('does not count an open file in an excluded folder', async () => {
    const uri = pathToFileURL(join(dir, 'generated/ns.yaml')).toString();
    const next = client.diagnostics(probe('ns-files-exclude'));
    await client.open(uri, namespace('ns-files-exclude'));
    await client.change(probe('ns-files-exclude'), pod('ns-files-exclude'), ++opened);
    assert.ok((await next).every((d) => d.severity !== 1));
  });

  it('does not count an open file over podsec.maxFileSize until it fits', async () => {
    const uri = pathToFileURL(join(dir, 'open-big.yaml')).toString();
    await client.open(uri, `${namespace('ns-open-big')}# ${'x'.repeat(2000)}\n`);
    assert.equal(await applies('ns-open-big'), false);
    const next = client.diagnostics(probe('ns-open-big'));
    await client.change(uri, namespace('ns-open-big'), 2);
    assert.ok((await next).some((d) => d.severity === 1), 'counts once it fits');
  });
});
