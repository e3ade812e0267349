import { LATEST, parseLevelVersion, renderLevelVersion, type LevelVersion } from './policy/levelVersion';
import type { Policy } from './policy/policy';
import { formatSize, parseSize } from './size';
import { parsePodTemplateRules, type PodTemplateRule } from './workloads/podTemplateRules';

export type NamespaceSource = 'workspace' | 'settings';

/** The `podsec.*` settings after validation: plain data shared by the client, server and CLI. */
export interface Settings {
  readonly enforce: LevelVersion;
  readonly warn: LevelVersion;
  readonly audit: LevelVersion;
  /** `workspace`: Namespace labels and admission configuration from the workspace apply; `settings`: only these settings. */
  readonly namespaceSource: NamespaceSource;
  /** Namespace name → labels, for namespaces whose manifests are not in the workspace. */
  readonly namespaces: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** The namespace of workloads with no `metadata.namespace` and no kustomization namespace. */
  readonly defaultNamespace: string;
  /** Path (workspace-relative or absolute) of an AdmissionConfiguration or PodSecurityConfiguration file. */
  readonly admissionConfig: string;
  /** Bytes; a larger file is not evaluated and gets one note instead. */
  readonly maxFileSize: number;
  /** Diagnostics shown per file (at least 1); the rest are summed up in one note. */
  readonly maxDiagnostics: number;
  /** Glob patterns of workspace paths the workspace scan skips, beside `files.exclude` and `search.exclude`. */
  readonly exclude: readonly string[];
  /** Custom resources with pod templates, on top of the presets (workloads/podTemplates.ts). */
  readonly podTemplates: readonly PodTemplateRule[];
}

export const DEFAULT_SETTINGS: Settings = {
  enforce: { level: 'baseline', version: LATEST },
  warn: { level: 'restricted', version: LATEST },
  audit: { level: 'restricted', version: LATEST },
  namespaceSource: 'workspace',
  namespaces: new Map(),
  defaultNamespace: 'default',
  admissionConfig: '',
  maxFileSize: 5 * 1024 * 1024,
  maxDiagnostics: 500,
  exclude: [],
  podTemplates: [],
};

const PAIRS = ['enforce', 'warn', 'audit'] as const;

/**
 * Validates raw settings of any shape. Every invalid value gives one message naming the setting
 * and falls back to its default, so a typo never turns checking off.
 */
export function parseSettings(raw: unknown): { settings: Settings; problems: string[] } {
  const problems: string[] = [];
  const obj = isRecord(raw) ? raw : {};
  if (raw !== undefined && raw !== null && !isRecord(raw)) problems.push('podsec settings must be an object; using the defaults');
  const pairs = Object.fromEntries(PAIRS.map((name) => [name, pairSetting(name, obj[name], problems)])) as Record<(typeof PAIRS)[number], LevelVersion>;
  return {
    settings: {
      ...pairs,
      namespaceSource: namespaceSource(obj['namespaceSource'], problems),
      namespaces: namespaces(obj['namespaces'], problems),
      defaultNamespace: stringSetting('defaultNamespace', obj['defaultNamespace'], problems) || DEFAULT_SETTINGS.defaultNamespace,
      admissionConfig: stringSetting('admissionConfig', obj['admissionConfig'], problems),
      maxFileSize: maxFileSize(obj['maxFileSize'], problems),
      maxDiagnostics: maxDiagnostics(obj['maxDiagnostics'], problems),
      exclude: exclude(obj['exclude'], problems),
      podTemplates: podTemplates(obj['podTemplates'], problems),
    },
    problems,
  };
}

export function policyFromSettings(settings: Settings): Policy {
  return {
    enforce: settings.enforce,
    warn: settings.warn,
    audit: settings.audit,
    sources: {
      enforce: { description: 'setting podsec.enforce' },
      warn: { description: 'setting podsec.warn' },
      audit: { description: 'setting podsec.audit' },
    },
  };
}

