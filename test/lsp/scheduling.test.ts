import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CancellationTokenSource, LSPErrorCodes, ResponseError } from 'vscode-languageserver-protocol/node';
import { LspClient } from './client';

const pod = (container: string, privileged: boolean) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: ${container}\n    image: x\n    securityContext:\n      privileged: ${privileged}\n`;

describe('language server scheduling: bursts of edits and cancelled requests', () => {
  const client = new LspClient();
  before(() => client.start());
  after(() => client.stop());

  it('ends a burst of 1,000 edits with diagnostics for the final text, never going back to an older version', async () => {
    const uri = 'file:///w/burst.yaml';
    await client.open(uri, pod('c1', true));
    const first = client.published.length;
    const final = client.diagnostics(uri, 1001);
    for (let version = 2; version <= 1001; version++) void client.change(uri, pod(`c${version}`, version % 2 === 1), version);
    const diagnostics = await final;
    assert.ok(diagnostics.some((d) => d.code === 'privileged' && /container "c1001"/.test(LspClient.text(d))), 'the final text');

    // One more edit gives the stream an end to look at.
    await client.replace(uri, pod('after', false), 1002);
    const versions = client.published.slice(first).filter((p) => p.uri === uri).map((p) => p.version ?? 0);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b), `published in order: ${versions.join(', ')}`);
    assert.equal(versions.at(-1), 1002);
    assert.ok(versions.includes(1001));
    // Without coalescing every edit would be evaluated and published (1,000 times).
    assert.ok(versions.length < 500, `${versions.length} publications for 1,001 edits`);
  });

  it('validates each edit of a person typing, one at a time', async () => {
    const uri = 'file:///w/typing.yaml';
    await client.open(uri, pod('a', false));
    for (let version = 2; version <= 5; version++) {
      const diagnostics = await client.replace(uri, pod(`a${version}`, version % 2 === 0), version);
      assert.equal(diagnostics.some((d) => d.code === 'privileged'), version % 2 === 0);
    }
  });

  it('answers cancelled hover, code lens and code action requests with RequestCancelled and does not evaluate for them', async () => {
    const uri = 'file:///w/cancel.yaml';
    // The server is provably inside the requests while it waits for configuration.
    const gate = client.holdConfiguration();
    const opened = client.open(uri, pod('web', true));
    await gate.asked;
    const source = new CancellationTokenSource();
    const requests = [
      client.hover(uri, 9, 20, source.token),
      client.codeLenses(uri, source.token),
      client.codeActions(uri, { start: { line: 9, character: 18 }, end: { line: 9, character: 22 } }, { diagnostics: [] }, source.token),
    ];
    source.cancel();
    gate.release();
    for (const request of requests) {
      await assert.rejects(request, (e: unknown) => e instanceof ResponseError && e.code === LSPErrorCodes.RequestCancelled);
    }
    assert.ok((await opened).some((d) => d.code === 'privileged'), 'the document is still validated');
    assert.ok(await client.hover(uri, 9, 20), 'an uncancelled request is answered');
  });
});
