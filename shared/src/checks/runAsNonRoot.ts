import { IN_POD, inContainer, setField } from '../fix/plans';
import type { NodeView } from '../yaml/view';
import { containerList, joinSetters } from './text';
import type { CheckContext, CheckDefinition, Verdict } from './types';
import type { PodView } from '../workloads/podView';

/**
 * Containers must be required to run as non-root users.
 * Restricted fields: spec.securityContext.runAsNonRoot,
 *   spec.{initContainers,containers,ephemeralContainers}[*].securityContext.runAsNonRoot
 * Allowed: true on the pod, or true on every container; a container may leave it unset when the
 * pod sets true. A pod-level false is always reported, even when every container sets true.
 * From v1.35 user-namespace pods (hostUsers: false) are allowed (KEP-127).
 */
export const runAsNonRoot: CheckDefinition = {
  id: 'runAsNonRoot',
  level: 'restricted',
  reason: 'runAsNonRoot != true',
  title: 'Running as non-root',
  messages: {
    podFalse: 'pod must not set securityContext.runAsNonRoot=false',
    containerFalse: '{{container}} must not set securityContext.runAsNonRoot=false',
    unset: 'pod or {{container}} must set securityContext.runAsNonRoot=true',
  },
  versions: [
    { since: 'v1.0', run: v1_0 },
    { since: 'v1.35', run: v1_35 },
  ],
};

function v1_0(pod: PodView, ctx: CheckContext): Verdict | undefined {
  const podField = pod.securityContext.get('runAsNonRoot');
  const podValue = podField.bool();
  const explicit: string[] = [];
  const implicit: Array<{ name: string; at: readonly [number, number]; field: NodeView }> = [];
  const containerFalse: Array<{ name: string; at: readonly [number, number]; field: NodeView }> = [];
  for (const c of pod.containers) {
    const field = c.securityContext.get('runAsNonRoot');
    const value = field.bool();
    if (value === false) {
      explicit.push(c.name);
      containerFalse.push({ name: c.name, at: field.valueSite, field });
    } else if (value === undefined && podValue !== true) {
      implicit.push({ name: c.name, at: field.anchor, field });
    }
  }
  if (podValue === false || explicit.length > 0) {
    if (podValue === false) ctx.report({ at: podField.valueSite, messageId: 'podFalse', fixes: [setField(podField, true, IN_POD)] });
    for (const c of containerFalse) {
      ctx.report({ at: c.at, messageId: 'containerFalse', data: { container: containerList([c.name]) }, fixes: [setField(c.field, true, inContainer(c.name))] });
    }
    const setters = [...(podValue === false ? ['pod'] : []), ...(explicit.length > 0 ? [containerList(explicit)] : [])];
    return { detail: `${joinSetters(setters)} must not set securityContext.runAsNonRoot=false` };
  }
  if (implicit.length === 0) return undefined;
  // One pod-level setting covers every container when none sets its own (a careful engineer's
  // choice); otherwise each container that lacks it gets it.
  const podWide = implicit.length === pod.containers.length && !podField.exists;
  for (const c of implicit) {
    const own = setField(c.field, true, inContainer(c.name), { preferred: !podWide });
    const fixes = podWide ? [setField(podField, true, IN_POD), own] : [own];
    ctx.report({ at: c.at, messageId: 'unset', data: { container: containerList([c.name]) }, fixes });
  }
  return { detail: `pod or ${containerList(implicit.map((c) => c.name))} must set securityContext.runAsNonRoot=true` };
}

function v1_35(pod: PodView, ctx: CheckContext): Verdict | undefined {
  // KEP-127: in a user namespace, root in the container is not root on the host.
  if (pod.isUserNamespaced) return undefined;
  return v1_0(pod, ctx);
}
