// Throwaway extension used only to prove the offline VS Code test harness.
const vscode = require('vscode');

function activate(context) {
  const diagnostics = vscode.languages.createDiagnosticCollection('podsec-sample');
  context.subscriptions.push(diagnostics);

  context.subscriptions.push(
    vscode.commands.registerCommand('podsecSample.hello', () => 'hello from podsec-sample'),
  );

  // One warning per "privileged: true" in a YAML document.
  const check = (doc) => {
    if (doc.languageId !== 'yaml') return;
    const found = [];
    const text = doc.getText();
    const re = /privileged:\s*true/g;
    for (let m; (m = re.exec(text)); ) {
      const range = new vscode.Range(doc.positionAt(m.index), doc.positionAt(m.index + m[0].length));
      const d = new vscode.Diagnostic(range, 'privileged containers are not allowed', vscode.DiagnosticSeverity.Error);
      d.source = 'podsec-sample';
      found.push(d);
    }
    diagnostics.set(doc.uri, found);
  };
  vscode.workspace.textDocuments.forEach(check);
  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument(check),
    vscode.workspace.onDidChangeTextDocument((e) => check(e.document)),
    vscode.workspace.onDidCloseTextDocument((doc) => diagnostics.delete(doc.uri)),
  );
  console.log('podsec-sample activated');
}

function deactivate() {}

module.exports = { activate, deactivate };
