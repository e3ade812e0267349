import { inContainer, setField } from '../fix/plans';
import { containerList, quoteList, sortedUnique } from './text';
import type { CheckContext, CheckDefinition, Verdict } from './types';
import type { PodView } from '../workloads/podView';

/**
 * The default /proc masks are set up to reduce attack surface, and should be required.
 * Restricted fields: spec.{initContainers,containers,ephemeralContainers}[*].securityContext.procMount
 * Allowed: unset, "Default". Unlike baseline procMount from v1.35, user-namespace pods
 * (hostUsers: false) get no relaxation: restricted keeps the masks even inside a user namespace.
 * Replaces procMount at restricted from v1.35.
 */
export const procMount_restricted: CheckDefinition = {
  id: 'procMount_restricted',
  level: 'restricted',
  reason: 'procMount',
  title: 'Restricted /proc mount type',
  messages: { procMount: '{{container}} must not set securityContext.procMount to "{{value}}"' },
  versions: [{ since: 'v1.35', run: v1_35, overrides: ['procMount'] }],
};

function v1_35(pod: PodView, ctx: CheckContext): Verdict | undefined {
  const bad: string[] = [];
  const values: string[] = [];
  for (const c of pod.containers) {
    const field = c.securityContext.get('procMount');
    const value = field.str();
    if (value === undefined || value === 'Default') continue;
    bad.push(c.name);
    values.push(value);
    const fixes = [setField(field, 'Default', inContainer(c.name))];
    ctx.report({ at: field.valueSite, messageId: 'procMount', data: { container: containerList([c.name]), value }, fixes });
  }
  if (bad.length === 0) return undefined;
  return { detail: `${containerList(bad)} must not set securityContext.procMount to ${quoteList(sortedUnique(values))}` };
}
