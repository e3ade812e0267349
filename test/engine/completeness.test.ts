import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { ALL_CHECKS } from '../../shared/src/checks/index';
import { CASES } from '../fixes/cases';

/**
 * Fails when a check is missing its test, its documentation or its fix's golden case (PSA
 * TestValidChecks, ESLint checkRuleFiles).
 */
const ROOT = resolve(__dirname, '../../..');
const CHECKS_DIR = join(ROOT, 'shared/src/checks');
const INFRASTRUCTURE = new Set(['types', 'registry', 'index', 'text', 'docs']);

describe('every check is complete', () => {
  for (const check of ALL_CHECKS) {
    it(check.id, () => {
      assert.ok(existsSync(join(CHECKS_DIR, `${check.id}.ts`)), `shared/src/checks/${check.id}.ts`);
      const testFile = join(CHECKS_DIR, `${check.id}.test.ts`);
      assert.ok(existsSync(testFile), `missing test ${check.id}.test.ts`);
      assert.match(readFileSync(testFile, 'utf8'), /invalid:\s*\[\s*[^\]\s]/, 'the test has a non-empty list of invalid cases');
      const doc = join(ROOT, 'docs/checks', `${check.id}.md`);
      assert.ok(existsSync(doc), `missing docs/checks/${check.id}.md`);
      const text = readFileSync(doc, 'utf8');
      assert.ok(text.includes(check.reason), `the doc names the reason "${check.reason}"`);
      for (const variant of check.versions) assert.ok(text.includes(variant.since), `the doc's history mentions ${variant.since}`);
      assert.match(text, /^## Quick fix$/m, 'the doc says what the quick fix does');
      assert.ok(CASES.some((c) => c.check === check.id), `test/fixes/cases.ts has a golden case for ${check.id}'s fix`);
      assert.ok(Object.keys(check.messages).length > 0);
    });
  }

  it('every check file is registered', () => {
    const files = readdirSync(CHECKS_DIR)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .map((f) => f.slice(0, -3))
      .filter((f) => !INFRASTRUCTURE.has(f));
    assert.deepEqual(files.sort(), ALL_CHECKS.map((c) => c.id).sort());
  });
});
