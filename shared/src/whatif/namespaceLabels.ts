import { isScalar } from 'yaml';
import type { FixPlan } from '../fix/types';
import { LATEST } from '../policy/levelVersion';
import { LABEL_PREFIX, namespaceInvalidMessage, policyFromLabels, type Label } from '../policy/namespaceLabels';
import type { Policy } from '../policy/policy';
import type { ObjectMeta } from '../workloads/extract';
import type { Problem, Range } from '../yaml/range';
import type { NodeView } from '../yaml/view';
import { levelSuggestions, versionSuggestions } from './labelValues';

/** Problem code of an invalid PSA label on a Namespace: the API server rejects the Namespace. */
export const INVALID_NAMESPACE_LABEL = 'invalid-namespace-label';

const PSA_KEYS = new Set(['enforce', 'enforce-version', 'audit', 'audit-version', 'warn', 'warn-version'].map((k) => `${LABEL_PREFIX}${k}`));
const ANY_DEFAULTS: Policy = { enforce: { level: 'privileged', version: LATEST }, warn: { level: 'privileged', version: LATEST }, audit: { level: 'privileged', version: LATEST } };

/** A PSA label written on a Namespace manifest, with the view of its value (for fixes). */
export interface NamespaceLabel {
  readonly key: string;
  readonly value: string;
  readonly view: NodeView;
  readonly range: Range;
}

/** True for `kind: Namespace` in the core API group, the only Namespace PSA validates. */
export function isNamespace(meta: ObjectMeta): boolean {
  return meta.kind === 'Namespace' && (meta.apiVersion === undefined || meta.apiVersion === 'v1');
}

/** The `pod-security.kubernetes.io/*` labels of a Namespace manifest, in source order. */
export function psaLabels(meta: ObjectMeta): NamespaceLabel[] {
  const out: NamespaceLabel[] = [];
  for (const { key, value } of meta.root.get('metadata').get('labels').entries()) {
    if (!PSA_KEYS.has(key)) continue;
    out.push({ key, value: labelText(value), view: value, range: value.valueSite });
  }
  return out;
}

/**
 * The API server's rejection of a Namespace with invalid PSA labels (pod-security-admission.md
 * §7.3, §8.3), one problem per invalid label at its value. Each message is what the API server
 * says when that label is the only invalid one; with several it lists them all in one message.
 */
export function namespaceLabelProblems(meta: ObjectMeta): Problem[] {
  if (!isNamespace(meta)) return [];
  const labels = psaLabels(meta);
  if (labels.length === 0) return [];
  const byKey = new Map<string, Label>(labels.map((l) => [l.key, { value: l.value, range: l.range }]));
  const { errors } = policyFromLabels(byKey, ANY_DEFAULTS, { namespace: meta.name ?? '' });
  return errors.map((error) => ({
    message: namespaceInvalidMessage(meta.name ?? '', [error]),
    range: error.range ?? meta.kindRange,
    severity: 'error' as const,
    code: INVALID_NAMESPACE_LABEL,
  }));
}

/** Quick fixes for an invalid label: set it to each nearest valid value, keeping its quoting. */
export function labelFixPlans(label: NamespaceLabel): FixPlan[] {
  const suggestions = label.key.endsWith('-version') ? versionSuggestions(label.value) : levelSuggestions(label.value);
  return suggestions.map((value, i) => ({
    id: `label:${label.key}=${value}`,
    title: `Change ${label.key} to "${value}"`,
    ops: [{ op: 'set' as const, target: label.view, value }],
    safe: true,
    isPreferred: i === 0 && suggestions.length <= 2,
  }));
}

/**
 * A label value as Kubernetes reads it: label values are strings, and YAML may have typed one
 * (`1.25` is a number), so a plain scalar counts as the text written; null and non-scalars are
 * the empty string, as in workspace facts.
 */
function labelText(view: NodeView): string {
  const node = view.node;
  if (!isScalar(node) || node.value === null || node.value === undefined) return '';
  if (typeof node.value === 'string') return node.value;
  return node.source ?? String(node.value);
}
