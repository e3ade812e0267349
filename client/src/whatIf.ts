import * as vscode from 'vscode';
import type { WhatIfPick, WhatIfPicks } from '../../shared/src/protocol';

/**
 * The what-if code lens's command: a quick pick of the workloads the namespace's labels would
 * reject or warn about; choosing one opens its file at its first violation. The server sends the
 * list with the lens, so nothing is computed here.
 */
export async function showWhatIfCommand(arg?: unknown): Promise<void> {
  if (!isPicks(arg)) return;
  const items = arg.picks.map((pick) => ({ label: pick.label, description: pick.description, detail: vscode.workspace.asRelativePath(vscode.Uri.parse(pick.uri)), pick }));
  const chosen = await vscode.window.showQuickPick(items, { title: arg.title, matchOnDescription: true, matchOnDetail: true });
  if (!chosen) return;
  const at = new vscode.Position(chosen.pick.line, chosen.pick.character);
  await vscode.window.showTextDocument(vscode.Uri.parse(chosen.pick.uri), { selection: new vscode.Range(at, at) });
}

function isPicks(arg: unknown): arg is WhatIfPicks {
  if (typeof arg !== 'object' || arg === null) return false;
  const a = arg as Partial<WhatIfPicks>;
  return typeof a.title === 'string' && Array.isArray(a.picks) && a.picks.every(isPick);
}

function isPick(p: unknown): p is WhatIfPick {
  const x = p as Partial<WhatIfPick> | null;
  return typeof x === 'object' && x !== null && typeof x.label === 'string' && typeof x.uri === 'string' && typeof x.line === 'number' && typeof x.character === 'number';
}
