import assert from 'node:assert/strict';
import * as vscode from 'vscode';

/** What every editor test file needs: the fixture workspace's files and podsec's diagnostics. */

export const file = (path: string): vscode.Uri => {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'the harness opens test/e2e/workspace (a copy)');
  return vscode.Uri.joinPath(f.uri, path);
};

export const podsec = (uri: vscode.Uri): vscode.Diagnostic[] => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'podsec');

export const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? d.code.value : d.code);

/**
 * Resolves with the document's podsec diagnostics once `ok` accepts them. Diagnostics arrive
 * asynchronously, so tests wait for a state rather than a time; 45 s covers a loaded machine.
 */
export function diagnosticsWhere(uri: vscode.Uri, ok: (ds: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const current = podsec(uri);
      if (!ok(current)) return;
      sub.dispose();
      clearTimeout(timer);
      resolve(current);
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`diagnostics of ${uri.path} never matched; last: ${JSON.stringify(podsec(uri).map((d) => [codeOf(d), d.severity]))}`));
    }, 45_000);
    check();
  });
}
