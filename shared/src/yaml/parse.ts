import { Composer, Parser, type CST, type Document, type ScalarTag, type Tags } from 'yaml';
import { aliasProblem } from './aliases';
import { controlCharacterProblems } from './characters';
import { blankOut, cstFacts, MAX_DEPTH, MAX_INDENT, overIndented, type CstFacts } from './depth';
import { duplicateKeys } from './duplicates';
import type { Problem, Range } from './range';

/**
 * One `---`-separated document of a file. `doc` is undefined when the document holds nothing
 * but comments or directives.
 */
export interface ParsedDocument {
  readonly index: number;
  readonly doc: Document.Parsed;
  /** The span of the whole document including its `---` marker, for scoping problems. */
  readonly range: Range;
  /**
   * Why this document cannot be decoded as Kubernetes would: syntax errors, nesting deeper than
   * MAX_DEPTH, an unknown or self-containing alias, an alias bomb, text the parser skipped. A
   * document with errors is not evaluated.
   */
  readonly errors: readonly Problem[];
  /** Problems that do not stop evaluation: keys written twice. */
  readonly problems: readonly Problem[];
  /** Set when the document was parsed on its own: see DocContext.source. */
  readonly source?: string;
  readonly base?: { offset: number };
}

/**
 * Kubernetes decodes manifests with a YAML 1.1 parser (go-yaml v2 via sigs.k8s.io/yaml), so we
 * parse as 1.1 too: `yes`/`on`/`y` are booleans, `0777` is octal, and `<<` merge keys work.
 * Anything else would make `privileged: yes` pass here and fail in the cluster.
 */
export const PARSE_OPTIONS = {
  version: '1.1',
  merge: true,
  prettyErrors: false,
  customTags: goYamlV2Tags,
  // Duplicate keys are found by yaml/duplicates.ts, in linear time.
  uniqueKeys: false,
  // The core never writes to the console (the language server's stdout is the protocol).
  logLevel: 'error',
} as const;

/**
 * go-yaml v2 decodes into interface{} (as sigs.k8s.io/yaml does) without base-60 numbers and
 * keeps timestamp-looking scalars as strings, so `host: 10:20` and `2024-01-01` stay strings in
 * Kubernetes. The yaml package's 1.1 schema would read them as 620 and a Date. `!!binary` is
 * read as go-yaml reads it too (below).
 */
function goYamlV2Tags(tags: Tags): Tags {
  const kept = tags.filter((t) => {
    const tag = typeof t === 'string' ? t : t.tag;
    const format = typeof t === 'string' ? undefined : (t as { format?: string }).format;
    return tag !== 'tag:yaml.org,2002:timestamp' && format !== 'TIME' && tag !== BINARY.tag;
  });
  return [...kept, BINARY];
}

/**
 * go-yaml v2 decodes `!!binary` to a Go string of the bytes, which becomes a JSON string (invalid
 * UTF-8 replaced): `name: !!binary d2Vi` is the name "web" in Kubernetes, not a byte array.
 */
const BINARY: ScalarTag = {
  tag: 'tag:yaml.org,2002:binary',
  default: false,
  identify: () => false,
  resolve(source, onError) {
    try {
      const bytes = Uint8Array.from(atob(source.replace(/\s/g, '')), (c) => c.charCodeAt(0));
      return new TextDecoder().decode(bytes);
    } catch {
      onError('!!binary value contains invalid base64 data');
      return source;
    }
  },
};

