import { ADMISSION_CONFIG_SCOPE_KEY, type InitializationOptions } from '../../shared/src/protocol';

/**
 * What the client tells the server about trust and where path settings come from. Pure (no
 * `vscode` import), so it is unit-tested without VS Code; extension.ts passes in the VS Code facts.
 */

/** Evaluated at every (re)start, so a server restarted after trust was granted starts trusted. */
export function initializationOptions(isTrusted: boolean): InitializationOptions {
  return { isTrusted };
}

/** The parts of `WorkspaceConfiguration.inspect()` that say who set a value. */
export interface SettingInspection {
  readonly globalValue?: unknown;
  readonly workspaceValue?: unknown;
  readonly workspaceFolderValue?: unknown;
  readonly globalLanguageValue?: unknown;
  readonly workspaceLanguageValue?: unknown;
  readonly workspaceFolderLanguageValue?: unknown;
}

/**
 * `workspace` when the effective value comes from the workspace or a folder (a file in the
 * repository, written by whoever wrote the repository), else `user`. Workspace values override
 * user values, so any workspace value is the effective one.
 */
export function settingScope(inspection: SettingInspection | undefined): 'user' | 'workspace' {
  if (!inspection) return 'user';
  const fromWorkspace = [inspection.workspaceValue, inspection.workspaceFolderValue, inspection.workspaceLanguageValue, inspection.workspaceFolderLanguageValue];
  return fromWorkspace.some((v) => v !== undefined) ? 'workspace' : 'user';
}

/**
 * A workspace/configuration answer with the scope of `podsec.admissionConfig` added to each
 * `podsec` section (ADMISSION_CONFIG_SCOPE_KEY), always overwriting what settings files say.
 */
export function withAdmissionConfigScope(
  items: ReadonlyArray<{ readonly section?: string; readonly scopeUri?: string }>,
  results: readonly unknown[],
  inspect: (scopeUri: string | undefined) => SettingInspection | undefined,
): unknown[] {
  return results.map((result, i) => {
    const item = items[i];
    // A section that is not an object is the server's to report; it sets no path anyway.
    if (item?.section !== 'podsec' || typeof result !== 'object' || result === null || Array.isArray(result)) return result;
    return { ...result, [ADMISSION_CONFIG_SCOPE_KEY]: settingScope(inspect(item.scopeUri)) };
  });
}
