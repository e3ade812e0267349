import type { Range } from './range';

/**
 * Where the documents of a stream begin and end, found by scanning for `---` lines, without
 * parsing. A document marker at the start of a line ends whatever came before it (block scalars
 * included), so each span holds exactly one document in all but odd streams (`...` followed by
 * content without `---`), which the caller detects when a span does not parse to one document.
 * Comments and directives before the first `---` belong to the first document, as in a parse.
 */
export function splitDocuments(text: string): Range[] {
  const spans: Range[] = [];
  const marker = /^---(?=[ \t]|\r?\n|\r?$)/gm;
  let start = 0;
  let first = true;
  for (let m = marker.exec(text); m; m = marker.exec(text)) {
    const at = m.index;
    if (first && PREAMBLE.test(text.slice(0, at))) {
      first = false;
      continue;
    }
    first = false;
    if (at > start) spans.push([start, at]);
    start = at;
  }
  if (start < text.length || spans.length === 0) spans.push([start, text.length]);
  return spans;
}

/** Blank lines, comment lines and `%` directives: what may stand before a first `---`. */
const PREAMBLE = /^(?:[ \t]*(?:#[^\n]*)?\r?\n|%[^\n]*\r?\n)*$/;
