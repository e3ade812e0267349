import type { Level } from '../policy/levelVersion';

/**
 * What a PodSecurityPolicy corresponds to in Pod Security Standards terms
 * (../shared/spec/psp-migration.md). Plain data: the hover, the diagnostic and the CLI all print it.
 */
export interface PspMapping {
  /** The most restrictive level whose rules the policy does not exceed. */
  readonly level: Level;
  /** The PSS version the level was computed for, as requested (`latest`, `v1.25`). */
  readonly version: string;
  /** Every field that forces a level less restrictive than `restricted`, in the spec's order. */
  readonly fields: readonly FieldResult[];
  /** Fields that changed pods (§5): pods relied on them and must now say the same themselves. */
  readonly mutating: readonly MutatingField[];
  /** PSS checks at or below `level` that no PSP can express (§4): verify them on the workloads. */
  readonly verify: readonly VerifyItem[];
  /** Where the documentation's mapping and the PSS checks disagree about this policy. */
  readonly advice: readonly string[];
  /** Values of the wrong type (the API server rejects such a policy); each counts as unset. */
  readonly problems: readonly string[];
}

export interface FieldResult {
  /** `spec.hostNetwork`, `metadata.annotations["seccomp.security.alpha.kubernetes.io/allowedProfileNames"]`. */
  readonly field: string;
  /** The value as written (JSON), or `unset`. */
  readonly value: string;
  /** The most restrictive level this value is compatible with. */
  readonly level: Level;
  /** True when this field alone makes the policy's level what it is. */
  readonly decides: boolean;
  readonly why: string;
}

export interface MutatingField {
  readonly field: string;
  readonly value: string;
  /** What the policy did to pods that did not say otherwise. */
  readonly effect: string;
  /** What each pod spec must now set itself (Pod Security Admission never mutates). */
  readonly podsMustSet: string;
}

export interface VerifyItem {
  /** The PSS check ID. */
  readonly check: string;
  readonly level: Level;
  readonly note: string;
}

export interface MapOptions {
  /** The PSS minor version to map to (already clamped); default: the newest. */
  readonly minor?: number;
  /** How it is written in labels and reports (`latest`, `v1.25`); default `latest`. */
  readonly version?: string;
  /**
   * An absent AppArmor allowedProfileNames annotation leaves AppArmor unrestricted: strictly
   * `privileged` (the default); `no-opinion` is the common relaxation (§3).
   */
  readonly appArmorAbsent?: 'privileged' | 'no-opinion';
}
