import { evaluate, type EvaluationResult } from '../../shared/src/evaluate/evaluate';
import { LATEST, parseLevelVersion, type LevelVersion } from '../../shared/src/policy/levelVersion';
import type { Policy } from '../../shared/src/policy/policy';

export function lv(text: string): LevelVersion {
  const { value, error } = parseLevelVersion(text);
  if (!value) throw new Error(error);
  return value;
}

const PRIVILEGED: LevelVersion = { level: 'privileged', version: LATEST };

/** A policy that enforces one pair and nothing else. */
export function enforce(pair: string): Policy {
  return { enforce: lv(pair), warn: PRIVILEGED, audit: PRIVILEGED };
}

export function evalAt(text: string, pair: string): EvaluationResult {
  return evaluate(text, { policy: enforce(pair) });
}

/** The text each violation underlines, with its check: easy to read in a failing assertion. */
export function underlined(text: string, result: EvaluationResult): Array<[string, string]> {
  return result.objects.flatMap((o) => o.violations.map((v): [string, string] => [v.checkId, text.slice(v.range[0], v.range[1])]));
}
