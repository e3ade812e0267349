import { NO_RBAC, type Binding, type PspRole, type RbacFacts } from './rbacFacts';

/** Why a namespace's service accounts may use a policy: the binding and the role it references. */
export interface Grant {
  /** `RoleBinding legacy/psp-users → ClusterRole psp:legacy`. */
  readonly via: string;
  readonly uri: string;
}

export interface BoundNamespaces {
  /** Namespace → the grants that reach its service accounts, namespaces sorted. */
  readonly namespaces: ReadonlyMap<string, readonly Grant[]>;
  /** Set when a ClusterRoleBinding grants every service account (the group named). */
  readonly all: readonly Grant[];
}

/**
 * RBAC facts of the workspace's files, and which namespaces' service accounts may `use` a given
 * PodSecurityPolicy. Pure; callers feed it files (the server from the workspace, the CLI from its
 * inputs). Pods are admitted under PSP when their service account (or creator) may use the policy
 * in the pod's namespace, and a pod's service account lives in the pod's namespace, so:
 *
 * - a RoleBinding grants in its own namespace only, and only to subjects that are service accounts
 *   of that namespace (a ServiceAccount without namespace, `system:serviceaccounts:<ns>`,
 *   `system:serviceaccounts`, `system:authenticated`); an account of another namespace gets
 *   nothing usable for its pods;
 * - a ClusterRoleBinding grants everywhere: each account's namespace, `system:serviceaccounts:<ns>`
 *   that namespace, `system:serviceaccounts` / `system:authenticated` every namespace;
 * - a Role counts only for bindings in its namespace; a RoleBinding may also reference a ClusterRole.
 *
 * An object without `metadata.namespace` is in `defaultNamespace(uri)` (kustomize, else `default`).
 * Users and other groups are not followed: Pod Security Admission works per namespace.
 */
export class RbacIndex {
  private readonly files = new Map<string, RbacFacts>();

  set(uri: string, facts: RbacFacts): void {
    if (facts === NO_RBAC || (facts.roles.length === 0 && facts.bindings.length === 0)) this.files.delete(uri);
    else this.files.set(uri, facts);
  }

  /** The facts stored for a file, for reusing its unchanged documents. */
  get(uri: string): RbacFacts | undefined {
    return this.files.get(uri);
  }

  delete(uri: string): void {
    this.files.delete(uri);
  }

  get size(): number {
    return this.files.size;
  }

  bound(policy: string, defaultNamespace: (uri: string) => string = () => 'default'): BoundNamespaces {
    const uris = [...this.files.keys()].sort();
    const roles: Array<PspRole & { uri: string }> = [];
    const bindings: Binding[] = [];
    for (const uri of uris) {
      const facts = this.files.get(uri);
      for (const role of facts?.roles ?? []) if (role.policies === 'all' || role.policies.includes(policy)) roles.push({ ...role, uri });
      bindings.push(...(facts?.bindings ?? []));
    }
    const namespaces = new Map<string, Grant[]>();
    const all: Grant[] = [];
    const grant = (ns: string, g: Grant) => namespaces.set(ns, [...(namespaces.get(ns) ?? []), g]);
    for (const b of bindings) {
      const bindingNs = b.kind === 'RoleBinding' ? (b.namespace ?? defaultNamespace(b.uri)) : undefined;
      const role = roles.find((r) => r.kind === b.roleRef.kind && r.name === b.roleRef.name && (r.kind === 'ClusterRole' || (r.namespace ?? defaultNamespace(r.uri)) === bindingNs));
      if (!role) continue;
      const g: Grant = { via: `${b.kind} ${bindingNs ? `${bindingNs}/` : ''}${b.name} → ${role.kind} ${role.name}`, uri: b.uri };
      if (bindingNs !== undefined) {
        if (b.subjects.some((s) => ('all' in s ? true : (s.namespace ?? bindingNs) === bindingNs))) grant(bindingNs, g);
        continue;
      }
      if (b.subjects.some((s) => 'all' in s)) all.push({ ...g, via: `${g.via} (group ${b.subjects.flatMap((s) => ('all' in s ? [s.all] : []))[0] ?? ''})` });
      for (const ns of new Set(b.subjects.flatMap((s) => ('namespace' in s && s.namespace ? [s.namespace] : [])))) grant(ns, g);
    }
    return { namespaces: new Map([...namespaces].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))), all };
  }
}
