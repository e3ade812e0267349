import type { Level, Version } from '../policy/levelVersion';
import { compareCodePoints } from './text';
import type { CheckDefinition, CheckVariant } from './types';
import { ALL_CHECKS } from './index';

/** A check with the variant that applies at one version. */
export interface ResolvedCheck {
  readonly check: CheckDefinition;
  readonly variant: CheckVariant;
}

export function sinceMinor(variant: CheckVariant): number {
  return Number(variant.since.slice('v1.'.length));
}

/**
 * Validates the check list the way PSA's registry.go does at start-up; a broken list is a
 * programming error, so this is the one place in the core allowed to throw.
 */
export function validateChecks(checks: readonly CheckDefinition[]): string[] {
  const errors: string[] = [];
  const ids = new Set<string>();
  const byId = new Map(checks.map((c) => [c.id, c]));
  for (const check of checks) {
    if (ids.has(check.id)) errors.push(`duplicate check ID ${check.id}`);
    ids.add(check.id);
    if (check.versions.length === 0) errors.push(`${check.id} has no versions`);
    let previous = -1;
    for (const variant of check.versions) {
      if (!/^v1\.(0|[1-9][0-9]*)$/.test(variant.since)) errors.push(`${check.id} has invalid version ${variant.since}`);
      const minor = sinceMinor(variant);
      if (minor <= previous) errors.push(`${check.id} versions are not strictly increasing at ${variant.since}`);
      previous = minor;
      for (const overridden of variant.overrides ?? []) {
        if (check.level !== 'restricted') errors.push(`${check.id} is not restricted but overrides ${overridden}`);
        if (byId.get(overridden)?.level !== 'baseline') errors.push(`${check.id} overrides ${overridden}, which is not a baseline check`);
      }
    }
  }
  return errors;
}

const problems = validateChecks(ALL_CHECKS);
if (problems.length > 0) throw new Error(`invalid check registry: ${problems.join('; ')}`);

/** The newest version any check knows: `latest` and newer requests evaluate as this (§2.3). */
export const MAX_MINOR = Math.max(...ALL_CHECKS.flatMap((c) => c.versions.map(sinceMinor)));

/**
 * The minor version to evaluate for a requested version. `cap` is the optional emulation
 * version (§2.3): it lowers the clamp when older than the newest known version.
 */
export function effectiveMinor(version: Version, cap?: number): number {
  const max = cap !== undefined && cap < MAX_MINOR ? cap : MAX_MINOR;
  if (version.latest || version.minor > BigInt(max)) return max;
  return Number(version.minor);
}

const ordered = [
  ...ALL_CHECKS.filter((c) => c.level === 'baseline').sort((a, b) => compareCodePoints(a.id, b.id)),
  ...ALL_CHECKS.filter((c) => c.level === 'restricted').sort((a, b) => compareCodePoints(a.id, b.id)),
];

const cache = new Map<string, readonly ResolvedCheck[]>();

/**
 * The checks to run for a level at a (clamped) minor version, in PSA's result order: baseline IDs
 * sorted, then restricted IDs sorted. Restricted runs every started baseline check that no active
 * restricted variant overrides.
 */
export function checksFor(level: Level, minor: number): readonly ResolvedCheck[] {
  if (level === 'privileged') return [];
  const key = `${level}:${minor}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const active: ResolvedCheck[] = [];
  for (const check of ordered) {
    if (level === 'baseline' && check.level !== 'baseline') continue;
    const variant = variantAt(check, minor);
    if (variant) active.push({ check, variant });
  }
  const overridden = new Set(
    level === 'restricted' ? active.filter((r) => r.check.level === 'restricted').flatMap((r) => r.variant.overrides ?? []) : [],
  );
  const result = active.filter((r) => !overridden.has(r.check.id));
  cache.set(key, result);
  return result;
}

/** The variant with the greatest `since` not after `minor`, or undefined before the first. */
export function variantAt(check: CheckDefinition, minor: number): CheckVariant | undefined {
  let found: CheckVariant | undefined;
  for (const variant of check.versions) if (sinceMinor(variant) <= minor) found = variant;
  return found;
}

export function checkById(id: string): CheckDefinition | undefined {
  return ordered.find((c) => c.id === id);
}
