import { evaluate, type EvaluationResult } from '../../shared/src/evaluate/evaluate';
import { resolvePolicy, type PolicyContext } from '../../shared/src/policy/resolve';

/**
 * Evaluates each document once per (uri, version, context epoch); diagnostics, hovers, code
 * lenses and the status bar all read the same result. The epoch moves whenever settings or the
 * workspace's namespace context change.
 */
export class Analysis {
  private readonly cache = new Map<string, { version: number; epoch: number; result: EvaluationResult }>();
  private epoch = 0;

  invalidate(): void {
    this.epoch++;
  }

  /** The current context epoch; work that started under an older one is stale. */
  get currentEpoch(): number {
    return this.epoch;
  }

  get(uri: string, version: number, text: string, context: PolicyContext): EvaluationResult {
    const hit = this.cache.get(uri);
    if (hit && hit.version === version && hit.epoch === this.epoch) return hit.result;
    const result = evaluate(text, { policy: (object) => resolvePolicy({ ...context, uri }, object) });
    this.cache.set(uri, { version, epoch: this.epoch, result });
    return result;
  }

  /** The cached result for a version, if it is current. */
  peek(uri: string, version: number): EvaluationResult | undefined {
    const hit = this.cache.get(uri);
    return hit && hit.version === version && hit.epoch === this.epoch ? hit.result : undefined;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }
}
