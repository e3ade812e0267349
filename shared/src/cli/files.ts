import { closeSync, lstatSync, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { formatSize } from '../size';

/**
 * A file to check: its path as given, and either its text or why it could not be read. `bytes`
 * are exactly what was read (the text is decoded without a byte order mark): `--fix` compares
 * them with the file just before replacing it, and keeps the mark.
 */
export type Input =
  | { readonly path: string; readonly text: string; readonly bytes: Buffer }
  | { readonly path: string; readonly error: string; readonly code?: 'file-too-large' };

const YAML_FILE = /\.ya?ml$/i;
const SKIPPED_DIRS = new Set(['.git', 'node_modules']);

/** Reads at most `limit` bytes of standard input; more means the input is too large. */
export type ReadStdin = (limit: number) => Buffer;

/**
 * Expands PATH arguments: files as they are, folders recursively (sorted, `*.yaml`/`*.yml`, no
 * `.git` or `node_modules`, symbolic link loops visited once), `-` as standard input. A file
 * over `maxFileSize` bytes is not read at all, so a huge file costs no memory; standard input is
 * read up to one byte more than the limit.
 */
export function collectInputs(paths: readonly string[], readStdin: ReadStdin, maxFileSize: number): Input[] {
  const inputs: Input[] = [];
  for (const path of paths) {
    if (path === '-') {
      inputs.push(decode('-', () => readStdin(maxFileSize + 1), maxFileSize));
      continue;
    }
    let st;
    try {
      st = statSync(path);
    } catch (e) {
      inputs.push({ path, error: describeError(e) });
      continue;
    }
    if (st.isDirectory()) walk(path, new Set(), inputs, maxFileSize);
    else inputs.push(readInput(path, st.size, maxFileSize));
  }
  return inputs;
}

/** Standard input, up to `limit` bytes. */
export function readStdinUpTo(limit: number): Buffer {
  return readFdUpTo(0, limit);
}

function readInput(path: string, size: number, maxFileSize: number): Input {
  // A regular file's size is known before reading it. Anything else (a FIFO, /dev/zero) says 0
  // and is read only up to the limit, so no input can make podsec hold more than that.
  if (size > maxFileSize) return tooLarge(path, size, maxFileSize);
  return decode(path, () => readFileUpTo(path, maxFileSize + 1), maxFileSize);
}

function readFileUpTo(path: string, limit: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    return readFdUpTo(fd, limit);
  } finally {
    closeSync(fd);
  }
}

function readFdUpTo(fd: number, limit: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  const chunk = Buffer.alloc(Math.min(limit, 1024 * 1024));
  while (total < limit) {
    let n: number;
    try {
      n = readSync(fd, chunk, 0, Math.min(chunk.length, limit - total), null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EOF') break;
      if (code !== 'EAGAIN') throw e;
      // A non-blocking pipe with nothing in it yet: wait a little without spinning.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
      continue;
    }
    if (n === 0) break;
    chunks.push(Buffer.from(chunk.subarray(0, n)));
    total += n;
  }
  return Buffer.concat(chunks);
}

function tooLarge(path: string, size: number | undefined, maxFileSize: number): Input {
  const what = size === undefined ? 'it is larger than' : `it is ${formatSize(size)}, over`;
  return { path, code: 'file-too-large', error: `not checked: ${what} the maximum file size of ${formatSize(maxFileSize)} (--max-file-size)` };
}

function walk(dir: string, seen: Set<string>, out: Input[], maxFileSize: number): void {
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
    let size = 0;
    try {
      const st = lstatSync(path).isSymbolicLink() ? statSync(path) : lstatSync(path);
      isDir = st.isDirectory();
      isFile = st.isFile();
      size = st.size;
    } catch {
      continue; // a dangling link or a file deleted while we looked: nothing to check
    }
    if (isDir && !SKIPPED_DIRS.has(name)) walk(path, seen, out, maxFileSize);
    else if (isFile && YAML_FILE.test(name)) out.push(readInput(path, size, maxFileSize));
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decode(path: string, read: () => Buffer, maxFileSize: number): Input {
  let bytes: Buffer;
  try {
    bytes = read();
  } catch (e) {
    return { path, error: describeError(e) };
  }
  if (bytes.length > maxFileSize) return tooLarge(path, undefined, maxFileSize);
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
