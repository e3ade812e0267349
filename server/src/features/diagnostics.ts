import type { Diagnostic, Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { PieceResult, Placement, PlacedPiece } from '../../../shared/src/evaluate/placed';
import type { Problem } from '../../../shared/src/yaml/range';
import { problemDiagnostics, violationDiagnostic, type Positions } from '../convert';

/**
 * All diagnostics of one file version: a violation per finding, then input problems, with one
 * "not evaluated" note for the file's first syntax error (convert.ts).
 *
 * Assembled from per-document pieces, so a keystroke converts only the document it changed: each
 * piece's diagnostics are converted once, with lines counted from the line the piece starts on
 * (a `---` document starts a line, so only lines move when text above it changes), and kept as
 * long as the piece's evaluation is the same object. Placing them where the piece now starts
 * copies them only when that line moved.
 */
export class DiagnosticsCache {
  private readonly pieces = new WeakMap<PieceResult, Converted>();

  diagnostics(doc: TextDocument, placement: Placement, folders: readonly string[], extraProblems: readonly Problem[] = []): Diagnostic[] {
    const violations: Diagnostic[] = [];
    const problems: Diagnostic[] = [];
    let note: Diagnostic | undefined;
    for (const piece of placement.pieces) {
      const placed = this.placed(doc, piece, folders);
      if (!placed) continue;
      for (const d of placed.violations) violations.push(d);
      const ownNote = placed.hasNote ? placed.problems[0] : undefined;
      note ??= ownNote;
      for (const d of ownNote ? placed.problems.slice(1) : placed.problems) problems.push(d);
    }
    if (extraProblems.length > 0) {
      const extra = problemDiagnostics(doc, extraProblems);
      const extraNote = extraProblems.some((p) => p.code === 'yaml-syntax') ? extra.shift() : undefined;
      note ??= extraNote;
      problems.push(...extra);
    }
    if (note) problems.unshift(note);
    return [...violations, ...problems];
  }

  /** A piece's diagnostics where it now lies, converted at most once per evaluation of it. */
  private placed(doc: TextDocument, piece: PlacedPiece, folders: readonly string[]): Placed | undefined {
    let converted = this.pieces.get(piece.result);
    // Most documents of a large file have nothing to show: they cost one lookup.
    if (converted === NOTHING) return undefined;
    const base = doc.positionAt(piece.offset);
    if (!converted || converted.folders !== folders) {
      converted = hasDiagnostics(piece.result) ? convert(relativeTo(doc, piece.offset, base), piece.result, folders) : NOTHING;
      this.pieces.set(piece.result, converted);
      if (converted === NOTHING) return undefined;
    }
    const at = converted.at;
    if (at && at.line === base.line && at.character === base.character) return at;
    const move = (d: Diagnostic): Diagnostic => ({ ...d, range: { start: moved(d.range.start, base), end: moved(d.range.end, base) } });
    converted.at = { ...base, hasNote: converted.hasNote, violations: converted.violations.map(move), problems: converted.problems.map(move) };
    return converted.at;
  }
}

interface Placed {
  readonly line: number;
  readonly character: number;
  readonly hasNote: boolean;
  readonly violations: readonly Diagnostic[];
  readonly problems: readonly Diagnostic[];
}

interface Converted {
  readonly folders: readonly string[];
  /** Positions relative to the piece's start: lines from its line, characters on that line from its column. */
  readonly violations: readonly Diagnostic[];
  readonly problems: readonly Diagnostic[];
  /** `problems[0]` is the piece's "not evaluated" note. */
  readonly hasNote: boolean;
  /** The diagnostics as last placed. */
  at?: Placed;
}

const NOTHING: Converted = { folders: [], violations: [], problems: [], hasNote: false };

function hasDiagnostics(result: PieceResult): boolean {
  return result.problems.length > 0 || result.objects.some((o) => o.violations.length > 0);
}

function convert(doc: Positions, result: PieceResult, folders: readonly string[]): Converted {
  const violations: Diagnostic[] = [];
  for (const object of result.objects) for (const v of object.violations) violations.push(violationDiagnostic(doc, object, v, folders));
  return { folders, violations, problems: problemDiagnostics(doc, result.problems), hasNote: result.problems.some((p) => p.code === 'yaml-syntax') };
}

/** Offsets relative to `offset`, turned into positions relative to `base`, its position. */
function relativeTo(doc: TextDocument, offset: number, base: Position): Positions {
  return {
    positionAt(relative: number): Position {
      const p = doc.positionAt(offset + relative);
      return { line: p.line - base.line, character: p.line === base.line ? p.character - base.character : p.character };
    },
  };
}

function moved(p: Position, base: Position): Position {
  return { line: p.line + base.line, character: p.line === 0 ? p.character + base.character : p.character };
}
