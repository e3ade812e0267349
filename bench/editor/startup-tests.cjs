// Loaded by the editor harness (scripts/vscode-test/run.mjs) as --extensionTestsPath for
// bench/startup.mjs: opens a YAML file, which activates podsec, and waits for its diagnostics,
// so the client has logged "podsec: server ready in N ms after activation" to its output
// channel's log file, which the bench then reads. Plain CommonJS: nothing to compile.
'use strict';
const vscode = require('vscode');

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: startup\nspec:\n  hostNetwork: true\n  containers:\n    - name: app\n      image: nginx\n';

exports.run = async function run() {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the startup bench needs a workspace folder');
  const uri = vscode.Uri.joinPath(folder.uri, 'startup.yaml');
  await vscode.workspace.fs.writeFile(uri, Buffer.from(POD));
  const diagnosed = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no podsec diagnostics within 120 s')), 120_000);
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString())) return;
      if (!vscode.languages.getDiagnostics(uri).some((d) => d.source === 'podsec')) return;
      clearTimeout(timer);
      sub.dispose();
      resolve();
    });
  });
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  await diagnosed;
  // Log channels are written to disk asynchronously.
  await new Promise((resolve) => setTimeout(resolve, 2000));
  console.log('podsec startup bench: diagnostics shown');
};
