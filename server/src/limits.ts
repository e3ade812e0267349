import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { formatSize } from '../../shared/src/size';
import { fileNote } from './convert';

/**
 * The limits people set (`podsec.maxFileSize`, `podsec.maxDiagnostics`), applied to one open file.
 */

/** The one note a file over the size limit gets instead of being evaluated; undefined when it fits. */
export function fileTooLarge(doc: TextDocument, maxBytes: number): Diagnostic | undefined {
  const text = doc.getText();
  if (!exceedsSize(text, maxBytes)) return undefined;
  const bytes = Buffer.byteLength(text, 'utf8');
  const message = `Pod Security did not check this file: it is ${formatSize(bytes)}, over the podsec.maxFileSize limit of ${formatSize(maxBytes)}.`;
  return fileNote(doc, DiagnosticSeverity.Information, 'file-too-large', message);
}

/**
 * At most `max` diagnostics, plus one note saying how many more there are. The most severe are
 * kept (an error the API server would reject the pod for matters more than an audit note), in text
 * order within a severity, so the list a person sees is stable while they fix things from the top.
 */
export function limitDiagnostics(doc: TextDocument, diagnostics: readonly Diagnostic[], max: number): Diagnostic[] {
  if (diagnostics.length <= max) return [...diagnostics];
  const kept = mostSevere(diagnostics, max).sort(compareStart);
  const more = diagnostics.length - max;
  const message = `Pod Security shows ${max} of the ${diagnostics.length} findings in this file (podsec.maxDiagnostics); ${more} more ${more === 1 ? 'is' : 'are'} not shown.`;
  return [fileNote(doc, DiagnosticSeverity.Information, 'too-many-diagnostics', message), ...kept];
}

/** Whether `text` takes more than `maxBytes` in UTF-8; a UTF-16 code unit takes 1 to 3 bytes, so most texts need no count. */
export function exceedsSize(text: string, maxBytes: number): boolean {
  if (text.length * 3 <= maxBytes) return false;
  return text.length > maxBytes || utf8Length(text) > maxBytes;
}

/** The last text counted: a keystroke asks about the same text twice (index, then evaluation). */
let counted: { text: string; bytes: number } | undefined;

function utf8Length(text: string): number {
  if (counted?.text !== text) counted = { text, bytes: Buffer.byteLength(text, 'utf8') };
  return counted.bytes;
}

/**
 * The first `max` of `diagnostics` sorted stably by severity, then start: each severity's
 * diagnostics in their order, sorted by start. They come nearly sorted (a file's findings in
 * text order, then its problems), which the engine's merge sort finds in linear time; one sort
 * of the whole list by both keys cost milliseconds on every keystroke in a large file.
 */
function mostSevere(diagnostics: readonly Diagnostic[], max: number): Diagnostic[] {
  const bySeverity = new Map<number, Diagnostic[]>();
  for (const d of diagnostics) {
    const list = bySeverity.get(severity(d));
    if (list) list.push(d);
    else bySeverity.set(severity(d), [d]);
  }
  const out: Diagnostic[] = [];
  for (const s of [...bySeverity.keys()].sort((a, b) => a - b)) {
    if (out.length >= max) break;
    for (const d of (bySeverity.get(s) ?? []).sort(compareStart)) {
      if (out.length >= max) break;
      out.push(d);
    }
  }
  return out;
}

function severity(d: Diagnostic): number {
  return d.severity ?? DiagnosticSeverity.Error;
}

function compareStart(a: Diagnostic, b: Diagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}
