import { inContainer, setField } from '../fix/plans';
import { containerList } from './text';
import type { CheckContext, CheckDefinition, Verdict } from './types';
import type { PodView } from '../workloads/podView';

/**
 * Privilege escalation (such as via set-user-ID or set-group-ID file mode) should not be allowed.
 * Restricted fields: spec.{initContainers,containers,ephemeralContainers}[*].securityContext.allowPrivilegeEscalation
 * Allowed: false. Unset is not allowed: the kernel's no_new_privs flag is only set when asked for.
 * From v1.25 Windows pods (spec.os.name: windows) are exempt, as Windows has no such mechanism.
 */
export const allowPrivilegeEscalation: CheckDefinition = {
  id: 'allowPrivilegeEscalation',
  level: 'restricted',
  reason: 'allowPrivilegeEscalation != false',
  title: 'Privilege escalation',
  messages: {
    notFalse: '{{container}} must set securityContext.allowPrivilegeEscalation=false',
    unset: '{{container}} must set securityContext.allowPrivilegeEscalation=false',
  },
  versions: [
    { since: 'v1.8', run: v1_8 },
    { since: 'v1.25', run: v1_25 },
  ],
};

function v1_8(pod: PodView, ctx: CheckContext): Verdict | undefined {
  const bad: string[] = [];
  for (const c of pod.containers) {
    const field = c.securityContext.get('allowPrivilegeEscalation');
    if (field.bool() === false) continue;
    bad.push(c.name);
    const data = { container: containerList([c.name]) };
    const fixes = [setField(field, false, inContainer(c.name))];
    // A wrong-typed value counts as unset, but the written value is still the closest place to point.
    if (field.exists) ctx.report({ at: field.valueSite, messageId: 'notFalse', data, fixes });
    else ctx.report({ at: field.anchor, messageId: 'unset', data, fixes });
  }
  if (bad.length === 0) return undefined;
  return { detail: `${containerList(bad)} must set securityContext.allowPrivilegeEscalation=false` };
}

function v1_25(pod: PodView, ctx: CheckContext): Verdict | undefined {
  // Windows has no setuid binaries or no_new_privs; PSA exempts Windows pods from v1.25 (KEP-2802).
  if (pod.isWindows) return undefined;
  return v1_8(pod, ctx);
}
