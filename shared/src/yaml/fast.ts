import { Document, Pair, Scalar, YAMLMap, YAMLSeq, isScalar, type Node, type Schema } from 'yaml';
import { duplicateKeys } from './duplicates';
import { PARSE_OPTIONS, type ParsedDocument } from './parse';

/**
 * A parser for the plain block YAML that generated manifests are written in, several times
 * faster than the yaml package's lexer, parser and composer together, producing the very nodes
 * the yaml package composes (`Scalar`, `YAMLMap`, `YAMLSeq`, `Pair`, with the same values, styles
 * and `range`s) for one `---` document. It knows only a subset: block maps and sequences, one-line
 * flow collections, plain and quoted one-line scalars, literal block scalars, comments. Anything
 * else, and anything whose nodes it is not sure to place exactly as the yaml package does
 * (indented comments after a value, empty values, tabs, CR, anchors, tags, escapes, `:` or `#`
 * inside flow scalars, a key written on several lines…), makes it give up: `parseFast` returns
 * undefined and the caller parses with `parseDocuments`, so every error is still reported by the
 * reference path, in its words. A test (test/engine/fastParse.test.ts) holds it to the reference
 * node by node over every manifest of the repository and generated corpora, and the fuzz test
 * compares the two on mutated manifests.
 *
 * Comments are not attached to nodes (nothing in podsec reads them); they only move ranges, as
 * the yaml package's parser does: comment lines after a collection's last item stay in that
 * collection (its `range[2]`) unless every one is indented less than it.
 */
export function parseFast(source: string): ParsedDocument | undefined {
  if (!fastPath.enabled || UNSUPPORTED.test(source)) return undefined;
  try {
    const doc = new FastParser(source).document();
    if (!doc) return undefined;
    return { index: 0, doc, range: [doc.range[0], doc.range[2]], errors: [], problems: duplicateKeys(doc) };
  } catch {
    // GIVE_UP, or anything unexpected: the reference path reads the document, and reports.
    return undefined;
  }
}

/** Tests turn the fast path off to compare with the reference path. */
export const fastPath = { enabled: true };

/** True while the schema's implicit tags are the ones the string shortcut is proven against. */
export function stringShortcutHolds(): boolean {
  return hasKnownTests((TEMPLATE ??= new Document(undefined, PARSE_OPTIONS)).schema);
}

/**
 * Text the fast path never reads: tabs and carriage returns (indentation and line-break rules),
 * characters YAML forbids (yaml/characters.ts words those), a byte order mark, and document
 * markers or directives past the first line. Anchors, aliases and tags can only open a node, and
 * a node opening with `&`, `*` or `!` is refused where it opens (isPlainStart).
 */
const UNSUPPORTED = /[^\n\x20-\x7e\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd]|\n(?:---|\.\.\.)|(?:^|\n)%/u;

const GIVE_UP = Symbol('give up');

function giveUp(): never {
  throw GIVE_UP;
}

/** Deeper than this, the reference path decides (yaml/depth.ts refuses past 500). */
const MAX_NESTING = 400;
/** Wider than this, the reference path decides (yaml/depth.ts refuses past 1,000 columns). */
const MAX_COLUMN = 900;

const SPACE = 32;
const NL = 10;
const HASH = 35;
const COLON = 58;
const DASH = 45;

type Collection = YAMLMap | YAMLSeq;

/**
 * Comment lines met after a collection's last value: where they end (where the next content
 * starts, past its indentation, if there is any), and how far in the deepest comment is.
 */
interface Pending {
  end: number;
  /** The greatest indentation of a comment among them; -1 when only blank lines. */
  maxCommentIndent: number;
}

class FastParser {
  private pos = 0;
  private depth = 0;
  private pending: Pending | undefined;
  private readonly schema: Schema;
  private readonly doc: Document.Parsed;

  constructor(private readonly text: string) {
    // A clone of one document made with the options is what composing makes, for less than
    // building the schema again per document.
    this.doc = (TEMPLATE ??= new Document(undefined, PARSE_OPTIONS)).clone() as unknown as Document.Parsed;
    this.schema = this.doc.schema;
  }

