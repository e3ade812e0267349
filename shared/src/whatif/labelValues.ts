import { LEVELS, parseLevel, parseVersion } from '../policy/levelVersion';

/**
 * The valid values closest to an invalid PSA label value, best first: what a person most likely
 * meant. Pure and cheap; only called for values that failed to parse.
 */

/** Words people write for a level that PSA does not accept (`strict` is the common one). */
const LEVEL_SYNONYMS: ReadonlyMap<string, string> = new Map([
  ['strict', 'restricted'],
  ['restrict', 'restricted'],
  ['restrictive', 'restricted'],
  ['hardened', 'restricted'],
  ['base', 'baseline'],
  ['default', 'baseline'],
  ['privilege', 'privileged'],
  ['priviledged', 'privileged'],
  ['none', 'privileged'],
  ['unrestricted', 'privileged'],
  ['permissive', 'privileged'],
]);

/** Nearest level(s) for an invalid `enforce`/`warn`/`audit` value; empty only for a valid one. */
export function levelSuggestions(value: string): string[] {
  if (parseLevel(value)) return [];
  const word = value.trim().toLowerCase();
  if (parseLevel(word)) return [word];
  const synonym = LEVEL_SYNONYMS.get(word);
  if (synonym) return [synonym];
  const ranked = LEVELS.map((level) => ({ level: level as string, distance: editDistance(word, level) })).sort((a, b) => a.distance - b.distance);
  const best = ranked[0]?.distance ?? 0;
  // A near miss names one level; anything else gets every level, strictest first, to choose from.
  if (word.length > 0 && best <= Math.max(2, Math.floor(word.length / 3))) return ranked.filter((r) => r.distance === best).map((r) => r.level);
  return [...LEVELS].reverse();
}

// `1.25`, `V1.25`, `v1.025`, `v1.25.3`, `1.25.0-gke.1`, `v1.25+k3s1`: the minor is what counts.
const VERSION_LIKE = /^[vV]?\s*1\.0*(\d+)(?:\.\d+)*(?:[-+].*)?$/;

/**
 * Nearest version(s) for an invalid `*-version` value: the `v1.<minor>` it spells when there is
 * one, and always `latest` (the value that never needs updating).
 */
export function versionSuggestions(value: string): string[] {
  if (parseVersion(value)) return [];
  const text = value.trim();
  const out: string[] = [];
  const match = VERSION_LIKE.exec(text);
  if (match?.[1] !== undefined) {
    const candidate = `v1.${match[1]}`;
    if (parseVersion(candidate)) out.push(candidate);
  }
  out.push('latest');
  return out;
}

/** Levenshtein distance; the strings here are label values, a few characters long. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
