import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';

/**
 * README's first command, `npx --no-install podsec check examples/`, runs the package's `bin`
 * (dist/cli.js) as a program: the build must leave it executable, with its shebang working.
 */
const ROOT = resolve(__dirname, '../../..');

describe("README's first command", () => {
  it('runs the built CLI through npx and reports the host-takeover example as rejected', () => {
    const r = spawnSync('npx', ['--no-install', 'podsec', 'check', 'examples/'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 1, `${r.stdout}\n${r.stderr}`);
    assert.match(r.stdout, /host-takeover-daemonset\.yaml:\d+:\d+: error: /);
    assert.match(r.stdout, /✗ .* 1 rejected by enforce/);
  });
});
