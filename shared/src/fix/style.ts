import { isMap, isPair, isScalar, isSeq, visit, type Document, type Node } from 'yaml';
import { column, dashBefore } from './text';

/** How a document is written, so new lines look like their neighbours. */
export interface TextStyle {
  /** `\r\n` when the file uses CRLF line endings. */
  readonly eol: string;
  /** Spaces between a key and its nested map's keys. */
  readonly indentUnit: number;
  /** Spaces between a key and the dashes of its block list: 0 for the "not indented" style. */
  readonly seqOffset: number;
  /**
   * True for a JSON manifest (a flow map with a double-quoted first key). kubectl reads a stream
   * that starts with `{` as JSON, so what a fix adds there must be JSON too: `"key": "value"`.
   */
  readonly json: boolean;
}

/**
 * Reads the style from the document itself (its line endings, first nested map and first block
 * list), so a fix follows the document it edits even in a file of mixed styles.
 */
export function detectStyle(text: string, doc: Document.Parsed): TextStyle {
  const eol = text.slice(doc.range[0], doc.range[2]).includes('\r\n') ? '\r\n' : '\n';
  let indentUnit: number | undefined;
  let seqOffset: number | undefined;
  visit(doc, {
    Pair(_key, pair) {
      if (!isPair(pair)) return undefined;
      const key = pair.key as Node | null;
      const value = pair.value as Node | null;
      if (!key?.range || !value) return undefined;
      const keyColumn = column(text, key.range[0]);
      if (indentUnit === undefined && isMap(value) && !value.flow) {
        const first = value.items[0]?.key as Node | null | undefined;
        if (first?.range && !text.slice(key.range[1], first.range[0]).includes('-')) {
          const unit = column(text, first.range[0]) - keyColumn;
          if (unit > 0) indentUnit = unit;
        }
      }
      if (seqOffset === undefined && isSeq(value) && !value.flow) {
        const first = value.items[0] as Node | null | undefined;
        const dash = first?.range ? dashBefore(text, first.range[0]) : -1;
        if (dash >= 0) seqOffset = Math.max(0, column(text, dash) - keyColumn);
      }
      return indentUnit !== undefined && seqOffset !== undefined ? visit.BREAK : undefined;
    },
  });
  const unit = indentUnit ?? 2;
  const root = doc.contents;
  const firstKey = isMap(root) && root.flow ? (root.items[0]?.key as Node | null | undefined) : undefined;
  const json = isScalar(firstKey) && firstKey.type === 'QUOTE_DOUBLE';
  return { eol, indentUnit: unit, seqOffset: seqOffset ?? unit, json };
}
