import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The workspace folders, lexically and as real paths. Links are followed only while they stay
 * inside a folder: a file or folder that resolves outside the workspace is never read through it
 * (a repository cannot make the server read `~/.kube/config` by committing a symlink).
 */
export class WorkspaceRoots {
  private constructor(private readonly folders: ReadonlyArray<{ readonly path: string; readonly real: string }>) {}

  static async of(paths: readonly string[]): Promise<WorkspaceRoots> {
    const folders = await Promise.all(paths.map(async (path) => ({ path, real: await realpath(path).catch(() => path) })));
    return new WorkspaceRoots(folders);
  }

  /** The folder a path lies in, lexically (the most nested one when folders nest). */
  folderOf(path: string): string | undefined {
    let best: string | undefined;
    for (const f of this.folders) if (isInside(path, f.path) && (!best || f.path.length > best.length)) best = f.path;
    return best;
  }

  /** The real path of `path` when it lies inside a folder after following links, else undefined. */
  async resolveInside(path: string): Promise<string | undefined> {
    const real = await realpath(path).catch(() => undefined);
    return real !== undefined && this.containsReal(real) ? real : undefined;
  }

  /** Where `path` leads after following links. */
  async locate(path: string): Promise<'inside' | 'outside' | 'missing'> {
    const real = await realpath(path).catch(() => undefined);
    if (real === undefined) return 'missing';
    return this.containsReal(real) ? 'inside' : 'outside';
  }

  private containsReal(real: string): boolean {
    return this.folders.some((f) => isInside(real, f.real));
  }
}

/** True when `child` is `parent` or below it. */
export function isInside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** A path below `folder` as a glob matches it: relative, with `/` separators. */
export function globPath(folder: string, path: string): string {
  return relative(folder, path).split(sep).join('/');
}

/** The path of a `file:` URI; undefined for other schemes and URIs node cannot map (`file://host/…`). */
export function filePath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}
