import type { Connection } from 'vscode-languageserver';
import { parseSettings, type Settings } from '../../shared/src/settings';

/**
 * Pulls `podsec` settings per document (they are resource-scoped) and caches the promise per URI
 * until the client says configuration changed. Invalid values are reported once per message.
 */
export class SettingsStore {
  private readonly cache = new Map<string, Promise<Settings>>();
  private readonly reported = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly canPull: () => boolean,
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
    for (const problem of problems) {
      if (this.reported.has(problem)) continue;
      this.reported.add(problem);
      void this.connection.window.showWarningMessage(problem);
      this.connection.console.warn(problem);
    }
    return settings;
  }
}
