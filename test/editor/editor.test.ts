import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';

/**
 * The editor tests: the real extension inside a real VS Code (the VS Code server with headless
 * Chromium, see scripts/vscode-test/README.md). The harness is installed by the project's own
 * script, so a fresh machine needs nothing else. `UPDATE_SCREENSHOT=1` refreshes the README's
 * picture of the editor.
 */
const ROOT = resolve(__dirname, '../../..');

describe('editor tests in VS Code', () => {
  it('installs the offline VS Code harness', { timeout: 15 * 60_000 }, () => {
    const setup = spawnSync('bash', [join(ROOT, 'scripts/vscode-test/setup.sh')], { encoding: 'utf8' });
    assert.equal(setup.status, 0, `setup.sh failed:\n${setup.stdout}\n${setup.stderr}`);
  });

  it('runs the extension test suite', { timeout: 10 * 60_000 }, () => {
    const workspace = join(mkdtempSync(join(tmpdir(), 'podsec-e2e-')), 'workspace');
    cpSync(join(ROOT, 'test/e2e/workspace'), workspace, { recursive: true });
    const screenshot = process.env['UPDATE_SCREENSHOT'] ? join(ROOT, 'docs/images/editor.png') : join(workspace, '..', 'editor.png');
    const run = spawnSync(
      process.execPath,
      [
        join(ROOT, 'scripts/vscode-test/run.mjs'),
        `--extensionDevelopmentPath=${ROOT}`,
        `--extensionTestsPath=${join(ROOT, 'out/test/e2e/extension/index.js')}`,
        `--workspace=${workspace}`,
        '--timeout=300',
      ],
      { encoding: 'utf8', env: { ...process.env, PODSEC_SCREENSHOT: screenshot } },
    );
    const output = `${run.stdout}\n${run.stderr}`;
    assert.equal(run.status, 0, `editor tests failed (exit ${run.status}):\n${output}`);
    assert.match(output, /\b16 passing\b/, output);
    assert.doesNotMatch(output, /\d+ failing/, output);
    assert.ok(existsSync(screenshot) && statSync(screenshot).size > 10_000, 'the screenshot was taken');
  });
});
