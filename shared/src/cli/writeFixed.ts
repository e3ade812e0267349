import { randomBytes } from 'node:crypto';
import { accessSync, closeSync, constants, fchmodSync, fchownSync, fstatSync, fsyncSync, openSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseDocuments } from '../yaml/parse';
import { describeError } from './files';

/** A file as `--fix` read it: the path as given and the exact bytes its text was decoded from. */
export interface Snapshot {
  readonly path: string;
  readonly bytes: Buffer;
}

export interface WriteOptions {
  /**
   * Runs after the new content is safely in the temporary file, just before the file is compared
   * with the snapshot and replaced: the window another writer could hit, made reachable by tests.
   */
  readonly beforeReplace?: () => void;
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * Replaces the file read as `snapshot` with `text`, or says why it did not; the file is then
 * exactly as it was. A person's work must never be lost to a fix, so the new text must parse,
 * the file must still hold the bytes that were read, and the replacement is one rename of a
 * complete temporary file in the same folder: a crash or a full disk leaves the old file or the
 * new one, never half of each. A symbolic link is written through (its target is replaced, the
 * link stays); mode, owner and a byte order mark are kept. A read-only file is refused, and so is
 * a file with several hard links, since a rename would fix one name and silently leave the others.
 *
 * Someone writing in the instant between the final comparison and the rename can still lose that
 * write; no lock-free scheme closes that window, and it is microseconds wide.
 */
export function writeFixedText(snapshot: Snapshot, text: string, options: WriteOptions = {}): string | undefined {
  if (parseDocuments(text).some((d) => d.errors.length > 0)) return 'the fixed text would not parse as YAML (please report this as a podsec bug); the file was left as it was';
  let target: string;
  let before: Stats;
  try {
    target = realpathSync(snapshot.path);
    before = statSync(target);
  } catch (e) {
    return describeError(e);
  }
  if (!before.isFile()) return 'not a regular file';
  // Replacing the file only needs the folder to be writable; a read-only file says "leave me".
  if ((before.mode & 0o222) === 0 || !isWritable(target)) return 'the file is read-only';
  if (before.nlink > 1) return `it has ${before.nlink} hard links, and replacing it would break them; fix it by hand or with --fix-dry-run and patch`;
  const bytes = Buffer.from(text, 'utf8');
  const content = hasBom(snapshot.bytes) ? Buffer.concat([BOM, bytes]) : bytes;
  const temp = join(dirname(target), `.${basename(target)}.podsec-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  let created = false;
  try {
    writeTemp(temp, content, before);
    created = true;
    options.beforeReplace?.();
    const changed = changedSince(target, snapshot, before);
    if (changed) return changed;
    renameSync(temp, target);
    created = false;
    syncFolder(dirname(target));
    return undefined;
  } catch (e) {
    return describeError(e);
  } finally {
    if (created) removeQuietly(temp);
  }
}

/** The new content, complete and on disk, with the original's mode and owner. */
function writeTemp(temp: string, content: Buffer, original: Stats): void {
  // `wx` fails if the name exists, so a planted file or link is never written through.
  const fd = openSync(temp, 'wx', 0o600);
  try {
    for (let at = 0; at < content.length; ) at += writeSync(fd, content, at);
    fchmodSync(fd, original.mode & 0o7777);
    const made = fstatSync(fd);
    if (made.uid !== original.uid || made.gid !== original.gid) {
      try {
        fchownSync(fd, original.uid, original.gid);
      } catch {
        throw new Error(`cannot keep the file's owner and group (${original.uid}:${original.gid})`);
      }
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Why the file may no longer be replaced, or undefined when it is still what was read. */
function changedSince(target: string, snapshot: Snapshot, before: Stats): string | undefined {
  const now = statSync(target);
  const current = readFileSync(target);
  if (!current.equals(snapshot.bytes)) return 'the file changed since podsec read it; not fixed, run podsec again';
  if (now.ino !== before.ino || now.dev !== before.dev || now.mode !== before.mode || now.uid !== before.uid || now.gid !== before.gid || now.nlink !== before.nlink) {
    return 'the file was replaced or its permissions changed since podsec read it; not fixed, run podsec again';
  }
  return undefined;
}

function isWritable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function hasBom(bytes: Buffer): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/** Makes the rename itself durable; not every file system lets a folder be synced, so best effort. */
function syncFolder(folder: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch {
    // The rename is done; durability of the folder entry is all that is at stake.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone, or the folder became unwritable: nothing more can be done.
  }
}
