/// <reference types="mocha" />
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { codeOf, diagnosticsWhere, file } from './support';

/** The real extension in a real VS Code: what a person sees in the fixture workspace. */


const codes = (ds: vscode.Diagnostic[], severity: vscode.DiagnosticSeverity) =>
  ds.filter((d) => d.severity === severity).map(codeOf).sort();

/** Opens the fixture the fix tests edit, once its diagnostics are in. */
async function openFixme(): Promise<{ editor: vscode.TextEditor; diagnostics: vscode.Diagnostic[] }> {
  const editor = await vscode.window.showTextDocument(file('apps/fixme.yaml'));
  const diagnostics = await diagnosticsWhere(editor.document.uri, (ds) => ds.some((d) => codeOf(d) === 'privileged'));
  return { editor, diagnostics };
}

/** Puts the fixture back as it is on disk, for the tests that follow, and waits for its findings. */
async function revertFixme(editor: vscode.TextEditor): Promise<void> {
  await vscode.window.showTextDocument(editor.document);
  await vscode.commands.executeCommand('workbench.action.files.revert');
  assert.equal(editor.document.isDirty, false);
  await diagnosticsWhere(editor.document.uri, (ds) => ds.some((d) => codeOf(d) === 'privileged'));
}

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

  it('fixes a finding with its quick fix', async () => {
    const { editor, diagnostics } = await openFixme();
    const uri = editor.document.uri;
    const before = editor.document.getText();
    const privileged = diagnostics.find((d) => codeOf(d) === 'privileged');
    assert.ok(privileged);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, privileged.range);
    const fix = actions.find((a) => a.title === 'Set privileged: false in container "web"');
    assert.ok(fix?.edit, `quick fixes offered: ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.equal(fix.isPreferred, true);
    assert.equal(fix.kind?.value, 'quickfix');
    const fixed = diagnosticsWhere(uri, (ds) => ds.length > 0 && !ds.some((d) => codeOf(d) === 'privileged'));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(editor.document.getText(), before.replace('privileged: true  # for debugging', 'privileged: false  # for debugging'));
    const remaining = await fixed;
    assert.ok(remaining.some((d) => codeOf(d) === 'runAsNonRoot'), 'the restricted warnings stay');
    await revertFixme(editor);
  });

  it('fixes every finding of the document with "Pod Security: Fix All Findings in This Document"', async () => {
    const { editor } = await openFixme();
    const uri = editor.document.uri;
    const clean = diagnosticsWhere(uri, (ds) => ds.length === 0);
    assert.equal(await vscode.commands.executeCommand<boolean>('podsec.fixAll'), true);
    assert.equal(
      editor.document.getText(),
      [
        '# A pod the editor tests fix; they revert it after each change.',
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        '  name: fixme',
        'spec:',
        '  containers:',
        '  - name: web',
        '    image: registry.example/web:1',
        '    securityContext:',
        '      privileged: false  # for debugging',
        '      allowPrivilegeEscalation: false',
        '      capabilities:',
        '        drop:',
        '        - ALL',
        '  securityContext:',
        '    runAsNonRoot: true',
        '    seccompProfile:',
        '      type: RuntimeDefault',
        '',
      ].join('\n'),
    );
    await clean;
    await revertFixme(editor);
  });

  it('fixes on save with editor.codeActionsOnSave: { "source.fixAll.podsec": "explicit" }', async () => {
    // A scratch copy, saved and deleted here, so the fixture on disk stays as the other tests expect.
    const uri = file('apps/fixme-on-save.yaml');
    await vscode.workspace.fs.writeFile(uri, await vscode.workspace.fs.readFile(file('apps/fixme.yaml')));
    const yamlEditor = () => vscode.workspace.getConfiguration('editor', { languageId: 'yaml' });
    await yamlEditor().update('codeActionsOnSave', { 'source.fixAll.podsec': 'explicit' }, vscode.ConfigurationTarget.Workspace, true);
    try {
      const editor = await vscode.window.showTextDocument(uri);
      await diagnosticsWhere(uri, (ds) => ds.some((d) => codeOf(d) === 'privileged'));
      const clean = diagnosticsWhere(uri, (ds) => ds.length === 0);
      await editor.edit((b) => b.insert(new vscode.Position(0, 0), '# saved with fixes\n'));
      assert.ok(await editor.document.save());
      const saved = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      assert.equal(saved, editor.document.getText());
      assert.match(saved, /^# saved with fixes\n/);
      assert.match(saved, /privileged: false {2}# for debugging\n {6}allowPrivilegeEscalation: false\n/);
      await clean;
    } finally {
      await yamlEditor().update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace, true);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await vscode.workspace.fs.delete(uri);
    }
  });

  it('reads an admission configuration outside the workspace only from user settings', async () => {
    const outside = join(mkdtempSync(join(tmpdir(), 'podsec-e2e-psa-')), 'psa.yaml');
    writeFileSync(outside, 'apiVersion: pod-security.admission.config.k8s.io/v1\nkind: PodSecurityConfiguration\nexemptions:\n  namespaces: [green]\n');
    const uri = file('apps/green-app.yaml');
    await vscode.window.showTextDocument(uri);
    await diagnosticsWhere(uri, (ds) => codes(ds, vscode.DiagnosticSeverity.Error).length === 3);
    try {
      await settings().update('admissionConfig', outside, vscode.ConfigurationTarget.Workspace);
      // Applied together with the refused path: one error and the note say the namespace is not exempt.
      await settings().update('maxDiagnostics', 1, vscode.ConfigurationTarget.Workspace);
      const limited = await diagnosticsWhere(uri, (ds) => ds.length === 2);
      assert.equal(limited.filter((d) => codeOf(d) === 'too-many-diagnostics').length, 1);
      assert.equal(limited.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length, 1);
      await settings().update('admissionConfig', outside, vscode.ConfigurationTarget.Global);
      await settings().update('admissionConfig', undefined, vscode.ConfigurationTarget.Workspace);
      await diagnosticsWhere(uri, (ds) => ds.length === 0);
    } finally {
      await settings().update('admissionConfig', undefined, vscode.ConfigurationTarget.Global);
      await settings().update('admissionConfig', undefined, vscode.ConfigurationTarget.Workspace);
      await settings().update('maxDiagnostics', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await diagnosticsWhere(uri, (ds) => codes(ds, vscode.DiagnosticSeverity.Error).length === 3);
  });

  it('restarts the language server after it crashes', async function () {
    if (!existsSync('/proc/self/cmdline')) this.skip();
    const before = serverPid();
    assert.ok(before, 'the server runs as a child of this extension host');
    const editor = await vscode.window.showTextDocument(file('apps/other.yaml'));
    await diagnosticsWhere(editor.document.uri, (ds) => ds.length > 0);
    process.kill(before, 'SIGKILL');
    await editor.edit((b) => b.insert(new vscode.Position(7, 0), '    securityContext:\n      privileged: true\n'));
    await diagnosticsWhere(editor.document.uri, (ds) => ds.some((d) => codeOf(d) === 'privileged'));
    const after = serverPid();
    assert.ok(after && after !== before, `a new server process (${after}) replaced ${before}`);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await diagnosticsWhere(editor.document.uri, (ds) => ds.length > 0 && !ds.some((d) => codeOf(d) === 'privileged'));
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

/** The podsec server this extension host started (vscode-languageclient passes `--clientProcessId`), from /proc. */
function serverPid(): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let args: string[];
    try {
      args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    if (args.some((a) => a.endsWith('dist/server.js')) && args.includes(`--clientProcessId=${process.pid}`)) return Number(entry);
  }
  return undefined;
}
