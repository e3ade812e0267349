import assert from 'node:assert/strict';
import { chmodSync, chownSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { writeFixedText, type Snapshot } from '../../shared/src/cli/writeFixed';
import { tempTree } from '../support/cli';
import { PRIVILEGED_POD } from './manifests';

const FIXED = PRIVILEGED_POD.replace('privileged: true', 'privileged: false');

/** A folder with pod.yaml, and the snapshot `--fix` would have taken when reading it. */
function readPod(): { dir: string; path: string; snapshot: Snapshot } {
  const dir = tempTree({ 'pod.yaml': PRIVILEGED_POD });
  const path = join(dir, 'pod.yaml');
  return { dir, path, snapshot: { path, bytes: readFileSync(path) } };
}

describe('writeFixedText', () => {
  it('replaces the file with the fixed text', () => {
    const { dir, path, snapshot } = readPod();
    assert.equal(writeFixedText(snapshot, FIXED), undefined);
    assert.equal(readFileSync(path, 'utf8'), FIXED);
    assert.deepEqual(readdirSync(dir), ['pod.yaml']);
  });

  it('refuses a file changed after it was read', () => {
    const { dir, path, snapshot } = readPod();
    writeFileSync(path, `${PRIVILEGED_POD}# edited meanwhile\n`);
    assert.equal(writeFixedText(snapshot, FIXED), 'the file changed since podsec read it; not fixed, run podsec again');
    assert.equal(readFileSync(path, 'utf8'), `${PRIVILEGED_POD}# edited meanwhile\n`);
    assert.deepEqual(readdirSync(dir), ['pod.yaml']);
  });

  it('refuses a file changed while the new content was being written, and removes the temporary file', () => {
    const { dir, path, snapshot } = readPod();
    const error = writeFixedText(snapshot, FIXED, {
      beforeReplace: () => {
        assert.equal(readdirSync(dir).length, 2, 'the temporary file sits beside the original');
        writeFileSync(path, 'kind: Pod\n');
      },
    });
    assert.equal(error, 'the file changed since podsec read it; not fixed, run podsec again');
    assert.equal(readFileSync(path, 'utf8'), 'kind: Pod\n');
    assert.deepEqual(readdirSync(dir), ['pod.yaml']);
  });

  it('refuses a file whose permissions changed while writing, since it would restore the old ones', () => {
    const { dir, path, snapshot } = readPod();
    chmodSync(path, 0o644);
    const error = writeFixedText(snapshot, FIXED, { beforeReplace: () => chmodSync(path, 0o600) });
    assert.match(error ?? '', /permissions changed since podsec read it/);
    assert.equal(readFileSync(path, 'utf8'), PRIVILEGED_POD);
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.deepEqual(readdirSync(dir), ['pod.yaml']);
  });

  it('refuses a fixed text that does not parse, before touching anything', () => {
    const { dir, path, snapshot } = readPod();
    const before = statSync(path);
    const error = writeFixedText(snapshot, `${FIXED}  bad: [unclosed\n`);
    assert.match(error ?? '', /^the fixed text would not parse as YAML/);
    assert.equal(readFileSync(path, 'utf8'), PRIVILEGED_POD);
    assert.equal(statSync(path).ino, before.ino);
    assert.deepEqual(readdirSync(dir), ['pod.yaml']);
  });

  it('removes the temporary file when writing fails, and leaves the original as it was', () => {
    const { dir, path, snapshot } = readPod();
    const error = writeFixedText(snapshot, FIXED, {
      beforeReplace: () => {
        throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
      },
    });
    assert.equal(error, 'no space left on device');
    assert.equal(readFileSync(path, 'utf8'), PRIVILEGED_POD);
    assert.deepEqual(readdirSync(dir), ['pod.yaml']);
  });

  it('keeps the owner and group', { skip: process.getuid?.() !== 0 && 'only root can give a file to another user' }, () => {
    const { path, snapshot } = readPod();
    chownSync(path, 4321, 8765);
    assert.equal(writeFixedText(snapshot, FIXED), undefined);
    const after = statSync(path);
    assert.deepEqual([after.uid, after.gid], [4321, 8765]);
    assert.equal(readFileSync(path, 'utf8'), FIXED);
  });

  it('refuses a read-only file, though its folder would allow replacing it', () => {
    const { dir, path, snapshot } = readPod();
    chmodSync(path, 0o444);
    assert.equal(writeFixedText(snapshot, FIXED), 'the file is read-only');
    assert.equal(readFileSync(path, 'utf8'), PRIVILEGED_POD);
    assert.deepEqual(readdirSync(dir), ['pod.yaml']);
  });

  it('reports a file that vanished', () => {
    const { dir, snapshot } = readPod();
    assert.equal(writeFixedText({ ...snapshot, path: join(dir, 'gone.yaml') }, FIXED), 'no such file or directory');
  });
});
