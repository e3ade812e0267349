import { isBuiltInWorkload } from './kinds';

/**
 * One mapping from a custom resource's apiVersion and kind to where its pod template is, as
 * `podsec.podTemplates` and `podsec check --pod-templates FILE` write it:
 * `{ "apiVersion": "argoproj.io/v1alpha1" | "argoproj.io/*", "kind": "Rollout", "path": "spec.template" }`,
 * with `path: null` (or "") to switch a kind off.
 */
export interface PodTemplateRule {
  readonly group: string;
  /** Undefined for every version of the group (`group/*`). */
  readonly version: string | undefined;
  readonly kind: string;
  /** Keys from the object to its pod template (the node with `metadata` and `spec`); empty switches the kind off. */
  readonly path: readonly string[];
  /** Where the rule comes from, for hovers and reports: `preset Argo Rollouts`, `podsec.podTemplates[0]`. */
  readonly source: string;
}

const FIELDS = ['apiVersion', 'kind', 'path'];
// A DNS-1123 subdomain (the group) and a DNS-1035 label (the version), as CRDs require.
const GROUP = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const VERSION = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
// A kind whose lower case is a DNS-1035 label, as CRD names require.
const KIND = /^[A-Za-z]([-A-Za-z0-9]*[A-Za-z0-9])?$/;
const SEGMENT = /^[^.\s]+$/;

/**
 * Validates a list of rules of any shape. Each invalid entry gives one message naming it and is
 * left out, so a typo in one entry never turns the others, or the presets, off. `name` prefixes
 * the messages and the rules' sources (`podsec.podTemplates`, or the CLI's file name).
 */
export function parsePodTemplateRules(raw: unknown, name: string): { rules: PodTemplateRule[]; problems: string[] } {
  const rules: PodTemplateRule[] = [];
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { rules, problems };
  if (!Array.isArray(raw)) {
    problems.push(`${name} must be a list of { "apiVersion", "kind", "path" } entries; ignoring it`);
    return { rules, problems };
  }
  const seen = new Map<string, number>();
  raw.forEach((item: unknown, i) => {
    const at = `${name}[${i}]`;
    const parsed = parseRule(item, at);
    if (typeof parsed === 'string') {
      problems.push(`${parsed}; ignoring the entry`);
      return;
    }
    const key = `${parsed.group}/${parsed.version ?? '*'} ${parsed.kind}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push(`${at} repeats ${name}[${first}] (${key}); ignoring the entry`);
      return;
    }
    seen.set(key, i);
    rules.push(parsed);
  });
  return { rules, problems };
}

/** The rule, or the message saying what is wrong with it. */
function parseRule(item: unknown, at: string): PodTemplateRule | string {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return `${at} must be an object { "apiVersion", "kind", "path" }`;
  const entry = item as Record<string, unknown>;
  const unknown = Object.keys(entry).find((k) => !FIELDS.includes(k));
  if (unknown !== undefined) return `${at} has an unknown field ${JSON.stringify(unknown)} (the fields are apiVersion, kind and path)`;
  const apiVersion = entry['apiVersion'];
  const slash = typeof apiVersion === 'string' ? apiVersion.indexOf('/') : -1;
  const group = typeof apiVersion === 'string' ? apiVersion.slice(0, slash) : '';
  const version = typeof apiVersion === 'string' ? apiVersion.slice(slash + 1) : '';
  if (slash < 0 || !GROUP.test(group) || (version !== '*' && !VERSION.test(version))) {
    return `${at}.apiVersion must be a custom resource's "group/version" or "group/*", such as "argoproj.io/v1alpha1" or "argoproj.io/*"`;
  }
  const kind = entry['kind'];
  if (typeof kind !== 'string' || !KIND.test(kind)) return `${at}.kind must be a kind such as "Rollout"`;
  if (isBuiltInWorkload(group, kind)) return `${at}: ${kind} in the ${group} group is a built-in workload, which Pod Security Admission evaluates itself`;
  const path = entry['path'];
  const segments = typeof path === 'string' && path !== '' ? path.split('.') : [];
  if (!('path' in entry) || (path !== null && typeof path !== 'string') || !segments.every((s) => SEGMENT.test(s))) {
    return `${at}.path must be the dot-separated path of the pod template, such as "spec.template", or null to switch the kind off`;
  }
  return { group, version: version === '*' ? undefined : version, kind, path: segments, source: at };
}
