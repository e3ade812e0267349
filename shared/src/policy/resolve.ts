import { policyFromSettings, type Settings } from '../settings';
import { exemptionFor, type AdmissionConfig } from './admissionConfig';
import { policyFromLabels, type Label } from './namespaceLabels';
import type { Policy } from './policy';
import type { WorkspaceIndex } from './workspaceIndex';

/** Everything that decides an object's policy besides the object itself. */
export interface PolicyContext {
  readonly settings: Settings;
  /** Namespace manifests and kustomizations of the workspace (or the CLI's inputs). */
  readonly index?: WorkspaceIndex;
  readonly admission?: AdmissionConfig;
  /** The file being evaluated, for kustomization lookups. */
  readonly uri?: string;
}

export interface ObjectPlacement {
  readonly namespace: string | undefined;
  readonly runtimeClassName: string | undefined;
}

/**
 * The policy for one object, in PSA's precedence (STYLE.md §6): the namespace's labels, on top of
 * the admission configuration's defaults, on top of the settings. With `namespaceSource:
 * settings`, the workspace's manifests and configuration are ignored. A valid policy is always
 * returned; label errors are the Namespace file's to report.
 */
export function resolvePolicy(ctx: PolicyContext, object: ObjectPlacement): Policy {
  const { settings } = ctx;
  const useWorkspace = settings.namespaceSource === 'workspace';
  const namespace = namespaceOf(ctx, object, useWorkspace);
  const admission = useWorkspace ? ctx.admission : undefined;
  const defaults: Policy = admission?.defaults ?? policyFromSettings(settings);
  const manifest = useWorkspace ? ctx.index?.namespace(namespace.name) : undefined;
  const configured = settings.namespaces.get(namespace.name);
  let policy = defaults;
  if (manifest) {
    policy = policyFromLabels(manifest.labels, defaults, { namespace: namespace.name, uri: manifest.uri }).policy;
  } else if (configured) {
    const labels = new Map<string, Label>([...configured].map(([k, v]) => [k, { value: v }]));
    policy = policyFromLabels(labels, defaults, { namespace: namespace.name, via: 'setting podsec.namespaces' }).policy;
  }
  const exemption = admission ? exemptionFor(admission.exemptions, namespace.name, object.runtimeClassName) : undefined;
  return { ...policy, namespace: namespace.name, namespaceOrigin: namespace.origin, ...(exemption ? { exemption } : {}) };
}

function namespaceOf(ctx: PolicyContext, object: ObjectPlacement, useWorkspace: boolean): { name: string; origin: string } {
  if (object.namespace) return { name: object.namespace, origin: 'metadata.namespace' };
  const kustomized = useWorkspace && ctx.uri ? ctx.index?.kustomizeNamespace(ctx.uri) : undefined;
  if (kustomized) return { name: kustomized.namespace, origin: `kustomization ${kustomized.kustomization}` };
  return { name: ctx.settings.defaultNamespace, origin: 'setting podsec.defaultNamespace' };
}
