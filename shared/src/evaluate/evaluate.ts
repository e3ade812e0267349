import type { LevelVersion } from '../policy/levelVersion';
import type { Mode, Policy } from '../policy/policy';
import type { ObjectMeta } from '../workloads/extract';
import type { PodTemplateTable } from '../workloads/podTemplates';
import type { Problem, Range } from '../yaml/range';
import type { CheckResult, Finding } from './finding';
import { IncrementalEvaluator } from './incremental';
import type { SuppressedViolation } from './suppressions';

export { evaluateDocument, evaluateDocuments } from './document';
export type { SuppressedViolation, Suppression } from './suppressions';

export interface EvaluateOptions {
  /** The policy for every object, or a resolver that picks one per object (namespace context). */
  readonly policy: Policy | ((object: ObjectMeta & { readonly runtimeClassName: string | undefined }) => Policy);
  /** Emulation version cap (pod-security-standards.md §2.3); default none. */
  readonly cap?: number;
  /** Custom resources with pod templates (`podTemplateTable(rules)`); default the presets alone. */
  readonly podTemplates?: PodTemplateTable;
  /** `# podsec-ignore` comments are honoured unless this is true (`--no-suppressions`, for audits). */
  readonly ignoreSuppressions?: boolean;
  /** The local date `until=` is compared with, `YYYY-MM-DD`; default the clock's (tests inject one). */
  readonly today?: string;
}

export interface ModeResult {
  readonly mode: Mode;
  readonly levelVersion: LevelVersion;
  /** `restricted:latest`, as requested. */
  readonly pair: string;
  /** Failing checks in PSA order; empty when allowed. */
  readonly results: readonly CheckResult[];
  /** The API server's text for this mode, or undefined when the mode passes. */
  readonly message: string | undefined;
}

/** A finding with the mode that flags it, de-duplicated across modes (strictest wins). */
export interface Violation extends Finding {
  readonly mode: Mode;
  readonly reason: string;
  readonly detail: string;
  readonly pair: string;
}

export interface ObjectResult {
  readonly docIndex: number;
  readonly apiVersion: string | undefined;
  readonly kind: string;
  readonly name: string | undefined;
  readonly namespace: string | undefined;
  readonly kindRange: Range;
  readonly isPod: boolean;
  /**
   * Set for a custom resource: PSA never evaluates the object itself, so every result is what the
   * pods its controller makes from the template at `path` would get. `found` is false when the
   * object has no template there (nothing evaluated). `source` names the preset or rule.
   */
  readonly customResource?: { readonly path: string; readonly source: string; readonly found: boolean };
  readonly policy: Policy;
  /** In the order enforce, warn, audit; empty when the object is exempt or not evaluated. */
  readonly modes: readonly ModeResult[];
  /** False exactly when the enforce mode has a violation. */
  readonly allowed: boolean;
  /** The primary API server message: the rejection when not allowed, else the warning, else null. */
  readonly message: string | null;
  /** What podsec reports: every finding not hidden by a `# podsec-ignore` comment. */
  readonly violations: readonly Violation[];
  /**
   * Findings hidden by `# podsec-ignore` comments, with the comment. They still count in `allowed`,
   * `message`, `modes` and `levels`, which say what the API server would do.
   */
  readonly suppressed: readonly SuppressedViolation[];
  /**
   * The strictest level the object satisfies at its enforce version, and how many findings stand
   * between it and each level: what a code lens shows ("✓ restricted", "✗ baseline: 2 violations").
   */
  readonly levels: { readonly satisfies: 'privileged' | 'baseline' | 'restricted'; readonly baseline: number; readonly restricted: number };
}

export interface EvaluationResult {
  readonly objects: readonly ObjectResult[];
  readonly problems: readonly Problem[];
  readonly documentCount: number;
}

/**
 * Parses and evaluates one file's text. Never throws on any input. Each `---` document is parsed
 * on its own (as the language server does, so the editor and the CLI agree to the byte).
 */
export function evaluate(text: string, options: EvaluateOptions): EvaluationResult {
  return new IncrementalEvaluator(options).evaluate(text).result;
}
