import type { PodView } from '../workloads/podView';
import type { FixPlan } from '../fix/types';
import type { Range } from '../yaml/range';

/** A located finding reported by a check, before the engine adds level, mode and detail. */
export interface Report {
  /** The narrowest range: the offending value or key, or the nearest ancestor of a missing field. */
  readonly at: Range;
  /** Key into the check's `messages`. */
  readonly messageId: string;
  /** Values for the `{{name}}` placeholders of the message. */
  readonly data?: Readonly<Record<string, string>>;
  /** Quick fixes (shared/src/fix); omitted when there is none. */
  readonly fixes?: readonly FixPlan[];
}

export interface CheckContext {
  /** The minor version being evaluated after clamping (`latest` → the newest known, 37). */
  readonly minor: number;
  report(report: Report): void;
}

/**
 * PSA's CheckResult for a forbidden pod: the reason and detail strings, byte for byte. A check
 * returns undefined when the pod is allowed. The reason defaults to the check's `reason`; only
 * `appArmorProfile` varies it (singular/plural).
 */
export interface Verdict {
  readonly reason?: string;
  readonly detail: string;
}

export type CheckFn = (pod: PodView, ctx: CheckContext) => Verdict | undefined;

export interface CheckVariant {
  /** The first policy version this variant applies to, `v1.N`. */
  readonly since: `v1.${number}`;
  readonly run: CheckFn;
  /** Baseline check IDs this restricted variant replaces while it is active (PSA registry.go). */
  readonly overrides?: readonly string[];
}

export type CheckLevel = 'baseline' | 'restricted';

export interface CheckDefinition {
  /** The upstream PSA check ID, verbatim; also the file, test, and doc page name. */
  readonly id: string;
  readonly level: CheckLevel;
  /** PSA's ForbiddenReason. */
  readonly reason: string;
  /** A short human title for hovers, SARIF rules and docs. */
  readonly title: string;
  /** Per-finding messages with `{{placeholders}}`. */
  readonly messages: Readonly<Record<string, string>>;
  /** Strictly increasing `since` versions. */
  readonly versions: readonly CheckVariant[];
}
