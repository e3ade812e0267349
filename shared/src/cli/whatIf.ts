import type { EvaluateOptions } from '../evaluate/evaluate';
import type { LevelVersion } from '../policy/levelVersion';
import { renderLevelVersion } from '../policy/levelVersion';
import type { Label } from '../policy/namespaceLabels';
import type { Policy } from '../policy/policy';
import type { ObjectPlacement, PolicyContext } from '../policy/resolve';
import { noDryRunReason } from '../whatif/dryRun';
import type { WhatIfSpec } from '../whatif/spec';
import { lensTitle, summarize, summaryWarnings, whatIfResolver, whatIfTarget, whatIfWorkloads, type WhatIfTarget } from '../whatif/whatIf';
import { printable } from './format/text';
import type { CheckedFile } from './report';

/** A `--what-if` namespace: the policy its new labels give, and the enforce pair it had before. */
export interface CliWhatIf {
  readonly target: WhatIfTarget;
  readonly before: LevelVersion;
}

/**
 * The new labels are the namespace's current ones (its manifest among the inputs, if any) with
 * the given ones written over them, as `kubectl label --overwrite` does.
 */
export function whatIfTargets(specs: readonly WhatIfSpec[], context: PolicyContext): CliWhatIf[] {
  return specs.map((spec) => {
    const current = context.settings.namespaceSource === 'workspace' ? context.index?.namespace(spec.namespace)?.labels : undefined;
    const labels = new Map<string, Label>(current ?? []);
    for (const [key, value] of spec.labels) labels.set(key, { value });
    return {
      target: whatIfTarget(context, spec.namespace, labels, '--what-if'),
      before: whatIfTarget(context, spec.namespace, current ?? new Map()).policy.enforce,
    };
  });
}

/** The resolver with each what-if namespace's policy swapped in. */
export function withWhatIf(resolve: (object: ObjectPlacement) => Policy, whatIfs: readonly CliWhatIf[]): EvaluateOptions['policy'] {
  let policy: (object: ObjectPlacement) => Policy = resolve;
  for (const { target } of whatIfs) policy = whatIfResolver(policy, target, 'keep');
  return policy;
}

/**
 * Per namespace: the warnings `kubectl label --dry-run=server` would print (§8.1, each with
 * kubectl's `Warning: ` prefix; workload names stand for pod names), or why there would be none
 * (§7.3), then the counts.
 */
export function formatWhatIf(files: readonly CheckedFile[], whatIfs: readonly CliWhatIf[]): string {
  const out: string[] = [];
  for (const { target, before } of whatIfs) {
    const summary = summarize(target, files.flatMap((f) => whatIfWorkloads(f.path, f.result, target.namespace)));
    const policy = target.policy;
    out.push(`what-if namespace "${target.namespace}": enforce=${renderLevelVersion(policy.enforce)} warn=${renderLevelVersion(policy.warn)} audit=${renderLevelVersion(policy.audit)}`);
    const reason = noDryRunReason(before, policy.enforce, summary.exemption);
    if (reason) out.push(`(the API server runs no dry run for this change: ${reason})`);
    else out.push(...summaryWarnings(summary).map((w) => `Warning: ${w}`));
    out.push(lensTitle(summary, 'in the inputs'));
  }
  return out.map(printable).join('\n') + '\n';
}
