/**
 * Where each built-in kind keeps its pod, from PSA's `admission/admission.go`
 * (`DefaultPodSpecExtractor`) and pod-security-admission.md §6.1. Kept as data so the table can be
 * read, tested and extended (custom resources) without touching the walker.
 */
export interface WorkloadKind {
  readonly kind: string;
  /** API groups serving this kind; '' is the core group (`apiVersion: v1`). */
  readonly groups: readonly string[];
  /** Path from the object to the pod-like node that has `metadata` and `spec`. Empty for Pod. */
  readonly templatePath: readonly string[];
  /** Only Pods are enforced at admission; controllers get warn and audit (PSA §7.2). */
  readonly isPod: boolean;
  /** ReplicationController's template is optional: absent means "allowed, not evaluated". */
  readonly templateOptional: boolean;
}

const kinds: readonly WorkloadKind[] = [
  { kind: 'Pod', groups: [''], templatePath: [], isPod: true, templateOptional: false },
  { kind: 'PodTemplate', groups: [''], templatePath: ['template'], isPod: false, templateOptional: false },
  { kind: 'ReplicationController', groups: [''], templatePath: ['spec', 'template'], isPod: false, templateOptional: true },
  { kind: 'ReplicaSet', groups: ['apps', 'extensions'], templatePath: ['spec', 'template'], isPod: false, templateOptional: false },
  { kind: 'Deployment', groups: ['apps', 'extensions'], templatePath: ['spec', 'template'], isPod: false, templateOptional: false },
  { kind: 'DaemonSet', groups: ['apps', 'extensions'], templatePath: ['spec', 'template'], isPod: false, templateOptional: false },
  { kind: 'StatefulSet', groups: ['apps'], templatePath: ['spec', 'template'], isPod: false, templateOptional: false },
  { kind: 'Job', groups: ['batch'], templatePath: ['spec', 'template'], isPod: false, templateOptional: false },
  { kind: 'CronJob', groups: ['batch'], templatePath: ['spec', 'jobTemplate', 'spec', 'template'], isPod: false, templateOptional: false },
];

const byKind = new Map(kinds.map((k) => [k.kind, k]));

export const WORKLOAD_KINDS: readonly string[] = kinds.map((k) => k.kind);

/**
 * The workload kind for an object, or undefined for anything else (Services, custom resources
 * that happen to be called `Deployment`, …). A missing apiVersion still matches so that a person
 * typing a new manifest sees results before they finish the header.
 */
export function workloadKind(apiVersion: string | undefined, kind: string | undefined): WorkloadKind | undefined {
  if (kind === undefined) return undefined;
  const entry = byKind.get(kind);
  if (!entry) return undefined;
  if (apiVersion === undefined) return entry;
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  return entry.groups.includes(group) ? entry : undefined;
}
