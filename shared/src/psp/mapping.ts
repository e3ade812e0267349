import { MAX_MINOR } from '../checks/registry';
import { levelRank, type Level } from '../policy/levelVersion';
import { annotationVerdicts } from './annotations';
import { mutatingFields } from './mutating';
import { Reader } from './read';
import { specVerdicts } from './spec';
import type { MapOptions, PspMapping } from './types';
import { toVerify } from './verify';

/**
 * Maps a PodSecurityPolicy (its decoded value: apiVersion, metadata, spec) to the most restrictive
 * Pod Security Standards level that still admits everything it admits (§1): start at restricted,
 * widen per field. Pure and total: any value gives a mapping.
 */
export function mapPolicy(value: unknown, options: MapOptions = {}): PspMapping {
  const minor = options.minor ?? MAX_MINOR;
  const r = new Reader(value);
  const spec = specVerdicts(r, minor);
  const annotations = annotationVerdicts(r, minor, options.appArmorAbsent ?? 'privileged');
  const verdicts = [...spec, ...annotations.verdicts];
  const level = verdicts.reduce<Level>((acc, v) => (levelRank(v.level) < levelRank(acc) ? v.level : acc), 'restricted');
  const advice = [...annotations.advice];
  const sysctls = r.strings(['spec', 'allowedUnsafeSysctls']);
  if (sysctls.length > 0 && spec.find((v) => v.field === 'spec.allowedUnsafeSysctls')?.level === 'restricted') {
    advice.push('spec.allowedUnsafeSysctls lists only sysctls PSS allows: the documentation maps any entry to privileged, the PSS checks do not');
  }
  return {
    level,
    version: options.version ?? 'latest',
    fields: verdicts.filter((v) => v.level !== 'restricted').map((v) => ({ ...v, decides: v.level === level })),
    mutating: mutatingFields(r),
    verify: toVerify(level, minor),
    advice,
    problems: [...new Set(r.problems)],
  };
}
