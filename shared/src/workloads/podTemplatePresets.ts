/**
 * Custom resources whose controllers make pods from a pod template, known without configuration.
 * Each entry names the CRD field it comes from; docs/pod-templates.md documents them, and a test
 * keeps the two in step. Only kinds whose template is a whole `PodTemplateSpec` (metadata and
 * spec) at one fixed path are here: a person can add others with `podsec.podTemplates`.
 */
export interface PodTemplatePreset {
  /** The project, as people call it: `Argo Rollouts`. */
  readonly project: string;
  /** `group/version`, or `group/*` for every version of the group. */
  readonly apiVersion: string;
  readonly kind: string;
  /** Dot-separated path from the object to its pod template. */
  readonly path: string;
  /** The Go type and field the path comes from, for the documentation. */
  readonly field: string;
}

export const POD_TEMPLATE_PRESETS: readonly PodTemplatePreset[] = [
  { project: 'Argo Rollouts', apiVersion: 'argoproj.io/*', kind: 'Rollout', path: 'spec.template', field: 'RolloutSpec.Template' },
  { project: 'OpenKruise', apiVersion: 'apps.kruise.io/*', kind: 'CloneSet', path: 'spec.template', field: 'CloneSetSpec.Template' },
  { project: 'OpenKruise', apiVersion: 'apps.kruise.io/*', kind: 'StatefulSet', path: 'spec.template', field: 'StatefulSetSpec.Template' },
  { project: 'OpenKruise', apiVersion: 'apps.kruise.io/*', kind: 'DaemonSet', path: 'spec.template', field: 'DaemonSetSpec.Template' },
  { project: 'Knative Serving', apiVersion: 'serving.knative.dev/v1', kind: 'Service', path: 'spec.template', field: 'ServiceSpec.ConfigurationSpec.Template' },
  { project: 'Knative Serving', apiVersion: 'serving.knative.dev/v1', kind: 'Configuration', path: 'spec.template', field: 'ConfigurationSpec.Template' },
];
