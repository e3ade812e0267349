import * as vscode from 'vscode';
import { FIX_ALL_KIND } from '../../shared/src/protocol';

/**
 * "Pod Security: Fix All Findings in This Document" runs the very code action
 * `editor.codeActionsOnSave` and the Source Action menu run (`source.fixAll.podsec`), so the three
 * can never disagree. Resolves true when an edit was applied.
 */
export async function fixAllCommand(): Promise<boolean> {
  const doc = vscode.window.activeTextEditor?.document;
  if (doc?.languageId !== 'yaml') {
    void vscode.window.showInformationMessage('Pod Security: open a Kubernetes YAML file to fix its findings.');
    return false;
  }
  const version = doc.version;
  const whole = doc.validateRange(new vscode.Range(0, 0, doc.lineCount, 0));
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[] | undefined>('vscode.executeCodeActionProvider', doc.uri, whole, FIX_ALL_KIND);
  const edit = actions?.find((a) => a.kind?.value === FIX_ALL_KIND)?.edit;
  if (!edit) {
    void vscode.window.showInformationMessage('Pod Security: nothing in this document can be fixed automatically.');
    return false;
  }
  // The edit is for the text it was computed on; typing meanwhile would misplace it.
  if (doc.version !== version) {
    void vscode.window.showWarningMessage('Pod Security: the document changed while computing fixes; run the command again.');
    return false;
  }
  return vscode.workspace.applyEdit(edit);
}