function pairSetting(name: (typeof PAIRS)[number], value: unknown, problems: string[]): LevelVersion {
  const fallback = DEFAULT_SETTINGS[name];
  if (value === undefined || value === null || value === '') return fallback;
  if (typeof value !== 'string') {
    problems.push(`podsec.${name} must be a string like "restricted" or "baseline:v1.30"; using ${renderLevelVersion(fallback)}`);
    return fallback;
  }
  const parsed = parseLevelVersion(value.trim());
  if (parsed.value) return parsed.value;
  problems.push(`podsec.${name} "${value}": ${parsed.error ?? 'invalid'}; using ${renderLevelVersion(fallback)}`);
  return fallback;
}

function namespaceSource(value: unknown, problems: string[]): NamespaceSource {
  if (value === undefined || value === null) return DEFAULT_SETTINGS.namespaceSource;
  if (value === 'workspace' || value === 'settings') return value;
  problems.push(`podsec.namespaceSource must be "workspace" or "settings"; using "workspace"`);
  return DEFAULT_SETTINGS.namespaceSource;
}

function namespaces(value: unknown, problems: string[]): ReadonlyMap<string, ReadonlyMap<string, string>> {
  if (value === undefined || value === null) return DEFAULT_SETTINGS.namespaces;
  if (!isRecord(value)) {
    problems.push('podsec.namespaces must be an object mapping namespace names to label objects; ignoring it');
    return DEFAULT_SETTINGS.namespaces;
  }
  const out = new Map<string, ReadonlyMap<string, string>>();
  for (const [name, labels] of Object.entries(value)) {
    if (!isRecord(labels) || !Object.values(labels).every((v) => typeof v === 'string')) {
      problems.push(`podsec.namespaces["${name}"] must be an object of string labels; ignoring it`);
      continue;
    }
    out.set(name, new Map(Object.entries(labels as Record<string, string>)));
  }
  return out;
}

function stringSetting(name: string, value: unknown, problems: string[]): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value.trim();
  problems.push(`podsec.${name} must be a string; ignoring it`);
  return '';
}

function maxFileSize(value: unknown, problems: string[]): number {
  if (value === undefined || value === null || value === '') return DEFAULT_SETTINGS.maxFileSize;
  const bytes = parseSize(value);
  if (bytes !== undefined) return bytes;
  problems.push(`podsec.maxFileSize must be a size like "5 MB" or "512 KB", or a number of bytes; using ${formatSize(DEFAULT_SETTINGS.maxFileSize)}`);
  return DEFAULT_SETTINGS.maxFileSize;
}

function maxDiagnostics(value: unknown, problems: string[]): number {
  if (value === undefined || value === null) return DEFAULT_SETTINGS.maxDiagnostics;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 1) return value;
  problems.push(`podsec.maxDiagnostics must be a whole number of at least 1; using ${DEFAULT_SETTINGS.maxDiagnostics}`);
  return DEFAULT_SETTINGS.maxDiagnostics;
}

function exclude(value: unknown, problems: string[]): readonly string[] {
  if (value === undefined || value === null) return DEFAULT_SETTINGS.exclude;
  if (!Array.isArray(value)) {
    problems.push('podsec.exclude must be a list of glob patterns such as "**/charts/**"; ignoring it');
    return DEFAULT_SETTINGS.exclude;
  }
  const patterns: string[] = [];
  value.forEach((item: unknown, i) => {
    if (typeof item === 'string') patterns.push(item);
    else problems.push(`podsec.exclude[${i}] must be a glob pattern (a string); ignoring it`);
  });
  return patterns;
}

function podTemplates(value: unknown, problems: string[]): readonly PodTemplateRule[] {
  const parsed = parsePodTemplateRules(value, 'podsec.podTemplates');
  problems.push(...parsed.problems);
  // The same array when nothing is set, so every document shares one lookup table.
  return parsed.rules.length > 0 ? parsed.rules : DEFAULT_SETTINGS.podTemplates;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
