import type { CheckLevel } from '../checks/types';
import type { FixPlan } from '../fix/types';
import type { Range } from '../yaml/range';

/** One offending node for one check: what editors underline and the CLI prints. */
export interface Finding {
  readonly checkId: string;
  /** The level the check belongs to (not the level being evaluated). */
  readonly level: CheckLevel;
  readonly messageId: string;
  readonly data: Readonly<Record<string, string>>;
  /** The per-node message, e.g. `container "app" must set securityContext.allowPrivilegeEscalation=false`. */
  readonly message: string;
  readonly range: Range;
  /** Quick fixes for this finding, as plans: `renderFix` turns one into text edits, or refuses. */
  readonly fixes: readonly FixPlan[];
}

/**
 * PSA's result for one failing check: the exact ForbiddenReason and ForbiddenDetail, plus the
 * findings that locate it. Aggregated strings are rebuilt from these, never stored.
 */
export interface CheckResult {
  readonly checkId: string;
  readonly level: CheckLevel;
  readonly reason: string;
  readonly detail: string;
  readonly findings: readonly Finding[];
}
