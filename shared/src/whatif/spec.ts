import { LABEL_PREFIX } from '../policy/namespaceLabels';
import { LEVEL_PARSE_ERROR, parseLevel, parseVersion, VERSION_PARSE_ERROR } from '../policy/levelVersion';

/**
 * `--what-if namespace=green,enforce=restricted:latest`: a namespace and the PSA labels to
 * imagine on it, as `kubectl label --overwrite` would set them (labels not named keep their
 * current values).
 */
export interface WhatIfSpec {
  readonly namespace: string;
  /** Full label keys (`pod-security.kubernetes.io/enforce`) to values, all valid. */
  readonly labels: ReadonlyMap<string, string>;
}

const MODES = ['enforce', 'warn', 'audit'] as const;
const KEYS = new Set(['namespace', ...MODES, ...MODES.map((m) => `${m}-version`)]);

/** Parses one `--what-if` value; the error says what is wrong in the person's own terms. */
export function parseWhatIf(text: string): { value: WhatIfSpec } | { error: string } {
  let namespace: string | undefined;
  const labels = new Map<string, string>();
  if (text.trim() === '') return { error: 'needs namespace=NAME and at least one of enforce=, warn=, audit= (e.g. namespace=green,enforce=restricted:latest)' };
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    const key = (eq < 0 ? part : part.slice(0, eq)).trim();
    const value = eq < 0 ? undefined : part.slice(eq + 1).trim();
    if (!KEYS.has(key)) return { error: `unknown key "${key}" in "${text}"; use namespace=, enforce=, enforce-version=, warn=, warn-version=, audit=, audit-version=` };
    if (value === undefined || value === '') return { error: `${key} needs a value (${key}=...) in "${text}"` };
    if (key === 'namespace') {
      if (namespace !== undefined) return { error: `namespace is given twice in "${text}"` };
      namespace = value;
      continue;
    }
    const mode = key.replace(/-version$/, '');
    const isVersion = key.endsWith('-version');
    const colon = value.indexOf(':');
    const levelText = isVersion ? undefined : colon < 0 ? value : value.slice(0, colon);
    const versionText = isVersion ? value : colon < 0 ? undefined : value.slice(colon + 1);
    if (levelText !== undefined) {
      if (!parseLevel(levelText)) return { error: `${mode} "${levelText}" ${LEVEL_PARSE_ERROR}` };
      if (!set(labels, `${LABEL_PREFIX}${mode}`, levelText)) return { error: `${mode} is given twice in "${text}"` };
    }
    if (versionText !== undefined) {
      if (!parseVersion(versionText)) return { error: `${mode}-version "${versionText}" ${VERSION_PARSE_ERROR}` };
      if (!set(labels, `${LABEL_PREFIX}${mode}-version`, versionText)) return { error: `${mode}-version is given twice in "${text}"` };
    }
  }
  if (namespace === undefined) return { error: `needs namespace=NAME in "${text}"` };
  if (labels.size === 0) return { error: `needs at least one of enforce=, warn=, audit= (or their -version) in "${text}"` };
  return { value: { namespace, labels } };
}

function set(labels: Map<string, string>, key: string, value: string): boolean {
  if (labels.has(key)) return false;
  labels.set(key, value);
  return true;
}