export function parseDocuments(text: string): ParsedDocument[] {
  const facts = new Map<number, CstFacts>();
  const deep = overIndented(text);
  const source = deep.length > 0 ? blankOut(text, deep) : text;
  let docs: Document.Parsed[];
  try {
    docs = Array.from(new Composer(PARSE_OPTIONS).compose(screened(new Parser().parse(source), facts)));
  } catch (e) {
    return [parserFailure(text, e)];
  }
  // Each document answers for the text up to the next one (comments and markers included).
  const controls = controlCharacterProblems(text, docs.map((doc, i) => [i === 0 ? 0 : doc.range[0], docs[i + 1]?.range[0] ?? text.length]));
  return docs.map((doc, index) => {
    const control = controls[index];
    if (control) return { index, doc, range: [doc.range[0], docs[index + 1]?.range[0] ?? text.length] as const, errors: [control], problems: [] };
    const next = docs[index + 1]?.range[0] ?? text.length;
    const indented = deep.find((d) => d.from <= doc.range[0] && doc.range[0] < d.to);
    const fact = indented ? { tooDeepAt: indented.at, hasAlias: false } : facts.get(doc.range[0]);
    const tooDeep = fact?.tooDeepAt !== undefined;
    const skipped = tooDeep ? undefined : ((index === 0 ? skippedText(text, 0, doc.range[0]) : undefined) ?? skippedText(text, doc.range[2], next));
    // A document composed empty because it is too deep, or missing text the parser skipped,
    // still spans its text.
    const end = tooDeep || skipped ? Math.max(doc.range[2], next) : doc.range[2];
    const errors: Problem[] = doc.errors.map((e) => ({
      message: e.message.split('\n')[0] ?? e.message,
      // Clamped to the document, so an error reads the same whether the document was parsed
      // alone (the language server's incremental path) or with the rest of the file.
      range: clampRange([e.pos[0], Math.max(e.pos[1], e.pos[0] + 1)], Math.min(text.length, end)),
      severity: 'error' as const,
      code: 'yaml-syntax',
    }));
    if (indented) {
      errors.length = 0;
      errors.push({ message: `this line is indented more than ${MAX_INDENT} columns (block collections nested that deep): podsec does not evaluate this document`, range: clampRange([indented.at, indented.at + 1], text.length), severity: 'error', code: 'too-deep' });
    } else if (fact?.tooDeepAt !== undefined) {
      errors.push({ message: `collections nest more than ${MAX_DEPTH} levels deep here: podsec does not evaluate this document`, range: clampRange([fact.tooDeepAt, fact.tooDeepAt + 1], text.length), severity: 'error', code: 'too-deep' });
    }
    if (skipped) errors.push(skipped);
    if (errors.length === 0 && fact?.hasAlias) {
      const alias = aliasProblem(doc);
      if (alias) errors.push(alias);
    }
    return { index, doc, range: [doc.range[0], end] as const, errors, problems: errors.length === 0 ? duplicateKeys(doc) : [] };
  });
}

/**
 * The last resort when the yaml package throws (the checks above keep its known stack overflows
 * away): the whole text as one document that is not evaluated, with one error saying why.
 */
function parserFailure(text: string, e: unknown): ParsedDocument {
  const [doc] = Array.from(new Composer(PARSE_OPTIONS).compose([], true, text.length));
  const reason = e instanceof RangeError ? 'it nests too deeply for the YAML parser' : `the YAML parser failed (${e instanceof Error ? e.message : String(e)})`;
  return {
    index: 0,
    doc: doc as Document.Parsed,
    range: [0, text.length],
    errors: [{ message: `podsec cannot read this file: ${reason}; it is not evaluated`, range: [0, Math.min(1, text.length)], severity: 'error', code: 'too-deep' }],
    problems: [],
  };
}

/**
 * The parse tree's documents, each checked for depth and aliases before it is composed; a
 * document nested too deep is composed as an empty one (so the stream's other documents and
 * their indices stay as they are) and its facts say why.
 */
function* screened(tokens: Generator<CST.Token>, facts: Map<number, CstFacts>): Generator<CST.Token> {
  for (const token of tokens) {
    if (token.type !== 'document' || !token.value) {
      yield token;
      continue;
    }
    const fact = cstFacts(token.value);
    facts.set(token.offset, fact);
    yield fact.tooDeepAt === undefined ? token : { ...token, value: { type: 'scalar', offset: token.value.offset, indent: 0, source: '' } };
  }
}

/**
 * Text the parser left out of every document: the yaml package occasionally drops a line it
 * cannot place without reporting an error (a block list under an explicit `?` key), and a
 * document missing part of its text must not be evaluated or fixed as if it were whole. Between
 * documents only blank lines, comments, directives and document markers may stand.
 */
function skippedText(text: string, from: number, to: number): Problem | undefined {
  let at = from;
  while (at < to) {
    const nl = text.indexOf('\n', at);
    const lineEnd = nl < 0 || nl > to ? to : nl;
    const line = text.slice(at, lineEnd);
    const content = line.trimStart();
    const atLineStart = at === 0 || text[at - 1] === '\n';
    const allowed = content === '' || content.startsWith('#') || (atLineStart && /^(?:---|\.\.\.|%)/.test(line));
    if (!allowed) {
      const start = at + (line.length - content.length);
      return {
        message: 'the YAML parser skipped this text (it fits nowhere in the document): podsec does not evaluate this document',
        range: [start, Math.max(start + 1, lineEnd)],
        severity: 'error',
        code: 'yaml-syntax',
      };
    }
    at = lineEnd + 1;
  }
  return undefined;
}

function clampRange([start, end]: readonly [number, number], length: number): Range {
  const s = Math.min(Math.max(0, start), length);
  return [s, Math.min(Math.max(s, end), length)];
}
