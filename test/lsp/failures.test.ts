import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LspClient } from './client';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: x\n    securityContext:\n      privileged: true\n';
/** The server was started to throw while evaluating any text with this marker (PODSEC_TEST_FAIL_ON). */
const MARKER = 'podsec-test-failure-marker';

describe('language server failure isolation', () => {
  const client = new LspClient({ env: { PODSEC_TEST_FAIL_ON: MARKER } });
  const broken = 'file:///w/broken.yaml';
  const healthy = 'file:///w/healthy.yaml';
  const failureLogs = () => client.logs.filter((l) => l.startsWith(`podsec: evaluating ${broken} failed`));
  before(() => client.start());
  after(() => client.stop());

  it('gives a document podsec fails on one error diagnostic with the message, and logs the failure', async () => {
    const diagnostics = await client.open(broken, `# ${MARKER}\n${POD}`);
    assert.equal(diagnostics.length, 1);
    const [failure] = diagnostics;
    assert.equal(failure?.severity, 1);
    assert.equal(failure?.code, 'podsec-failed');
    assert.deepEqual(failure?.range.start, { line: 0, character: 0 });
    assert.equal(
      LspClient.text(failure!),
      `Pod Security failed on this file: test failure (PODSEC_TEST_FAIL_ON=${MARKER}). Other files are still checked; the Pod Security output has the details.`,
    );
    assert.equal(failureLogs().length, 1);
    assert.match(failureLogs()[0] ?? '', /Error: test failure[\s\S]*\n\s+at /, 'with the stack');
  });

  it('keeps checking other documents', async () => {
    const diagnostics = await client.open(healthy, POD);
    assert.ok(diagnostics.some((d) => d.code === 'privileged'));
    assert.ok(await client.hover(healthy, 9, 20));
  });

  it('logs the same failure once however often the document changes, and answers its requests with nothing', async () => {
    for (let version = 2; version <= 6; version++) {
      const diagnostics = await client.replace(broken, `# ${MARKER} ${version}\n${POD}`, version);
      assert.deepEqual(diagnostics.map((d) => d.code), ['podsec-failed']);
    }
    assert.equal(await client.hover(broken, 10, 20), null);
    assert.deepEqual(await client.codeLenses(broken), []);
    assert.equal(await client.effectivePolicy(broken), null);
    assert.equal(failureLogs().length, 1);
  });

  it('checks the document again once it no longer fails, and logs a new failure', async () => {
    const recovered = await client.replace(broken, POD, 7);
    assert.ok(recovered.some((d) => d.code === 'privileged'));
    const again = await client.replace(broken, `# ${MARKER}\n${POD}`, 8);
    assert.deepEqual(again.map((d) => d.code), ['podsec-failed']);
    assert.equal(failureLogs().length, 2);
    assert.ok((await client.replace(healthy, POD.replace('true', 'false'), 2)).every((d) => d.code !== 'privileged'), 'the other document still follows edits');
  });
});
