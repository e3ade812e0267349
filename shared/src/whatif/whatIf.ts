import type { EvaluateOptions, EvaluationResult, ObjectResult } from '../evaluate/evaluate';
import { shortForm } from '../evaluate/messages';
import { exemptionFor } from '../policy/admissionConfig';
import { LATEST, renderLevelVersion, type LevelVersion } from '../policy/levelVersion';
import { policyFromLabels, type Label, type LabelError } from '../policy/namespaceLabels';
import type { Policy } from '../policy/policy';
import type { ObjectPlacement, PolicyContext } from '../policy/resolve';
import { policyFromSettings } from '../settings';
import type { Range } from '../yaml/range';
import { dryRunWarnings } from './dryRun';

/**
 * What-if for namespace labels: the workloads that land in one namespace, evaluated as if the
 * namespace had given labels. Evaluation is the ordinary one (`evaluate`) with a policy resolver
 * that swaps in the hypothetical policy for that namespace, so the counts are exactly what the
 * diagnostics would show once the labels are applied.
 */

/** A namespace and the policy its (hypothetical) labels give it. */
export interface WhatIfTarget {
  readonly namespace: string;
  readonly policy: Policy;
  /** Invalid labels: the API server would reject the Namespace, so nothing would change. */
  readonly errors: readonly LabelError[];
}

/** One workload of the namespace, as the what-if lens, hover and CLI show it. */
export interface WhatIfWorkload {
  readonly uri: string;
  readonly kind: string;
  readonly name: string | undefined;
  /** The enforce pair would reject it (for a controller: the pods it creates). */
  readonly rejected: boolean;
  /** Allowed, but the warn pair would warn. */
  readonly warns: boolean;
  /** PSA's short form of the enforce failures (reasons only), for the dry-run lines. */
  readonly shortForm: string;
  /** Where to open it: its first violation of the mode that counts, else its `kind:`. */
  readonly at: Range;
}

export interface WhatIfSummary<W extends WhatIfWorkload = WhatIfWorkload> {
  readonly namespace: string;
  readonly enforce: LevelVersion;
  readonly warn: LevelVersion;
  /** Set when the admission configuration exempts the namespace: nothing is evaluated. */
  readonly exemption: string | undefined;
  /** Workloads in the namespace, not counting runtime-class exempt ones (PSA skips their pods). */
  readonly workloads: readonly W[];
  readonly rejected: readonly W[];
  readonly warned: readonly W[];
}

const PRIVILEGED: LevelVersion = { level: 'privileged', version: LATEST };
const UNEVALUATED: Policy = { enforce: PRIVILEGED, warn: PRIVILEGED, audit: PRIVILEGED };

/**
 * The policy a namespace gets from these labels, over the defaults the workspace's objects get
 * (admission configuration, else settings), with a namespace exemption of the configuration.
 */
export function whatIfTarget(ctx: PolicyContext, namespace: string, labels: ReadonlyMap<string, Label>, via?: string): WhatIfTarget {
  const admission = ctx.settings.namespaceSource === 'workspace' ? ctx.admission : undefined;
  const defaults = admission?.defaults ?? policyFromSettings(ctx.settings);
  const { policy, errors } = policyFromLabels(labels, defaults, { namespace, via });
  const exemption = admission ? exemptionFor(admission.exemptions, namespace, undefined) : undefined;
  return { namespace, policy: { ...policy, namespace, ...(exemption ? { exemption } : {}) }, errors };
}

/**
 * Evaluation options for a file in a what-if: objects that land in the target namespace get its
 * policy (keeping a runtime-class exemption); every other object gets a privileged policy, which
 * runs no check, so a file costs little beyond its parse.
 */
export function whatIfOptions(resolve: (object: ObjectPlacement) => Policy, target: WhatIfTarget, others: 'keep' | 'skip' = 'skip', rest: Omit<EvaluateOptions, 'policy'> = {}): EvaluateOptions {
  return { ...rest, policy: whatIfResolver(resolve, target, others) };
}

