import { APPARMOR_DEFAULT, SECCOMP_DEFAULT } from './annotations';
import { fieldName, show, type Reader } from './read';
import type { MutatingField } from './types';

/**
 * The fields that changed pods (§2 "M" and "M+V", §5). Pod Security Admission never mutates, so
 * whatever a pod got from them it must now say itself. Group rules mutate only with `MustRunAs`
 * (`MayRunAs` only validates, although pspmigrator's heuristic flags it too).
 */
export function mutatingFields(r: Reader): MutatingField[] {
  const out: MutatingField[] = [];
  const add = (path: readonly string[], effect: string, podsMustSet: string) => out.push({ field: fieldName(path), value: show(r.at(path)), effect, podsMustSet });

  const addCaps = r.strings(['spec', 'defaultAddCapabilities']);
  if (addCaps.length > 0) add(['spec', 'defaultAddCapabilities'], `added ${list(addCaps)} to every container that did not drop them`, `securityContext.capabilities.add: [${addCaps.join(', ')}] in the containers that need them`);
  const drop = r.strings(['spec', 'requiredDropCapabilities']);
  if (drop.length > 0) add(['spec', 'requiredDropCapabilities'], `added ${list(drop)} to every container's drop list`, `securityContext.capabilities.drop: [${drop.join(', ')}] in every container`);
  if (r.str(['spec', 'seLinux', 'rule']) === 'MustRunAs') {
    const options = r.map(['spec', 'seLinux', 'seLinuxOptions']);
    add(['spec', 'seLinux'], 'applied its seLinuxOptions to pods and containers that had none', `securityContext.seLinuxOptions: ${show(options ?? {})} on pods that relied on it`);
  }
  const userRule = r.str(['spec', 'runAsUser', 'rule']);
  if (userRule === 'MustRunAs') {
    const min = firstMin(r, 'runAsUser');
    add(['spec', 'runAsUser'], `set runAsUser to ${min ?? 'the first range\'s min'} when a container had none`, `securityContext.runAsUser: ${min ?? '<uid>'} (and runAsNonRoot: true for restricted)`);
  } else if (userRule === 'MustRunAsNonRoot') {
    add(['spec', 'runAsUser'], 'set runAsNonRoot: true when neither runAsNonRoot nor runAsUser was set', 'securityContext.runAsNonRoot: true (pod or every container)');
  }
  for (const [key, podField] of [['runAsGroup', 'runAsGroup'], ['supplementalGroups', 'supplementalGroups'], ['fsGroup', 'fsGroup']] as const) {
    if (r.str(['spec', key, 'rule']) !== 'MustRunAs') continue;
    const min = firstMin(r, key);
    const value = min === undefined ? '<gid>' : key === 'supplementalGroups' ? `[${min}]` : String(min);
    add(['spec', key], `set ${podField} to ${value} when the pod had none`, `${key === 'runAsGroup' ? 'securityContext' : 'spec.securityContext'}.${podField}: ${value}`);
  }
  if (r.bool(['spec', 'readOnlyRootFilesystem']) === true) add(['spec', 'readOnlyRootFilesystem'], 'made containers that left it unset read-only', 'securityContext.readOnlyRootFilesystem: true in every container (no PSS level requires it)');
  const defaultEscalation = r.bool(['spec', 'defaultAllowPrivilegeEscalation']);
  if (defaultEscalation !== undefined) add(['spec', 'defaultAllowPrivilegeEscalation'], `set allowPrivilegeEscalation: ${defaultEscalation} on containers that left it unset`, `securityContext.allowPrivilegeEscalation: ${defaultEscalation} in every container that relied on it`);
  if (r.bool(['spec', 'allowPrivilegeEscalation']) === false) add(['spec', 'allowPrivilegeEscalation'], 'set allowPrivilegeEscalation: false on containers that left it unset', 'securityContext.allowPrivilegeEscalation: false in every container');
  const runtimeClass = r.str(['spec', 'runtimeClass', 'defaultRuntimeClassName']);
  if (runtimeClass !== undefined) add(['spec', 'runtimeClass', 'defaultRuntimeClassName'], `set runtimeClassName: ${runtimeClass} on pods without one`, `spec.runtimeClassName: ${runtimeClass}`);
  const seccomp = r.str(['metadata', 'annotations', SECCOMP_DEFAULT]);
  if (seccomp !== undefined) add(['metadata', 'annotations', SECCOMP_DEFAULT], `gave pods without a seccomp profile ${JSON.stringify(seccomp)}`, `securityContext.seccompProfile: ${profileField(seccomp, true)} (pod or every container)`);
  const apparmor = r.str(['metadata', 'annotations', APPARMOR_DEFAULT]);
  if (apparmor !== undefined) add(['metadata', 'annotations', APPARMOR_DEFAULT], `gave containers without an AppArmor profile ${JSON.stringify(apparmor)}`, `securityContext.appArmorProfile: ${profileField(apparmor, false)} (pod or every container)`);
  return out;
}

function firstMin(r: Reader, key: string): number | undefined {
  const first = r.list(['spec', key, 'ranges'])[0];
  const min = typeof first === 'object' && first !== null ? (first as Record<string, unknown>)['min'] : undefined;
  return typeof min === 'number' && Number.isInteger(min) ? min : undefined;
}

/** The field form of an annotation profile name (`runtime/default` → `{type: RuntimeDefault}`). */
function profileField(name: string, seccomp: boolean): string {
  if (name === 'runtime/default' || (seccomp && name === 'docker/default')) return '{type: RuntimeDefault}';
  if (name.startsWith('localhost/')) return `{type: Localhost, localhostProfile: ${JSON.stringify(name.slice('localhost/'.length))}}`;
  if (name === 'unconfined') return '{type: Unconfined}';
  return JSON.stringify(name);
}

function list(items: readonly string[]): string {
  return items.join(', ');
}
