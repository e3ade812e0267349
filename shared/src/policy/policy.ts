import type { Range } from '../yaml/range';
import type { LevelVersion } from './levelVersion';

export type Mode = 'enforce' | 'warn' | 'audit';

/** Strictest first: a finding flagged by several modes is shown once, at the first of these. */
export const MODES: readonly Mode[] = ['enforce', 'warn', 'audit'];

/** Where a mode's level came from, so every result can say why it applies. */
export interface PolicySource {
  /** Human description: `setting podsec.enforce`, `--level flag`, `namespace "green" label …`. */
  readonly description: string;
  /** File and range of the label or configuration entry, when there is one. */
  readonly uri?: string;
  readonly range?: Range;
  /** 1-based line of `range`, computed where the text was at hand. */
  readonly line?: number;
}

/** The three level:version pairs that apply to one object, resolved. */
export interface Policy {
  readonly enforce: LevelVersion;
  readonly warn: LevelVersion;
  readonly audit: LevelVersion;
  readonly sources?: Partial<Record<Mode, PolicySource>>;
  /** Set when an exemption applies (namespace or runtimeClass): nothing is evaluated. */
  readonly exemption?: string;
  /** The namespace the object lands in, and how podsec decided it. */
  readonly namespace?: string;
  readonly namespaceOrigin?: string;
}
