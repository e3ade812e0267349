/**
 * Levels and versions exactly as PSA's `api` package parses, compares and renders them
 * (pod-security-admission.md §1, §2).
 */
export type Level = 'privileged' | 'baseline' | 'restricted';

export const LEVELS: readonly Level[] = ['privileged', 'baseline', 'restricted'];

/** `latest`, or `v1.<minor>` with an arbitrary-precision minor (PSA parses up to int64). */
export type Version = { readonly latest: true } | { readonly latest: false; readonly minor: bigint };

export interface LevelVersion {
  readonly level: Level;
  readonly version: Version;
}

export const LATEST: Version = { latest: true };

export const LEVEL_PARSE_ERROR = 'must be one of privileged, baseline, restricted';
export const VERSION_PARSE_ERROR = 'must be "latest" or "v1.x"';

const INT64_MAX = 9223372036854775807n;
const VERSION_RE = /^v1\.(0|[1-9][0-9]*)$/;

export function parseLevel(text: string): Level | undefined {
  return (LEVELS as readonly string[]).includes(text) ? (text as Level) : undefined;
}

export function parseVersion(text: string): Version | undefined {
  if (text === 'latest') return LATEST;
  const match = VERSION_RE.exec(text);
  if (!match || match[1] === undefined) return undefined;
  const minor = BigInt(match[1]);
  return minor > INT64_MAX ? undefined : { latest: false, minor };
}

export function v1(minor: number): Version {
  return { latest: false, minor: BigInt(minor) };
}

export function renderVersion(v: Version): string {
  return v.latest ? 'latest' : `v1.${v.minor.toString()}`;
}

/** `restricted:latest`, the form every PSA message uses. */
export function renderLevelVersion(lv: LevelVersion): string {
  return `${lv.level}:${renderVersion(lv.version)}`;
}

/** Parses `level` or `level:version` (the settings and CLI form); version defaults to latest. */
export function parseLevelVersion(text: string): { value?: LevelVersion; error?: string } {
  const colon = text.indexOf(':');
  const levelText = colon < 0 ? text : text.slice(0, colon);
  const level = parseLevel(levelText);
  if (!level) return { error: `level "${levelText}" ${LEVEL_PARSE_ERROR}` };
  if (colon < 0) return { value: { level, version: LATEST } };
  const versionText = text.slice(colon + 1);
  const version = parseVersion(versionText);
  if (!version) return { error: `version "${versionText}" ${VERSION_PARSE_ERROR}` };
  return { value: { level, version } };
}

export function levelRank(level: Level): number {
  return LEVELS.indexOf(level);
}

export function isStricter(a: Level, b: Level): boolean {
  return levelRank(a) > levelRank(b);
}

/** Negative, zero or positive as a is older than, equal to or newer than b; latest is newest. */
export function compareVersions(a: Version, b: Version): number {
  if (a.latest || b.latest) return a.latest === b.latest ? 0 : a.latest ? 1 : -1;
  return a.minor === b.minor ? 0 : a.minor < b.minor ? -1 : 1;
}

/** PSA §2.4: equivalent when both privileged, or level and version identical (latest ≠ v1.37). */
export function equivalent(a: LevelVersion, b: LevelVersion): boolean {
  if (a.level === 'privileged' && b.level === 'privileged') return true;
  return a.level === b.level && renderVersion(a.version) === renderVersion(b.version);
}
