import assert from 'node:assert/strict';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli, tempTree } from '../support/cli';
import { PRIVILEGED_POD, RESTRICTED_POD, SERVICE } from './manifests';

function paths(stdout: string): string[] {
  return JSON.parse(stdout).files.map((f: { path: string }) => f.path);
}

describe('podsec check inputs', () => {
  it('reads standard input for -', () => {
    const r = runCli(['check', '--format', 'json', '-'], { input: PRIVILEGED_POD });
    assert.deepEqual(paths(r.stdout), ['-']);
    assert.equal(JSON.parse(r.stdout).files[0].objects.length, 1);
  });

  it('walks folders recursively for *.yaml and *.yml, sorted, skipping .git and node_modules', () => {
    const dir = tempTree({
      'b/deep/x.yml': RESTRICTED_POD,
      'a.yaml': SERVICE,
      'notes.txt': PRIVILEGED_POD,
      '.git/config.yaml': PRIVILEGED_POD,
      'node_modules/pkg/pod.yaml': PRIVILEGED_POD,
      'c.YAML': RESTRICTED_POD,
    });
    const r = runCli(['check', '--format', 'json', dir]);
    assert.deepEqual(paths(r.stdout), [join(dir, 'a.yaml'), join(dir, 'b/deep/x.yml'), join(dir, 'c.YAML')]);
    assert.equal(r.status, 0);
  });

  it('survives a symbolic link loop and a dangling link', () => {
    const dir = tempTree({ 'sub/pod.yaml': RESTRICTED_POD });
    symlinkSync(dir, join(dir, 'sub', 'loop'));
    symlinkSync(join(dir, 'nowhere.yaml'), join(dir, 'dangling.yaml'));
    const r = runCli(['check', '--format', 'json', dir]);
    assert.deepEqual(paths(r.stdout), [join(dir, 'sub/pod.yaml')]);
  });

  it('reports invalid UTF-8 as an unreadable file', () => {
    const dir = tempTree({ 'bin.yaml': Buffer.from([0x6b, 0x3a, 0x20, 0xff, 0xfe, 0x0a]) });
    const r = runCli(['check', '--format', 'json', dir]);
    assert.equal(r.status, 2);
    assert.match(JSON.parse(r.stdout).files[0].errors[0].message, /not valid UTF-8/);
  });

  it('evaluates every document of a multi-document file and skips non-workloads quietly', () => {
    const r = runCli(['check', '--format', 'json', '-'], { input: `${SERVICE}---\n${PRIVILEGED_POD}---\n# only a comment\n---\n${RESTRICTED_POD}` });
    const objects = JSON.parse(r.stdout).files[0].objects;
    assert.deepEqual(objects.map((o: { documentIndex: number; name: string }) => [o.documentIndex, o.name]), [[1, 'web'], [3, 'ok']]);
    assert.deepEqual(JSON.parse(r.stdout).files[0].errors, []);
  });
});
