import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { changedRegion, linesAround } from '../../shared/src/changedRegion';
import { isAdmissionConfigText, mayBeAdmissionConfigText, parseAdmissionConfig, type AdmissionConfig } from '../../shared/src/policy/admissionConfig';
import { fileFacts, mayHoldFacts } from '../../shared/src/policy/workspaceFacts';
import { WorkspaceIndex } from '../../shared/src/policy/workspaceIndex';
import { mayHoldRbac, rbacFacts } from '../../shared/src/psp/rbacFacts';
import { RbacIndex } from '../../shared/src/psp/rbacIndex';
import { DEFAULT_SETTINGS } from '../../shared/src/settings';
import { formatSize } from '../../shared/src/size';
import type { Problem } from '../../shared/src/yaml/range';
import { exceedsSize } from './limits';
import { readTextFile } from './readText';
import { filePath, globPath, WorkspaceRoots } from './roots';
import type { ScanRules } from './scanRules';

const YAML_FILE = /\.ya?ml$/i;
/** Reads in flight during a scan: enough to keep libuv's four file threads busy. */
const SCAN_CONCURRENCY = 16;

/** A workspace folder (a `file:` URI) and what the scan skips in it. */
export interface ScanFolder {
  readonly uri: string;
  readonly rules: ScanRules;
}

/**
 * The workspace's namespace context: every YAML file is read once at start-up and again only
 * when it changes; only the few facts PSA needs are kept (WorkspaceIndex). Admission
 * configuration files are remembered by URI with their parse problems.
 *
 * What is read from disk: regular files below a workspace folder, also through links that stay
 * inside the workspace, each real file once, none excluded by the folder's rules or over its size
 * limit. Anything else (link loops, links out of the workspace, FIFOs, files that vanish or cannot
 * be read) is skipped without a word: it is not the person's mistake and not podsec's business.
 */
export class Workspace {
  readonly index = new WorkspaceIndex();
  /** Who may use which PodSecurityPolicy; read on request only, so it never changes the context. */
  readonly rbac = new RbacIndex();
  private readonly admissionFiles = new Map<string, { config: AdmissionConfig; problems: Problem[] }>();
  /** Configurations read only because a setting names them; never "found in the workspace". */
  private readonly namedAdmission = new Map<string, { config: AdmissionConfig; problems: Problem[] }>();
  private folders: ReadonlyArray<{ readonly path: string; readonly rules: ScanRules }> = [];
  private roots: WorkspaceRoots | undefined;
  /** URIs whose facts came from disk, so a new scan can drop files that are now excluded. */
  private readonly fromDisk = new Set<string>();
  /** Open documents whose last text has no namespace facts and is no admission configuration. */
  private readonly factless = new Map<string, string>();

  /** Sets the folders to scan and their rules (before the first scan, and when rules change). */
  async configure(folders: readonly ScanFolder[]): Promise<void> {
    const local = folders.flatMap((f) => {
      const path = filePath(f.uri);
      return path === undefined ? [] : [{ path, rules: f.rules }];
    });
    this.roots = await WorkspaceRoots.of(local.map((f) => f.path));
    this.folders = local;
  }

