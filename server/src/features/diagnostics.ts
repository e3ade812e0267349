import type { Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { EvaluationResult } from '../../../shared/src/evaluate/evaluate';
import { problemDiagnostics, violationDiagnostic } from '../convert';

/** All diagnostics of one document: a violation per finding, plus input problems. */
export function diagnosticsFor(doc: TextDocument, result: EvaluationResult): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const object of result.objects) for (const v of object.violations) out.push(violationDiagnostic(doc, object, v));
  out.push(...problemDiagnostics(doc, result.problems));
  return out;
}
