/**
 * The few custom messages between the VS Code client and the language server. Plain data, so
 * both sides import the same names and shapes.
 */

/** Request: the effective enforce policy of a document, for the status bar. */
export const EFFECTIVE_POLICY_REQUEST = 'podsec/effectivePolicy';

export interface EffectivePolicyParams {
  readonly uri: string;
}

/** Null when the document holds no workloads. */
export type EffectivePolicyResult = {
  /** `restricted:latest`: the strictest enforce pair among the document's workloads. */
  readonly enforce: string;
  /** Where it came from, e.g. `namespace "green", label pod-security.kubernetes.io/enforce (ns/green.yaml:5)`. */
  readonly source: string;
  readonly workloads: number;
  /** Workloads whose pods the enforce level would reject. */
  readonly rejected: number;
} | null;

/** Notification server → client: results changed, re-query visible documents. */
export const POLICY_CHANGED_NOTIFICATION = 'podsec/policyChanged';

/** `initializationOptions` of the VS Code client. Other editors send none: everything applies. */
export interface InitializationOptions {
  /** False in VS Code's Restricted Mode: the server then reads no settings that point at files. */
  readonly isTrusted?: boolean;
}

/** Notification client → server: the person trusted the workspace; path settings apply from now on. */
export const WORKSPACE_TRUSTED_NOTIFICATION = 'podsec/workspaceTrusted';

/**
 * A key the VS Code client adds to each `podsec` configuration section it sends: where
 * `podsec.admissionConfig` was set, `'user'` or `'workspace'` (workspace or folder settings).
 * Without it (other editors) the value counts as the person's own choice.
 */
export const ADMISSION_CONFIG_SCOPE_KEY = 'admissionConfigScope';

/** Command IDs contributed by the extension. */
export const COMMANDS = {
  chooseTargetLevel: 'podsec.chooseTargetLevel',
  showOutput: 'podsec.showOutput',
  fixAll: 'podsec.fixAll',
  /** The what-if code lens's command: a quick pick of workloads, each opening at its first violation. */
  showWhatIf: 'podsec.showWhatIf',
} as const;

/** The argument of `COMMANDS.showWhatIf`, built by the server. */
export interface WhatIfPicks {
  readonly title: string;
  readonly picks: readonly WhatIfPick[];
}

/** One workload in the what-if quick pick, with where to open it (0-based). */
export interface WhatIfPick {
  readonly label: string;
  readonly description: string;
  readonly uri: string;
  readonly line: number;
  readonly character: number;
}

/**
 * The code action kind of "Fix all Pod Security findings in this document", for
 * `editor.codeActionsOnSave: { "source.fixAll.podsec": "explicit" }` and the fix-all command.
 */
export const FIX_ALL_KIND = 'source.fixAll.podsec';
