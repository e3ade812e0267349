import { IN_POD, inContainer, removeField } from '../fix/plans';
import { containerList, joinSetters } from './text';
import type { CheckContext, CheckDefinition, Verdict } from './types';
import type { PodView } from '../workloads/podView';
import type { NodeView } from '../yaml/view';

/**
 * Windows pods offer the ability to run HostProcess containers, which enable privileged access to
 * the Windows host machine; privileged access to the host is disallowed in the baseline policy.
 * Restricted fields: spec.securityContext.windowsOptions.hostProcess,
 *   spec.{initContainers,containers,ephemeralContainers}[*].securityContext.windowsOptions.hostProcess
 * Allowed: unset, false. spec.os is not consulted: the field is forbidden on every pod.
 */
export const windowsHostProcess: CheckDefinition = {
  id: 'windowsHostProcess',
  level: 'baseline',
  reason: 'hostProcess',
  title: 'Windows HostProcess',
  messages: { hostProcess: '{{setter}} must not set securityContext.windowsOptions.hostProcess=true' },
  versions: [{ since: 'v1.0', run: v1_0 }],
};

function v1_0(pod: PodView, ctx: CheckContext): Verdict | undefined {
  const setters: string[] = [];
  if (isHostProcess(pod.securityContext, 'pod', ctx)) setters.push('pod');
  const badContainers = pod.containers.filter((c) => isHostProcess(c.securityContext, containerList([c.name]), ctx, inContainer(c.name))).map((c) => c.name);
  if (badContainers.length > 0) setters.push(containerList(badContainers));
  if (setters.length === 0) return undefined;
  return { detail: `${joinSetters(setters)} must not set securityContext.windowsOptions.hostProcess=true` };
}

/** True (and reported) when this security context sets hostProcess: true. */
function isHostProcess(securityContext: NodeView, setter: string, ctx: CheckContext, where = IN_POD): boolean {
  const field = securityContext.get('windowsOptions').get('hostProcess');
  if (field.bool() !== true) return false;
  const fixes = [removeField(field, `Remove hostProcess: true ${where}`)];
  ctx.report({ at: field.valueSite, messageId: 'hostProcess', data: { setter }, fixes });
  return true;
}
