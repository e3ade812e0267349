import { inContainer, removeField } from '../fix/plans';
import { containerList, plural, sortedUnique } from './text';
import type { CheckContext, CheckDefinition, Verdict } from './types';
import type { PodView } from '../workloads/podView';

/**
 * HostPorts should be disallowed entirely (recommended) or restricted to a known list; PSA
 * disallows them entirely.
 * Restricted fields: spec.{initContainers,containers,ephemeralContainers}[*].ports[*].hostPort
 * Allowed: unset, 0.
 * The API server defaults hostPort to containerPort for hostNetwork pods before admission; this
 * check sees the manifest as written and does not emulate that defaulting.
 */
export const hostPorts: CheckDefinition = {
  id: 'hostPorts',
  level: 'baseline',
  reason: 'hostPort',
  title: 'Host ports',
  messages: { hostPort: '{{container}} must not use hostPort {{port}}' },
  versions: [{ since: 'v1.0', run: v1_0 }],
};

function v1_0(pod: PodView, ctx: CheckContext): Verdict | undefined {
  const badContainers: string[] = [];
  const ports: string[] = [];
  for (const c of pod.containers) {
    let isBad = false;
    for (const entry of c.view.get('ports').items()) {
      const hostPort = entry.get('hostPort');
      const port = hostPort.int() ?? 0;
      if (port === 0) continue;
      isBad = true;
      ports.push(String(port));
      // Removing a host port takes away how clients reach the pod: offered alone, never in fix-all.
      const fixes = [removeField(hostPort, `Remove hostPort ${port} ${inContainer(c.name)} (changes how the pod is reached)`, { safe: false })];
      ctx.report({ at: hostPort.valueSite, messageId: 'hostPort', data: { container: containerList([c.name]), port: String(port) }, fixes });
    }
    if (isBad) badContainers.push(c.name);
  }
  if (badContainers.length === 0) return undefined;
  // PSA sorts the distinct ports as strings, so 10 < 100 < 20.
  const distinct = sortedUnique(ports);
  return {
    detail: `${containerList(badContainers)} ${plural('uses', 'use', badContainers.length)} ${plural('hostPort', 'hostPorts', distinct.length)} ${distinct.join(', ')}`,
  };
}
