import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LspClient } from './client';

const pod = (name: string, privileged: boolean) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n  - name: ${name}\n    image: x\n    securityContext:\n      privileged: ${privileged}\n`;
/** Ten pods, each with a baseline error and restricted warnings. */
const MANY = Array.from({ length: 10 }, (_, i) => pod(`p${i}`, true)).join('---\n');

describe('language server limits: podsec.maxFileSize and podsec.maxDiagnostics', () => {
  const client = new LspClient();
  before(() => client.start());
  after(() => client.stop());

  it('gives a file over podsec.maxFileSize one note at its start and evaluates nothing', async () => {
    client.settings = { maxFileSize: '1 KB' };
    const uri = 'file:///w/big.yaml';
    const text = pod('web', true) + `# ${'x'.repeat(1200)}\n`;
    const diagnostics = await client.open(uri, text);
    assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics));
    const [note] = diagnostics;
    assert.equal(note?.code, 'file-too-large');
    assert.equal(note?.severity, 3);
    assert.deepEqual(note?.range.start, { line: 0, character: 0 });
    assert.equal(LspClient.text(note!), 'Pod Security did not check this file: it is 1.3 KB, over the podsec.maxFileSize limit of 1 KB.');
    assert.equal(await client.hover(uri, 9, 20), null);
    assert.deepEqual(await client.codeLenses(uri), []);
    assert.equal(await client.effectivePolicy(uri), null);
    assert.deepEqual(await client.codeActions(uri, note!.range, { diagnostics: [note!] }), []);
  });

  it('counts bytes, not characters', async () => {
    const uri = 'file:///w/euro.yaml';
    // 400 characters of 3 bytes each: 1,200 bytes in a 1 KB limit.
    const diagnostics = await client.open(uri, `# ${'€'.repeat(400)}\n${pod('web', true)}`);
    assert.deepEqual(diagnostics.map((d) => d.code), ['file-too-large']);
    const fits = await client.replace(uri, `# ${'€'.repeat(100)}\n${pod('web', true)}`, 2);
    assert.ok(fits.some((d) => d.code === 'privileged'));
  });

  it('evaluates the file again once it fits', async () => {
    const fits = await client.replace('file:///w/big.yaml', pod('web', true), 2);
    assert.ok(fits.some((d) => d.code === 'privileged'));
    assert.ok(!fits.some((d) => d.code === 'file-too-large'));
  });

  it('shows the most severe podsec.maxDiagnostics diagnostics in text order, and one note counting the rest', async () => {
    client.settings = {};
    const uri = 'file:///w/many.yaml';
    const all = await client.open(uri, MANY);
    assert.ok(all.length > 20, `${all.length} diagnostics`);
    const errors = all.filter((d) => d.severity === 1);
    assert.equal(errors.length, 10);

    const limited = await client.changeSettings({ maxDiagnostics: 4 }, uri);
    assert.equal(limited.length, 5);
    const [note, ...kept] = limited;
    assert.equal(note?.code, 'too-many-diagnostics');
    assert.equal(note?.severity, 3);
    assert.deepEqual(note?.range.start, { line: 0, character: 0 });
    assert.equal(LspClient.text(note!), `Pod Security shows 4 of the ${all.length} findings in this file (podsec.maxDiagnostics); ${all.length - 4} more are not shown.`);
    assert.deepEqual(kept, errors.slice(0, 4), 'the first four errors, before any warning');

    const withWarnings = await client.changeSettings({ maxDiagnostics: 12 }, uri);
    const lines = withWarnings.slice(1).map((d) => d.range.start.line);
    assert.deepEqual(lines, [...lines].sort((a, b) => a - b), 'in text order, errors and warnings mixed');
    assert.deepEqual(new Set(withWarnings.slice(1).map((d) => d.severity)), new Set([1, 2]));
    assert.equal(withWarnings.filter((d) => d.severity === 1).length, 10, 'all errors kept');
    assert.equal(withWarnings.length, 13);
  });

  it('shows everything, with no note, when the file is within the limit', async () => {
    const uri = 'file:///w/many.yaml';
    const all = await client.changeSettings({ maxDiagnostics: 500 }, uri);
    assert.ok(!all.some((d) => d.code === 'too-many-diagnostics'));
    const exact = await client.changeSettings({ maxDiagnostics: all.length }, uri);
    assert.deepEqual(exact, all);
  });

  it('falls back to the defaults for invalid limits, with one message each', async () => {
    const uri = 'file:///w/many.yaml';
    const all = await client.changeSettings({}, uri);
    const fallback = await client.changeSettings({ maxDiagnostics: 0, maxFileSize: '-1 MB' }, uri);
    assert.deepEqual(fallback, all);
    assert.ok(client.messages.includes('podsec.maxDiagnostics must be a whole number of at least 1; using 500'));
    assert.ok(client.messages.includes('podsec.maxFileSize must be a size like "5 MB" or "512 KB", or a number of bytes; using 5 MB'));
  });
});