  document(): Document.Parsed | undefined {
    const { text, doc } = this;
    if (text.startsWith('---')) {
      const after = lineEnd(text, 0);
      if (after !== 3) return undefined;
      doc.directives.docStart = true;
      this.pos = after + 1;
    }
    // Blank and comment lines before the content belong to the document's start.
    this.skipComments(-1, true);
    if (this.pos >= text.length) return undefined;
    if (this.indentAt(this.pos) !== 0 || this.isSeqLine(this.pos)) return undefined;
    // Without a `---`, the document starts where its content does.
    const offset = doc.directives.docStart ? 0 : this.pos;
    const root = this.blockMap(0, this.pos);
    // What is left is blank and comment lines: the document's end.
    this.skipComments(-1, true);
    if (this.pos < text.length) giveUp();
    doc.contents = root as unknown as Document.Parsed['contents'];
    const contentEnd = (root.range as [number, number, number])[2];
    doc.range = [offset, contentEnd, text.length];
    return doc;
  }

  /** A block map whose first key starts at `start` (on this line), at column `indent`. */
  private blockMap(indent: number, start: number): YAMLMap {
    this.enter();
    const map = new YAMLMap(this.schema);
    let offset = start;
    this.pos = start;
    for (;;) {
      const key = this.plainKey();
      const valueNode = this.mapValue(indent, key);
      map.items.push(new Pair(key, valueNode));
      offset = (valueNode.range as [number, number, number])[2];
      // Next line of content, if it belongs to this map.
      this.skipComments(indent, false);
      if (this.pos >= this.text.length) break;
      const next = this.indentAt(this.pos);
      if (next < indent) break;
      if (next > indent || this.isSeqLine(this.pos + next)) giveUp();
      this.pending = undefined;
      this.pos += next;
    }
    map.range = [start, offset, this.closeWith(indent, offset)];
    this.depth--;
    return map;
  }

  /** A block sequence whose first `-` is at `start`, at column `indent`. */
  private blockSeq(indent: number, start: number): YAMLSeq {
    this.enter();
    const seq = new YAMLSeq(this.schema);
    let offset = start;
    this.pos = start;
    for (;;) {
      // At a `-` followed by a space.
      let at = this.pos + 1;
      while (this.text.charCodeAt(at) === SPACE) at++;
      const c = this.text.charCodeAt(at);
      if (at >= this.text.length || c === NL || c === HASH || c === DASH && isBlankOrEnd(this.text.charCodeAt(at + 1))) giveUp();
      this.pos = at;
      let item: Node;
      if (this.startsCompactMap(at)) {
        item = this.blockMap(at - lineStart(this.text, at), at);
      } else {
        item = this.inlineValue(indent);
      }
      seq.items.push(item);
      offset = (item.range as [number, number, number])[2];
      this.skipComments(indent, false);
      if (this.pos >= this.text.length) break;
      const next = this.indentAt(this.pos);
      if (next < indent) break;
      if (next > indent || !this.isSeqLine(this.pos + next)) {
        // A map's key at the column of its own block list ends the list ("not indented" style).
        if (next === indent && !this.isSeqLine(this.pos + next)) break;
        giveUp();
      }
      this.pending = undefined;
      this.pos += next;
    }
    seq.range = [start, offset, this.closeWith(indent, offset)];
    this.depth--;
    return seq;
  }

  /**
   * Where a collection at `indent` ends (`range[2]`): its last value's end, or the end of the
   * comment lines after it when one of them is indented at least as far as the collection (and
   * the collection is not at column 0); those lines then belong to it, as in the yaml parser,
   * up to the next content (the indentation of its line included).
   */
  private closeWith(indent: number, offset: number): number {
    const p = this.pending;
    if (!p || indent === 0 || p.maxCommentIndent < indent) return offset;
    this.pending = undefined;
    return p.end;
  }

