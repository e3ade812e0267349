import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { rng } from '../../test/support/randomEdits';
import { limitDiagnostics } from './limits';

/** What limitDiagnostics keeps, as first written: one stable sort by severity then start. */
function reference(diagnostics: readonly Diagnostic[], max: number): Diagnostic[] {
  const start = (d: Diagnostic) => d.range.start.line * 1e6 + d.range.start.character;
  return [...diagnostics]
    .sort((a, b) => (a.severity ?? 1) - (b.severity ?? 1) || start(a) - start(b))
    .slice(0, max)
    .sort((a, b) => start(a) - start(b));
}

describe('limitDiagnostics', () => {
  it('keeps the most severe in text order, as one sort by severity and start would', () => {
    const doc = TextDocument.create('file:///x.yaml', 'yaml', 1, 'kind: Pod\n');
    const next = rng(5);
    for (let round = 0; round < 200; round++) {
      // Findings in text order, then problems anywhere, as a file's diagnostics come.
      const n = 1 + Math.floor(next() * 60);
      const made: Diagnostic[] = [];
      for (let i = 0; i < n; i++) {
        const line = i < n / 2 ? i : Math.floor(next() * n);
        const severity = [DiagnosticSeverity.Error, DiagnosticSeverity.Warning, DiagnosticSeverity.Information, undefined][Math.floor(next() * 4)];
        made.push({ range: { start: { line, character: Math.floor(next() * 3) }, end: { line, character: 9 } }, severity, message: `d${i}` });
      }
      const max = 1 + Math.floor(next() * n);
      const got = limitDiagnostics(doc, made, max);
      if (n <= max) assert.deepEqual(got, made);
      else assert.deepEqual(got.slice(1), reference(made, max), `round ${round}`);
    }
  });
});
