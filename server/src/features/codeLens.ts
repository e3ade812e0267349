import type { CodeLens } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Placement } from '../../../shared/src/evaluate/placed';
import { toRange } from '../convert';

/**
 * Above each workload: the strictest level it satisfies today. Read from each document's own
 * result, so only the `kind:` ranges are placed in the file, not every finding.
 */
export function codeLenses(doc: TextDocument, placement: Placement): CodeLens[] {
  return placement.pieces.flatMap((piece) => piece.result.objects.map((object) => {
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
    const range = toRange(doc, [object.kindRange[0] + piece.offset, object.kindRange[1] + piece.offset]);
    return { range, command: { title, command: '' } };
  }));
}
