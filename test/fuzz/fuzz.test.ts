import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateCase } from './cases';
import { loadCorpus } from './corpus';
import { checkCase, POLICIES } from './properties';

/**
 * The fuzz test of issue 6, CI-sized: PODSEC_FUZZ_CASES cases (default 300) from
 * PODSEC_FUZZ_SEED (default 1). `node bench/fuzz.mjs` runs the same generator for longer.
 * The only timing assertion in the suite is the per-case bound, generous on purpose: a case is
 * a few kilobytes and takes milliseconds; the bound catches blow-ups (alias bombs, quadratic
 * scans), not slowness.
 */
const SEED = Number(process.env['PODSEC_FUZZ_SEED'] ?? 1);
const CASES = Number(process.env['PODSEC_FUZZ_CASES'] ?? 300);
const BOUND_MS = Number(process.env['PODSEC_FUZZ_CASE_MS'] ?? 5000);

describe('fuzz', () => {
  const corpus = loadCorpus();

  it(`${CASES} mutated manifests from seed ${SEED}: no throw, bounded time, ranges in the text, stable results, fixes that apply`, () => {
    const failures: string[] = [];
    let reached = 0;
    for (let index = 0; index < CASES; index++) {
      const c = generateCase(corpus, SEED, index, POLICIES.length);
      const outcome = checkCase(c.text, POLICIES[c.policy] ?? POLICIES[0]!, BOUND_MS, c.base);
      if (outcome.objects > 0) reached++;
      for (const f of outcome.failures) {
        failures.push(`case ${index} (seed ${c.seed}, ${c.origin}; ${c.steps.join('; ')}): ${f.kind}: ${f.detail}\n--- text ---\n${c.text}\n---`);
      }
    }
    assert.deepEqual(failures, []);
    // A fuzzer whose inputs never reach the checks proves little.
    assert.ok(reached > CASES / 3, `only ${reached} of ${CASES} cases held a workload`);
  });
});
