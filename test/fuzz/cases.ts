import type { Seed } from './corpus';
import { mutate, randomText } from './mutate';
import { caseSeed, Random } from './random';

/** One generated input, with everything needed to replay and explain it. */
export interface FuzzCase {
  readonly index: number;
  /** The seed of this case alone (see `caseSeed`). */
  readonly seed: number;
  readonly origin: string;
  readonly steps: readonly string[];
  readonly text: string;
  /** The text before the mutations: the editor's previous version, for the incremental evaluator. */
  readonly base: string;
  /** Which of `POLICIES` to evaluate under. */
  readonly policy: number;
}

/**
 * Case `index` of the run seeded `runSeed`: mostly a corpus manifest (sometimes two, as one
 * multi-document file) mutated one to four times, sometimes text with no manifest in it at all.
 */
export function generateCase(corpus: readonly Seed[], runSeed: number, index: number, policies: number): FuzzCase {
  const seed = caseSeed(runSeed, index);
  const rng = new Random(seed);
  const policy = rng.int(policies);
  if (rng.chance(0.08)) {
    const { text, steps } = randomText(rng);
    return { index, seed, origin: 'random', steps, text, base: '', policy };
  }
  const first = rng.pick(corpus);
  let origin = first.origin;
  let text = first.text;
  if (rng.chance(0.15)) {
    const second = rng.pick(corpus);
    origin += ` + ${second.origin}`;
    text = `${text.endsWith('\n') ? text : `${text}\n`}---\n${second.text}`;
  }
  const { text: mutated, steps } = mutate(text, rng);
  return { index, seed, origin, steps, text: mutated, base: text, policy };
}
