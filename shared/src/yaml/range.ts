/**
 * A half-open span of the source text, in JS string indices (UTF-16 code units, LSP's default
 * unit). Every location in the core is one of these; line/column conversion happens only at the
 * edges (server: TextDocument.positionAt, CLI: LineCounter).
 */
export type Range = readonly [start: number, end: number];

/** A message tied to a place in the text: parse errors, type errors, policy errors. */
export interface Problem {
  readonly message: string;
  readonly range: Range;
  /** `error` blocks evaluation of the object or file; `warning` and `info` do not. */
  readonly severity: 'error' | 'warning' | 'info';
  /** Stable identifier for tooling, e.g. `yaml-syntax`, `type-mismatch`, `invalid-label`. */
  readonly code: string;
}
