import { IN_POD, inContainer, plan, setProfileType } from '../fix/plans';
import { annotationEntry, containerList, joinSetters, plural, quoteList, sortedUnique } from './text';
import type { CheckContext, CheckDefinition, Verdict } from './types';
import type { AnnotationView, PodView } from '../workloads/podView';
import type { Range } from '../yaml/range';
import type { NodeView } from '../yaml/view';

/**
 * Seccomp profile must not be explicitly set to Unconfined.
 * Restricted fields: v1.0–v1.18: metadata.annotations["seccomp.security.alpha.kubernetes.io/pod"],
 *   metadata.annotations["container.seccomp.security.alpha.kubernetes.io/<container name>"];
 *   v1.19+: spec.securityContext.seccompProfile.type,
 *   spec.{initContainers,containers,ephemeralContainers}[*].securityContext.seccompProfile.type
 * Allowed: absent; annotations runtime/default, docker/default, localhost/<anything> ("" is
 *   forbidden); field types RuntimeDefault, Localhost (localhostProfile is never inspected).
 * v1.19 is when the seccompProfile fields went GA and PSA stopped reading the alpha annotations;
 * each variant reads only its own form. Restricted replaces this check with
 * seccompProfile_restricted from v1.19.
 */
export const seccompProfile_baseline: CheckDefinition = {
  id: 'seccompProfile_baseline',
  level: 'baseline',
  reason: 'seccompProfile',
  title: 'Seccomp profiles',
  messages: {
    annotation: 'forbidden annotation {{entry}}',
    pod: 'pod must not set securityContext.seccompProfile.type to {{value}}',
    container: '{{container}} must not set securityContext.seccompProfile.type to {{value}}',
  },
  versions: [
    { since: 'v1.0', run: v1_0 },
    { since: 'v1.19', run: v1_19 },
  ],
};

const POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';
const ALLOWED_TYPES: ReadonlySet<string> = new Set(['RuntimeDefault', 'Localhost']);

function v1_0(pod: PodView, ctx: CheckContext): Verdict | undefined {
  const byKey = new Map(pod.annotations.map((a) => [a.key, a]));
  // Containers sharing a name share one annotation: judge and report each key once.
  const keys = new Set([POD_ANNOTATION, ...pod.containers.map((c) => CONTAINER_ANNOTATION_PREFIX + c.name)]);
  const forbidden: string[] = [];
  for (const key of keys) {
    const annotation = byKey.get(key);
    if (!annotation || isAllowedAnnotation(annotation.value)) continue;
    const entry = annotationEntry(key, annotation.value);
    forbidden.push(entry);
    const fixes = [plan(`Set annotation ${key}: runtime/default`, [{ op: 'set', target: annotation.view, value: 'runtime/default' }])];
    ctx.report({ at: annotationSite(annotation), messageId: 'annotation', data: { entry }, fixes });
  }
  if (forbidden.length === 0) return undefined;
  const entries = sortedUnique(forbidden);
  return { detail: `forbidden ${plural('annotation', 'annotations', entries.length)} ${entries.join(', ')}` };
}

function v1_19(pod: PodView, ctx: CheckContext): Verdict | undefined {
  const setters: string[] = [];
  const values: string[] = [];
  const podType = badProfileType(pod.securityContext);
  if (podType) {
    setters.push('pod');
    values.push(podType.value);
    ctx.report({ at: podType.at, messageId: 'pod', data: { value: quoteList([podType.value]) }, fixes: [setProfileType(podType.view, 'RuntimeDefault', IN_POD)] });
  }
  const badContainers: string[] = [];
  for (const c of pod.containers) {
    const bad = badProfileType(c.securityContext);
    if (!bad) continue;
    badContainers.push(c.name);
    values.push(bad.value);
    const fixes = [setProfileType(bad.view, 'RuntimeDefault', inContainer(c.name))];
    ctx.report({ at: bad.at, messageId: 'container', data: { container: containerList([c.name]), value: quoteList([bad.value]) }, fixes });
  }
  if (badContainers.length > 0) setters.push(containerList(badContainers));
  if (setters.length === 0) return undefined;
  return { detail: `${joinSetters(setters)} must not set securityContext.seccompProfile.type to ${quoteList(sortedUnique(values))}` };
}

function isAllowedAnnotation(value: string): boolean {
  return value === 'runtime/default' || value === 'docker/default' || value.startsWith('localhost/');
}

/** The value, or the key when the value is a bare null and has no text to underline. */
function annotationSite(annotation: AnnotationView): Range {
  return annotation.view.exists ? annotation.view.valueSite : annotation.view.keyOrValueSite;
}

/** The type of a present profile that is not allowed; an absent profile is fine. */
function badProfileType(securityContext: NodeView): { value: string; at: Range; view: NodeView } | undefined {
  const profile = securityContext.get('seccompProfile');
  if (!profile.exists) return undefined;
  const type = profile.get('type');
  const value = type.str() ?? '';
  return ALLOWED_TYPES.has(value) ? undefined : { value, at: type.valueSite, view: type };
}
