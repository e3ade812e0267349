import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A file to check: its path as given, and either its text or why it could not be read. `bytes`
 * are exactly what was read (the text is decoded without a byte order mark): `--fix` compares
 * them with the file just before replacing it, and keeps the mark.
 */
export type Input = { readonly path: string; readonly text: string; readonly bytes: Buffer } | { readonly path: string; readonly error: string };

const YAML_FILE = /\.ya?ml$/i;
const SKIPPED_DIRS = new Set(['.git', 'node_modules']);

/**
 * Expands PATH arguments: files as they are, folders recursively (sorted, `*.yaml`/`*.yml`, no
 * `.git` or `node_modules`, symbolic link loops visited once), `-` as standard input.
 */
export function collectInputs(paths: readonly string[], readStdin: () => Buffer): Input[] {
  const inputs: Input[] = [];
  for (const path of paths) {
    if (path === '-') {
      inputs.push(decode('-', readStdin));
      continue;
    }
    let isDir = false;
    try {
      isDir = statSync(path).isDirectory();
    } catch (e) {
      inputs.push({ path, error: describeError(e) });
      continue;
    }
    if (isDir) walk(path, new Set(), inputs);
    else inputs.push(decode(path, () => readFileSync(path)));
  }
  return inputs;
}

function walk(dir: string, seen: Set<string>, out: Input[]): void {
  let real: string;
  let entries: string[];
  try {
    real = realpathSync(dir);
    if (seen.has(real)) return;
    seen.add(real);
    entries = readdirSync(dir).sort();
  } catch (e) {
    out.push({ path: dir, error: describeError(e) });
    return;
  }
  for (const name of entries) {
    const path = join(dir, name);
    let isDir = false;
    let isFile = false;
    try {
      const st = lstatSync(path).isSymbolicLink() ? statSync(path) : lstatSync(path);
      isDir = st.isDirectory();
      isFile = st.isFile();
    } catch {
      continue; // a dangling link or a file deleted while we looked: nothing to check
    }
    if (isDir && !SKIPPED_DIRS.has(name)) walk(path, seen, out);
    else if (isFile && YAML_FILE.test(name)) out.push(decode(path, () => readFileSync(path)));
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decode(path: string, read: () => Buffer): Input {
  let bytes: Buffer;
  try {
    bytes = read();
  } catch (e) {
    return { path, error: describeError(e) };
  }
  try {
    return { path, text: utf8.decode(bytes), bytes };
  } catch {
    return { path, error: 'the file is not valid UTF-8 text' };
  }
}

/** The file behind a path (links resolved), so one file named twice is recognised; else the path. */
export function fileIdentity(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

export function describeError(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err?.code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    default:
      return err?.message ?? String(e);
  }
}