/** The resolver of `whatIfOptions`, for chaining several namespaces. */
export function whatIfResolver(resolve: (object: ObjectPlacement) => Policy, target: WhatIfTarget, others: 'keep' | 'skip'): (object: ObjectPlacement) => Policy {
  return (object) => {
    const actual = resolve(object);
    if (actual.namespace !== target.namespace) return others === 'keep' ? actual : { ...UNEVALUATED, namespace: actual.namespace };
    const exemption = target.policy.exemption ?? (actual.exemption === 'runtimeClass' ? actual.exemption : undefined);
    const { exemption: _drop, ...rest } = target.policy;
    return { ...rest, namespace: actual.namespace, namespaceOrigin: actual.namespaceOrigin, ...(exemption ? { exemption } : {}) };
  };
}

/**
 * The workloads of one evaluated file that land in the namespace and are not exempt. Rejection is
 * the API server's (`allowed`): a `# podsec-ignore` comment hides a finding from podsec's report,
 * not from Pod Security Admission.
 */
export function whatIfWorkloads(uri: string, result: EvaluationResult, namespace: string): WhatIfWorkload[] {
  return result.objects.filter((o) => o.policy.namespace === namespace && !o.policy.exemption).map((o) => workload(uri, o));
}

function workload(uri: string, o: ObjectResult): WhatIfWorkload {
  const enforce = o.modes.find((m) => m.mode === 'enforce');
  const warn = o.modes.find((m) => m.mode === 'warn');
  const rejected = !o.allowed;
  const warns = !rejected && (warn?.results.length ?? 0) > 0;
  const first = o.violations.find((v) => v.mode === (rejected ? 'enforce' : 'warn')) ?? o.violations[0];
  return { uri, kind: o.kind, name: o.name, rejected, warns, shortForm: enforce ? shortForm(enforce.results) : '', at: first?.range ?? o.kindRange };
}

export function summarize<W extends WhatIfWorkload>(target: WhatIfTarget, workloads: readonly W[]): WhatIfSummary<W> {
  const exemption = target.policy.exemption;
  const counted = exemption ? [] : workloads;
  return {
    namespace: target.namespace,
    enforce: target.policy.enforce,
    warn: target.policy.warn,
    exemption,
    workloads: counted,
    rejected: counted.filter((w) => w.rejected),
    warned: counted.filter((w) => w.warns),
  };
}

/**
 * The code lens: "3 workloads in this workspace would be rejected at restricted:latest · 5 would
 * warn", or a ✓ line when nothing would.
 */
export function lensTitle(s: WhatIfSummary, where = 'in this workspace'): string {
  const enforce = renderLevelVersion(s.enforce);
  const warn = renderLevelVersion(s.warn);
  if (s.exemption) return `○ namespace "${s.namespace}" is exempt (${s.exemption}): nothing would be rejected`;
  if (s.workloads.length === 0) return `no workload ${where} lands in namespace "${s.namespace}"`;
  const warnAt = warn === enforce ? '' : ` at ${warn}`;
  const warnPart = s.warned.length > 0 ? ` · ${s.warned.length} would warn${warnAt}` : '';
  if (s.rejected.length > 0) return `${count(s.rejected.length, 'workload')} ${where} would be rejected at ${enforce}${warnPart}`;
  if (s.warned.length > 0) return `✓ no workload ${where} would be rejected at ${enforce}${warnPart}`;
  const pairs = s.warn.level === 'privileged' || warn === enforce ? enforce : `${enforce} or ${warn}`;
  return `✓ no workload ${where} violates ${pairs}`;
}

/** The dry-run warnings (§8.1) for the rejected workloads, without kubectl's `Warning: `. */
export function summaryWarnings(s: WhatIfSummary): string[] {
  return dryRunWarnings(
    s.namespace,
    s.enforce,
    s.rejected.map((w) => ({ name: w.name ?? '', shortForm: w.shortForm })),
  );
}

export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
