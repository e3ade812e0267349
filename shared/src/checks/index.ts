import type { CheckDefinition } from './types';
import { allowPrivilegeEscalation } from './allowPrivilegeEscalation';
import { capabilities_restricted } from './capabilities_restricted';
import { privileged } from './privileged';
import { procMount_restricted } from './procMount_restricted';
import { restrictedVolumes } from './restrictedVolumes';
import { runAsNonRoot } from './runAsNonRoot';
import { runAsUser } from './runAsUser';
import { seccompProfile_restricted } from './seccompProfile_restricted';

/**
 * Every check, sorted by ID. Adding a check is one line here (STYLE.md §3); an explicit list
 * instead of registration by import side effect, which bundlers may drop.
 */
export const ALL_CHECKS: readonly CheckDefinition[] = [
  allowPrivilegeEscalation,
  capabilities_restricted,
  privileged,
  procMount_restricted,
  restrictedVolumes,
  runAsNonRoot,
  runAsUser,
  seccompProfile_restricted,
];
