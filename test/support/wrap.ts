/**
 * Wraps a pod body (top-level `metadata:`/`spec:` YAML) into every kind with a pod template, so
 * one test case checks all of them. Indentation is added line by line; markers ride along.
 * `Rollout` (Argo Rollouts, a pod template preset) stands for the custom resources.
 */
export const WRAPPABLE_KINDS = [
  'Pod',
  'PodTemplate',
  'ReplicationController',
  'ReplicaSet',
  'Deployment',
  'DaemonSet',
  'StatefulSet',
  'Job',
  'CronJob',
  'Rollout',
] as const;

export type WrappableKind = (typeof WRAPPABLE_KINDS)[number];

const API_VERSIONS: Record<WrappableKind, string> = {
  Pod: 'v1',
  PodTemplate: 'v1',
  ReplicationController: 'v1',
  ReplicaSet: 'apps/v1',
  Deployment: 'apps/v1',
  DaemonSet: 'apps/v1',
  StatefulSet: 'apps/v1',
  Job: 'batch/v1',
  CronJob: 'batch/v1',
  Rollout: 'argoproj.io/v1alpha1',
};

export function wrapPod(body: string, kind: WrappableKind): string {
  const trimmed = body.replace(/^\n+/, '').replace(/\s+$/, '') + '\n';
  const withMeta = /^metadata:/m.test(trimmed) ? trimmed : `metadata:\n  name: t\n${trimmed}`;
  const head = `apiVersion: ${API_VERSIONS[kind]}\nkind: ${kind}\nmetadata:\n  name: w\n`;
  switch (kind) {
    case 'Pod':
      return `apiVersion: v1\nkind: Pod\n${withMeta}`;
    case 'PodTemplate':
      return `${head}template:\n${indent(withMeta, 2)}`;
    case 'CronJob':
      return `${head}spec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n${indent(withMeta, 8)}`;
    default:
      return `${head}spec:\n  template:\n${indent(withMeta, 4)}`;
  }
}

/** Puts a document between two unrelated ones, to prove multi-document files change nothing. */
export function inMultiDocument(doc: string): string {
  return `# leading comment\napiVersion: v1\nkind: Service\nmetadata:\n  name: svc\n---\n${doc}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  a: "1"\n`;
}

function indent(text: string, n: number): string {
  const pad = ' '.repeat(n);
  return text
    .split('\n')
    .map((line) => (line.length > 0 ? pad + line : line))
    .join('\n');
}
