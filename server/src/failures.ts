import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fileNote } from './convert';

/**
 * A bug in podsec must cost one document, not the server: the failure is logged once (the same
 * failure of the same document on every keystroke would bury the log) and the document gets one
 * error saying podsec failed on it, while other documents are checked as usual.
 */
export class FailureLog {
  /** The failure last logged per document, so it is logged again only when it changes. */
  private readonly logged = new Map<string, string>();

  constructor(private readonly log: (message: string) => void) {}

  failed(doc: TextDocument, error: unknown): Diagnostic {
    const message = error instanceof Error ? error.message : String(error);
    if (this.logged.get(doc.uri) !== message) {
      this.logged.set(doc.uri, message);
      this.log(`podsec: evaluating ${doc.uri} failed: ${error instanceof Error ? (error.stack ?? message) : message}`);
    }
    return fileNote(doc, DiagnosticSeverity.Error, 'podsec-failed', `Pod Security failed on this file: ${message}. Other files are still checked; the Pod Security output has the details.`);
  }

  /** The document was evaluated again without failing (or closed): a later failure is news. */
  forget(uri: string): void {
    this.logged.delete(uri);
  }
}

/**
 * Tests only: `PODSEC_TEST_FAIL_ON=<marker>` in the server's environment makes evaluating any
 * text that contains the marker throw, so the LSP tests can prove failure isolation without a
 * real bug. Read once at start; unset, it costs one comparison.
 */
const TEST_FAIL_MARKER = process.env['PODSEC_TEST_FAIL_ON'] || undefined;

export function failIfTestMarker(text: string): void {
  if (TEST_FAIL_MARKER !== undefined && text.includes(TEST_FAIL_MARKER)) throw new Error(`test failure (PODSEC_TEST_FAIL_ON=${TEST_FAIL_MARKER})`);
}
