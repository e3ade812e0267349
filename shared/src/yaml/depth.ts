import type { CST } from 'yaml';

/**
 * How deep collections may nest in one document. The yaml package composes nodes recursively and
 * gives up somewhere between 1,500 and 10,000 levels depending on how warm the JIT is and how
 * deep the caller's stack already is, so its own limit would make results depend on the moment;
 * so would ours, since walking a parsed document (anchors, style, a fix's proof) recurses too.
 * Real manifests stay far below this (a deep CRD schema nests about a hundred levels), and
 * anything deeper is refused the same way every time, before composing.
 */
export const MAX_DEPTH = 500;

export interface CstFacts {
  /** Offset of a collection nested deeper than MAX_DEPTH, if there is one. */
  readonly tooDeepAt: number | undefined;
  /** True when the document uses an alias: only then is alias expansion worth checking. */
  readonly hasAlias: boolean;
}

/** Walks a document's parse tree without recursion: nesting depth and alias use. */
export function cstFacts(value: CST.Token): CstFacts {
  const stack: Array<[CST.Token, number]> = [[value, 1]];
  let hasAlias = false;
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [token, depth] = top;
    if (token.type === 'alias') hasAlias = true;
    if (token.type !== 'block-map' && token.type !== 'block-seq' && token.type !== 'flow-collection') continue;
    if (depth > MAX_DEPTH) return { tooDeepAt: token.offset, hasAlias };
    for (const item of token.items as CST.CollectionItem[]) {
      if (item.key) stack.push([item.key, depth + 1]);
      if (item.value) stack.push([item.value, depth + 1]);
    }
  }
  return { tooDeepAt: undefined, hasAlias };
}

/**
 * How far a line may be indented. The yaml package's parser (before any composing) recurses once
 * per open block collection when they close, and overflows the stack at about 2,000 levels; a
 * block collection must be indented past its parent (or sit at its key's column, for a list),
 * so its depth is at most about its column. A document with a line indented further is refused
 * before it is parsed; flow collections (`[[[…`) nest without recursion there and are caught by
 * `cstFacts`. No manifest is indented a thousand columns.
 */
export const MAX_INDENT = 1000;

/** A document span (between `---` lines) holding a line indented more than MAX_INDENT. */
export interface OverIndented {
  readonly from: number;
  readonly to: number;
  /** Where that line's content starts. */
  readonly at: number;
}

/**
 * The document spans with a line indented more than MAX_INDENT columns (spaces, tabs and the
 * `- `, `? `, `: ` indicators that open a nested block collection on the same line), in one pass.
 */
export function overIndented(text: string): OverIndented[] {
  const deep: number[] = [];
  for (let i = 0; i < text.length; ) {
    const lineStart = i;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      const next = text.charCodeAt(i + 1);
      if (c === 32 || c === 9) i++;
      else if ((c === 45 || c === 63 || c === 58) && (next === 32 || next === 9)) i += 2;
      else break;
    }
    // Blank and comment lines open nothing, however far they are indented.
    const first = text.charCodeAt(i);
    const opens = i < text.length && first !== 10 && first !== 13 && first !== 35;
    if (i - lineStart > MAX_INDENT && opens) deep.push(i);
    const nl = text.indexOf('\n', i);
    if (nl < 0) break;
    i = nl + 1;
  }
  if (deep.length === 0) return [];
  const markers = [0];
  const marker = /^---(?=[ \t]|\r?\n|\r?$)/gm;
  for (let m = marker.exec(text); m; m = marker.exec(text)) if (m.index > 0) markers.push(m.index);
  const out: OverIndented[] = [];
  let k = 0;
  for (const at of deep) {
    while (k + 1 < markers.length && (markers[k + 1] as number) <= at) k++;
    const from = markers[k] as number;
    if (out[out.length - 1]?.from === from) continue;
    out.push({ from, to: markers[k + 1] ?? text.length, at });
  }
  return out;
}

/**
 * `text` with each span's content replaced by spaces (line breaks and a leading `---` kept), and
 * a `~` where its first content was, so the span still parses as one (empty) document and every
 * offset of the rest of the text stays where it was.
 */
export function blankOut(text: string, spans: readonly OverIndented[]): string {
  let out = '';
  let at = 0;
  for (const { from, to } of spans) {
    const keep = text.startsWith('---', from) ? 3 : 0;
    const body = text.slice(from + keep, to).replace(/[^\r\n]/g, ' ');
    const first = text.slice(from + keep, to).search(/\S/);
    out += text.slice(at, from + keep) + (first < 0 ? body : `${body.slice(0, first)}~${body.slice(first + 1)}`);
    at = to;
  }
  return out + text.slice(at);
}
