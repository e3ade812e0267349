import { inContainer, removeField, setField } from '../fix/plans';
import { containerList } from './text';
import type { CheckContext, CheckDefinition, Verdict } from './types';
import type { PodView } from '../workloads/podView';

/**
 * Privileged Pods disable most security mechanisms and must be disallowed.
 * Restricted fields: spec.{initContainers,containers,ephemeralContainers}[*].securityContext.privileged
 * Allowed: unset, false.
 */
export const privileged: CheckDefinition = {
  id: 'privileged',
  level: 'baseline',
  reason: 'privileged',
  title: 'Privileged containers',
  messages: { privileged: '{{container}} must not set securityContext.privileged=true' },
  versions: [{ since: 'v1.0', run: v1_0 }],
};

function v1_0(pod: PodView, ctx: CheckContext): Verdict | undefined {
  const bad: string[] = [];
  for (const c of pod.containers) {
    const field = c.securityContext.get('privileged');
    if (field.bool() !== true) continue;
    bad.push(c.name);
    const fixes = [
      setField(field, false, inContainer(c.name)),
      removeField(field, `Remove privileged: true ${inContainer(c.name)}`, { preferred: false }),
    ];
    ctx.report({ at: field.valueSite, messageId: 'privileged', data: { container: containerList([c.name]) }, fixes });
  }
  if (bad.length === 0) return undefined;
  return { detail: `${containerList(bad)} must not set securityContext.privileged=true` };
}
