import { compareCodePoints, goQuote } from '../checks/text';
import { isStricter, renderLevelVersion, renderVersion, type LevelVersion } from '../policy/levelVersion';

/**
 * The API server's dry run of a namespace's new enforce level over its existing pods
 * (pod-security-admission.md §7.3, §8.1), on workloads instead of pods: offline there are no
 * pods, so each workload stands for the pods it creates, named by the workload's own name.
 */

/** A workload the new enforce pair would reject, with PSA's short form (reasons only). */
export interface FailingWorkload {
  readonly name: string;
  readonly shortForm: string;
}

/**
 * The warnings in the order and words of §8.1, without kubectl's `Warning: ` prefix: the header,
 * then one line per group of identical short forms, named by the group's bytewise-smallest name
 * and sorted as whole strings in byte order. Empty when nothing fails. The API server checks at
 * most 3000 pods within a time budget and then says so; offline every workload is checked, so
 * that first warning never appears.
 */
export function dryRunWarnings(namespace: string, enforce: LevelVersion, failing: readonly FailingWorkload[]): string[] {
  if (failing.length === 0) return [];
  const groups = new Map<string, { name: string; count: number }>();
  for (const w of failing) {
    const group = groups.get(w.shortForm);
    if (!group) groups.set(w.shortForm, { name: w.name, count: 1 });
    else {
      group.count++;
      if (byteCompare(w.name, group.name) < 0) group.name = w.name;
    }
  }
  const lines = [...groups].map(([shortForm, { name, count }]) => `${name}${others(count)}: ${shortForm}`).sort(byteCompare);
  return [`existing pods in namespace ${goQuote(namespace)} violate the new PodSecurity enforce level "${renderLevelVersion(enforce)}"`, ...lines];
}

function others(count: number): string {
  if (count === 1) return '';
  return count === 2 ? ' (and 1 other pod)' : ` (and ${count - 1} other pods)`;
}

/**
 * Why the API server would run no dry run for a change of the enforce pair from `before` to
 * `after` (§7.3 UPDATE step 2 and 3), or undefined when it would run one.
 */
export function noDryRunReason(before: LevelVersion, after: LevelVersion, exemption: string | undefined): string | undefined {
  if (before.level === after.level && renderVersion(before.version) === renderVersion(after.version)) return `the enforce level stays "${renderLevelVersion(after)}"`;
  if (after.level === 'privileged') return 'the new enforce level is privileged, which allows every pod';
  if (renderVersion(before.version) === renderVersion(after.version) && !isStricter(after.level, before.level)) {
    return `"${renderLevelVersion(after)}" is not stricter than "${renderLevelVersion(before)}" at the same version`;
  }
  if (exemption) return `the namespace is exempt (${exemption}) in the admission configuration`;
  return undefined;
}

/** Go's string comparison: UTF-8 byte order, which is code point order. */
export const byteCompare = compareCodePoints;
