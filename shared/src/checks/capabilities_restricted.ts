import { inContainer, plan, removeField } from '../fix/plans';
import type { FixPlan } from '../fix/types';
import { containerList, quoteList, sortedUnique } from './text';
import type { CheckContext, CheckDefinition, Verdict } from './types';
import type { PodView } from '../workloads/podView';
import type { Range } from '../yaml/range';
import type { NodeView } from '../yaml/view';

/**
 * Containers must drop ALL capabilities, and are only permitted to add back NET_BIND_SERVICE.
 * Restricted fields: spec.{initContainers,containers,ephemeralContainers}[*].securityContext.capabilities.drop,
 *   …securityContext.capabilities.add
 * Allowed: drop must contain the literal "ALL" (case-sensitive); add may contain only
 * "NET_BIND_SERVICE". Replaces capabilities_baseline at restricted from v1.22; from v1.25 Windows
 * pods are exempt, so restricted then checks no capabilities of a Windows pod at all.
 */
export const capabilities_restricted: CheckDefinition = {
  id: 'capabilities_restricted',
  level: 'restricted',
  reason: 'unrestricted capabilities',
  title: 'Restricted capabilities',
  messages: {
    dropAll: '{{container}} must set securityContext.capabilities.drop=["ALL"]',
    add: '{{container}} must not include "{{capability}}" in securityContext.capabilities.add',
  },
  versions: [
    { since: 'v1.22', run: v1_22, overrides: ['capabilities_baseline'] },
    { since: 'v1.25', run: v1_25, overrides: ['capabilities_baseline'] },
  ],
};

const ALLOWED_ADD = 'NET_BIND_SERVICE';

function v1_22(pod: PodView, ctx: CheckContext): Verdict | undefined {
  const missingDrop: string[] = [];
  const adding: string[] = [];
  const forbidden: string[] = [];
  for (const c of pod.containers) {
    const data = { container: containerList([c.name]) };
    const caps = c.securityContext.get('capabilities');
    if (!caps.exists) {
      // PSA examines nothing else of a container without capabilities.
      missingDrop.push(c.name);
      ctx.report({ at: caps.anchor, messageId: 'dropAll', data, fixes: [dropAll(caps.get('drop'), c.name)] });
      continue;
    }
    const drop = caps.get('drop');
    if (!drop.items().some((item) => item.str() === 'ALL')) {
      missingDrop.push(c.name);
      ctx.report({ at: drop.anchor, messageId: 'dropAll', data, fixes: [dropAll(drop, c.name)] });
    }
    const bad = forbiddenAdds(caps.get('add'));
    if (bad.length === 0) continue;
    adding.push(c.name);
    for (const { value, at, item } of bad) {
      forbidden.push(value);
      const fixes = [removeField(item, `Remove capability ${value || '""'} ${inContainer(c.name)}`)];
      ctx.report({ at, messageId: 'add', data: { ...data, capability: value }, fixes });
    }
  }
  const parts: string[] = [];
  if (missingDrop.length > 0) parts.push(`${containerList(missingDrop)} must set securityContext.capabilities.drop=["ALL"]`);
  if (adding.length > 0) {
    parts.push(`${containerList(adding)} must not include ${quoteList(sortedUnique(forbidden))} in securityContext.capabilities.add`);
  }
  if (parts.length === 0) return undefined;
  return { detail: parts.join('; ') };
}

function v1_25(pod: PodView, ctx: CheckContext): Verdict | undefined {
  // KEP-2802: Linux capabilities mean nothing on Windows, so Windows pods are exempt from v1.25.
  if (pod.isWindows) return undefined;
  return v1_22(pod, ctx);
}

/**
 * Entries of `add` other than NET_BIND_SERVICE. A null entry decodes to "" in Go, which is
 * forbidden; an entry of another type never reaches PSA (the API server rejects it) and is skipped.
 */
function forbiddenAdds(add: NodeView): Array<{ value: string; at: Range; item: NodeView }> {
  const out: Array<{ value: string; at: Range; item: NodeView }> = [];
  for (const item of add.items()) {
    const value = item.exists ? item.str() : '';
    if (value === undefined || value === ALLOWED_ADD) continue;
    out.push({ value, at: item.valueSite, item });
  }
  return out;
}

/** `drop: [ALL]`, added to an existing list or created with its parents. */
function dropAll(drop: NodeView, container: string): FixPlan {
  return plan(`Drop ALL capabilities ${inContainer(container)}`, [{ op: 'append', target: drop, value: 'ALL' }]);
}
