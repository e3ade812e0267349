import { isAbsolute, resolve } from 'node:path';
import { isInside, WorkspaceRoots } from './roots';

/** Where `podsec.admissionConfig` was set: the person's own user settings, or the workspace's. */
export type SettingScope = 'user' | 'workspace';

export interface AdmissionPathContext {
  /** False in VS Code's Restricted Mode: no setting may point the server at a file. */
  readonly trusted: boolean;
  readonly scope: SettingScope;
  /** Workspace folder paths; a relative setting is relative to the document's folder (else the first). */
  readonly folders: readonly string[];
  readonly documentPath?: string;
}

/**
 * The file `podsec.admissionConfig` names for a document, or why it is not used. A repository's
 * `.vscode/settings.json` is written by whoever wrote the repository, so a workspace setting may
 * only name a file inside the workspace (after following links); a file elsewhere is used only
 * when the person set it in their user settings. In Restricted Mode the setting is ignored.
 */
export async function admissionConfigPath(value: string, ctx: AdmissionPathContext): Promise<{ path?: string; problem?: string }> {
  if (!value) return {};
  if (!ctx.trusted) return { problem: 'podsec.admissionConfig is ignored in Restricted Mode; trust the workspace to use it' };
  const containing = ctx.folders.filter((f) => ctx.documentPath !== undefined && isInside(ctx.documentPath, f));
  // Nested folders: the innermost one is the document's.
  const base = containing.sort((a, b) => b.length - a.length)[0] ?? ctx.folders[0];
  if (!isAbsolute(value) && !base) return { problem: `podsec.admissionConfig "${value}" is relative, but there is no workspace folder to resolve it against` };
  const path = resolve(base ?? '/', value);
  if (ctx.scope === 'user') return { path };
  const roots = await WorkspaceRoots.of(ctx.folders);
  const where = await roots.locate(path);
  // A missing file is judged by its path; reading it then reports that it is missing.
  if (where === 'inside' || (where === 'missing' && roots.folderOf(path) !== undefined)) return { path };
  return { problem: `podsec.admissionConfig: ${path} is outside the workspace; workspace settings may only name files inside it (set it in your user settings to use this file)` };
}
