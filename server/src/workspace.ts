import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isAdmissionConfigText, parseAdmissionConfig, type AdmissionConfig } from '../../shared/src/policy/admissionConfig';
import { fileFacts } from '../../shared/src/policy/workspaceFacts';
import { WorkspaceIndex } from '../../shared/src/policy/workspaceIndex';
import type { Problem } from '../../shared/src/yaml/range';

const SKIPPED_DIRS = new Set(['.git', 'node_modules']);
const YAML_FILE = /\.ya?ml$/i;

/**
 * The workspace's namespace context: every YAML file is read once at start-up and again only
 * when it changes; only the few facts PSA needs are kept (WorkspaceIndex). Admission
 * configuration files are remembered by URI with their parse problems.
 */
export class Workspace {
  readonly index = new WorkspaceIndex();
  private readonly admissionFiles = new Map<string, { config: AdmissionConfig; problems: Problem[] }>();
  /** Configurations read only because a setting names them; never "found in the workspace". */
  private readonly namedAdmission = new Map<string, { config: AdmissionConfig; problems: Problem[] }>();

  /** Scans folders; returns the number of YAML files read. Unreadable files and link loops are skipped quietly. */
  async scan(folderUris: readonly string[], onProgress?: (files: number) => void): Promise<number> {
    let count = 0;
    const seen = new Set<string>();
    const walk = async (dir: string): Promise<void> => {
      let real: string;
      try {
        real = await realpath(dir);
      } catch {
        return;
      }
      if (seen.has(real)) return;
      seen.add(real);
      let entries: string[];
      try {
        entries = await readdir(dir);
      } catch {
        return;
      }
      for (const name of entries.sort()) {
        const path = join(dir, name);
        let st;
        try {
          st = await stat(path);
        } catch {
          continue;
        }
        if (st.isDirectory()) {
          if (!SKIPPED_DIRS.has(name)) await walk(path);
        } else if (st.isFile() && YAML_FILE.test(name)) {
          await this.readFile(pathToFileURL(path).toString());
          if (++count % 500 === 0) onProgress?.(count);
        }
      }
    };
    for (const uri of folderUris) {
      if (uri.startsWith('file:')) await walk(fileURLToPath(uri));
    }
    return count;
  }

  /** Reads a file from disk into the index; true when namespace context changed. */
  async readFile(uri: string): Promise<boolean> {
    let text: string;
    try {
      text = await readFile(fileURLToPath(uri), 'utf8');
    } catch {
      return this.remove(uri);
    }
    return this.update(uri, text);
  }

  /** Indexes a file's text (from disk or an open editor); true when namespace context changed. */
  update(uri: string, text: string): boolean {
    let changed = this.index.set(uri, fileFacts(uri, text));
    if (isAdmissionConfigText(text)) {
      this.admissionFiles.set(uri, parseAdmissionConfig(text, uri));
      changed = true;
    } else if (this.admissionFiles.delete(uri)) changed = true;
    return changed;
  }

  /** Forgets configurations named by settings, so they are read again (settings changed). */
  forgetNamed(): void {
    this.namedAdmission.clear();
  }

  remove(uri: string): boolean {
    const a = this.index.delete(uri);
    const b = this.admissionFiles.delete(uri);
    return a || b;
  }

  /**
   * Makes sure a file named by a setting is loaded even when it lies outside the workspace (the
   * person chose it). Returns an error message when it cannot be read or is not a configuration.
   */
  async ensureAdmissionFile(uri: string): Promise<string | undefined> {
    if (this.admissionFiles.has(uri) || this.namedAdmission.has(uri)) return undefined;
    let text: string;
    try {
      text = await readFile(fileURLToPath(uri), 'utf8');
    } catch (e) {
      return `podsec.admissionConfig: cannot read ${fileURLToPath(uri)} (${(e as NodeJS.ErrnoException).code ?? 'error'})`;
    }
    if (!isAdmissionConfigText(text)) return `podsec.admissionConfig: ${fileURLToPath(uri)} is not an AdmissionConfiguration or PodSecurityConfiguration`;
    this.namedAdmission.set(uri, parseAdmissionConfig(text, uri));
    return undefined;
  }

  /** The admission configuration: the one a setting names, else the first found in the workspace. */
  admission(preferredUri?: string): AdmissionConfig | undefined {
    if (preferredUri) return this.admissionFiles.get(preferredUri)?.config ?? this.namedAdmission.get(preferredUri)?.config;
    const first = [...this.admissionFiles.keys()].sort()[0];
    return first ? this.admissionFiles.get(first)?.config : undefined;
  }

  admissionProblems(uri: string): readonly Problem[] {
    return this.admissionFiles.get(uri)?.problems ?? this.namedAdmission.get(uri)?.problems ?? [];
  }
}