  /** The value after `key:`: on the same line, or a block collection on the next lines. */
  private mapValue(indent: number, key: Scalar): Node {
    const text = this.text;
    let at = (key.range as [number, number, number])[1] + 1;
    const c = text.charCodeAt(at);
    if (c === SPACE) {
      while (text.charCodeAt(at) === SPACE) at++;
      const v = text.charCodeAt(at);
      if (v !== HASH && v !== NL && at < text.length) {
        this.pos = at;
        return this.inlineValue(indent);
      }
    } else if (c !== NL && at < text.length) giveUp();
    // Nothing else on the key's line (but maybe a comment): the value is on the next lines.
    this.pos = at;
    this.skipLineRest();
    this.skipComments(indent, false, true);
    this.pending = undefined;
    if (this.pos >= text.length) giveUp();
    const next = this.indentAt(this.pos);
    const first = this.pos + next;
    if (next > MAX_COLUMN) giveUp();
    if (this.isSeqLine(first) && next >= indent) return this.blockSeq(next, first);
    if (next <= indent) giveUp();
    return this.blockMap(next, first);
  }

  /**
   * A value that starts at `pos` on its line (after `key: ` or `- `) and ends with it: a scalar,
   * a flow collection or a literal block scalar. `indent` is the enclosing collection's column.
   */
  private inlineValue(indent: number): Node {
    const text = this.text;
    const start = this.pos;
    const c = text.charCodeAt(start);
    let node: Node;
    if (c === 0x7b || c === 0x5b) node = this.flowCollection();
    else if (c === 0x22 || c === 0x27) node = this.quoted();
    else if (c === 0x7c) return this.literal(indent);
    else node = this.plainValue();
    // Only spaces and a comment may follow on the line; the node's range ends after the line.
    const end = this.lineRestEnd();
    const range = node.range as [number, number, number];
    range[2] = end;
    this.pos = end;
    return node;
  }

  /** After a value: spaces, then a comment or the end of the line; the offset after its newline. */
  private lineRestEnd(): number {
    const text = this.text;
    let at = this.pos;
    const from = at;
    while (text.charCodeAt(at) === SPACE) at++;
    if (at < text.length && text.charCodeAt(at) !== NL) {
      if (text.charCodeAt(at) !== HASH || at === from) giveUp();
    }
    const nl = text.indexOf('\n', at);
    return nl < 0 ? text.length : nl + 1;
  }

  private skipLineRest(): void {
    this.pos = this.lineRestEnd();
  }

  /**
   * Skips blank and comment lines from `pos` (at a line start) up to the next content line,
   * recording them as pending for the innermost collection (at column `indent`). A comment
   * indented past that collection right after its last value is attached to the value by the
   * yaml parser (a case this parser leaves to it).
   */
  private skipComments(indent: number, atDocument: boolean, beforeValue = false): void {
    const text = this.text;
    while (this.pos < text.length) {
      const lead = this.indentAt(this.pos);
      const at = this.pos + lead;
      const c = text.charCodeAt(at);
      if (at < text.length && c !== NL && c !== HASH) {
        if (this.pending) this.pending.end = at;
        return;
      }
      const end = lineEnd(text, at);
      const next = end < text.length ? end + 1 : end;
      if (!atDocument) {
        const isComment = c === HASH && at < text.length;
        const p = (this.pending ??= { end: this.pos, maxCommentIndent: -1 });
        if (isComment) {
          if (beforeValue ? lead <= indent : p.maxCommentIndent < 0 && lead > indent) giveUp();
          if (lead > p.maxCommentIndent) p.maxCommentIndent = lead;
        }
        p.end = next;
      }
      this.pos = next;
    }
  }

  /** A key: a plain scalar followed by `:` and then a space or the end of the line. */
  private plainKey(): Scalar {
    const text = this.text;
    const start = this.pos;
    const first = text.charCodeAt(start);
    if (!isPlainStart(first, text.charCodeAt(start + 1))) giveUp();
    let at = start + 1;
    for (;;) {
      const c = text.charCodeAt(at);
      if (at >= text.length || c === NL) giveUp();
      if (c === COLON) {
        const n = text.charCodeAt(at + 1);
        if (n === SPACE || n === NL || at + 1 >= text.length) break;
      } else if (c === SPACE || c === 0x2c || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d || c === HASH || c === 0x22 || c === 0x27) giveUp();
      at++;
    }
    return this.plainScalar(start, at, true);
  }

