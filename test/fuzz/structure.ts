import { isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, visit, type Node } from 'yaml';
import { PARSE_OPTIONS } from '../../shared/src/yaml/parse';

/**
 * Where the nodes of a text are, for mutations that aim at structure rather than at random
 * offsets: a value to replace, a key to delete or copy, a map to add a key to. Read from yaml's
 * ranges even when the text has errors (the parse still places what it recognised).
 */
export interface Structure {
  readonly values: readonly ValueSite[];
  readonly pairs: readonly PairSite[];
  readonly maps: readonly MapSite[];
}

export interface ValueSite {
  readonly start: number;
  /** End of the value's text, trailing blanks and line breaks left out. */
  readonly end: number;
  readonly kind: 'scalar' | 'map' | 'seq' | 'alias';
  /** For a pair's value: just after the key's `:` (where an anchor or tag of a block value goes). */
  readonly afterColon: number | undefined;
}

export interface PairSite {
  readonly keyStart: number;
  readonly keyEnd: number;
  /** End of the value (or of the key when there is none), trailing blanks left out. */
  readonly end: number;
  readonly flow: boolean;
  /** Column of the key. */
  readonly column: number;
}

export interface MapSite {
  readonly firstKey: number;
  readonly flow: boolean;
  readonly column: number;
  readonly end: number;
}

const EMPTY: Structure = { values: [], pairs: [], maps: [] };

export function structureOf(text: string): Structure {
  const values: ValueSite[] = [];
  const pairs: PairSite[] = [];
  const maps: MapSite[] = [];
  try {
    const docs = parseAllDocuments(text, { ...PARSE_OPTIONS, uniqueKeys: false });
    if (!Array.isArray(docs)) return EMPTY;
    for (const doc of docs) {
      visit(doc, {
        Pair(_key, pair, path) {
          if (!isPair(pair)) return;
          const key = pair.key as Node | null;
          const value = pair.value as Node | null;
          if (!key?.range) return;
          const parent = path[path.length - 1];
          const flow = isMap(parent) && Boolean(parent.flow);
          const end = trimEnd(text, Math.max(key.range[1], value?.range?.[1] ?? 0), key.range[1]);
          pairs.push({ keyStart: key.range[0], keyEnd: key.range[1], end, flow, column: column(text, key.range[0]) });
          if (value?.range) {
            const colon = text.indexOf(':', key.range[1]);
            const afterColon = colon >= 0 && colon <= value.range[0] && text.slice(key.range[1], colon).trim() === '' ? colon + 1 : undefined;
            values.push(site(text, value, afterColon));
          }
        },
        Seq(_key, seq) {
          if (!isSeq(seq)) return;
          for (const item of seq.items as Array<Node | null>) if (item?.range) values.push(site(text, item, undefined));
        },
        Map(_key, map) {
          if (!isMap(map)) return;
          const first = map.items[0]?.key as Node | null | undefined;
          if (first?.range && map.range) maps.push({ firstKey: first.range[0], flow: Boolean(map.flow), column: column(text, first.range[0]), end: trimEnd(text, map.range[1], first.range[0]) });
        },
      });
      const contents = doc.contents as Node | null;
      if (contents?.range) values.push(site(text, contents, undefined));
    }
  } catch {
    return EMPTY;
  }
  return { values, pairs, maps };
}

function site(text: string, node: Node, afterColon: number | undefined): ValueSite {
  const [start, valueEnd] = node.range ?? [0, 0];
  const kind = isAlias(node) ? 'alias' : isMap(node) ? 'map' : isSeq(node) ? 'seq' : isScalar(node) ? 'scalar' : 'scalar';
  return { start, end: trimEnd(text, valueEnd, start), kind, afterColon };
}

export function trimEnd(text: string, end: number, floor: number): number {
  let e = Math.min(end, text.length);
  while (e > floor && /\s/.test(text[e - 1] ?? '')) e--;
  return e;
}

export function column(text: string, pos: number): number {
  return pos - (text.lastIndexOf('\n', pos - 1) + 1);
}

/** The offset where the line holding `pos` starts. */
export function lineStart(text: string, pos: number): number {
  return text.lastIndexOf('\n', pos - 1) + 1;
}

/** The offset just after the line break that ends the line holding `pos` (or the text's end). */
export function nextLine(text: string, pos: number): number {
  const nl = text.indexOf('\n', pos);
  return nl < 0 ? text.length : nl + 1;
}
