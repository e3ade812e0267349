import { removeField } from '../fix/plans';
import type { CheckContext, CheckDefinition, Verdict } from './types';
import type { PodView } from '../workloads/podView';

/**
 * Sharing the host namespaces must be disallowed.
 * Restricted fields: spec.hostNetwork, spec.hostPID, spec.hostIPC
 * Allowed: unset, false.
 */
export const hostNamespaces: CheckDefinition = {
  id: 'hostNamespaces',
  level: 'baseline',
  reason: 'host namespaces',
  title: 'Host namespaces',
  messages: { hostNamespace: 'pod must not set {{field}}=true' },
  versions: [{ since: 'v1.0', run: v1_0 }],
};

/** In PSA's detail order, which is not alphabetical. */
const FIELDS = ['hostNetwork', 'hostPID', 'hostIPC'] as const;

function v1_0(pod: PodView, ctx: CheckContext): Verdict | undefined {
  const violations: string[] = [];
  for (const field of FIELDS) {
    const view = pod.spec.get(field);
    if (view.bool() !== true) continue;
    violations.push(`${field}=true`);
    const fixes = [removeField(view, `Remove ${field}: true`)];
    ctx.report({ at: view.valueSite, messageId: 'hostNamespace', data: { field }, fixes });
  }
  if (violations.length === 0) return undefined;
  return { detail: violations.join(', ') };
}
