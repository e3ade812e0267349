import type { Connection } from 'vscode-languageserver';
import { ADMISSION_CONFIG_SCOPE_KEY } from '../../shared/src/protocol';
import { parseSettings, type Settings } from '../../shared/src/settings';
import { admissionConfigPath } from './admissionPath';
import { filePath } from './roots';

/** What decides whether a setting may point the server at a file. */
export interface PathPolicy {
  readonly trusted: () => boolean;
  /** Workspace folder paths. */
  readonly folders: () => readonly string[];
}

/**
 * Pulls `podsec` settings per document (they are resource-scoped) and caches the promise per URI
 * until the client says configuration changed. Invalid values, and paths a setting may not
 * name, are reported once per message and replaced by the default; `admissionConfig` comes out
 * as an absolute path, or empty.
 */
export class SettingsStore {
  private readonly cache = new Map<string, Promise<Settings>>();
  private readonly reported = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly canPull: () => boolean,
    private readonly paths: PathPolicy,
  ) {}

  clear(): void {
    this.cache.clear();
  }

  forDocument(uri: string): Promise<Settings> {
    let hit = this.cache.get(uri);
    if (!hit) {
      hit = this.load(uri);
      this.cache.set(uri, hit);
    }
    return hit;
  }

  private async load(uri: string): Promise<Settings> {
    const raw: unknown = this.canPull() ? await this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'podsec' }).catch(() => undefined) : undefined;
    const { settings, problems } = parseSettings(raw);
    const scope = typeof raw === 'object' && raw !== null && (raw as Record<string, unknown>)[ADMISSION_CONFIG_SCOPE_KEY] === 'workspace' ? 'workspace' : 'user';
    const admission = await admissionConfigPath(settings.admissionConfig, { trusted: this.paths.trusted(), scope, folders: this.paths.folders(), documentPath: filePath(uri) });
    if (admission.problem) problems.push(admission.problem);
    for (const problem of problems) this.report(problem);
    return { ...settings, admissionConfig: admission.path ?? '' };
  }

  private report(problem: string): void {
    if (this.reported.has(problem)) return;
    this.reported.add(problem);
    void this.connection.window.showWarningMessage(problem);
    this.connection.console.warn(problem);
  }
}
