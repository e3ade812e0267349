import { evaluate, type EvaluationResult } from '../../shared/src/evaluate/evaluate';
import type { Policy } from '../../shared/src/policy/policy';

/**
 * Evaluates each document once per (uri, version, settings epoch); diagnostics and, later, hovers
 * and code actions read the same result.
 */
export class Analysis {
  private readonly cache = new Map<string, { version: number; epoch: number; result: EvaluationResult }>();
  private epoch = 0;

  /** Called when anything that changes results (settings, namespace context) changes. */
  invalidate(): void {
    this.epoch++;
  }

  get(uri: string, version: number, text: string, policy: Policy): EvaluationResult {
    const hit = this.cache.get(uri);
    if (hit && hit.version === version && hit.epoch === this.epoch) return hit.result;
    const result = evaluate(text, { policy });
    this.cache.set(uri, { version, epoch: this.epoch, result });
    return result;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }
}
