import { changedRegion } from '../changedRegion';
import type { Range, Problem } from '../yaml/range';
import { parseFast } from '../yaml/fast';
import { parseDocuments, type ParsedDocument } from '../yaml/parse';
import { splitDocuments } from '../yaml/split';
import { evaluateDocument, evaluateDocuments } from './document';
import type { EvaluateOptions, EvaluationResult, ObjectResult } from './evaluate';
import { asHelmTemplate } from './helm';
import type { FixOp, FixPlan } from '../fix/types';
import type { Finding } from './finding';
import { Placement, type PieceResult, type PlacedPiece } from './placed';

/** One document's text with what it parsed and evaluated to, its ranges relative to its text. */
interface Entry {
  readonly source: string;
  /** What the parse found, without the tree: enough to place the document and report on it. */
  readonly outline: Outline;
  /** The tree, kept only by an evaluator that keeps trees (see `lean`); else parsed again on demand. */
  parsed: ParsedDocument | undefined;
  readonly base: { offset: number };
  /**
   * The evaluation under the options of `generation`, ranges relative to `source`; parsing
   * outlives a context change. A new object whenever it is evaluated again (see PieceResult).
   */
  evaluated: PieceResult & { readonly generation: number; readonly object: ObjectResult | undefined };
}

type Outline = Pick<ParsedDocument, 'range' | 'errors' | 'problems'>;

/** An entry placed in one version of the file: nothing is shifted until someone asks. */
interface Placed {
  readonly entry: Entry;
  readonly start: number;
  readonly end: number;
  readonly index: number;
}

export interface Evaluated {
  /** The whole file's result with file ranges, built on first use (see Placement). */
  readonly result: EvaluationResult;
  /**
   * The documents, with file ranges, by document index. A lean evaluator parses a document's
   * tree (`doc`) again when it is first read, once per version: read `doc` only where needed.
   */
  readonly documents: readonly ParsedDocument[];
  /** The same result piece by piece, ranges relative to each piece. */
  readonly placement: Placement;
}

/**
 * Evaluates successive versions of one file, re-parsing and re-evaluating only the documents
 * whose text changed: an edit inside one document of a 3,000-document file costs that document.
 * Documents are found by their `---` lines (yaml/split.ts). The documents before and after the
 * edited region are recognised by position (compared natively, never hashed), the ones inside it
 * by their exact text, so a result can never belong to other text. One instance serves one file
 * under one context (settings and namespace context): make a new one when the context changes.
 *
 * `evaluate(text)` is this with nothing cached, so the editor and the CLI agree; a test drives
 * random edits and compares, and checks that for valid YAML the result is what parsing the whole
 * stream at once gives. Streams the split cannot cut (`...` markers, `%` directives) are parsed
 * whole.
 */
export class IncrementalEvaluator {
  private previous: { text: string; placed: Placed[] } | undefined;
  private generation = 0;

  /**
   * `lean`: keep each document's text and result, not its tree. The trees of a large file are
   * most of its memory (a 4 MB file's are about 90 MB), and only fixes read them: the fix plans
   * of a lean result re-parse and re-evaluate their one document when first rendered
   * (`lazyPlans`), and `documents` parse theirs when read. The language server is lean; the CLI,
   * which reads every fix of a file once, is not.
   */
  constructor(
    private options: EvaluateOptions,
    private readonly lean = false,
  ) {}

  /**
   * A new context (settings, namespace labels): every document is evaluated again on the next
   * call, but none is parsed again, and parsing is most of the cost.
   */
  setOptions(options: EvaluateOptions): void {
    this.options = options;
    this.generation++;
    if (this.previous) this.previous = { text: this.previous.text, placed: this.previous.placed.map((p) => this.placeEntry(p.entry, p.start, p.end, p.index)) };
  }

  /** Evaluates `text`; a Helm template that is not YAML gets one note instead (evaluate/helm.ts). */
  evaluate(text: string): Evaluated {
    const evaluated = this.evaluateStream(text);
    // Only the syntax errors count (evaluate/helm.ts): the whole result is not built for them.
    const syntax: Problem[] = [];
    for (const piece of evaluated.placement.pieces) for (const problem of piece.result.problems) if (problem.code === 'yaml-syntax') syntax.push(problem);
    const template = syntax.length > 0 ? asHelmTemplate(text, { objects: [], problems: syntax, documentCount: evaluated.placement.documentCount }) : undefined;
    if (!template) return evaluated;
    const placement = new Placement([{ result: template, offset: 0, span: [0, text.length], index: 0 }], template.documentCount, placeObject);
    return { result: template, documents: evaluated.documents, placement };
  }

