import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../support/cli';

/**
 * The bundled examples' JSON report, pinned. Regenerate with `UPDATE_GOLDEN=1 npm test` and review
 * the diff like code.
 */
const ROOT = resolve(__dirname, '../../..');
const GOLDEN = resolve(ROOT, 'test/golden/examples.json');

describe('examples/ golden report', () => {
  for (const level of ['default', 'restricted']) {
    it(`matches test/golden at ${level}`, () => {
      const args = level === 'default' ? ['check', '--format', 'json', '--fixes', 'examples'] : ['check', '--format', 'json', '--fixes', '--level', level, 'examples'];
      const r = runCli(args, { cwd: ROOT });
      assert.equal(r.status, 1);
      const actual: unknown = JSON.parse(r.stdout);
      const goldens: Record<string, unknown> = existsSync(GOLDEN) ? JSON.parse(readFileSync(GOLDEN, 'utf8')) : {};
      if (process.env['UPDATE_GOLDEN']) {
        goldens[level] = actual;
        writeFileSync(GOLDEN, JSON.stringify(goldens, null, 2) + '\n');
        return;
      }
      assert.deepEqual(actual, goldens[level], 'run UPDATE_GOLDEN=1 npm test and review the diff');
    });
  }
});
