import type { EvaluationResult } from '../../shared/src/evaluate/evaluate';
import { IncrementalEvaluator } from '../../shared/src/evaluate/incremental';
import type { Placement } from '../../shared/src/evaluate/placed';
import { renderFix, StyleCache } from '../../shared/src/fix/render';
import type { Fix, FixPlan } from '../../shared/src/fix/types';
import { resolvePolicy, type PolicyContext } from '../../shared/src/policy/resolve';
import { podTemplateTable, type PodTemplateTable } from '../../shared/src/workloads/podTemplates';
import type { ParsedDocument } from '../../shared/src/yaml/parse';

/**
 * Evaluates each document once per (uri, version, context epoch); diagnostics, hovers, code
 * lenses, code actions and the status bar all read the same result. The epoch moves whenever
 * settings or the workspace's namespace context change.
 */
export class Analysis {
  private readonly cache = new Map<string, { epoch: number; analyzed: Analyzed }>();
  /** Per file, the documents of its last version: an edit re-evaluates only what it touched. */
  private readonly evaluators = new Map<string, { epoch: number; readonly evaluator: IncrementalEvaluator }>();
  private epoch = 0;

  invalidate(): void {
    this.epoch++;
  }

  /** The current context epoch; work that started under an older one is stale. */
  get currentEpoch(): number {
    return this.epoch;
  }

  get(uri: string, version: number, text: string, context: PolicyContext): Analyzed {
    const hit = this.peek(uri, version);
    if (hit) return hit;
    const podTemplates = podTemplateTable(context.settings.podTemplates);
    const options = { policy: (object: Parameters<typeof resolvePolicy>[1]) => resolvePolicy({ ...context, uri }, object), podTemplates };
    let current = this.evaluators.get(uri);
    if (!current) {
      // Lean: each document's text and result, not its tree; fixes parse their document again.
      current = { epoch: this.epoch, evaluator: new IncrementalEvaluator(options, true) };
      this.evaluators.set(uri, current);
    } else if (current.epoch !== this.epoch) {
      // A new context re-evaluates every document of the file but parses none again.
      current.evaluator.setOptions(options);
      current.epoch = this.epoch;
    }
    const evaluated = current.evaluator.evaluate(text);
    const analyzed = new Analyzed(uri, version, text, evaluated, podTemplates);
    this.cache.set(uri, { epoch: this.epoch, analyzed });
    return analyzed;
  }

  /** The cached analysis of a version, if it is current. */
  peek(uri: string, version: number): Analyzed | undefined {
    const hit = this.cache.get(uri);
    return hit && hit.analyzed.version === version && hit.epoch === this.epoch ? hit.analyzed : undefined;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
    this.evaluators.delete(uri);
  }
}

/**
 * One version of one document, evaluated, with what its code actions derive from it. Rendering
 * a fix proves it by parsing its document again (milliseconds), and editors ask for code actions
 * at every cursor move, so each fix is rendered at most once per version.
 */
export class Analyzed {
  private readonly styles = new StyleCache();
  private readonly rendered = new Map<FixPlan, Fix | null>();
  private readonly derived = new Map<string, unknown>();

  constructor(
    readonly uri: string,
    readonly version: number,
    readonly text: string,
    /** The result and parsed documents, each placed in the file only when first asked for. */
    private readonly evaluated: { readonly documents: readonly ParsedDocument[]; readonly placement: Placement; readonly result: EvaluationResult },
    /** The custom resources `result` was evaluated with: fixes that evaluate again use them too. */
    readonly podTemplates: PodTemplateTable,
  ) {}

  /**
   * The whole file's result with file ranges, built on first use: what needs every object with
   * its ranges (fix-all). Per-keystroke work reads `placement` instead.
   */
  get result(): EvaluationResult {
    return this.evaluated.result;
  }

  /** The result document by document, ranges relative to each (evaluate/placed.ts). */
  get placement(): Placement {
    return this.evaluated.placement;
  }

  /**
   * The parsed documents `result` came from, by document index: fixes slice or re-evaluate one.
   * Ranges and errors cost nothing; a document's tree (`doc`) is parsed again when first read.
   */
  get documents(): readonly ParsedDocument[] {
    return this.evaluated.documents;
  }

  /** `renderFix` on this version's text, for a plan computed from this version. */
  render(plan: FixPlan): Fix | undefined {
    let fix = this.rendered.get(plan);
    if (fix === undefined) {
      fix = renderFix(plan, this.text, this.styles) ?? null;
      this.rendered.set(plan, fix);
    }
    return fix ?? undefined;
  }

  /** Computes something derived from this version once; `key` names what, and for which object. */
  memo<T>(key: string, compute: () => T): T {
    if (this.derived.has(key)) return this.derived.get(key) as T;
    const value = compute();
    this.derived.set(key, value);
    return value;
  }
}
