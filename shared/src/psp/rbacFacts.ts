import { isMap, parseAllDocuments, type Node } from 'yaml';
import { MAX_ALIASES } from '../fix/render';
import { PARSE_OPTIONS } from '../yaml/parse';

/**
 * What RBAC says about PodSecurityPolicy use, per file: roles with a rule granting `use` on
 * podsecuritypolicies, and bindings with subjects that are service accounts. Only these few
 * strings are kept; every other RBAC object and subject is dropped at read time.
 */
export interface RbacFacts {
  readonly roles: readonly PspRole[];
  readonly bindings: readonly Binding[];
}

export interface PspRole {
  readonly kind: 'Role' | 'ClusterRole';
  readonly name: string;
  /** Unset for ClusterRoles; for Roles, unset when the manifest does not say. */
  readonly namespace: string | undefined;
  /** The PSP names it grants `use` on; `all` when a rule has no resourceNames (or `*`). */
  readonly policies: readonly string[] | 'all';
}

/** A service-account subject: one account's namespace, or `all` for every service account. */
export type AccountSubject = { readonly namespace: string | undefined } | { readonly all: 'system:serviceaccounts' | 'system:authenticated' };

export interface Binding {
  readonly kind: 'RoleBinding' | 'ClusterRoleBinding';
  readonly name: string;
  readonly namespace: string | undefined;
  readonly uri: string;
  readonly roleRef: { readonly kind: 'Role' | 'ClusterRole'; readonly name: string };
  readonly subjects: readonly AccountSubject[];
}

export const NO_RBAC: RbacFacts = { roles: [], bindings: [] };

/** `Role`, `ClusterRole`, `RoleBinding`, `ClusterRoleBinding` all contain it; a native search. */
const MAY_HOLD_RBAC = /^\s*kind:\s*["']?(Cluster)?Role(Binding)?["']?\s*(#.*)?$/m;

/** Reads a file's RBAC facts; files that cannot hold RBAC objects are not parsed. */
export function rbacFacts(uri: string, text: string): RbacFacts {
  if (!text.includes('Role') || !MAY_HOLD_RBAC.test(text)) return NO_RBAC;
  const roles: PspRole[] = [];
  const bindings: Binding[] = [];
  const docs = parseAllDocuments(text, PARSE_OPTIONS);
  if (!Array.isArray(docs)) return NO_RBAC;
  for (const doc of docs) {
    if (doc.errors.length > 0 || !isMap(doc.contents as Node | null)) continue;
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIASES });
    } catch {
      continue;
    }
    const o = value as Record<string, unknown>;
    if (!isRbacGroup(o['apiVersion'])) continue;
    const meta = obj(o['metadata']);
    const name = str(meta?.['name']);
    if (name === undefined) continue;
    const namespace = str(meta?.['namespace']);
    const kind = o['kind'];
    if (kind === 'Role' || kind === 'ClusterRole') {
      const policies = grantedPolicies(o['rules']);
      if (policies !== undefined) roles.push({ kind, name, namespace: kind === 'Role' ? namespace : undefined, policies });
    } else if (kind === 'RoleBinding' || kind === 'ClusterRoleBinding') {
      const ref = obj(o['roleRef']);
      const refKind = ref?.['kind'];
      const refName = str(ref?.['name']);
      const subjects = accountSubjects(o['subjects']);
      if ((refKind === 'Role' || refKind === 'ClusterRole') && refName !== undefined && subjects.length > 0) {
        bindings.push({ kind, name, namespace: kind === 'RoleBinding' ? namespace : undefined, uri, roleRef: { kind: refKind, name: refName }, subjects });
      }
    }
  }
  return roles.length === 0 && bindings.length === 0 ? NO_RBAC : { roles, bindings };
}

function isRbacGroup(apiVersion: unknown): boolean {
  return typeof apiVersion === 'string' && apiVersion.startsWith('rbac.authorization.k8s.io/');
}

/**
 * The PSP names the rules grant `use` on: a rule must name verb `use` (or `*`), API group
 * `policy` or `extensions` (or `*`) and resource `podsecuritypolicies` (or `*`). Undefined when
 * no rule does.
 */
function grantedPolicies(rules: unknown): string[] | 'all' | undefined {
  let names: string[] | undefined;
  for (const rule of Array.isArray(rules) ? rules : []) {
    const r = obj(rule);
    if (!r) continue;
    const verbs = strings(r['verbs']);
    const groups = strings(r['apiGroups']);
    const resources = strings(r['resources']);
    if (!verbs.some((v) => v === 'use' || v === '*')) continue;
    if (!groups.some((g) => g === 'policy' || g === 'extensions' || g === '*')) continue;
    if (!resources.some((x) => x === 'podsecuritypolicies' || x === '*')) continue;
    const resourceNames = strings(r['resourceNames']);
    if (resourceNames.length === 0 || resourceNames.includes('*')) return 'all';
    names = [...(names ?? []), ...resourceNames];
  }
  return names;
}

/**
 * Subjects that are service accounts: `ServiceAccount` (namespace as written; a RoleBinding's own
 * namespace when unset, as the authorizer reads it), users `system:serviceaccount:<ns>:<name>`,
 * groups `system:serviceaccounts:<ns>`, and the groups holding every service account.
 */
function accountSubjects(subjects: unknown): AccountSubject[] {
  const out: AccountSubject[] = [];
  for (const subject of Array.isArray(subjects) ? subjects : []) {
    const s = obj(subject);
    const name = str(s?.['name']);
    if (!s || name === undefined) continue;
    if (s['kind'] === 'ServiceAccount') out.push({ namespace: str(s['namespace']) || undefined });
    else if (s['kind'] === 'User' && name.startsWith('system:serviceaccount:')) out.push({ namespace: name.split(':')[2] || undefined });
    else if (s['kind'] === 'Group' && (name === 'system:serviceaccounts' || name === 'system:authenticated')) out.push({ all: name });
    else if (s['kind'] === 'Group' && name.startsWith('system:serviceaccounts:')) out.push({ namespace: name.slice('system:serviceaccounts:'.length) || undefined });
  }
  return out;
}

function obj(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}