  /** A plain scalar value in block context, up to ` #` or the end of the line. */
  private plainValue(): Scalar {
    const text = this.text;
    const start = this.pos;
    if (!isPlainStart(text.charCodeAt(start), text.charCodeAt(start + 1))) giveUp();
    let at = start;
    let end = start;
    while (at < text.length) {
      const c = text.charCodeAt(at);
      if (c === NL) break;
      if (c === HASH && text.charCodeAt(at - 1) === SPACE) break;
      // `a: b: c` is a syntax error; `image: a:b` is a scalar.
      if (c === COLON && isBlankOrEnd(text.charCodeAt(at + 1))) giveUp();
      if (c !== SPACE) end = at + 1;
      at++;
    }
    this.pos = end;
    return this.plainScalar(start, end, false);
  }

  private plainScalar(start: number, end: number, atKey: boolean): Scalar {
    const source = this.text.slice(start, end);
    const tag = this.tagFor(source, atKey);
    let scalar: Scalar;
    let failed = false;
    const res = tag.resolve(source, () => (failed = true), this.doc.options) as unknown;
    if (failed) giveUp();
    scalar = isScalar(res) ? (res as Scalar) : new Scalar(res);
    if (typeof scalar.value === 'symbol') giveUp();
    scalar.range = [start, end, end];
    scalar.source = source;
    scalar.type = 'PLAIN';
    if (tag.format) scalar.format = tag.format;
    return scalar;
  }

  /** The schema tag the yaml package's composer picks for a plain scalar (findScalarTagByTest). */
  private tagFor(source: string, atKey: boolean): ScalarTagLike {
    const schema = this.schema as unknown as Record<symbol, ScalarTagLike>;
    if (!MAYBE_NOT_STRING.test(source) && hasKnownTests(this.schema)) return schema[SCALAR_KEY] as ScalarTagLike;
    const cache = atKey ? KEY_TAGS : VALUE_TAGS;
    let tag = cache.get(source);
    if (tag) return tag;
    const tags = this.schema.tags as unknown as ScalarTagLike[];
    tag = tags.find((t) => (t.default === true || (atKey && t.default === 'key')) && t.test?.test(source)) ?? ((this.schema as unknown as Record<symbol, ScalarTagLike>)[SCALAR_KEY] as ScalarTagLike);
    if (cache.size > 20_000) cache.clear();
    cache.set(source, tag);
    return tag;
  }

  /** A quoted scalar on one line, without escapes. */
  private quoted(): Scalar {
    const text = this.text;
    const start = this.pos;
    const q = text.charCodeAt(start);
    let at = start + 1;
    let value = '';
    let from = at;
    for (;;) {
      const c = text.charCodeAt(at);
      if (at >= text.length || c === NL || (q === 0x22 && c === 0x5c)) giveUp();
      if (c === q) {
        if (q === 0x27 && text.charCodeAt(at + 1) === 0x27) {
          value += text.slice(from, at + 1);
          at += 2;
          from = at;
          continue;
        }
        break;
      }
      at++;
    }
    value += text.slice(from, at);
    const end = at + 1;
    const scalar = new Scalar(value);
    scalar.range = [start, end, end];
    scalar.source = value;
    scalar.type = q === 0x22 ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE';
    this.pos = end;
    return scalar;
  }

  /**
   * A literal block scalar `|` or `|-` (clip or strip, indentation detected) on the lines after
   * the header; its range ends after its last non-empty line.
   */
  private literal(indent: number): Scalar {
    const text = this.text;
    const start = this.pos;
    let at = start + 1;
    const strip = text.charCodeAt(at) === DASH;
    if (strip) at++;
    if (text.charCodeAt(at) !== NL) giveUp();
    at++;
    // Content lines: indented past the parent, or blank (no spaces at all, to keep it simple).
    let blockIndent = -1;
    const lines: string[] = [];
    let end = at;
    let blanks = 0;
    while (at < text.length) {
      const lead = this.indentAt(at);
      const eol = lineEnd(text, at);
      if (at + lead === eol) {
        if (lead > 0) giveUp();
        blanks++;
        at = eol + 1;
        continue;
      }
      if (blockIndent < 0) {
        if (lead <= indent) break;
        blockIndent = lead;
      } else if (lead < blockIndent) {
        if (lead > indent) giveUp();
        break;
      }
      for (; blanks > 0; blanks--) lines.push('');
      lines.push(text.slice(at + blockIndent, eol));
      end = eol < text.length ? eol + 1 : eol;
      at = end;
      if (eol >= text.length) break;
    }
    if (lines.length === 0 || end === text.length && text.charCodeAt(end - 1) !== NL) giveUp();
    const value = lines.join('\n') + (strip ? '' : '\n');
    const scalar = new Scalar(value);
    scalar.range = [start, end, end];
    scalar.source = value;
    scalar.type = 'BLOCK_LITERAL';
    this.pos = end;
    // Blank lines after the content are left to the caller, as comment-free pending lines.
    return scalar;
  }

