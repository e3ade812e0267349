import type { Range } from '../yaml/range';

/** Replace `range` of the original text with `newText`. Ranges of one fix never overlap. */
export interface TextEdit {
  readonly range: Range;
  readonly newText: string;
}

/**
 * A minimal change that resolves one finding, computed from the source tokens so nothing else
 * moves: comments, key order, quoting, flow/block style, indentation and line endings stay.
 */
export interface Fix {
  /** Stable identifier, e.g. `set-allowPrivilegeEscalation-false`. */
  readonly id: string;
  /** What a person sees in the light-bulb menu, e.g. `Set allowPrivilegeEscalation: false`. */
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /** Safe fixes go into fix-all and `podsec check --fix`; fixes that remove what a workload can
   * do (hostPath and other volumes, host ports) are offered only one at a time. */
  readonly safe: boolean;
  /** The one obvious fix for its finding. */
  readonly isPreferred: boolean;
}
