import type { Level } from '../policy/levelVersion';
import { fieldName, show, type Reader } from './read';
import type { Verdict } from './spec';

export const SECCOMP_ALLOWED = 'seccomp.security.alpha.kubernetes.io/allowedProfileNames';
export const SECCOMP_DEFAULT = 'seccomp.security.alpha.kubernetes.io/defaultProfileName';
export const APPARMOR_ALLOWED = 'apparmor.security.beta.kubernetes.io/allowedProfileNames';
export const APPARMOR_DEFAULT = 'apparmor.security.beta.kubernetes.io/defaultProfileName';

/**
 * The allowed-profile annotations (§3). Values are comma-separated and split without trimming;
 * an empty entry (trailing comma, empty value) means "the profile may be left unset".
 */
export function annotationVerdicts(r: Reader, minor: number, appArmorAbsent: 'privileged' | 'no-opinion'): { verdicts: Verdict[]; advice: string[] } {
  const advice: string[] = [];
  const seccompPath = ['metadata', 'annotations', SECCOMP_ALLOWED];
  const seccomp = r.str(seccompPath);
  const apparmorPath = ['metadata', 'annotations', APPARMOR_ALLOWED];
  const apparmor = r.str(apparmorPath);
  const verdict = (path: string[], [level, why]: [Level, string]): Verdict => ({ field: fieldName(path), value: show(r.at(path)), level, why });
  const apparmorLevel = appArmor(apparmor, appArmorAbsent);
  if (apparmor !== undefined && apparmorLevel[0] === 'restricted' && apparmor.split(',').includes('')) {
    advice.push(`${APPARMOR_ALLOWED} allows an unset profile: the documentation maps that to baseline, but PSS never requires an AppArmor profile, so it is restricted-compatible`);
  }
  return { verdicts: [verdict(seccompPath, seccompLevel(seccomp, minor)), verdict(apparmorPath, apparmorLevel)], advice };
}

function seccompLevel(value: string | undefined, minor: number): [Level, string] {
  const unsetAllowed: Level = minor >= 19 ? 'baseline' : 'restricted';
  if (value === undefined) return [unsetAllowed, 'absent: pods may not set a seccomp profile, so they run without one (restricted, v1.19+, needs RuntimeDefault or Localhost)'];
  const entries = value.split(',');
  const other = entries.filter((e) => e !== '' && e !== 'runtime/default' && e !== 'docker/default' && !e.startsWith('localhost/'));
  if (other.length > 0) return ['privileged', `allows ${other.map((e) => JSON.stringify(e)).join(', ')}`];
  if (entries.includes('')) return [unsetAllowed, 'an empty entry lets pods leave the profile unset (restricted, v1.19+, needs one)'];
  return ['restricted', ''];
}

/**
 * By the PSS checks AppArmor is baseline-only and an unset profile passes at every level; the
 * documentation's "no trailing comma for restricted" is stricter (§3 discrepancy), so it is only advice.
 */
function appArmor(value: string | undefined, absent: 'privileged' | 'no-opinion'): [Level, string] {
  if (value === undefined) {
    return absent === 'privileged' ? ['privileged', 'absent: any AppArmor profile is allowed, including unconfined'] : ['restricted', ''];
  }
  const other = value.split(',').filter((e) => e !== '' && e !== 'runtime/default' && !e.startsWith('localhost/'));
  return other.length > 0 ? ['privileged', `allows ${other.map((e) => JSON.stringify(e)).join(', ')}`] : ['restricted', ''];
}
