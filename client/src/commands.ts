import * as vscode from 'vscode';
import { chooseTargetLevel, type Picker, type TargetLevelChoice } from './chooseLevel';

/** "Pod Security: Choose Target Level": the pure picking steps, then one settings write. */
export async function chooseTargetLevelCommand(preset?: unknown): Promise<void> {
  const scope = activeYamlUri();
  const choice = await chooseTargetLevel({
    pick: quickPick,
    hasWorkspace: (vscode.workspace.workspaceFolders?.length ?? 0) > 0,
    current: vscode.workspace.getConfiguration('podsec', scope).get<string>('enforce'),
    preset: typeof preset === 'object' && preset !== null ? preset : undefined,
  });
  if (!choice) return;
  const target = choice.target === 'workspace' ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await vscode.workspace.getConfiguration('podsec').update('enforce', choice.value, target);
  const shadow = shadowedBy(choice, vscode.workspace.getConfiguration('podsec', scope).inspect<string>('enforce'));
  if (shadow) void vscode.window.showWarningMessage(`Pod Security: podsec.enforce is also set in the ${shadow}, which takes precedence here.`);
}

const quickPick: Picker = async (items, options) => {
  const picked = await vscode.window.showQuickPick(items, { title: options.title, placeHolder: options.placeHolder, matchOnDescription: true });
  return picked?.value;
};

/** Where a more specific value hides the one just written, if anywhere. */
function shadowedBy(choice: TargetLevelChoice, inspect: { workspaceValue?: string; workspaceFolderValue?: string } | undefined): string | undefined {
  const workspace = inspect?.workspaceValue;
  const folder = inspect?.workspaceFolderValue;
  if (choice.target === 'user' && workspace !== undefined && workspace !== choice.value) return `workspace settings ("${workspace}")`;
  if (folder !== undefined && folder !== choice.value) return `folder settings ("${folder}")`;
  return undefined;
}

function activeYamlUri(): vscode.Uri | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  return doc?.languageId === 'yaml' ? doc.uri : undefined;
}