  /** A flow collection that closes on the line it opens. */
  private flowCollection(): Collection {
    this.enter();
    const text = this.text;
    const start = this.pos;
    const isMap = text.charCodeAt(start) === 0x7b;
    const close = isMap ? 0x7d : 0x5d;
    const coll = isMap ? new YAMLMap(this.schema) : new YAMLSeq(this.schema);
    coll.flow = true;
    this.pos = start + 1;
    this.skipSpaces();
    if (text.charCodeAt(this.pos) !== close) {
      for (;;) {
        if (isMap) {
          const key = this.flowScalar(true);
          if (text.charCodeAt(this.pos) !== COLON || text.charCodeAt(this.pos + 1) !== SPACE) giveUp();
          this.pos += 1;
          this.skipSpaces();
          const value = this.flowItem();
          (coll as YAMLMap).items.push(new Pair(key, value));
        } else {
          (coll as YAMLSeq).items.push(this.flowItem());
        }
        const c = text.charCodeAt(this.pos);
        if (c === close) break;
        if (c !== 0x2c || text.charCodeAt(this.pos + 1) !== SPACE) giveUp();
        this.pos++;
        this.skipSpaces();
        if (text.charCodeAt(this.pos) === close) giveUp();
      }
    }
    const end = this.pos + 1;
    coll.range = [start, end, end];
    this.pos = end;
    this.depth--;
    return coll;
  }

  /** A flow collection's item or a flow map's value, with the spaces after it in its range. */
  private flowItem(): Node {
    const c = this.text.charCodeAt(this.pos);
    const node = c === 0x7b || c === 0x5b ? this.flowCollection() : this.flowScalar(false);
    const range = node.range as [number, number, number];
    this.skipSpaces();
    range[2] = this.pos;
    return node;
  }

  /** A scalar inside a flow collection: quoted, or plain without `:`, `#` or spaces around. */
  private flowScalar(atKey: boolean): Scalar {
    const text = this.text;
    const c = text.charCodeAt(this.pos);
    if (c === 0x22 || c === 0x27) {
      if (atKey) giveUp();
      return this.quoted();
    }
    const start = this.pos;
    if (!isPlainStart(c, text.charCodeAt(start + 1))) giveUp();
    let at = start;
    let end = start;
    for (;;) {
      const d = text.charCodeAt(at);
      if (at >= text.length || d === NL || d === HASH) giveUp();
      if (d === 0x2c || d === 0x5d || d === 0x7d || d === 0x5b || d === 0x7b) break;
      if (d === COLON) {
        if (atKey && text.charCodeAt(at + 1) === SPACE) break;
        giveUp();
      }
      if (d !== SPACE) end = at + 1;
      else if (atKey) giveUp();
      at++;
    }
    this.pos = end;
    return this.plainScalar(start, end, atKey);
  }

  private skipSpaces(): void {
    while (this.text.charCodeAt(this.pos) === SPACE) this.pos++;
  }

  private enter(): void {
    if (++this.depth > MAX_NESTING) giveUp();
  }

  /** Spaces at the start of the line starting at `at`. */
  private indentAt(at: number): number {
    let i = at;
    while (this.text.charCodeAt(i) === SPACE) i++;
    if (i - at > MAX_COLUMN) giveUp();
    return i - at;
  }

  /** True when a block list item (`- ` or `-` at the end of the line) starts at `at`. */
  private isSeqLine(at: number): boolean {
    return this.text.charCodeAt(at) === DASH && isBlankOrEnd(this.text.charCodeAt(at + 1));
  }

