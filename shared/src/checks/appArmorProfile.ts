import { IN_POD, inContainer, plan, setProfileType } from '../fix/plans';
import { annotationEntry, compareCodePoints, containerList, joinSetters, plural, quoteList, sortedUnique } from './text';
import type { CheckContext, CheckDefinition, Verdict } from './types';
import type { PodView } from '../workloads/podView';
import type { Range } from '../yaml/range';
import type { NodeView } from '../yaml/view';

/**
 * On supported hosts the RuntimeDefault AppArmor profile is applied by default; the baseline policy
 * forbids overriding or disabling it with anything but the runtime default or a node-local profile.
 * Restricted fields: spec.securityContext.appArmorProfile.type,
 *   spec.{initContainers,containers,ephemeralContainers}[*].securityContext.appArmorProfile.type,
 *   metadata.annotations["container.apparmor.security.beta.kubernetes.io/*"]
 * Allowed: appArmorProfile absent, or type RuntimeDefault or Localhost (localhostProfile is never
 *   inspected); annotation values "", runtime/default, or localhost/<anything>.
 * Both the deprecated annotations and the fields are checked at every version: upstream re-defined
 * v1.0 when the fields arrived, and conformance is to the current library.
 */
export const appArmorProfile: CheckDefinition = {
  id: 'appArmorProfile',
  level: 'baseline',
  reason: 'forbidden AppArmor profile', // 'forbidden AppArmor profiles' for more than one value
  title: 'AppArmor profiles',
  messages: {
    pod: 'pod must not set AppArmor profile type to {{value}}',
    container: '{{container}} must not set AppArmor profile type to {{value}}',
    annotation: 'annotation must not set AppArmor profile type to {{value}}',
  },
  versions: [{ since: 'v1.0', run: v1_0 }],
};

const ALLOWED_TYPES: ReadonlySet<string> = new Set(['RuntimeDefault', 'Localhost']);
const ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

function v1_0(pod: PodView, ctx: CheckContext): Verdict | undefined {
  const badTypes: string[] = [];
  const setters: string[] = [];
  const podType = badProfileType(pod.securityContext);
  if (podType) {
    setters.push('pod');
    badTypes.push(podType.value);
    ctx.report({ at: podType.at, messageId: 'pod', data: { value: quoteList([podType.value]) }, fixes: [setProfileType(podType.view, 'RuntimeDefault', IN_POD)] });
  }
  const badContainers: string[] = [];
  for (const c of pod.containers) {
    const bad = badProfileType(c.securityContext);
    if (!bad) continue;
    badContainers.push(c.name);
    badTypes.push(bad.value);
    const fixes = [setProfileType(bad.view, 'RuntimeDefault', inContainer(c.name))];
    ctx.report({ at: bad.at, messageId: 'container', data: { container: containerList([c.name]), value: quoteList([bad.value]) }, fixes });
  }
  if (badContainers.length > 0) setters.push(containerList(badContainers));
  const annotations = forbiddenAnnotations(pod, ctx);
  if (annotations.length > 0) setters.push(plural('annotation', 'annotations', annotations.length));
  const values = [...sortedUnique(badTypes), ...annotations];
  if (values.length === 0) return undefined;
  return {
    reason: plural('forbidden AppArmor profile', 'forbidden AppArmor profiles', values.length),
    detail: `${joinSetters(setters)} must not set AppArmor profile type to ${quoteList(values)}`,
  };
}

/** The type of a present profile that is not allowed; an absent profile is fine. */
function badProfileType(securityContext: NodeView): { value: string; at: Range; view: NodeView } | undefined {
  const profile = securityContext.get('appArmorProfile');
  if (!profile.exists) return undefined;
  const type = profile.get('type');
  const value = type.str() ?? '';
  return ALLOWED_TYPES.has(value) ? undefined : { value, at: type.valueSite, view: type };
}

/** Forbidden annotation entries, `key="value"`, sorted byte-wise as Go's sort.Strings does. */
function forbiddenAnnotations(pod: PodView, ctx: CheckContext): string[] {
  const entries: string[] = [];
  for (const a of pod.annotations) {
    if (!a.key.startsWith(ANNOTATION_PREFIX) || isAllowedAnnotation(a.value)) continue;
    const entry = annotationEntry(a.key, a.value);
    entries.push(entry);
    const fixes = [plan(`Set annotation ${a.key}: runtime/default`, [{ op: 'set', target: a.view, value: 'runtime/default' }])];
    ctx.report({ at: a.view.valueSite, messageId: 'annotation', data: { value: quoteList([entry]) }, fixes });
  }
  return entries.sort(compareCodePoints);
}

function isAllowedAnnotation(value: string): boolean {
  return value === '' || value === 'runtime/default' || value.startsWith('localhost/');
}