  private evaluateStream(text: string): Evaluated {
    if (text.startsWith('...') || text.startsWith('%')) return this.whole(text);
    // A version that was split had neither: only the edited region can bring one (see place).
    if (!this.previous && (text.includes('\n...') || text.includes('\n%'))) return this.whole(text);
    const placed = this.place(text);
    if (!placed) return this.whole(text);
    this.previous = { text, placed };
    const pieces: PlacedPiece[] = [];
    for (const p of placed) {
      p.entry.base.offset = p.start;
      pieces.push({ result: p.entry.evaluated, offset: p.start, span: [p.start, p.end], index: p.index });
    }
    const placement = new Placement(pieces, placed.length, placeObject);
    let documents: ParsedDocument[] | undefined;
    return {
      get result() {
        return placement.result;
      },
      placement,
      // Placed on first use: only fixes read them, and a keystroke should not pay for 3,000.
      get documents() {
        return (documents ??= placed.map((p) => placeDocument(p.entry, p.index, p.start)));
      },
    };
  }

  /** The documents of `text`, reusing what the previous version already evaluated. */
  private place(text: string): Placed[] | undefined {
    const old = this.previous;
    if (!old) return this.placeRegion(text, 0, text.length, 0, new Map());
    const before = old.placed;
    const delta = text.length - old.text.length;
    // What changed, found in one native comparison of the two versions: the documents wholly
    // before it or after it hold the same text, so no document is compared on its own.
    const changed = changedRegion(old.text, text);
    if (!changed) return before;
    // Unchanged documents at the front, at the same place. The last of them is re-split too,
    // since an edit right after it may have moved where it ends.
    let k = 0;
    while (k < before.length && (before[k] as Placed).end <= changed.start) k++;
    const front = Math.max(0, k - 1);
    // Unchanged documents at the back, shifted by the length change, still starting a line.
    let j = before.length;
    while (j > front + 1) {
      const p = before[j - 1] as Placed;
      const at = p.start + delta;
      // It must still start after the re-split region's start, at a line start, with its text.
      if (at <= (before[front] as Placed).start || p.start < changed.beforeEnd || (at > 0 && text.charCodeAt(at - 1) !== 10)) break;
      j--;
    }
    const regionStart = front < before.length ? (before[front] as Placed).start : 0;
    const regionEnd = j < before.length ? (before[j] as Placed).start + delta : text.length;
    // The previous version had no `...` or `%` line; a new one overlaps the re-split region.
    const edited = text.slice(Math.max(0, regionStart - 4), regionEnd + 4);
    if (edited.includes('\n...') || edited.includes('\n%')) return undefined;
    const byText = new Map<string, Entry[]>();
    for (let i = front; i < j; i++) {
      const entry = (before[i] as Placed).entry;
      const list = byText.get(entry.source);
      if (list) list.push(entry);
      else byText.set(entry.source, [entry]);
    }
    const middle = this.placeRegion(text, regionStart, regionEnd, front, byText);
    if (!middle) return undefined;
    const shift = middle.length - (j - front);
    const tail = before.slice(j).map((p) => (delta === 0 && shift === 0 ? p : { entry: p.entry, start: p.start + delta, end: p.end + delta, index: p.index + shift }));
    return [...before.slice(0, front), ...middle, ...tail];
  }

  private placeRegion(text: string, from: number, to: number, firstIndex: number, byText: Map<string, Entry[]>): Placed[] | undefined {
    const out: Placed[] = [];
    const region = text.slice(from, to);
    const spans = from === to && from === text.length && text.length > 0 ? [] : splitDocuments(region);
    for (const [i, [s, e]] of spans.entries()) {
      const source = region.slice(s, e);
      const entry = byText.get(source)?.shift() ?? newEntry(source);
      if (!entry) return undefined;
      out.push(this.placeEntry(entry, from + s, from + e, firstIndex + i));
    }
    return out;
  }

  private placeEntry(entry: Entry, start: number, end: number, index: number): Placed {
    if (entry.evaluated.generation !== this.generation) {
      const options = this.options;
      const { object, problems } = evaluateDocument(treeOf(entry), options, entry.source);
      problems.sort((a, b) => a.range[0] - b.range[0]);
      entry.evaluated = { generation: this.generation, object, problems, objects: object ? [object] : [] };
      if (this.lean) {
        if (object) lazyPlans(object, () => evaluateDocument(treeOf(entry), options, entry.source).object);
        entry.parsed = undefined;
      }
    }
    return { entry, start, end, index };
  }

  /** The whole-file path, for streams the split cannot cut: no reuse, and nothing cached. */
  private whole(text: string): Evaluated {
    this.previous = undefined;
    const documents = parseDocuments(text);
    const result = evaluateDocuments(documents, this.options, text);
    return { result, documents, placement: new Placement([{ result, offset: 0, span: [0, text.length], index: 0 }], result.documentCount, placeObject) };
  }
}

