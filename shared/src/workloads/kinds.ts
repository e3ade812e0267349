import { PRESET_TABLE, type PodTemplateTable } from './podTemplates';

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
  /**
   * Set for a custom resource with a pod template (podTemplates.ts): PSA never evaluates it, so
   * every result is a prediction for the pods its controller makes from the template.
   */
  readonly customResource?: { readonly path: string; readonly source: string };
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
 * that happen to be called `Deployment`, …). A missing apiVersion still matches a built-in kind
 * so that a person typing a new manifest sees results before they finish the header. Custom
 * resources come from `templates` (the presets unless told otherwise) and need their apiVersion.
 */
export function workloadKind(apiVersion: string | undefined, kind: string | undefined, templates: PodTemplateTable = PRESET_TABLE): WorkloadKind | undefined {
  if (kind === undefined) return undefined;
  const entry = byKind.get(kind);
  if (entry && (apiVersion === undefined || entry.groups.includes(groupOf(apiVersion)))) return entry;
  return templates.lookup(apiVersion, kind);
}

/** True for a kind PSA itself evaluates in that group: no rule may remap it. */
export function isBuiltInWorkload(group: string, kind: string): boolean {
  return byKind.get(kind)?.groups.includes(group) ?? false;
}

function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}
