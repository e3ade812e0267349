import { removeField } from '../fix/plans';
import { quoteList } from './text';
import type { CheckContext, CheckDefinition, Verdict } from './types';
import type { PodView } from '../workloads/podView';

/**
 * Sysctls can disable security mechanisms or affect all containers on a host, and should be
 * disallowed except for an allowed "safe" subset: one that is namespaced in the container or the
 * pod, and isolated from other pods and processes on the same node.
 * Restricted fields: spec.securityContext.sysctls[*].name
 * Allowed: unset, or only the names below (exact match; slash-separated forms are not normalised).
 *   The list grows at v1.27, v1.29, v1.32 and v1.37 as the kubelet marks more sysctls safe.
 */
export const sysctls: CheckDefinition = {
  id: 'sysctls',
  level: 'baseline',
  reason: 'forbidden sysctls',
  title: 'Sysctls',
  messages: { sysctl: 'pod must not set sysctl {{name}}' },
  versions: [
    { since: 'v1.0', run: v1_0 },
    { since: 'v1.27', run: v1_27 },
    { since: 'v1.29', run: v1_29 },
    { since: 'v1.32', run: v1_32 },
    { since: 'v1.37', run: v1_37 },
  ],
};

const SAFE_V1_0: ReadonlySet<string> = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
]);
const SAFE_V1_27 = union(SAFE_V1_0, ['net.ipv4.ip_local_reserved_ports']);
const SAFE_V1_29 = union(SAFE_V1_27, [
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
]);
const SAFE_V1_32 = union(SAFE_V1_29, ['net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem']);
const SAFE_V1_37 = union(SAFE_V1_32, ['net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat']);

/** The names the check allows at a (clamped) minor version; the PSP mapping compares against them. */
export function safeSysctls(minor: number): ReadonlySet<string> {
  return minor >= 37 ? SAFE_V1_37 : minor >= 32 ? SAFE_V1_32 : minor >= 29 ? SAFE_V1_29 : minor >= 27 ? SAFE_V1_27 : SAFE_V1_0;
}

function v1_0(pod: PodView, ctx: CheckContext): Verdict | undefined {
  return evaluate(pod, ctx, SAFE_V1_0);
}

function v1_27(pod: PodView, ctx: CheckContext): Verdict | undefined {
  return evaluate(pod, ctx, SAFE_V1_27);
}

function v1_29(pod: PodView, ctx: CheckContext): Verdict | undefined {
  return evaluate(pod, ctx, SAFE_V1_29);
}

function v1_32(pod: PodView, ctx: CheckContext): Verdict | undefined {
  return evaluate(pod, ctx, SAFE_V1_32);
}

function v1_37(pod: PodView, ctx: CheckContext): Verdict | undefined {
  return evaluate(pod, ctx, SAFE_V1_37);
}

function evaluate(pod: PodView, ctx: CheckContext, safe: ReadonlySet<string>): Verdict | undefined {
  const forbidden: string[] = [];
  for (const entry of pod.securityContext.get('sysctls').items()) {
    const nameView = entry.get('name');
    const name = nameView.str() ?? '';
    if (safe.has(name)) continue;
    forbidden.push(name);
    const fixes = [removeField(entry, `Remove sysctl ${name || '""'}`)];
    ctx.report({ at: nameView.valueSite, messageId: 'sysctl', data: { name: quoteList([name]) }, fixes });
  }
  if (forbidden.length === 0) return undefined;
  // In list order with duplicates and no quotes; a lone empty name gives an empty detail.
  return { detail: forbidden.join(', ') };
}

function union(base: ReadonlySet<string>, added: readonly string[]): ReadonlySet<string> {
  return new Set([...base, ...added]);
}
