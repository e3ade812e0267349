import type { CodeLens } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { EvaluationResult } from '../../../shared/src/evaluate/evaluate';
import { toRange } from '../convert';

/** Above each workload: the strictest level it satisfies today. */
export function codeLenses(doc: TextDocument, result: EvaluationResult): CodeLens[] {
  return result.objects.map((object) => {
    const { satisfies, baseline, restricted } = object.levels;
    const plural = (n: number) => `${n} ${n === 1 ? 'violation' : 'violations'}`;
    const title = object.policy.exemption
      ? `○ exempt (${object.policy.exemption})`
      : object.customResource && !object.customResource.found
        ? `○ no pod template at ${object.customResource.path}`
        : satisfies === 'restricted'
          ? '✓ restricted'
          : satisfies === 'baseline'
            ? `✓ baseline · ✗ restricted: ${plural(restricted)}`
            : `✗ baseline: ${plural(baseline)}`;
    const range = toRange(doc, object.kindRange);
    return { range, command: { title, command: '' } };
  });
}
