import { IN_POD, inContainer, removeField, setField } from '../fix/plans';
import { containerList, joinSetters, plural, quoteList, sortedUnique } from './text';
import type { CheckContext, CheckDefinition, Verdict } from './types';
import type { PodView } from '../workloads/podView';
import type { NodeView } from '../yaml/view';

/**
 * Setting the SELinux type is restricted, and setting a custom SELinux user or role option is
 * forbidden.
 * Restricted fields: spec.securityContext.seLinuxOptions.{type,user,role},
 *   spec.{initContainers,containers,ephemeralContainers}[*].securityContext.seLinuxOptions.{type,user,role}
 * Allowed: type "", container_t, container_init_t, container_kvm_t, and from v1.31
 *   container_engine_t; user and role unset or "". `level` is never inspected.
 */
export const seLinuxOptions: CheckDefinition = {
  id: 'seLinuxOptions',
  level: 'baseline',
  reason: 'seLinuxOptions',
  title: 'SELinux options',
  messages: {
    type: '{{setter}} must not set securityContext.seLinuxOptions.type to {{value}}',
    user: '{{setter}} must not set securityContext.seLinuxOptions.user',
    role: '{{setter}} must not set securityContext.seLinuxOptions.role',
  },
  versions: [
    { since: 'v1.0', run: v1_0 },
    { since: 'v1.31', run: v1_31 },
  ],
};

const TYPES_V1_0: ReadonlySet<string> = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t']);
const TYPES_V1_31: ReadonlySet<string> = new Set([...TYPES_V1_0, 'container_engine_t']);

function v1_0(pod: PodView, ctx: CheckContext): Verdict | undefined {
  return evaluate(pod, ctx, TYPES_V1_0);
}

function v1_31(pod: PodView, ctx: CheckContext): Verdict | undefined {
  return evaluate(pod, ctx, TYPES_V1_31);
}

interface Findings {
  readonly types: string[];
  hasUser: boolean;
  hasRole: boolean;
}

function evaluate(pod: PodView, ctx: CheckContext, allowedTypes: ReadonlySet<string>): Verdict | undefined {
  const found: Findings = { types: [], hasUser: false, hasRole: false };
  const setters: string[] = [];
  if (judge(pod.securityContext, 'pod', { ctx, allowedTypes, found })) setters.push('pod');
  const badContainers = pod.containers
    .filter((c) => judge(c.securityContext, containerList([c.name]), { ctx, allowedTypes, found }, inContainer(c.name)))
    .map((c) => c.name);
  if (badContainers.length > 0) setters.push(containerList(badContainers));
  if (setters.length === 0) return undefined;
  const types = sortedUnique(found.types);
  const parts = [
    ...(types.length > 0 ? [`${plural('type', 'types', types.length)} ${quoteList(types)}`] : []),
    ...(found.hasUser ? ['user may not be set'] : []),
    ...(found.hasRole ? ['role may not be set'] : []),
  ];
  return { detail: `${joinSetters(setters)} set forbidden securityContext.seLinuxOptions: ${parts.join('; ')}` };
}

/** Judges one setter's seLinuxOptions on its own (nothing is inherited); true when it is bad. */
function judge(
  securityContext: NodeView,
  setter: string,
  { ctx, allowedTypes, found }: { ctx: CheckContext; allowedTypes: ReadonlySet<string>; found: Findings },
  where = IN_POD,
): boolean {
  const options = securityContext.get('seLinuxOptions');
  if (!options.exists) return false;
  let isBad = false;
  const type = options.get('type');
  const typeValue = type.str() ?? '';
  if (!allowedTypes.has(typeValue)) {
    isBad = true;
    found.types.push(typeValue);
    const fixes = [setField(type, 'container_t', where)];
    ctx.report({ at: type.valueSite, messageId: 'type', data: { setter, value: quoteList([typeValue]) }, fixes });
  }
  for (const key of ['user', 'role'] as const) {
    const field = options.get(key);
    if ((field.str() ?? '') === '') continue;
    isBad = true;
    if (key === 'user') found.hasUser = true;
    else found.hasRole = true;
    const fixes = [removeField(field, `Remove seLinuxOptions.${key} ${where}`)];
    ctx.report({ at: field.valueSite, messageId: key, data: { setter }, fixes });
  }
  return isBad;
}
