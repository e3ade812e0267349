import type { Problem, Range } from '../yaml/range';
import type { EvaluationResult, ObjectResult } from './evaluate';

/**
 * What one piece of a file evaluated to, with ranges relative to `offset` of the piece's
 * placement: a `---` document parsed on its own (at most one object), or, for a stream the
 * split cannot cut, the whole file at offset 0. The object stays the same (`===`) for as long as
 * neither the piece's text nor the evaluation context changes, so callers can cache what they
 * derive from it (the language server keeps each document's converted diagnostics this way).
 */
export interface PieceResult {
  readonly objects: readonly ObjectResult[];
  /** Sorted by start. */
  readonly problems: readonly Problem[];
}

/** A piece in one version of the file. */
export interface PlacedPiece {
  readonly result: PieceResult;
  /** Where the piece's relative ranges start in the file (a line start for a `---` document). */
  readonly offset: number;
  /** The file's text the piece covers; pieces are in order and do not overlap. */
  readonly span: Range;
  /** Added to each object's `docIndex`. */
  readonly index: number;
}

/**
 * One version of a file as its pieces, with absolute ranges computed only where asked: a
 * keystroke in a 3,000-document file moves every later document, and shifting all their findings
 * would cost more than evaluating the one that changed. `result` (the whole file, as `evaluate`
 * returns it) is built on first use; hover and code actions ask for one piece.
 */
export class Placement {
  private whole: EvaluationResult | undefined;
  private readonly placed = new Map<PlacedPiece, readonly ObjectResult[]>();

  constructor(
    readonly pieces: readonly PlacedPiece[],
    readonly documentCount: number,
    /** Moves an object by an offset and sets its document index (evaluate/incremental.ts). */
    private readonly move: (object: ObjectResult, docIndex: number, offset: number) => ObjectResult,
  ) {}

  /**
   * The pieces whose span holds `offset`, ends included: one, or two where one ends and the next
   * begins. Every range of a piece lies in its span, so these hold every object a hover or code
   * action at `offset` can be about.
   */
  piecesAt(offset: number): PlacedPiece[] {
    return this.piecesIn(offset, offset);
  }

  /** The pieces whose span meets `[from, to]`, ends included. */
  piecesIn(from: number, to: number): PlacedPiece[] {
    let low = 0;
    let high = this.pieces.length;
    // The first piece that does not end before `from`.
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((this.pieces[mid] as PlacedPiece).span[1] < from) low = mid + 1;
      else high = mid;
    }
    const out: PlacedPiece[] = [];
    for (let i = low; i < this.pieces.length && (this.pieces[i] as PlacedPiece).span[0] <= to; i++) out.push(this.pieces[i] as PlacedPiece);
    return out;
  }

  /** A piece's objects with file ranges and document indices. */
  objectsOf(piece: PlacedPiece): readonly ObjectResult[] {
    let objects = this.placed.get(piece);
    if (!objects) {
      objects = piece.result.objects.map((o) => this.move(o, o.docIndex + piece.index, piece.offset));
      this.placed.set(piece, objects);
    }
    return objects;
  }

  /** The objects, with file ranges, of the pieces at `offset` (see piecesAt). */
  objectsAt(offset: number): ObjectResult[] {
    return this.piecesAt(offset).flatMap((p) => this.objectsOf(p));
  }

  /** The objects, with file ranges, of the pieces that meet `[from, to]`. */
  objectsIn(from: number, to: number): ObjectResult[] {
    return this.piecesIn(from, to).flatMap((p) => this.objectsOf(p));
  }

  /** The object of a document index, with file ranges. */
  objectOfDocument(docIndex: number): ObjectResult | undefined {
    let low = 0;
    let high = this.pieces.length;
    // The first piece that starts after `docIndex`; the one before it holds the document.
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((this.pieces[mid] as PlacedPiece).index <= docIndex) low = mid + 1;
      else high = mid;
    }
    const piece = this.pieces[low - 1];
    return piece && this.objectsOf(piece).find((o) => o.docIndex === docIndex);
  }

  /** The whole file's result with file ranges, as `evaluate` returns it. */
  get result(): EvaluationResult {
    if (!this.whole) {
      const objects: ObjectResult[] = [];
      const problems: Problem[] = [];
      for (const piece of this.pieces) {
        objects.push(...this.objectsOf(piece));
        for (const p of piece.result.problems) problems.push(piece.offset === 0 ? p : { ...p, range: [p.range[0] + piece.offset, p.range[1] + piece.offset] });
      }
      this.whole = { objects, problems, documentCount: this.documentCount };
    }
    return this.whole;
  }
}
