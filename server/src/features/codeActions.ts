import { CodeActionKind, type CodeAction, type CodeActionParams } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from '../../../shared/src/fix/types';
import { FIX_ALL_KIND } from '../../../shared/src/protocol';
import type { Analyzed } from '../analysis';
import { workspaceEdit, type EditSupport } from '../convert';
import { complyEdits, complyOffers, type TargetLevel } from './comply';
import { FIX_ALL_TITLE, fixAllEdits, isSafelyFixable } from './fixAll';
import { quickFixes } from './quickFixes';
import { labelQuickFixes } from './whatIf';

export interface CodeActionSupport extends EditSupport {
  /** The client resolves `edit` lazily (`codeAction/resolve`), so costly edits wait for a choice. */
  readonly resolve: boolean;
}

/** What a lazily computed action needs to find its document version again. */
type Deferred = { readonly uri: string; readonly version: number } & ({ readonly action: 'fixAll' } | { readonly action: 'comply'; readonly docIndex: number; readonly level: TargetLevel });

/**
 * Code actions for a range: the quick fixes of the podsec diagnostics in it; on a workload's
 * `kind:` line, "Make this … comply with …"; and, only when asked for by kind (the Source Action
 * menu, `editor.codeActionsOnSave`), "Fix all Pod Security findings in this document".
 */
export function codeActions(doc: TextDocument, analyzed: Analyzed, params: CodeActionParams, support: CodeActionSupport): CodeAction[] {
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
  const out: CodeAction[] = [];
  const at = { uri: doc.uri, version: analyzed.version };
  if (wants(CodeActionKind.QuickFix)) {
    const fixes = quickFixes(doc, analyzed, params.context.diagnostics, support);
    out.push(...fixes, ...labelQuickFixes(doc, analyzed, params.context.diagnostics, support));
    for (const offer of complyOffers(doc, analyzed, params.range)) {
      const deferred: Deferred = { ...at, action: 'comply', docIndex: offer.docIndex, level: offer.level };
      const action = withEdit(doc, analyzed, { title: offer.title, kind: CodeActionKind.QuickFix }, deferred, support);
      if (action) out.push(action);
    }
    // In the light bulb only when it does more than the fix at hand, and only as a deferred edit:
    // fixing a whole file costs a fix-all, too much for every cursor move.
    if (support.resolve && fixes.some((f) => f.isPreferred) && hasSafeFixes(analyzed, 2)) {
      out.push({ title: FIX_ALL_TITLE, kind: CodeActionKind.QuickFix, data: { ...at, action: 'fixAll' } satisfies Deferred });
    }
  }
  if (only && wants(FIX_ALL_KIND)) {
    const action = withEdit(doc, analyzed, { title: FIX_ALL_TITLE, kind: FIX_ALL_KIND }, { ...at, action: 'fixAll' }, { ...support, resolve: false });
    if (action) out.push(action);
  }
  return out;
}

/** Computes the edit of an action offered without one; the action unchanged when its version is gone. */
export function resolveCodeAction(doc: TextDocument, analyzed: Analyzed, action: CodeAction, support: EditSupport): CodeAction {
  const deferred = deferredTarget(action.data);
  if (!deferred || deferred.uri !== doc.uri || deferred.version !== analyzed.version) return action;
  return { ...action, edit: workspaceEdit(doc, editsOf(analyzed, deferred), support) };
}

/** What an action offered without an edit is about (document, version, change), from its data. */
export function deferredTarget(data: unknown): Deferred | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const d = data as Record<string, unknown>;
  if (typeof d['uri'] !== 'string' || typeof d['version'] !== 'number') return undefined;
  if (d['action'] === 'fixAll') return data as Deferred;
  if (d['action'] === 'comply' && typeof d['docIndex'] === 'number' && (d['level'] === 'baseline' || d['level'] === 'restricted')) return data as Deferred;
  return undefined;
}

/** With resolve, the action carries data and no edit; without, the edit, or nothing when empty. */
function withEdit(doc: TextDocument, analyzed: Analyzed, action: CodeAction, deferred: Deferred, support: CodeActionSupport): CodeAction | undefined {
  if (support.resolve) return { ...action, data: deferred };
  const edits = editsOf(analyzed, deferred);
  return edits.length > 0 ? { ...action, edit: workspaceEdit(doc, edits, support) } : undefined;
}

function editsOf(analyzed: Analyzed, deferred: Deferred): TextEdit[] {
  return deferred.action === 'fixAll' ? fixAllEdits(analyzed) : complyEdits(analyzed, deferred.docIndex, deferred.level);
}

/** Whether the file has at least `n` findings fix-all would fix; counted once per version. */
function hasSafeFixes(analyzed: Analyzed, n: number): boolean {
  return analyzed.memo(`safe-fixes>=${n}`, () => {
    let count = 0;
    // Ranges do not matter here: each document's own result is read as it is.
    for (const piece of analyzed.placement.pieces) {
      for (const object of piece.result.objects) for (const v of object.violations) if (isSafelyFixable(v) && ++count >= n) return true;
    }
    return false;
  });
}
