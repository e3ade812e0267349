/// <reference types="mocha" />
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { file } from './support';

/** What-if on the fixture's Namespace manifest (ns/green.yaml: enforce restricted:latest). */


describe('podsec what-if in VS Code', () => {
  it('counts the namespace\'s workloads in a code lens on the enforce label; its quick pick opens one at its first violation', async () => {
    const uri = file('ns/green.yaml');
    await vscode.window.showTextDocument(uri);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    const lens = lenses.find((l) => l.command?.command === 'podsec.showWhatIf');
    assert.ok(lens?.command, JSON.stringify(lenses.map((l) => l.command?.title)));
    // apps/green-app.yaml's Deployment "shop" is the only workload in namespace green.
    assert.equal(lens?.command?.title, '1 workload in this workspace would be rejected at restricted:latest');
    assert.equal(lens.range.start.line, 6, 'the enforce label');

    const opened = new Promise<vscode.TextEditor | undefined>((resolve) => {
      const sub = vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor?.document.uri.path.endsWith('/apps/green-app.yaml')) {
          sub.dispose();
          resolve(editor);
        }
      });
    });
    void vscode.commands.executeCommand(lens.command.command, ...(lens.command.arguments ?? []));
    // The quick pick opens asynchronously: accept its first item once it is there.
    let editor: vscode.TextEditor | undefined;
    for (let attempt = 0; attempt < 100 && !editor; attempt++) {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      editor = await Promise.race([opened, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 200))]);
    }
    assert.ok(editor, 'choosing the workload opens its file');
    // Its first violation: the missing capabilities.drop, anchored on securityContext: (line 16).
    assert.equal(editor.selection.active.line, 15);
  });
});
