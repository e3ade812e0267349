import { constants } from 'node:fs';
import { open } from 'node:fs/promises';

/** Why a file was not read. */
export type NotRead = 'missing' | 'not-a-file' | 'too-large' | 'unreadable';

/**
 * Reads a regular file as UTF-8 text, or says why not. A FIFO or device named `x.yaml` would
 * block a read forever (and with it one of libuv's four file threads), so the file is opened
 * without blocking and anything that is not a regular file is refused; so is a file over
 * `maxBytes`, before it is read. A file deleted after it was listed is simply `missing`.
 */
export async function readTextFile(path: string, maxBytes: number): Promise<{ text: string } | { notRead: NotRead; code?: string }> {
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    return failure(e);
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) return { notRead: 'not-a-file' };
    if (stats.size > maxBytes) return { notRead: 'too-large' };
    const bytes = await handle.readFile();
    // The file grew between stat and read.
    if (bytes.length > maxBytes) return { notRead: 'too-large' };
    return { text: bytes.toString('utf8') };
  } catch (e) {
    return failure(e);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

function failure(e: unknown): { notRead: NotRead; code?: string } {
  const code = (e as NodeJS.ErrnoException).code;
  return { notRead: code === 'ENOENT' || code === 'ENOTDIR' ? 'missing' : 'unreadable', code };
}
