import { inContainer, removeField } from '../fix/plans';
import { containerList, plural, quoteList, sortedUnique } from './text';
import type { CheckContext, CheckDefinition, Verdict } from './types';
import type { ContainerView, PodView } from '../workloads/podView';
import type { NodeView } from '../yaml/view';

/**
 * The host field of probes and lifecycle hooks must be disallowed: it lets the kubelet reach an
 * arbitrary address on the pod's behalf.
 * Restricted fields: spec.{initContainers,containers,ephemeralContainers}[*].
 *   {livenessProbe,readinessProbe,startupProbe,lifecycle.postStart,lifecycle.preStop}.
 *   {httpGet,tcpSocket}.host
 * Allowed: unset, "". Every other value is forbidden, localhost included.
 * Introduced in v1.34; not run below it. Unlike every other check, container names in
 * the detail are sorted and de-duplicated.
 */
export const hostProbesAndHostLifecycle: CheckDefinition = {
  id: 'hostProbesAndHostLifecycle',
  level: 'baseline',
  reason: 'probe or lifecycle host',
  title: 'Probe and lifecycle hosts',
  messages: { host: '{{container}} must not set {{field}}.host to {{host}}' },
  versions: [{ since: 'v1.34', run: v1_34 }],
};

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const HOOKS = ['postStart', 'preStop'] as const;
const HANDLERS = ['httpGet', 'tcpSocket'] as const;

function v1_34(pod: PodView, ctx: CheckContext): Verdict | undefined {
  const names: string[] = [];
  const hosts: string[] = [];
  for (const c of pod.containers) {
    for (const { field, view } of handlerParents(c)) {
      for (const handler of HANDLERS) {
        const hostView = view.get(handler).get('host');
        const host = hostView.str() ?? '';
        if (host === '') continue;
        names.push(c.name);
        hosts.push(host);
        ctx.report({
          at: hostView.valueSite,
          messageId: 'host',
          data: { container: containerList([c.name]), field: `${field}.${handler}`, host: quoteList([host]) },
          fixes: [removeField(hostView, `Remove ${field}.${handler}.host ${inContainer(c.name)} (probe the pod's own IP)`)],
        });
      }
    }
  }
  if (names.length === 0) return undefined;
  const badNames = sortedUnique(names);
  const badHosts = sortedUnique(hosts);
  return {
    detail: `${containerList(badNames)} ${plural('uses', 'use', badNames.length)} ${plural('probe or lifecycle host', 'probe or lifecycle hosts', badHosts.length)} ${quoteList(badHosts)}`,
  };
}

/** The probes and lifecycle hooks of a container, each of which may carry httpGet/tcpSocket. */
function handlerParents(c: ContainerView): Array<{ field: string; view: NodeView }> {
  const lifecycle = c.view.get('lifecycle');
  return [
    ...PROBES.map((field) => ({ field, view: c.view.get(field) })),
    ...HOOKS.map((hook) => ({ field: `lifecycle.${hook}`, view: lifecycle.get(hook) })),
  ];
}
