import { safeSysctls } from '../checks/sysctls';
import type { Level } from '../policy/levelVersion';
import { fieldName, show, type Reader } from './read';

/** A field's verdict before the policy's level is known. */
export interface Verdict {
  readonly field: string;
  readonly value: string;
  readonly level: Level;
  readonly why: string;
}

/** The capabilities PSS baseline allows containers to add (pod-security-standards.md §4). */
export const BASELINE_CAPABILITIES: ReadonlySet<string> = new Set([
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
]);

/** PSP volume types (FSType) whose volumes PSS restricted allows. */
export const RESTRICTED_VOLUMES: ReadonlySet<string> = new Set(['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret']);

const SELINUX_TYPES = ['', 'container_t', 'container_init_t', 'container_kvm_t'];

/**
 * The `spec` fields that bear on a PSS level (§2), in the spec's table order; fields with no
 * opinion are not read here. Each verdict is the most restrictive level the value is compatible with.
 */
export function specVerdicts(r: Reader, minor: number): Verdict[] {
  const out: Verdict[] = [];
  const add = (path: readonly string[], level: Level, why: string) => out.push({ field: fieldName(path), value: show(r.at(path)), level, why });
  const flag = (key: string, why: string) => {
    const path = ['spec', key];
    add(path, r.bool(path) === true ? 'privileged' : 'restricted', why);
  };

  flag('privileged', 'privileged containers are allowed');
  for (const key of ['defaultAddCapabilities', 'allowedCapabilities']) {
    const path = ['spec', key];
    add(path, ...capabilities(r.strings(path), minor, key === 'defaultAddCapabilities'));
  }
  const drop = ['spec', 'requiredDropCapabilities'];
  const drops = r.strings(drop);
  if (minor >= 22) add(drop, drops.includes('ALL') ? 'restricted' : 'baseline', 'restricted (v1.22+) requires every container to drop ALL; the policy does not require it');
  else add(drop, 'restricted', '');

  const volumes = ['spec', 'volumes'];
  const types = r.strings(volumes);
  add(volumes, ...volumeLevel(types));
  flag('hostNetwork', 'the host network namespace is allowed');
  const ports = ['spec', 'hostPorts'];
  add(ports, r.list(ports).length > 0 ? 'privileged' : 'restricted', 'host ports are allowed (the documentation counts any range, even {min: 0, max: 0})');
  flag('hostPID', 'the host PID namespace is allowed');
  flag('hostIPC', 'the host IPC namespace is allowed');
  add(['spec', 'seLinux'], ...seLinux(r, minor));
  const runAsUser = ['spec', 'runAsUser', 'rule'];
  const userRule = r.str(runAsUser);
  add(['spec', 'runAsUser'], userRule === 'MustRunAsNonRoot' ? 'restricted' : 'baseline', `rule ${userRule ?? 'unset'} lets containers run without runAsNonRoot: true (restricted needs rule MustRunAsNonRoot)`);
  const escalation = ['spec', 'allowPrivilegeEscalation'];
  const escalates = r.bool(escalation);
  add(escalation, escalates === false || minor < 8 ? 'restricted' : 'baseline', `${escalates === undefined ? 'unset means true (the API default): ' : ''}containers may escalate privileges (restricted, v1.8+, needs false)`);
  const sysctls = ['spec', 'allowedUnsafeSysctls'];
  add(sysctls, ...unsafeSysctls(r.strings(sysctls), minor));
  const procMount = ['spec', 'allowedProcMountTypes'];
  const mounts = r.strings(procMount);
  add(procMount, mounts.every((m) => m === 'Default') ? 'restricted' : 'privileged', `proc mount types other than Default are allowed: ${quote(mounts.filter((m) => m !== 'Default'))}`);
  return out;
}

function capabilities(caps: readonly string[], minor: number, isDefault: boolean): [Level, string] {
  const what = isDefault ? 'capabilities added to every container' : 'containers may add';
  if (caps.length === 0) return ['restricted', ''];
  if (caps.includes('*')) return ['privileged', `${what}: every capability ("*")`];
  const beyond = caps.filter((c) => !BASELINE_CAPABILITIES.has(c));
  if (beyond.length > 0) return ['privileged', `${what} ${quote(beyond)}, beyond the baseline set`];
  if (minor < 22) return ['restricted', ''];
  const notBind = caps.filter((c) => c !== 'NET_BIND_SERVICE');
  return notBind.length > 0 ? ['baseline', `${what} ${quote(notBind)}; restricted (v1.22+) allows only NET_BIND_SERVICE`] : ['restricted', ''];
}

function volumeLevel(types: readonly string[]): [Level, string] {
  const host = types.filter((t) => t === 'hostPath' || t === '*');
  if (host.length > 0) return ['privileged', `volume types ${quote(host)} allow hostPath volumes`];
  const other = types.filter((t) => !RESTRICTED_VOLUMES.has(t));
  return other.length > 0 ? ['baseline', `volume types ${quote(other)} are not allowed at restricted`] : ['restricted', ''];
}

function seLinux(r: Reader, minor: number): [Level, string] {
  const rule = r.str(['spec', 'seLinux', 'rule']);
  if (rule !== 'MustRunAs') return ['privileged', `rule ${rule ?? 'unset'} allows any SELinux user, role and type (baseline needs MustRunAs with allowed options)`];
  const user = r.str(['spec', 'seLinux', 'seLinuxOptions', 'user']) ?? '';
  const role = r.str(['spec', 'seLinux', 'seLinuxOptions', 'role']) ?? '';
  const type = r.str(['spec', 'seLinux', 'seLinuxOptions', 'type']) ?? '';
  const types = minor >= 31 ? [...SELINUX_TYPES, 'container_engine_t'] : SELINUX_TYPES;
  const bad = [...(types.includes(type) ? [] : [`type "${type}"`]), ...(user ? ['a user'] : []), ...(role ? ['a role'] : [])];
  return bad.length > 0 ? ['privileged', `seLinuxOptions set ${bad.join(', ')}, which baseline forbids`] : ['restricted', ''];
}

/**
 * The documentation maps any entry to privileged; PSS baseline allows a versioned safe list, so an
 * exact name on that list does not widen the level (§2 note). Wildcards can never be proven safe.
 */
function unsafeSysctls(names: readonly string[], minor: number): [Level, string] {
  const safe = safeSysctls(minor);
  const beyond = names.filter((n) => n.includes('*') || !safe.has(n));
  return beyond.length > 0 ? ['privileged', `sysctls ${quote(beyond)} are not in the PSS safe list`] : ['restricted', ''];
}

function quote(items: readonly string[]): string {
  return items.map((i) => JSON.stringify(i)).join(', ');
}
