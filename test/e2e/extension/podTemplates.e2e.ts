/// <reference types="mocha" />
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, diagnosticsWhere, file } from './support';

/** Custom resources with pod templates in a real VS Code: a preset, the setting, a quick fix. */

const hasPrivileged = (ds: vscode.Diagnostic[]) => ds.some((d) => codeOf(d) === 'privileged');

describe('podsec in VS Code: custom resources with pod templates', () => {
  const settings = () => vscode.workspace.getConfiguration('podsec');

  it('checks an Argo Rollout out of the box, fixes it, and follows podsec.podTemplates', async () => {
    const rollout = file('templates/rollout.yaml');
    const worker = file('templates/worker.yaml');
    // Not in preview: opening the worker must not close the Rollout, whose diagnostics are watched.
    const editor = await vscode.window.showTextDocument(rollout, { preview: false });
    try {
      const found = await diagnosticsWhere(rollout, hasPrivileged);
      const privileged = found.find((d) => codeOf(d) === 'privileged');
      assert.ok(privileged);
      assert.equal(privileged.severity, vscode.DiagnosticSeverity.Error);
      assert.match(privileged.message, /^pods of this workload: violates PodSecurity "baseline:latest": privileged/);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', rollout, privileged.range);
      const fix = actions.find((a) => a.title === 'Set privileged: false in container "web"');
      assert.ok(fix?.edit, `quick fixes offered: ${JSON.stringify(actions.map((a) => a.title))}`);
      const fixed = diagnosticsWhere(rollout, (ds) => ds.length > 0 && !hasPrivileged(ds));
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      await fixed;
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await diagnosticsWhere(rollout, hasPrivileged);
      assert.equal(editor.document.isDirty, false);

      await vscode.window.showTextDocument(worker, { preview: false });
      await diagnosticsWhere(worker, (ds) => ds.length === 0);
      const workerChecked = diagnosticsWhere(worker, hasPrivileged);
      const rolloutOff = diagnosticsWhere(rollout, (ds) => ds.length === 0);
      await settings().update(
        'podTemplates',
        [
          { apiVersion: 'example.com/*', kind: 'Worker', path: 'spec.podTemplate' },
          { apiVersion: 'argoproj.io/*', kind: 'Rollout', path: null },
        ],
        vscode.ConfigurationTarget.Workspace,
      );
      await Promise.all([workerChecked, rolloutOff]);
    } finally {
      await settings().update('podTemplates', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await diagnosticsWhere(worker, (ds) => ds.length === 0);
    await diagnosticsWhere(rollout, hasPrivileged);
  });
});
