import { IN_POD, inContainer, removeField, setField } from '../fix/plans';
import type { FixPlan } from '../fix/types';
import type { NodeView } from '../yaml/view';
import { containerList, joinSetters } from './text';
import type { CheckContext, CheckDefinition, Verdict } from './types';
import type { PodView } from '../workloads/podView';

/**
 * Containers must not set runAsUser to 0.
 * Restricted fields: spec.securityContext.runAsUser,
 *   spec.{initContainers,containers,ephemeralContainers}[*].securityContext.runAsUser
 * Allowed: any non-zero value, or unset. Each level is judged alone: a container's non-zero value
 * does not excuse a pod-level 0. From v1.35 user-namespace pods (hostUsers: false) are allowed
 * (KEP-127), since UID 0 in the pod maps to an unprivileged host UID.
 */
export const runAsUser: CheckDefinition = {
  id: 'runAsUser',
  level: 'restricted',
  reason: 'runAsUser=0',
  title: 'Running as a non-root user ID',
  messages: {
    podZero: 'pod must not set runAsUser=0',
    containerZero: '{{container}} must not set runAsUser=0',
  },
  versions: [
    { since: 'v1.23', run: v1_23 },
    { since: 'v1.35', run: v1_35 },
  ],
};

function v1_23(pod: PodView, ctx: CheckContext): Verdict | undefined {
  const setters: string[] = [];
  const podField = pod.securityContext.get('runAsUser');
  if (podField.int() === 0) {
    setters.push('pod');
    ctx.report({ at: podField.valueSite, messageId: 'podZero', fixes: rootFixes(podField, IN_POD) });
  }
  const bad: string[] = [];
  for (const c of pod.containers) {
    const field = c.securityContext.get('runAsUser');
    if (field.int() !== 0) continue;
    bad.push(c.name);
    ctx.report({ at: field.valueSite, messageId: 'containerZero', data: { container: containerList([c.name]) }, fixes: rootFixes(field, inContainer(c.name)) });
  }
  if (bad.length > 0) setters.push(containerList(bad));
  if (setters.length === 0) return undefined;
  return { detail: `${joinSetters(setters)} must not set runAsUser=0` };
}

/**
 * Removing `runAsUser: 0` runs the image's own user, which restricted's runAsNonRoot then requires
 * to be non-root. A fixed UID is offered too, but only on request: files the image owns may need
 * another one.
 */
function rootFixes(field: NodeView, where: string): FixPlan[] {
  return [
    removeField(field, `Remove runAsUser: 0 ${where} (run as the image's user)`),
    setField(field, 1000, where, { preferred: false, safe: false }),
  ];
}

function v1_35(pod: PodView, ctx: CheckContext): Verdict | undefined {
  // KEP-127: in a user namespace, UID 0 in the container is not root on the host.
  if (pod.isUserNamespaced) return undefined;
  return v1_23(pod, ctx);
}
