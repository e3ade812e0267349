import { DOCS_BASE_URL } from '../checks/docs';
import { effectiveMinor } from '../checks/registry';
import { parseVersion } from '../policy/levelVersion';
import type { NamespaceManifest } from '../policy/workspaceFacts';
import { ENFORCE_LABEL, ENFORCE_VERSION_LABEL, isNamespaceName, type Target } from './labels';
import { mapPolicy } from './mapping';
import type { PspObject } from './objects';
import type { Grant, RbacIndex } from './rbacIndex';
import type { MapOptions, PspMapping } from './types';

/**
 * What to do for one bound namespace: `create` a Namespace manifest (none in the workspace),
 * `label` its manifest, nothing (`labelled` already), or say that it carries other Pod Security
 * labels (`conflict`) instead of overwriting them.
 */
export interface NamespaceStep {
  readonly name: string;
  readonly grants: readonly Grant[];
  readonly manifest: { readonly uri: string; readonly line: number } | undefined;
  readonly state: 'create' | 'label' | 'labelled' | 'conflict' | 'invalid-name';
  /** For `conflict`: the labels as they are (`enforce=privileged`). */
  readonly current?: string;
}

export interface Migration {
  readonly policy: PspObject;
  readonly name: string;
  readonly mapping: PspMapping;
  readonly target: Target;
  /** Grants to every service account (a cluster-wide group binding). */
  readonly all: readonly Grant[];
  readonly namespaces: readonly NamespaceStep[];
}

export interface MigrationContext {
  readonly rbac: RbacIndex;
  readonly namespace: (name: string) => NamespaceManifest | undefined;
  /** The namespace of an RBAC object that does not name one (kustomize's, else `default`). */
  readonly defaultNamespace?: (uri: string) => string;
}

export interface MigrationOptions {
  /** `latest` or `v1.N`; default latest. */
  readonly version?: string;
  readonly appArmorAbsent?: MapOptions['appArmorAbsent'];
}

export function migration(policy: PspObject, context: MigrationContext, options: MigrationOptions = {}): Migration {
  const version = options.version ?? 'latest';
  const parsed = parseVersion(version);
  const minor = parsed ? effectiveMinor(parsed) : undefined;
  const mapping = mapPolicy(policy.value, { minor, version, appArmorAbsent: options.appArmorAbsent });
  const target: Target = { level: mapping.level, version };
  const name = policy.name ?? '';
  const bound = context.rbac.bound(name, context.defaultNamespace);
  const namespaces = [...bound.namespaces].map(([ns, grants]) => step(ns, grants, context.namespace(ns), target));
  return { policy, name, mapping, target, all: bound.all, namespaces };
}

function step(name: string, grants: readonly Grant[], manifest: NamespaceManifest | undefined, target: Target): NamespaceStep {
  if (!isNamespaceName(name)) return { name, grants, manifest: undefined, state: 'invalid-name' };
  if (!manifest) return { name, grants, manifest: undefined, state: 'create' };
  const at = { uri: manifest.uri, line: manifest.nameLine };
  const enforce = manifest.labels.get(ENFORCE_LABEL)?.value || undefined;
  const version = manifest.labels.get(ENFORCE_VERSION_LABEL)?.value || undefined;
  if (enforce === target.level && version === target.version) return { name, grants, manifest: at, state: 'labelled' };
  const current = [enforce !== undefined && enforce !== target.level ? `enforce=${enforce}` : '', version !== undefined && version !== target.version ? `enforce-version=${version}` : ''].filter(Boolean);
  if (current.length > 0) return { name, grants, manifest: at, state: 'conflict', current: current.join(', ') };
  return { name, grants, manifest: at, state: 'label' };
}

/** The server-side check the Kubernetes documentation recommends before applying a level (§6). */
export function kubectlDryRun(namespace: string, target: Target): string {
  return `kubectl label --dry-run=server --overwrite ns ${namespace} ${ENFORCE_LABEL}=${target.level}`;
}

/** The diagnostic's text: the removal and the level in one sentence each. */
export function removedMessage(policy: PspObject, level: string): string {
  const removedIn = policy.apiVersion === 'extensions/v1beta1' ? 'Kubernetes 1.16 (policy/v1beta1 followed in 1.25)' : 'Kubernetes 1.25';
  return `The PodSecurityPolicy API (${policy.apiVersion}) was removed in ${removedIn}: use Pod Security Admission namespace labels instead. This policy corresponds to the "${level}" Pod Security Standards level (${ENFORCE_LABEL}: ${level}).`;
}

/** The reference page (docs/psp-migration.md), next to the checks' pages. */
export const PSP_DOC_URL = DOCS_BASE_URL.replace(/checks\/$/, 'psp-migration.md');
