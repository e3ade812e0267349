import { isMap, parseAllDocuments, type Node } from 'yaml';
import { MAX_ALIASES } from '../fix/render';
import { PARSE_OPTIONS } from '../yaml/parse';
import { splitDocuments } from '../yaml/split';

/**
 * What RBAC says about PodSecurityPolicy use, per file: roles with a rule granting `use` on
 * podsecuritypolicies, and bindings with subjects that are service accounts. Only these few
 * strings are kept; every other RBAC object and subject is dropped at read time.
 */
export interface RbacFacts {
  readonly roles: readonly PspRole[];
  readonly bindings: readonly Binding[];
  /** Each RBAC document's fact by its text, so an edit elsewhere in the file parses nothing again. */
  readonly byText?: ReadonlyMap<string, { readonly role: PspRole } | { readonly binding: Binding }>;
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

/**
 * Reads a file's RBAC facts. The index sees every YAML file and an open file on every keystroke,
 * so only `---` documents that can hold RBAC objects are parsed, each on its own, and a document
 * whose text is unchanged since `previous` (the same file's last facts) is not parsed again.
 */
export function rbacFacts(uri: string, text: string, previous?: RbacFacts): RbacFacts {
  if (!mayHoldRbac(text)) return NO_RBAC;
  const roles: PspRole[] = [];
  const bindings: Binding[] = [];
  const byText = new Map<string, DocumentFacts>();
  for (const [start, end] of splitDocuments(text)) {
    const source = text.slice(start, end);
    if (!source.includes('Role') || !MAY_HOLD_RBAC.test(source)) continue;
    const facts = previous?.byText?.get(source) ?? documentFacts(uri, source);
    if (!facts) continue;
    byText.set(source, facts);
    if ('role' in facts) roles.push(facts.role);
    else bindings.push(facts.binding);
  }
  return roles.length === 0 && bindings.length === 0 ? NO_RBAC : { roles, bindings, byText };
}

/** The cheap test before parsing: false means the text holds no RBAC object. */
export function mayHoldRbac(text: string): boolean {
  return text.includes('Role') && MAY_HOLD_RBAC.test(text);
}

type DocumentFacts = { readonly role: PspRole } | { readonly binding: Binding };

/** One document's fact, if it is a role granting `use` on PSPs or a binding to service accounts. */
function documentFacts(uri: string, source: string): DocumentFacts | undefined {
  const docs = parseAllDocuments(source, PARSE_OPTIONS);
  if (!Array.isArray(docs) || docs.length !== 1) return undefined;
  const [doc] = docs;
  if (!doc || doc.errors.length > 0 || !isMap(doc.contents as Node | null)) return undefined;
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch {
    return undefined;
  }
  const o = value as Record<string, unknown>;
  if (!isRbacGroup(o['apiVersion'])) return undefined;
  const meta = obj(o['metadata']);
  const name = str(meta?.['name']);
  if (name === undefined) return undefined;
  const namespace = str(meta?.['namespace']);
  const kind = o['kind'];
  if (kind === 'Role' || kind === 'ClusterRole') {
    const policies = grantedPolicies(o['rules']);
    return policies === undefined ? undefined : { role: { kind, name, namespace: kind === 'Role' ? namespace : undefined, policies } };
  }
  if (kind === 'RoleBinding' || kind === 'ClusterRoleBinding') {
    const ref = obj(o['roleRef']);
    const refKind = ref?.['kind'];
    const refName = str(ref?.['name']);
    const subjects = accountSubjects(o['subjects']);
    if ((refKind === 'Role' || refKind === 'ClusterRole') && refName !== undefined && subjects.length > 0) {
      return { binding: { kind, name, namespace: kind === 'RoleBinding' ? namespace : undefined, uri, roleRef: { kind: refKind, name: refName }, subjects } };
    }
  }
  return undefined;
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
