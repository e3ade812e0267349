import type { CheckDefinition } from './types';
import { privileged } from './privileged';
import { runAsNonRoot } from './runAsNonRoot';

/**
 * Every check, sorted by ID. Adding a check is one line here (STYLE.md §3); an explicit list
 * instead of registration by import side effect, which bundlers may drop.
 */
export const ALL_CHECKS: readonly CheckDefinition[] = [
  privileged,
  runAsNonRoot,
];
