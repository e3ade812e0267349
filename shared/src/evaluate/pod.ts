import { checksFor, type ResolvedCheck } from '../checks/registry';
import { formatMessage } from '../checks/text';
import type { Level } from '../policy/levelVersion';
import type { PodView } from '../workloads/podView';
import type { CheckResult, Finding } from './finding';

/** Runs one resolved check; undefined when the pod passes it. */
export function runCheck(resolved: ResolvedCheck, pod: PodView, minor: number): CheckResult | undefined {
  const { check, variant } = resolved;
  const findings: Finding[] = [];
  const verdict = variant.run(pod, {
    minor,
    report: ({ at, messageId, data, fixes }) => {
      const template = check.messages[messageId] ?? messageId;
      findings.push({ checkId: check.id, level: check.level, messageId, data: data ?? {}, message: formatMessage(template, data), range: at, fixes: fixes ?? [] });
    },
  });
  if (!verdict) return undefined;
  return { checkId: check.id, level: check.level, reason: verdict.reason ?? check.reason, detail: verdict.detail, findings };
}

/**
 * The failing checks of a pod at a level and clamped minor version, in PSA's result order.
 * Privileged runs nothing and always passes.
 */
export function evaluatePod(pod: PodView, level: Level, minor: number): CheckResult[] {
  const results: CheckResult[] = [];
  for (const resolved of checksFor(level, minor)) {
    const result = runCheck(resolved, pod, minor);
    if (result) results.push(result);
  }
  return results;
}
