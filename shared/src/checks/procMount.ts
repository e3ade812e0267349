import { inContainer, setField } from '../fix/plans';
import { containerList, quoteList, sortedUnique } from './text';
import type { CheckContext, CheckDefinition, Verdict } from './types';
import type { PodView } from '../workloads/podView';

/**
 * The default /proc masks are set up to reduce attack surface, and should be required.
 * Restricted fields: spec.{initContainers,containers,ephemeralContainers}[*].securityContext.procMount
 * Allowed: unset, Default (exact; "" and default are forbidden).
 * From v1.35 a user-namespace pod (hostUsers: false) may set any value (KEP-4265): its /proc is
 * owned by the namespace, not the host. Restricted replaces this check from v1.35 with
 * procMount_restricted, which keeps the v1.0 rule.
 */
export const procMount: CheckDefinition = {
  id: 'procMount',
  level: 'baseline',
  reason: 'procMount',
  title: '/proc mount type',
  messages: { procMount: '{{container}} must not set securityContext.procMount to {{value}}' },
  versions: [
    { since: 'v1.0', run: v1_0 },
    { since: 'v1.35', run: v1_35 },
  ],
};

function v1_0(pod: PodView, ctx: CheckContext): Verdict | undefined {
  const badContainers: string[] = [];
  const values: string[] = [];
  for (const c of pod.containers) {
    const field = c.securityContext.get('procMount');
    const value = field.str();
    if (value === undefined || value === 'Default') continue;
    badContainers.push(c.name);
    values.push(value);
    const fixes = [setField(field, 'Default', inContainer(c.name))];
    ctx.report({ at: field.valueSite, messageId: 'procMount', data: { container: containerList([c.name]), value: quoteList([value]) }, fixes });
  }
  if (badContainers.length === 0) return undefined;
  return { detail: `${containerList(badContainers)} must not set securityContext.procMount to ${quoteList(sortedUnique(values))}` };
}

function v1_35(pod: PodView, ctx: CheckContext): Verdict | undefined {
  if (pod.isUserNamespaced) return undefined;
  return v1_0(pod, ctx);
}
