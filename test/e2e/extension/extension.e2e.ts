/// <reference types="mocha" />
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';

/** The real extension in a real VS Code: what a person sees in the fixture workspace. */

const folder = (): vscode.Uri => {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'the harness opens test/e2e/workspace (a copy)');
  return f.uri;
};
const file = (path: string) => vscode.Uri.joinPath(folder(), path);
const podsec = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'podsec');

/** Resolves when the diagnostics of `uri` satisfy `ok`; waits on change events, never sleeps. */
function diagnosticsWhere(uri: vscode.Uri, ok: (ds: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const current = podsec(uri);
      if (!ok(current)) return false;
      sub.dispose();
      clearTimeout(timer);
      resolve(current);
      return true;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`diagnostics of ${uri.path} never matched; last: ${JSON.stringify(podsec(uri).map((d) => [d.code, d.severity]))}`));
    }, 45_000);
    check();
  });
}

const codes = (ds: vscode.Diagnostic[], severity: vscode.DiagnosticSeverity) =>
  ds.filter((d) => d.severity === severity).map((d) => (typeof d.code === 'object' ? d.code.value : d.code)).sort();

describe('podsec in VS Code', () => {
  const settings = () => vscode.workspace.getConfiguration('podsec');
  afterEach(async () => {
    await settings().update('enforce', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('shows errors on workloads in the restricted namespace and warnings elsewhere', async () => {
    await vscode.window.showTextDocument(file('apps/green-app.yaml'));
    const green = await diagnosticsWhere(file('apps/green-app.yaml'), (ds) => ds.length > 0);
    assert.deepEqual(codes(green, vscode.DiagnosticSeverity.Error), ['allowPrivilegeEscalation', 'capabilities_restricted', 'seccompProfile_restricted']);
    const escalation = green.find((d) => (typeof d.code === 'object' ? d.code.value : d.code) === 'allowPrivilegeEscalation');
    assert.ok(escalation);
    assert.equal(escalation.range.start.line, 17);
    assert.match(escalation.message, /violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false/);
    assert.equal(escalation.relatedInformation?.[0]?.location.uri.path, file('ns/green.yaml').path);

    await vscode.window.showTextDocument(file('apps/other.yaml'));
    const other = await diagnosticsWhere(file('apps/other.yaml'), (ds) => ds.length > 0);
    assert.deepEqual(codes(other, vscode.DiagnosticSeverity.Error), []);
    assert.ok(codes(other, vscode.DiagnosticSeverity.Warning).includes('runAsNonRoot'));
  });

  it('follows a settings change made through the API', async () => {
    await vscode.window.showTextDocument(file('apps/other.yaml'));
    await settings().update('enforce', 'restricted:v1.24', vscode.ConfigurationTarget.Workspace);
    const errors = await diagnosticsWhere(file('apps/other.yaml'), (ds) => ds.some((d) => d.severity === vscode.DiagnosticSeverity.Error));
    assert.ok(errors.some((d) => /"restricted:v1.24"/.test(d.message)));
    await settings().update('enforce', undefined, vscode.ConfigurationTarget.Workspace);
    await diagnosticsWhere(file('apps/other.yaml'), (ds) => ds.length > 0 && ds.every((d) => d.severity !== vscode.DiagnosticSeverity.Error));
  });

  it('hovers a workload kind with its effective policy', async () => {
    const uri = file('apps/green-app.yaml');
    await diagnosticsWhere(uri, (ds) => ds.length > 0);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(1, 8));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /\*\*enforce\*\* `restricted:latest`: namespace "green", label pod-security\.kubernetes\.io\/enforce \(ns\/green\.yaml:7\)/);
  });

  it('shows the strictest satisfied level in a code lens above each workload', async () => {
    const uri = file('apps/green-app.yaml');
    await diagnosticsWhere(uri, (ds) => ds.length > 0);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    assert.deepEqual(lenses.map((l) => [l.range.start.line, l.command?.title]), [[1, '✓ baseline · ✗ restricted: 3 violations']]);
  });

  it('sets the target level with "Pod Security: Choose Target Level"', async () => {
    await vscode.commands.executeCommand('podsec.chooseTargetLevel', { level: 'baseline', version: 'v1.30', target: 'workspace' });
    assert.equal(settings().inspect('enforce')?.workspaceValue, 'baseline:v1.30');
  });

  it('takes a screenshot of the squiggles and the hover for the README', async function () {
    const target = process.env['PODSEC_SCREENSHOT'];
    if (!target) this.skip();
    const editor = await vscode.window.showTextDocument(file('apps/green-app.yaml'));
    await diagnosticsWhere(editor.document.uri, (ds) => ds.length > 0);
    await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
    // Only for the picture: the editor renders code lenses on its own schedule after the provider answers.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    editor.selection = new vscode.Selection(17, 36, 17, 36);
    await vscode.commands.executeCommand('editor.action.showHover');
    console.log(`[vscode-test:screenshot] ${target}`);
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (existsSync(`${target}.done`)) {
          clearInterval(poll);
          resolve();
        }
      }, 100);
    });
  });
});
