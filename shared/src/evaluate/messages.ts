import { goQuote } from '../checks/text';
import type { CheckResult } from './finding';

/**
 * The API server's wording around check results (pod-security-standards.md §5,
 * pod-security-admission.md §9). `pair` is the level:version as requested, never the clamped one.
 */

/** `reason (detail), reason (detail)`; a result with an empty detail shows its bare reason. */
export function fullForm(results: readonly CheckResult[]): string {
  return results.map((r) => `${r.reason || 'unknown forbidden reason'}${r.detail ? ` (${r.detail})` : ''}`).join(', ');
}

/** Reasons only, as in the namespace-label dry-run warnings. */
export function shortForm(results: readonly CheckResult[]): string {
  return results.map((r) => r.reason || 'unknown forbidden reason').join(', ');
}

/** The enforce rejection of a pod: `pods "web" is forbidden: violates PodSecurity "…": …`. */
export function rejectionMessage(podName: string | undefined, pair: string, results: readonly CheckResult[]): string {
  const subject = podName ? `pods ${goQuote(podName)}` : 'pods';
  return `${subject} is forbidden: ${violatesMessage(pair, results)}`;
}

/**
 * The part of the rejection every pod of a controller gets; the `pods "<name>" is forbidden: `
 * prefix depends on the generated pod name, which a manifest cannot know.
 */
export function violatesMessage(pair: string, results: readonly CheckResult[]): string {
  return `violates PodSecurity "${pair}": ${fullForm(results)}`;
}

/** The warning (and the audit annotation value): `would violate PodSecurity "…": …`. */
export function warningMessage(pair: string, results: readonly CheckResult[]): string {
  return `would violate PodSecurity "${pair}": ${fullForm(results)}`;
}
