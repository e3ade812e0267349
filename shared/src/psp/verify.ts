import { levelRank, type Level } from '../policy/levelVersion';
import type { VerifyItem } from './types';

interface Unexpressible extends VerifyItem {
  readonly since: number;
}

/** PSS requirements no PSP can express (§4), with the version each exists from. */
const UNEXPRESSIBLE: readonly Unexpressible[] = [
  { check: 'windowsHostProcess', level: 'baseline', since: 0, note: 'no PSP field; HostProcess pods need hostNetwork: true, so a policy forbidding the host network blocks them' },
  { check: 'hostProbesAndHostLifecycle', level: 'baseline', since: 34, note: 'no PSP field for a probe or lifecycle handler host' },
  { check: 'sysctls', level: 'baseline', since: 0, note: "PSP relied on the kubelet's safe sysctls, which are not the PSS list" },
  { check: 'appArmorProfile', level: 'baseline', since: 0, note: 'PSP validated the annotation form only; the securityContext.appArmorProfile fields did not exist' },
  { check: 'seccompProfile_baseline', level: 'baseline', since: 0, note: 'PSP validated annotations (and the field only by conversion after 1.19)' },
  { check: 'runAsNonRoot', level: 'restricted', since: 0, note: 'MustRunAsNonRoot accepted a non-zero runAsUser without runAsNonRoot: true; PSS needs it set' },
  { check: 'seccompProfile_restricted', level: 'restricted', since: 19, note: 'PSS needs securityContext.seccompProfile.type set explicitly' },
  { check: 'capabilities_restricted', level: 'restricted', since: 22, note: 'PSS needs drop: ["ALL"] written in every container' },
  { check: 'allowPrivilegeEscalation', level: 'restricted', since: 8, note: 'PSS needs allowPrivilegeEscalation: false written in every container' },
  { check: 'windows exemption', level: 'restricted', since: 25, note: 'pods with spec.os.name: windows skip three restricted checks; no PSP concept' },
  { check: 'hostUsers', level: 'restricted', since: 35, note: 'user-namespace relaxations (hostUsers: false) have no PSP concept' },
];

/** The items that matter at `level` and `minor`: a privileged namespace checks nothing. */
export function toVerify(level: Level, minor: number): VerifyItem[] {
  return UNEXPRESSIBLE.filter((u) => minor >= u.since && levelRank(level) >= levelRank(u.level)).map(({ check, level: l, note }) => ({ check, level: l, note }));
}