  /**
   * Scans the configured folders; returns the number of YAML files read. A folder's files are
   * read SCAN_CONCURRENCY at a time: each read waits on the file system, not on the CPU, so one
   * at a time leaves the server idle (10,000 files took 8 s instead of 5). A regular file needs
   * no stat or realpath of its own: its directory entry says what it is, its folder's real path
   * gives its own, and the read checks its size.
   */
  async scan(onProgress?: (files: number) => void): Promise<number> {
    const roots = this.roots;
    if (!roots) return 0;
    const seenDirs = new Set<string>();
    const seenFiles = new Set<string>();
    const read = new Set<string>();
    const walk = async (folder: { path: string; rules: ScanRules }, dir: string): Promise<void> => {
      const realDir = await roots.resolveInside(dir);
      if (realDir === undefined || seenDirs.has(realDir)) return;
      seenDirs.add(realDir);
      const entries = await readdir(dir, { withFileTypes: true }).catch(() => [] as Dirent[]);
      // Files found before a subfolder are read before it is walked, so the first path to a real
      // file (which one a link and its target give) is the one a one-by-one walk would take.
      let files: Array<{ uri: string; path: string }> = [];
      const readFiles = async (): Promise<void> => {
        await eachLimited(files, SCAN_CONCURRENCY, async ({ uri, path }) => {
          read.add(uri);
          await this.load(uri, path, folder.rules.maxFileSize);
          if (read.size % 500 === 0) onProgress?.(read.size);
        });
        files = [];
      };
      for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
        const path = join(dir, entry.name);
        if (folder.rules.isExcluded(globPath(folder.path, path), path)) continue;
        const st = entry.isSymbolicLink() ? await stat(path).catch(() => undefined) : entry;
        if (st?.isDirectory()) {
          await readFiles();
          await walk(folder, path);
        } else if (st?.isFile() && YAML_FILE.test(entry.name)) {
          const realFile = st === entry ? join(realDir, entry.name) : await roots.resolveInside(path);
          if (realFile === undefined || seenFiles.has(realFile)) continue;
          seenFiles.add(realFile);
          files.push({ uri: pathToFileURL(path).toString(), path });
        }
      }
      await readFiles();
    };
    for (const folder of this.folders) await walk(folder, folder.path);
    for (const uri of [...this.fromDisk]) if (!read.has(uri)) this.remove(uri);
    return read.size;
  }

  /**
   * Reads a file from disk into the index, if the scan would read it; true when namespace
   * context changed.
   */
  async readFile(uri: string): Promise<boolean> {
    const path = filePath(uri);
    const folder = path === undefined ? undefined : this.folderOf(path);
    if (!path || !folder || folder.rules.isExcluded(globPath(folder.path, path), path) || !(await this.roots?.resolveInside(path))) return this.remove(uri);
    return this.load(uri, path, folder.rules.maxFileSize);
  }

  /**
   * Indexes a file's text (from disk or an open editor); true when namespace context changed.
   * Excluded files and files over the size limit never count, not even while open in an editor.
   */
  update(uri: string, text: string): boolean {
    this.factless.delete(uri);
    if (this.isExcluded(uri) || exceedsSize(text, this.maxFileSize(uri))) return this.remove(uri);
    let changed = this.index.set(uri, fileFacts(uri, text));
    this.rbac.set(uri, rbacFacts(uri, text, this.rbac.get(uri)));
    if (isAdmissionConfigText(text)) {
      this.admissionFiles.set(uri, parseAdmissionConfig(text, uri));
      changed = true;
    } else if (this.admissionFiles.delete(uri)) changed = true;
    return changed;
  }

  /** The YAML files read from disk (the scan's files, minus excluded and deleted ones). */
  files(): IterableIterator<string> {
    return this.fromDisk.values();
  }

  /** A scanned file's text as it is on disk now, within its folder's size limit; undefined if unreadable. */
  async readText(uri: string): Promise<string | undefined> {
    const path = filePath(uri);
    if (path === undefined) return undefined;
    const read = await readTextFile(path, this.maxFileSize(uri));
    return 'text' in read ? read.text : undefined;
  }

  /**
   * `update` for a document open in an editor, called on every keystroke: when its last text had
   * no facts, only the edited lines are looked at, so a keystroke in a 4 MB file does not scan it.
   */
  updateOpen(uri: string, text: string): boolean {
    const previous = this.factless.get(uri);
    const region = previous === undefined ? undefined : changedRegion(previous, text);
    if (previous !== undefined && (!region || !this.mayChangeFacts(uri, linesAround(text, region.start, region.afterEnd)))) {
      this.factless.set(uri, text);
      return false;
    }
    const changed = this.update(uri, text);
    // Kept only while the document is open: the next keystroke compares with it.
    if (!this.mayChangeFacts(uri, text) && !this.isExcluded(uri)) this.factless.set(uri, text);
    return changed;
  }

  private mayChangeFacts(uri: string, text: string): boolean {
    return mayHoldFacts(uri, text) || mayBeAdmissionConfigText(text) || mayHoldRbac(text);
  }

  /** Forgets configurations named by settings, so they are read again (settings changed). */
  forgetNamed(): void {
    this.namedAdmission.clear();
  }

  remove(uri: string): boolean {
    this.fromDisk.delete(uri);
    this.rbac.delete(uri);
    this.factless.delete(uri);
    const a = this.index.delete(uri);
    const b = this.admissionFiles.delete(uri);
    return a || b;
  }

  /**
   * Makes sure a file named by a setting is loaded, wherever it lies (settings decide whether it
   * may lie outside the workspace). Returns an error message when it cannot be used.
   */
  async ensureAdmissionFile(uri: string, maxBytes: number): Promise<string | undefined> {
    if (this.admissionFiles.has(uri) || this.namedAdmission.has(uri)) return undefined;
    const path = fileURLToPath(uri);
    const read = await readTextFile(path, maxBytes);
    if ('notRead' in read) {
      if (read.notRead === 'too-large') return `podsec.admissionConfig: ${path} is larger than podsec.maxFileSize (${formatSize(maxBytes)})`;
      if (read.notRead === 'not-a-file') return `podsec.admissionConfig: ${path} is not a regular file`;
      return `podsec.admissionConfig: cannot read ${path} (${read.code ?? 'error'})`;
    }
    if (!isAdmissionConfigText(read.text)) return `podsec.admissionConfig: ${path} is not an AdmissionConfiguration or PodSecurityConfiguration`;
    this.namedAdmission.set(uri, parseAdmissionConfig(read.text, uri));
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

  private async load(uri: string, path: string, maxBytes: number): Promise<boolean> {
    const read = await readTextFile(path, maxBytes);
    if ('notRead' in read) return this.remove(uri);
    const changed = this.update(uri, read.text);
    this.fromDisk.add(uri);
    return changed;
  }

  private folderOf(path: string): { readonly path: string; readonly rules: ScanRules } | undefined {
    const folderPath = this.roots?.folderOf(path);
    return this.folders.find((f) => f.path === folderPath);
  }

  /** The size limit of the folder a file lies in; outside the folders, the default. */
  private maxFileSize(uri: string): number {
    const path = filePath(uri);
    return (path === undefined ? undefined : this.folderOf(path))?.rules.maxFileSize ?? DEFAULT_SETTINGS.maxFileSize;
  }

  /** Excluded files never count, not even while open in an editor. */
  private isExcluded(uri: string): boolean {
    const path = filePath(uri);
    const folder = path === undefined ? undefined : this.folderOf(path);
    return path !== undefined && folder !== undefined && folder.rules.isExcluded(globPath(folder.path, path), path);
  }
}

/** Runs `task` on every item, at most `limit` at a time. */
async function eachLimited<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await task(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