  /** True when a sequence item's text at `at` is `key: …` or `key:` at the end of the line. */
  private startsCompactMap(at: number): boolean {
    const text = this.text;
    const c = text.charCodeAt(at);
    if (c === 0x7b || c === 0x5b || c === 0x22 || c === 0x27 || c === 0x7c || c === 0x3e) return false;
    for (let i = at; i < text.length; i++) {
      const d = text.charCodeAt(i);
      if (d === NL) return false;
      if (d === HASH && text.charCodeAt(i - 1) === SPACE) return false;
      if (d === COLON && isBlankOrEnd(text.charCodeAt(i + 1))) return true;
    }
    return false;
  }
}

interface ScalarTagLike {
  readonly default?: boolean | 'key';
  readonly test?: RegExp;
  readonly format?: string;
  resolve(value: string, onError: (message: string) => void, options: unknown): unknown;
}

let TEMPLATE: Document | undefined;
const SCALAR_KEY = Symbol.for('yaml.scalar');

/**
 * The tests of the schema's implicit tags (parse.ts's YAML 1.1 schema), as the yaml package
 * defines them today. While they are these, a plain scalar that does not start with one of
 * MAYBE_NOT_STRING's characters matches none of them and is a string: null `~`/`null`, bool
 * `y`/`yes`/`n`/`no`/`true`/`false`/`on`/`off` in their cases, numbers `+`/`-`/`.`/digits,
 * merge `<<`. Should an upgrade change them, every scalar takes the composer's search.
 */
const KNOWN_TESTS = [
  '/^(?:~|[Nn]ull|NULL)?$/',
  '/^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/',
  '/^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/',
  '/^[-+]?0b[0-1_]+$/',
  '/^[-+]?0[0-7_]+$/',
  '/^[-+]?[0-9][0-9_]*$/',
  '/^[-+]?0x[0-9a-fA-F_]+$/',
  '/^(?:[-+]?\\.(?:inf|Inf|INF)|\\.nan|\\.NaN|\\.NAN)$/',
  '/^[-+]?(?:[0-9][0-9_]*)?(?:\\.[0-9_]*)?[eE][-+]?[0-9]+$/',
  '/^[-+]?(?:[0-9][0-9_]*)?\\.[0-9_]*$/',
  '/^<<$/',
].join(' ');
const MAYBE_NOT_STRING = /^(?:$|[~NnYyTtOoFf0-9+\-.<])/;
let knownTests: boolean | undefined;

function hasKnownTests(schema: Schema): boolean {
  knownTests ??= (schema.tags as unknown as ScalarTagLike[]).filter((t) => t.default && t.test).map((t) => String(t.test)).join(' ') === KNOWN_TESTS;
  return knownTests;
}
const KEY_TAGS = new Map<string, ScalarTagLike>();
const VALUE_TAGS = new Map<string, ScalarTagLike>();

/**
 * A plain scalar may not start with an indicator; `-`, `?` and `:` start one only when a
 * non-space follows (`-5`, `--flag`). Refused here rather than reproduced: `?`, `:`, `%`, `@`,
 * `` ` ``, and the flow, quote, anchor, tag, comment and block indicators.
 */
function isPlainStart(c: number, next: number): boolean {
  if (c === DASH) return !isBlankOrEnd(next);
  return !(c !== c || c === SPACE || c === NL || c === 0x3f || c === COLON || c === 0x25 || c === 0x40 || c === 0x60 || c === 0x2c || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d || c === HASH || c === 0x26 || c === 0x2a || c === 0x21 || c === 0x7c || c === 0x3e || c === 0x22 || c === 0x27);
}

/** Space, line break or the end of the text (charCodeAt past the end is NaN). */
function isBlankOrEnd(c: number): boolean {
  return c === SPACE || c === NL || c !== c;
}

function lineEnd(text: string, at: number): number {
  const nl = text.indexOf('\n', at);
  return nl < 0 ? text.length : nl;
}

function lineStart(text: string, at: number): number {
  return text.lastIndexOf('\n', at - 1) + 1;
}
