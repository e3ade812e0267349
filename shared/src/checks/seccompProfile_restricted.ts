import { IN_POD, inContainer, setField, setProfileType } from '../fix/plans';
import { containerList, joinSetters, quoteList, sortedUnique } from './text';
import type { CheckContext, CheckDefinition, Verdict } from './types';
import type { PodView } from '../workloads/podView';
import type { Range } from '../yaml/range';
import type { NodeView } from '../yaml/view';

/**
 * Seccomp profile must be explicitly set to one of the allowed values. Both the Unconfined
 * profile and the absence of a profile are prohibited.
 * Restricted fields: spec.securityContext.seccompProfile.type,
 *   spec.{initContainers,containers,ephemeralContainers}[*].securityContext.seccompProfile.type
 * Allowed: RuntimeDefault, Localhost; a container may leave seccompProfile unset when the pod sets
 * an allowed one. Replaces seccompProfile_baseline at restricted from v1.19; from v1.25 Windows
 * pods are exempt, so restricted then checks no seccomp profile of a Windows pod at all.
 */
export const seccompProfile_restricted: CheckDefinition = {
  id: 'seccompProfile_restricted',
  level: 'restricted',
  reason: 'seccompProfile',
  title: 'Required seccomp profile',
  messages: {
    podBad: 'pod must not set securityContext.seccompProfile.type to "{{type}}"',
    containerBad: '{{container}} must not set securityContext.seccompProfile.type to "{{type}}"',
    unset: 'pod or {{container}} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"',
  },
  versions: [
    { since: 'v1.19', run: v1_19, overrides: ['seccompProfile_baseline'] },
    { since: 'v1.25', run: v1_25, overrides: ['seccompProfile_baseline'] },
  ],
};

const ALLOWED_TYPES: readonly string[] = ['RuntimeDefault', 'Localhost'];
const RUNTIME_DEFAULT = 'RuntimeDefault';

interface Bad {
  readonly type: string;
  readonly at: Range;
  readonly view: NodeView;
}

function v1_19(pod: PodView, ctx: CheckContext): Verdict | undefined {
  const podProfile = judge(pod.securityContext.get('seccompProfile'));
  const isPodCovering = podProfile !== undefined && podProfile.bad === undefined;
  const explicit: Array<{ name: string } & Bad> = [];
  const implicit: Array<{ name: string; at: Range; view: NodeView }> = [];
  for (const c of pod.containers) {
    const view = c.securityContext.get('seccompProfile');
    const profile = judge(view);
    if (profile?.bad) explicit.push({ name: c.name, ...profile.bad });
    else if (profile === undefined && !isPodCovering) implicit.push({ name: c.name, at: view.anchor, view });
  }
  const podBad = podProfile?.bad;
  if (podBad || explicit.length > 0) {
    if (podBad) ctx.report({ at: podBad.at, messageId: 'podBad', data: { type: podBad.type }, fixes: [setProfileType(podBad.view, RUNTIME_DEFAULT, IN_POD)] });
    for (const c of explicit) {
      const fixes = [setProfileType(c.view, RUNTIME_DEFAULT, inContainer(c.name))];
      ctx.report({ at: c.at, messageId: 'containerBad', data: { container: containerList([c.name]), type: c.type }, fixes });
    }
    const setters = [...(podBad ? ['pod'] : []), ...(explicit.length > 0 ? [containerList(explicit.map((c) => c.name))] : [])];
    const types = sortedUnique([...(podBad ? [podBad.type] : []), ...explicit.map((c) => c.type)]);
    return { detail: `${joinSetters(setters)} must not set securityContext.seccompProfile.type to ${quoteList(types)}` };
  }
  if (implicit.length === 0) return undefined;
  // At pod level when no container has a profile of its own, else per container.
  const podProfileView = pod.securityContext.get('seccompProfile');
  const podWide = implicit.length === pod.containers.length && !podProfileView.exists;
  for (const c of implicit) {
    const own = setField(c.view.get('type'), RUNTIME_DEFAULT, inContainer(c.name), { preferred: !podWide });
    const fixes = podWide ? [setField(podProfileView.get('type'), RUNTIME_DEFAULT, IN_POD), own] : [own];
    ctx.report({ at: c.at, messageId: 'unset', data: { container: containerList([c.name]) }, fixes });
  }
  const names = implicit.map((c) => c.name);
  return { detail: `pod or ${containerList(names)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"` };
}

function v1_25(pod: PodView, ctx: CheckContext): Verdict | undefined {
  // KEP-2802: seccomp is Linux-only, so Windows pods are exempt from v1.25.
  if (pod.isWindows) return undefined;
  return v1_19(pod, ctx);
}

/**
 * Undefined when the seccompProfile object is absent (missing or null); otherwise the bad type and
 * where it is written, if any. `type` is a plain string in Go: missing or null reads as "", which
 * is bad and points at the profile's key (`seccompProfile: {}`).
 */
function judge(profile: NodeView): { bad: Bad | undefined } | undefined {
  if (!profile.exists) return undefined;
  const typeView = profile.get('type');
  const type = typeView.str() ?? '';
  if (ALLOWED_TYPES.includes(type)) return { bad: undefined };
  return { bad: { type, at: typeView.exists ? typeView.valueSite : typeView.anchor, view: typeView } };
}
