import type { EvaluationResult } from '../../../shared/src/evaluate/evaluate';
import { levelRank, renderLevelVersion } from '../../../shared/src/policy/levelVersion';
import type { EffectivePolicyResult } from '../../../shared/src/protocol';
import { describeSource } from '../describe';

/**
 * The status bar's view of a document: its strictest enforce pair and where that came from. No
 * range is read, so the objects may be a placement's, relative to their documents.
 */
export function effectivePolicy(result: Pick<EvaluationResult, 'objects'>, folders: readonly string[]): EffectivePolicyResult {
  const objects = result.objects.filter((o) => !o.policy.exemption);
  if (objects.length === 0) return null;
  const strictest = objects.reduce((a, b) => (levelRank(b.policy.enforce.level) > levelRank(a.policy.enforce.level) ? b : a));
  return {
    enforce: renderLevelVersion(strictest.policy.enforce),
    source: describeSource(strictest.policy.sources?.enforce, folders),
    workloads: result.objects.length,
    rejected: objects.filter((o) => !o.allowed).length,
  };
}
