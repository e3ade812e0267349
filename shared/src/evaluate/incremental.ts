import type { Range, Problem } from '../yaml/range';
import { parseDocuments, type ParsedDocument } from '../yaml/parse';
import { splitDocuments } from '../yaml/split';
import { evaluateDocument, evaluateDocuments } from './document';
import type { EvaluateOptions, EvaluationResult, ObjectResult } from './evaluate';

/** One document's text with what it parsed and evaluated to, its ranges relative to its text. */
interface Entry {
  readonly parsed: ParsedDocument;
  readonly object: ObjectResult | undefined;
  readonly problems: readonly Problem[];
  readonly base: { offset: number };
}

export interface Evaluated {
  readonly result: EvaluationResult;
  /** The documents, with file ranges, by document index. */
  readonly documents: readonly ParsedDocument[];
}

/**
 * Evaluates successive versions of one file, re-parsing and re-evaluating only the documents
 * whose text changed: an edit inside one document of a 3,000-document file costs that document.
 * Documents are found by their `---` lines (yaml/split.ts) and keyed by their exact text, so a
 * result can never belong to other text. One instance serves one file under one context (settings
 * and namespace context): make a new one when the context changes.
 *
 * `evaluate(text)` is this with nothing cached, so the editor and the CLI agree; a test drives
 * random edits and compares, and checks that for valid YAML the result is what parsing the whole
 * stream at once gives. Streams the split cannot cut (`...` markers, `%` directives) are parsed
 * whole.
 */
export class IncrementalEvaluator {
  private entries = new Map<string, Entry[]>();

  constructor(private readonly options: EvaluateOptions) {}

  evaluate(text: string): Evaluated {
    if (/^(?:\.\.\.|%)/m.test(text)) return this.whole(text);
    const previous = this.entries;
    const next = new Map<string, Entry[]>();
    const documents: ParsedDocument[] = [];
    const objects: ObjectResult[] = [];
    const problems: Problem[] = [];
    for (const [index, [start, end]] of splitDocuments(text).entries()) {
      const source = text.slice(start, end);
      const entry = previous.get(source)?.shift() ?? this.evaluateSource(source);
      if (!entry) return this.whole(text);
      const list = next.get(source);
      if (list) list.push(entry);
      else next.set(source, [entry]);
      entry.base.offset = start;
      documents.push(place(entry.parsed, index, start));
      if (entry.object) objects.push(placeObject(entry.object, index, start));
      for (const p of entry.problems) problems.push({ ...p, range: shift(p.range, start) });
    }
    this.entries = next;
    problems.sort((a, b) => a.range[0] - b.range[0]);
    return { result: { objects, problems, documentCount: documents.length }, documents };
  }

  private evaluateSource(source: string): Entry | undefined {
    const docs = parseDocuments(source);
    const only = docs[0];
    if (docs.length !== 1 || !only) return undefined;
    const base = { offset: 0 };
    const parsed: ParsedDocument = { ...only, source, base };
    const { object, problems } = evaluateDocument(parsed, this.options);
    return { parsed, object, problems, base };
  }

  /** The whole-file path, for streams the split cannot cut: no reuse, and nothing cached. */
  private whole(text: string): Evaluated {
    this.entries = new Map();
    const documents = parseDocuments(text);
    return { result: evaluateDocuments(documents, this.options), documents };
  }
}

function shift(range: Range, by: number): Range {
  return [range[0] + by, range[1] + by];
}

function place(parsed: ParsedDocument, index: number, offset: number): ParsedDocument {
  return { ...parsed, index, range: shift(parsed.range, offset), errors: parsed.errors.map((e) => ({ ...e, range: shift(e.range, offset) })) };
}

function placeObject(object: ObjectResult, docIndex: number, offset: number): ObjectResult {
  if (offset === 0 && object.docIndex === docIndex) return object;
  return {
    ...object,
    docIndex,
    kindRange: shift(object.kindRange, offset),
    violations: object.violations.map((v) => ({ ...v, range: shift(v.range, offset) })),
  };
}
