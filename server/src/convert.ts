import { CodeActionKind, DiagnosticSeverity, type CodeAction, type Diagnostic, type WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { checkDocUrl } from '../../shared/src/checks/docs';
import type { ObjectResult, Violation } from '../../shared/src/evaluate/evaluate';
import type { Fix, TextEdit } from '../../shared/src/fix/types';
import type { Mode } from '../../shared/src/policy/policy';
import type { Problem, Range } from '../../shared/src/yaml/range';
import { describeSource } from './describe';

/** The only Finding → LSP mapping (STYLE.md §1): nothing else in the server builds diagnostics. */

export const SOURCE = 'podsec';

const SEVERITY: Record<Mode, DiagnosticSeverity> = {
  enforce: DiagnosticSeverity.Error,
  warn: DiagnosticSeverity.Warning,
  audit: DiagnosticSeverity.Information,
};

const PROBLEM_SEVERITY: Record<Problem['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  // Warnings are about podsec's own input (a `# podsec-ignore` comment without a reason, …).
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** What converting offsets takes: a TextDocument, or a view of one relative to a piece of it. */
export type Positions = Pick<TextDocument, 'positionAt'>;

export function toRange(doc: Positions, range: Range) {
  return { start: doc.positionAt(range[0]), end: doc.positionAt(range[1]) };
}

/**
 * One diagnostic per violation, worded as the API server words that check: the rejection for
 * enforce, the warning for warn and audit. What is said of a controller's pods (all of a custom
 * resource's results, which PSA never evaluates itself) says so.
 */
export function violationDiagnostic(doc: Positions, object: ObjectResult, v: Violation, folders: readonly string[]): Diagnostic {
  const entry = `${v.reason}${v.detail ? ` (${v.detail})` : ''}`;
  const ofPods = !object.isPod && (v.mode === 'enforce' || object.customResource) ? 'pods of this workload: ' : '';
  const message = `${ofPods}${v.mode === 'enforce' ? 'violates' : 'would violate'} PodSecurity "${v.pair}": ${entry}`;
  const source = object.policy.sources?.[v.mode];
  return {
    range: toRange(doc, v.range),
    severity: SEVERITY[v.mode],
    code: v.checkId,
    codeDescription: { href: checkDocUrl(v.checkId) },
    source: SOURCE,
    // The per-node sentence only adds something when the detail names several places.
    message: `${message}${v.message !== v.detail ? `\n${v.message}` : ''}\n${v.mode} level from ${describeSource(source, folders)}`,
    relatedInformation: source?.uri && source.line ? [{ location: { uri: source.uri, range: lineRange(source.line) }, message: source.description }] : undefined,
    data: { checkId: v.checkId, mode: v.mode, pair: v.pair, messageId: v.messageId },
  };
}

/**
 * Syntax errors are the YAML extension's job: one quiet note that the document was not
 * evaluated, at the first error, instead of a flood.
 */
export function problemDiagnostics(doc: Positions, problems: readonly Problem[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const syntax = problems.find((p) => p.code === 'yaml-syntax');
  if (syntax) {
    out.push({ range: toRange(doc, syntax.range), severity: DiagnosticSeverity.Information, source: SOURCE, code: 'yaml-syntax', message: `Pod Security not evaluated for this document: ${syntax.message}` });
  }
  for (const p of problems) {
    if (p.code === 'yaml-syntax') continue;
    out.push({ range: toRange(doc, p.range), severity: PROBLEM_SEVERITY[p.severity], source: SOURCE, code: p.code, message: p.message });
  }
  return out;
}

/**
 * A diagnostic about the whole file (not evaluated, failed, more not shown), on the start of its
 * first line: where a person looks first, and a range that exists in any text.
 */
export function fileNote(doc: TextDocument, severity: DiagnosticSeverity, code: string, message: string): Diagnostic {
  const text = doc.getText();
  const firstLineEnd = text.search(/[\r\n]/);
  const end = Math.min(firstLineEnd < 0 ? text.length : firstLineEnd, 80);
  return { range: { start: { line: 0, character: 0 }, end: doc.positionAt(end) }, severity, source: SOURCE, code, message };
}

/** What the client said it accepts in code actions. */
export interface EditSupport {
  /** Versioned `documentChanges`: the editor refuses an edit computed for an older version. */
  readonly documentChanges: boolean;
}

/** Edits on the document's current text; `doc` must be the version they were computed on. */
export function workspaceEdit(doc: TextDocument, edits: readonly TextEdit[], support: EditSupport): WorkspaceEdit {
  const lsp = edits.map((e) => ({ range: toRange(doc, e.range), newText: e.newText }));
  return support.documentChanges ? { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits: lsp }] } : { changes: { [doc.uri]: lsp } };
}

/**
 * A fix as a quick fix for the diagnostics it resolves. Fixes that take something away from the
 * workload (volumes) are never preferred, so no editor applies them without a person choosing.
 */
export function fixAction(doc: TextDocument, fix: Fix, diagnostics: Diagnostic[], support: EditSupport): CodeAction {
  return { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics, isPreferred: fix.safe && fix.isPreferred, edit: workspaceEdit(doc, fix.edits, support) };
}

/** A whole line of another document, where only the line is known. */
function lineRange(line: number) {
  return { start: { line: line - 1, character: 0 }, end: { line: line, character: 0 } };
}