function newEntry(slice: string): Entry | undefined {
  // A copy, not a slice: a slice would keep the whole version of the file it came from alive.
  const source = slice.length > 0 ? (slice + ' ').slice(0, -1) : slice;
  const base = { offset: 0 };
  const parsed = parseSource(source, base);
  if (!parsed) return undefined;
  const outline: Outline = { range: parsed.range, errors: parsed.errors, problems: parsed.problems };
  return { source, outline, parsed, base, evaluated: { generation: -1, object: undefined, problems: [], objects: [] } };
}

function parseSource(source: string, base: { offset: number }): ParsedDocument | undefined {
  // The fast parser gives the same documents for the plain YAML of most manifests (yaml/fast.ts).
  const fast = parseFast(source);
  const docs = fast ? [fast] : parseDocuments(source);
  const only = docs[0];
  if (docs.length !== 1 || !only) return undefined;
  return { ...only, source, base };
}

/** The entry's tree: kept, or parsed again from its text, which parsed once, so parses again. */
function treeOf(entry: Entry): ParsedDocument {
  return entry.parsed ?? parseSource(entry.source, entry.base) ?? { ...entry.outline, index: 0, doc: undefined as unknown as ParsedDocument['doc'], source: entry.source, base: entry.base };
}

/** The entry as a document of one version; its tree is parsed (once) only when `doc` is read. */
function placeDocument(entry: Entry, index: number, start: number): ParsedDocument {
  const { range, errors, problems } = entry.outline;
  let tree = entry.parsed;
  return {
    index,
    range: shift(range, start),
    errors: shiftAll(errors, start),
    problems,
    source: entry.source,
    base: entry.base,
    get doc() {
      return (tree ??= treeOf(entry)).doc;
    },
  };
}

/**
 * Fix plans that hold no tree: each plan of `object` keeps its id, title and flags, and gets its
 * operations (views onto the tree) when first read, from `again()`: the document parsed and
 * evaluated once more, under the same options, which gives the same plans in the same order.
 * Should it not (a policy resolver that now answers differently), the plans get no operations,
 * and `renderFix` offers nothing rather than a fix for another finding.
 */
export function lazyPlans(object: ObjectResult, again: () => ObjectResult | undefined): void {
  const plans = plansOf(object);
  if (plans.length === 0) return;
  let resolved: ReadonlyArray<readonly FixOp[]> | undefined;
  const resolve = (): ReadonlyArray<readonly FixOp[]> => {
    if (!resolved) {
      const fresh = again();
      const found = fresh ? plansOf(fresh) : [];
      const same = found.length === plans.length && found.every((p, i) => samePlan(p, plans[i] as FixPlan));
      resolved = plans.map((_, i) => (same ? (found[i] as FixPlan).ops : []));
    }
    return resolved;
  };
  plans.forEach((plan, i) => Object.defineProperty(plan, 'ops', { get: () => resolve()[i], enumerable: true, configurable: true }));
}

/** Every plan of an object once, in the order evaluation makes them. */
function plansOf(object: ObjectResult): FixPlan[] {
  const seen = new Set<FixPlan>();
  const add = (findings: readonly Finding[]) => {
    for (const f of findings) for (const plan of f.fixes) seen.add(plan);
  };
  for (const mode of object.modes) for (const result of mode.results) add(result.findings);
  add(object.violations);
  add(object.suppressed);
  return [...seen];
}

function samePlan(a: FixPlan, b: FixPlan): boolean {
  return a.id === b.id && a.title === b.title && a.safe === b.safe && a.isPreferred === b.isPreferred;
}

function shiftAll(problems: readonly Problem[], by: number): readonly Problem[] {
  return problems.length === 0 || by === 0 ? problems : problems.map((p) => ({ ...p, range: shift(p.range, by) }));
}

function shift(range: Range, by: number): Range {
  return [range[0] + by, range[1] + by];
}

/** An object moved by `offset`, with its document index set (what Placement calls per piece). */
function placeObject(object: ObjectResult, docIndex: number, offset: number): ObjectResult {
  if (offset === 0 && object.docIndex === docIndex) return object;
  return {
    ...object,
    docIndex,
    kindRange: shift(object.kindRange, offset),
    violations: object.violations.map((v) => ({ ...v, range: shift(v.range, offset) })),
    suppressed: object.suppressed.map((v) => ({ ...v, range: shift(v.range, offset), suppression: { ...v.suppression, range: shift(v.suppression.range, offset) } })),
  };
}
