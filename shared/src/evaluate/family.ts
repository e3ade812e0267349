import { ALL_CHECKS } from '../checks/index';

const overriddenBy = new Map<string, string>();
for (const check of ALL_CHECKS) {
  for (const variant of check.versions) for (const id of variant.overrides ?? []) overriddenBy.set(id, check.id);
}

/**
 * A check and the restricted check that replaces it at the restricted level (hostPathVolumes and
 * restrictedVolumes, capabilities_baseline and capabilities_restricted, …) are one family: podsec
 * shows their findings at the same node once, and a suppression of one covers the other.
 */
export function checkFamily(checkId: string): string {
  return overriddenBy.get(checkId) ?? checkId;
}
