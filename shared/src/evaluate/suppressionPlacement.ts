import { isMap, isPair, isScalar, visit, type Document, type Node, type Pair } from 'yaml';
import type { Range } from '../yaml/range';
import { KEYWORD, parseDirective, warning, type Directive } from './suppressionSyntax';

/** A directive with what it covers: the whole object, one field's subtree, or nothing. */
export interface PlacedDirective extends Directive {
  /** Undefined when misplaced (a warning says so). */
  readonly scope: { readonly kind: 'object' } | { readonly kind: 'field'; readonly range: Range; readonly rootKey: string | undefined } | undefined;
}

/**
 * The `# podsec-ignore` comments of one document (`text[from, to)`, the text its nodes' ranges
 * refer to), placed by these rules:
 * - a comment on a line of its own applies to the field that starts the next line; other comment
 *   lines may stand between (comments stack), a blank line may not;
 * - a comment at the end of a line applies to the field that starts that line;
 * - the field a line starts is the list item when the line starts with `- `, else the key;
 *   it covers its key, its value and everything below it;
 * - the object's top-level `kind:` field stands for the whole object.
 * Documents without the keyword cost one search of their text.
 */
export function placeDirectives(doc: Document.Parsed, text: string, from: number, to: number): PlacedDirective[] {
  // Searched in the document only (a substring is a view, not a copy): a file parsed whole must
  // not cost a scan to its end for each of its documents.
  const local = text.substring(from, to).indexOf(KEYWORD);
  if (local < 0) return [];
  const first = from + local;
  const index = new FieldIndex(doc, text);
  const out: PlacedDirective[] = [];
  for (let hit = first; hit >= 0 && hit < to; hit = text.indexOf(KEYWORD, hit + KEYWORD.length)) {
    const hash = commentStart(text, hit, index);
    if (hash === undefined) continue;
    const lineEnd = endOfLine(text, hash, to);
    const directive = parseDirective(text, hash, trimEnd(text, hash, lineEnd));
    if (!directive) continue;
    const lineStart = text.lastIndexOf('\n', hash - 1) + 1;
    const isOwnLine = text.slice(lineStart, hash).trim() === '';
    const target = isOwnLine ? nextContent(text, lineEnd, to) : firstContent(text, lineStart);
    const scope = target === undefined ? undefined : index.fieldAt(text, target);
    if (!scope) {
      const problem = warning(directive.range, 'suppression-misplaced', 'podsec-ignore applies to nothing here: put it on its own line directly above a field (no blank line between), at the end of a field\'s line, or on the kind: line for the whole object');
      out.push({ ...directive, problems: [...directive.problems, problem], scope: undefined });
      continue;
    }
    out.push({ ...directive, scope });
  }
  return out;
}

/** Where the fields, list items and scalars of a document start: built only when a comment needs it. */
class FieldIndex {
  private readonly pairs = new Map<number, { range: Range; rootKey: string | undefined }>();
  private readonly items = new Map<number, Range>();
  /** Scalar ranges sorted by start: a `#` inside one is text, not a comment. */
  private readonly scalars: Range[] = [];

  constructor(doc: Document.Parsed, text: string) {
    const root = doc.contents;
    visit(doc, {
      Scalar: (_key, node) => {
        if (node.range) this.scalars.push([node.range[0], node.range[1]]);
      },
      Pair: (_key, pair) => {
        const keyNode = pair.key as Node | null;
        if (!keyNode?.range) return;
        const isRoot = isMap(root) && (root.items as unknown[]).includes(pair);
        const rootKey = isRoot && isScalar(keyNode) ? String(keyNode.value) : undefined;
        this.pairs.set(keyNode.range[0], { range: [keyNode.range[0], valueEnd(pair as Pair) ?? keyNode.range[1]], rootKey });
      },
      Seq: (_key, seq) => {
        for (const item of seq.items) {
          const node = item as Node | null;
          if (!node?.range || isPair(node)) continue;
          const dash = dashBefore(text, node.range[0]);
          if (dash !== undefined) this.items.set(dash, [dash, node.range[1]]);
        }
      },
    });
    this.scalars.sort((a, b) => a[0] - b[0]);
  }

  /** The scope of the field that starts at `at` (a line's first character), if one does. */
  fieldAt(text: string, at: number): PlacedDirective['scope'] {
    if (text[at] === '-' && /[ \t\r\n]|^$/.test(text[at + 1] ?? '')) {
      const item = this.items.get(at);
      return item ? { kind: 'field', range: item, rootKey: undefined } : undefined;
    }
    const pair = this.pairs.get(at);
    if (!pair) return undefined;
    return pair.rootKey === 'kind' ? { kind: 'object' } : { kind: 'field', range: pair.range, rootKey: pair.rootKey };
  }

  isInScalar(at: number): boolean {
    // Scalars never overlap: only the last one starting before `at` can hold it.
    let lo = 0;
    let hi = this.scalars.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.scalars[mid] as Range)[0] < at) lo = mid + 1;
      else hi = mid;
    }
    const last = this.scalars[lo - 1];
    return last !== undefined && at < last[1];
  }
}

function valueEnd(pair: Pair): number | undefined {
  const value = pair.value as Node | null;
  return value?.range ? value.range[1] : undefined;
}

/** The `- ` indicator a list item's node follows, if only spaces and line breaks separate them. */
function dashBefore(text: string, at: number): number | undefined {
  let i = at - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i--;
  return i >= 0 && text[i] === '-' ? i : undefined;
}

/**
 * The `#` opening the comment in which `hit` is the first word, or undefined when `hit` is not
 * such a comment's first word: it is in a scalar, or an earlier `#` on its line starts the comment.
 */
function commentStart(text: string, hit: number, index: FieldIndex): number | undefined {
  let hash = hit - 1;
  while (hash >= 0 && (text[hash] === ' ' || text[hash] === '\t')) hash--;
  if (text[hash] !== '#') return undefined;
  const lineStart = text.lastIndexOf('\n', hash - 1) + 1;
  if (!opensComment(text, hash, lineStart, index)) return undefined;
  for (let q = text.indexOf('#', lineStart); q >= 0 && q < hash; q = text.indexOf('#', q + 1)) {
    if (opensComment(text, q, lineStart, index)) return undefined;
  }
  return hash;
}

function opensComment(text: string, at: number, lineStart: number, index: FieldIndex): boolean {
  return (at === lineStart || text[at - 1] === ' ' || text[at - 1] === '\t') && !index.isInScalar(at);
}

function endOfLine(text: string, at: number, to: number): number {
  const nl = text.indexOf('\n', at);
  return nl < 0 || nl > to ? to : nl;
}

function trimEnd(text: string, from: number, end: number): number {
  let e = end;
  while (e > from && /\s/.test(text[e - 1] ?? '')) e--;
  return e;
}

function firstContent(text: string, lineStart: number): number {
  let i = lineStart;
  while (text[i] === ' ' || text[i] === '\t') i++;
  return i;
}

/** The first character of the next line holding YAML, skipping comment lines; none after a blank line. */
function nextContent(text: string, lineEnd: number, to: number): number | undefined {
  let at = lineEnd + 1;
  while (at < to) {
    const start = firstContent(text, at);
    const end = endOfLine(text, at, to);
    const line = text.slice(start, end).trim();
    if (line === '') return undefined;
    if (!line.startsWith('#')) return start;
    at = end + 1;
  }
  return undefined;
}
