import type { Range } from '../yaml/range';
import type { NodeView } from '../yaml/view';

/** Replace `range` of the original text with `newText`. Ranges of one fix never overlap. */
export interface TextEdit {
  readonly range: Range;
  readonly newText: string;
}

/** A value a fix writes: what YAML can say in a manifest's security fields. */
export type FixValue = boolean | number | string | readonly FixValue[] | { readonly [key: string]: FixValue };

/**
 * One semantic change, on the views a check already holds. Text is computed only when someone
 * asks for it (a code action, `--fix`), so evaluating on every keystroke stays cheap.
 */
export type FixOp =
  /** Make the field hold `value`, creating missing parent maps. */
  | { readonly op: 'set'; readonly target: NodeView; readonly value: FixValue }
  /** Add `value` to the end of a list, creating the list (and its parents) when missing. */
  | { readonly op: 'append'; readonly target: NodeView; readonly value: FixValue }
  /** Remove a map entry (the view's key) or a list item; a list left empty loses its key. */
  | { readonly op: 'remove'; readonly target: NodeView };

/** What a check offers for one finding, before any text is computed. */
export interface FixPlan {
  /** Stable identifier, e.g. `set:spec.containers[0].securityContext.allowPrivilegeEscalation`. */
  readonly id: string;
  /** What a person sees in the light-bulb menu, e.g. `Set allowPrivilegeEscalation: false`. */
  readonly title: string;
  readonly ops: readonly FixOp[];
  /** Safe fixes go into fix-all and `podsec check --fix`; fixes that remove what a workload can
   * do (hostPath and other volumes) are offered only one at a time. */
  readonly safe: boolean;
  /** The one obvious fix for its finding. */
  readonly isPreferred: boolean;
}

/**
 * A minimal change that resolves one finding, computed from the source text so nothing else
 * moves: comments, key order, quoting, flow/block style, indentation and line endings stay.
 */
export interface Fix {
  readonly id: string;
  readonly title: string;
  readonly edits: readonly TextEdit[];
  readonly safe: boolean;
  readonly isPreferred: boolean;
}
