import type { Diagnostic } from 'vscode-languageserver';
import { DiagnosticSeverity } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { mapPolicy } from '../../../../shared/src/psp/mapping';
import { PSP_DOC_URL, removedMessage } from '../../../../shared/src/psp/migration';
import { findPolicies, mayHoldPsp, type PspObject } from '../../../../shared/src/psp/objects';
import type { PieceResult } from '../../../../shared/src/evaluate/placed';
import type { PspMapping } from '../../../../shared/src/psp/types';
import type { Analyzed } from '../../analysis';
import { SOURCE, toRange } from '../../convert';

export const PSP_REMOVED = 'psp-removed';

/**
 * The PodSecurityPolicies of one analysed version with their level, found once per version: a
 * native substring test first, so files without the kind cost nothing on a keystroke, and only
 * the documents that pass it are parsed again (analysis.ts keeps no trees).
 */
export function policiesOf(analyzed: Analyzed): ReadonlyArray<{ policy: PspObject; mapping: PspMapping }> {
  return analyzed.memo('psp', () => (anyPieceMayHoldPsp(analyzed) ? findPolicies(analyzed.documents.filter((d) => d.source === undefined || mayHoldPsp(d.source))).map((policy) => ({ policy, mapping: mapPolicy(policy.value) })) : []));
}

/**
 * Whether a piece's text names the kind, by piece result: the result stays the same object while
 * the piece's text is unchanged, so a keystroke tests only the `---` document it edited, not the
 * whole file.
 */
const pieceMayHoldPsp = new WeakMap<PieceResult, boolean>();

function anyPieceMayHoldPsp(analyzed: Analyzed): boolean {
  let any = false;
  for (const piece of analyzed.placement.pieces) {
    let may = pieceMayHoldPsp.get(piece.result);
    if (may === undefined) {
      may = mayHoldPsp(analyzed.text.slice(piece.span[0], piece.span[1]));
      pieceMayHoldPsp.set(piece.result, may);
    }
    any ||= may;
  }
  return any;
}

/** One Warning per PodSecurityPolicy, on its `kind:`: the API is gone, and what replaces it. */
export function pspDiagnostics(doc: TextDocument, analyzed: Analyzed): Diagnostic[] {
  return policiesOf(analyzed).map(({ policy, mapping }) => ({
    range: toRange(doc, policy.kindRange),
    severity: DiagnosticSeverity.Warning,
    code: PSP_REMOVED,
    codeDescription: { href: PSP_DOC_URL },
    source: SOURCE,
    message: removedMessage(policy, mapping.level),
    data: { level: mapping.level },
  }));
}
