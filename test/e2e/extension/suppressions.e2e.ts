/// <reference types="mocha" />
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, diagnosticsWhere, file } from './support';

/** `# podsec-ignore` comments in a real VS Code: what disappears, what comes back, what warns. */


describe('podsec-ignore in VS Code', () => {
  const COMMENT = '# podsec-ignore privileged -- mounts the node\'s FUSE devices, reviewed in SEC-12';

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('hides the suppressed finding and shows it again when the comment is removed', async () => {
    const editor = await vscode.window.showTextDocument(file('suppress/agent.yaml'));
    const uri = editor.document.uri;
    const shown = await diagnosticsWhere(uri, (ds) => ds.some((d) => codeOf(d) === 'runAsNonRoot'));
    assert.deepEqual(shown.filter((d) => codeOf(d) === 'privileged'), []);
    assert.deepEqual(shown.filter((d) => String(codeOf(d)).startsWith('suppression-')), []);
    const line = editor.document.getText().split('\n').findIndex((l) => l.includes(COMMENT));
    const back = diagnosticsWhere(uri, (ds) => ds.some((d) => codeOf(d) === 'privileged'));
    assert.ok(await editor.edit((b) => b.delete(new vscode.Range(line, 0, line + 1, 0))));
    const [privileged] = (await back).filter((d) => codeOf(d) === 'privileged');
    assert.equal(privileged?.severity, vscode.DiagnosticSeverity.Error);
  });

  it('warns at the comment when it gives no reason, and at the ID when no such check exists', async () => {
    const editor = await vscode.window.showTextDocument(file('suppress/agent.yaml'));
    const uri = editor.document.uri;
    await diagnosticsWhere(uri, (ds) => ds.some((d) => codeOf(d) === 'runAsNonRoot'));
    const text = editor.document.getText();
    const at = text.indexOf(COMMENT);
    const warned = diagnosticsWhere(uri, (ds) => ds.some((d) => codeOf(d) === 'suppression-unknown-check'));
    assert.ok(await editor.edit((b) => b.replace(new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + COMMENT.length)), '# podsec-ignore privileged,runAsNonroot')));
    const warnings = (await warned).filter((d) => String(codeOf(d)).startsWith('suppression-')).sort((a, b) => a.range.start.compareTo(b.range.start));
    const underlined = warnings.map((d) => [codeOf(d), d.severity, editor.document.getText(d.range)]);
    assert.deepEqual(underlined, [
      ['suppression-no-reason', vscode.DiagnosticSeverity.Warning, '# podsec-ignore privileged,runAsNonroot'],
      ['suppression-unknown-check', vscode.DiagnosticSeverity.Warning, 'runAsNonroot'],
    ]);
    assert.match(warnings[1]?.message ?? '', /did you mean runAsNonRoot\?/);
  });
});
