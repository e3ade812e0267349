import { goQuote } from '../checks/text';
import type { Range } from '../yaml/range';
import { isStricter, LEVEL_PARSE_ERROR, parseLevel, parseVersion, VERSION_PARSE_ERROR, LATEST, type LevelVersion } from './levelVersion';
import type { Mode, Policy, PolicySource } from './policy';

export const LABEL_PREFIX = 'pod-security.kubernetes.io/';

/** A label as written in a Namespace manifest, with where its value is. */
export interface Label {
  readonly value: string;
  readonly range?: Range;
  /** 1-based line of the value, for human-readable sources (`ns/green.yaml:5`). */
  readonly line?: number;
}

/** An invalid PSA label, with the API server's field error text. */
export interface LabelError {
  readonly key: string;
  readonly value: string;
  readonly message: string;
  readonly range?: Range;
  /** `metadata.labels[<key>]: Invalid value: "<value>": <message>` */
  readonly text: string;
}

export interface LabelPolicy {
  readonly policy: Policy;
  readonly errors: readonly LabelError[];
}

export interface LabelContext {
  /** For sources: the namespace name and the file the labels are in. */
  readonly namespace: string;
  readonly uri?: string;
  /** Where the labels came from when not a manifest, e.g. `setting podsec.namespaces`. */
  readonly via?: string;
}

/**
 * Resolves a namespace's labels on top of the default policy exactly as PSA's
 * `PolicyToEvaluate` does (pod-security-admission.md §3.2): an invalid enforce level fails closed
 * (restricted), invalid audit/warn levels fail open (privileged), invalid versions become latest,
 * and an unset warn level follows a valid, stricter enforce level. A valid policy is always
 * returned, with the errors beside it.
 */
export function policyFromLabels(labels: ReadonlyMap<string, Label>, defaults: Policy, context: LabelContext): LabelPolicy {
  if (labels.size === 0) return { policy: defaults, errors: [] };
  const errors: LabelError[] = [];
  const pairs: Record<Mode, { level: LevelVersion['level']; version: LevelVersion['version'] }> = {
    enforce: { ...defaults.enforce },
    audit: { ...defaults.audit },
    warn: { ...defaults.warn },
  };
  const sources: Partial<Record<Mode, PolicySource>> = { ...defaults.sources };
  let enforceExplicit = false;

  for (const mode of ['enforce', 'audit', 'warn'] as const) {
    const levelKey = `${LABEL_PREFIX}${mode}`;
    const level = labels.get(levelKey);
    if (level) {
      const parsed = parseLevel(level.value);
      if (parsed) {
        pairs[mode].level = parsed;
        if (mode === 'enforce') enforceExplicit = true;
      } else {
        pairs[mode].level = mode === 'enforce' ? 'restricted' : 'privileged';
        errors.push(labelError(levelKey, level, LEVEL_PARSE_ERROR));
      }
      sources[mode] = labelSource(levelKey, level, context);
    }
    const versionKey = `${levelKey}-version`;
    const version = labels.get(versionKey);
    if (version) {
      const parsed = parseVersion(version.value);
      pairs[mode].version = parsed ?? LATEST;
      if (!parsed) errors.push(labelError(versionKey, version, VERSION_PARSE_ERROR));
      sources[mode] ??= labelSource(versionKey, version, context);
    }
  }

  const hasWarnLabel = labels.has(`${LABEL_PREFIX}warn`);
  if (!hasWarnLabel && enforceExplicit && isStricter(pairs.enforce.level, pairs.warn.level)) {
    pairs.warn.level = pairs.enforce.level;
    if (!labels.has(`${LABEL_PREFIX}warn-version`)) pairs.warn.version = pairs.enforce.version;
    const enforceSource = sources.enforce;
    if (enforceSource) sources.warn = { ...enforceSource, description: `${enforceSource.description} (warn follows enforce)` };
  }
  return { policy: { enforce: pairs.enforce, warn: pairs.warn, audit: pairs.audit, sources }, errors };
}

/** The API server's rejection of a Namespace with invalid PSA labels (§8.3). */
export function namespaceInvalidMessage(name: string, errors: readonly LabelError[]): string {
  const texts = [...new Set(errors.map((e) => e.text))];
  const joined = texts.length === 1 ? (texts[0] ?? '') : `[${texts.join(', ')}]`;
  return `Namespace ${goQuote(name)} is invalid: ${joined}`;
}

function labelError(key: string, label: Label, message: string): LabelError {
  return { key, value: label.value, message, range: label.range, text: `metadata.labels[${key}]: Invalid value: ${goQuote(label.value)}: ${message}` };
}

function labelSource(key: string, label: Label, context: LabelContext): PolicySource {
  const via = context.via ? ` (${context.via})` : '';
  return { description: `namespace "${context.namespace}", label ${key}${via}`, uri: context.uri, range: label.range, line: label.line };
}
