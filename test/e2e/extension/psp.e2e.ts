/// <reference types="mocha" />
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, file } from './support';

/** PodSecurityPolicy migration in the real editor: the warning, and labels written into another file. */


function removedWarning(uri: vscode.Uri): Promise<vscode.Diagnostic> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const d = vscode.languages.getDiagnostics(uri).find((x) => x.source === 'podsec' && codeOf(x) === 'psp-removed');
      if (!d) return;
      sub.dispose();
      clearTimeout(timer);
      resolve(d);
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`no psp-removed warning on ${uri.path}`));
    }, 45_000);
    check();
  });
}

describe('podsec PodSecurityPolicy migration in VS Code', () => {
  it('warns that the API was removed and labels the bound namespace in its own file', async () => {
    const uri = file('psp/legacy-psp.yaml');
    await vscode.window.showTextDocument(uri);
    const warning = await removedWarning(uri);
    assert.equal(warning.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(warning.range.start.line, 2);
    assert.match(warning.message, /removed in Kubernetes 1\.25.*"restricted" Pod Security Standards level/);

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, warning.range);
    const label = actions.find((a) => a.title.startsWith('Label namespace legacy'));
    assert.ok(label?.edit, `actions offered: ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.ok(await vscode.workspace.applyEdit(label.edit));
    const ns = await vscode.workspace.openTextDocument(file('psp/ns-legacy.yaml'));
    try {
      assert.equal(
        ns.getText(),
        'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: legacy\n  labels:\n    team: platform  # owns the old workloads\n    pod-security.kubernetes.io/enforce: restricted\n    pod-security.kubernetes.io/enforce-version: latest\n',
      );
    } finally {
      // Leave the fixture as it is on disk for the other tests.
      await vscode.window.showTextDocument(ns);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    assert.equal(ns.isDirty, false);
  });
});
