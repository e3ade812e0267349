import type { Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { EvaluationResult } from '../../../shared/src/evaluate/evaluate';
import type { Problem } from '../../../shared/src/yaml/range';
import { problemDiagnostics, violationDiagnostic } from '../convert';

/** All diagnostics of one document: a violation per finding, plus input problems. */
export function diagnosticsFor(doc: TextDocument, result: EvaluationResult, folders: readonly string[], extraProblems: readonly Problem[] = []): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const object of result.objects) for (const v of object.violations) out.push(violationDiagnostic(doc, object, v, folders));
  out.push(...problemDiagnostics(doc, [...result.problems, ...extraProblems]));
  return out;
}
