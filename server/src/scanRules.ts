import { globMatcher, type GlobMatcher } from '../../shared/src/glob';
import type { Settings } from '../../shared/src/settings';

/** Folders never read for namespace context, at any depth. */
const ALWAYS_SKIPPED = new Set(['.git', 'node_modules']);

/** What the workspace scan skips in one workspace folder. */
export interface ScanRules {
  /** A path is excluded when it or a folder above it matches. `relativePath` is `/`-separated, relative to the folder. */
  readonly isExcluded: (relativePath: string, absolutePath: string) => boolean;
  readonly maxFileSize: number;
  /** Equal keys mean equal rules: a settings change that keeps the key needs no new scan. */
  readonly key: string;
}

/**
 * The rules from VS Code's `files.exclude` and `search.exclude` (objects of glob → true; a
 * `{ "when": … }` sibling condition never applies to the YAML files podsec reads, so only `true`
 * excludes) and podsec's own `exclude` list and size limit. Values of the wrong shape in VS Code's
 * settings are not podsec's to report; they are ignored.
 */
export function scanRules(filesExclude: unknown, searchExclude: unknown, settings: Settings): ScanRules {
  const patterns = [...enabledGlobs(filesExclude), ...enabledGlobs(searchExclude), ...settings.exclude].sort();
  const match: GlobMatcher = globMatcher(patterns);
  return {
    isExcluded: (relativePath, absolutePath) => excludedOrBelowExcluded(relativePath, absolutePath, match),
    maxFileSize: settings.maxFileSize,
    key: JSON.stringify([patterns, settings.maxFileSize]),
  };
}

function enabledGlobs(value: unknown): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  return Object.entries(value).filter(([, on]) => on === true).map(([glob]) => glob);
}

function excludedOrBelowExcluded(relativePath: string, absolutePath: string, match: GlobMatcher): boolean {
  const segments = relativePath.split('/');
  for (let i = 1; i <= segments.length; i++) {
    if (ALWAYS_SKIPPED.has(segments[i - 1] ?? '')) return true;
    const prefix = segments.slice(0, i).join('/');
    // The absolute path of the same prefix: the same text, short of what follows the prefix.
    if (match(prefix, absolutePath.slice(0, absolutePath.length - (relativePath.length - prefix.length)))) return true;
  }
  return false;
}
