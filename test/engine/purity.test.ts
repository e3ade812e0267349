import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';

/** The core's "may not" list from ARCHITECTURE.md, enforced. */
const ROOT = resolve(__dirname, '../../..');
const CORE = ['yaml', 'workloads', 'policy', 'checks', 'evaluate', 'fix', 'whatif'].map((d) => join(ROOT, 'shared/src', d));

describe('the core is pure', () => {
  for (const dir of CORE) {
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
      it(`${dir.slice(ROOT.length + 1)}/${file}`, () => {
        const text = readFileSync(join(dir, file), 'utf8');
        const imports = [...text.matchAll(/from '([^']+)'/g)].map((m) => m[1] ?? '');
        for (const spec of imports) assert.ok(spec === 'yaml' || spec.startsWith('.'), `imports ${spec}`);
        assert.doesNotMatch(text, /\bprocess\.|\bconsole\.|\basync\b|\bawait\b|require\(/);
      });
    }
  }
});
