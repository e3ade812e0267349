const assert = require('assert');
const vscode = require('vscode');

describe('podsec harness sample', () => {
  it('runs the contributed command', async () => {
    const result = await vscode.commands.executeCommand('podsecSample.hello');
    assert.strictEqual(result, 'hello from podsec-sample');
  });

  it('reports a diagnostic for a workspace YAML file', async () => {
    const [uri] = await vscode.workspace.findFiles('**/pod.yaml');
    assert.ok(uri, 'pod.yaml not found: is the workspace (test/e2e/sample/workspace) open?');
    const ours = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'podsec-sample');

    // Subscribe before opening so no change event can be missed; no sleeps.
    let sub;
    const arrived = new Promise((resolve) => {
      sub = vscode.languages.onDidChangeDiagnostics((e) => {
        if (e.uris.some((u) => u.toString() === uri.toString()) && ours().length > 0) resolve();
      });
    });
    try {
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc);
      if (ours().length === 0) await arrived;
    } finally {
      sub.dispose();
    }

    const diags = ours();
    assert.strictEqual(diags.length, 1);
    assert.strictEqual(diags[0].message, 'privileged containers are not allowed');
    assert.strictEqual(diags[0].range.start.line, 9);
  });

  it('fails on purpose when SAMPLE_FAIL=1 (proves failures reach the exit code)', function () {
    if (process.env.SAMPLE_FAIL !== '1') this.skip();
    assert.fail('deliberate failure (SAMPLE_FAIL=1)');
  });
});
