import { inContainer, removeField } from '../fix/plans';
import { containerList, quoteList, sortedUnique } from './text';
import type { CheckContext, CheckDefinition, Verdict } from './types';
import type { PodView } from '../workloads/podView';

/**
 * Adding capabilities beyond the container runtime's default set must be disallowed.
 * Restricted fields: spec.{initContainers,containers,ephemeralContainers}[*].securityContext.capabilities.add
 * Allowed: unset, or only AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD,
 *   NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT (exact, case-sensitive, no
 *   CAP_ prefix; ALL is forbidden). `drop` is ignored.
 * Restricted replaces this check with capabilities_restricted from v1.22.
 */
export const capabilities_baseline: CheckDefinition = {
  id: 'capabilities_baseline',
  level: 'baseline',
  reason: 'non-default capabilities',
  title: 'Added capabilities',
  messages: { add: '{{container}} must not include {{capability}} in securityContext.capabilities.add' },
  versions: [{ since: 'v1.0', run: v1_0 }],
};

const DEFAULT_CAPABILITIES: ReadonlySet<string> = new Set([
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD',
  'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
]);

function v1_0(pod: PodView, ctx: CheckContext): Verdict | undefined {
  const badContainers: string[] = [];
  const forbidden: string[] = [];
  for (const c of pod.containers) {
    let isBad = false;
    for (const item of c.securityContext.get('capabilities').get('add').items()) {
      // A null entry decodes to "" in Go, which is not a default capability either.
      const capability = item.str() ?? '';
      if (DEFAULT_CAPABILITIES.has(capability)) continue;
      isBad = true;
      forbidden.push(capability);
      const fixes = [removeField(item, `Remove capability ${capability || '""'} ${inContainer(c.name)}`)];
      ctx.report({ at: item.valueSite, messageId: 'add', data: { container: containerList([c.name]), capability: quoteList([capability]) }, fixes });
    }
    if (isBad) badContainers.push(c.name);
  }
  if (badContainers.length === 0) return undefined;
  return {
    detail: `${containerList(badContainers)} must not include ${quoteList(sortedUnique(forbidden))} in securityContext.capabilities.add`,
  };
}
