import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { NodeView } from '../yaml/view';
import { blockBody, blockPair, flowText, nest, scalarText } from './emit';
import type { TextStyle } from './style';
import { afterLineBreak, column, commentsIn, dashBefore, lineBreakAfter, lineStart, startsLine } from './text';
import type { FixValue, TextEdit } from './types';

/**
 * Text edits for the three fix operations. Each function returns undefined when it cannot make
 * the change without touching more than it must (an alias, a comment in the way, a value of an
 * unexpected type): a fix that is not offered is better than one that damages the file.
 */
export interface EditContext {
  readonly text: string;
  readonly style: TextStyle;
}

type Edits = TextEdit[] | undefined;

export function setEdits(cx: EditContext, target: NodeView, value: FixValue): Edits {
  if (target.exists) {
    const node = target.node;
    if (!target.editable || !isScalar(node) || !node.range || typeof value === 'object') return undefined;
    const quote = node.type === 'QUOTE_DOUBLE' || cx.style.json ? '"' : node.type === 'QUOTE_SINGLE' ? "'" : '';
    return [{ range: [node.range[0], node.range[1]], newText: scalarText(value, typeof value === 'string' ? quote : '') }];
  }
  const keys: string[] = [];
  let view: NodeView | undefined = target;
  while (view && !view.exists) {
    if (view.pair) return fillNull(cx, view.pair, view.parent?.node, nest(keys, value));
    if (typeof view.key !== 'string') return undefined;
    keys.unshift(view.key);
    view = view.parent;
  }
  if (!view || !view.editable || !isMap(view.node)) return undefined;
  const [first, ...rest] = keys;
  if (first === undefined) return undefined;
  return insertPair(cx, view.node, first, nest(rest, value));
}

export function appendEdits(cx: EditContext, target: NodeView, value: FixValue): Edits {
  if (!target.exists) return setEdits(cx, target, [value]);
  const seq = target.node;
  if (!target.editable || !isSeq(seq) || !seq.range) return undefined;
  const last = seq.items[seq.items.length - 1] as Node | null | undefined;
  if (seq.flow) {
    if (!last) return [{ range: [seq.range[0] + 1, seq.range[0] + 1], newText: flowText(value, false, cx.style.json) }];
    if (!last.range) return undefined;
    return [{ range: [last.range[1], last.range[1]], newText: `, ${flowText(value, false, cx.style.json)}` }];
  }
  if (!last?.range) return undefined;
  const dash = dashBefore(cx.text, last.range[0]);
  if (dash < 0 || !startsLine(cx.text, dash)) return undefined;
  const at = lineBreakAfter(cx.text, last.range[1]);
  return [{ range: [at, at], newText: `${cx.style.eol}${' '.repeat(column(cx.text, dash))}- ${flowText(value)}` }];
}

/** Removes map entries and list items; all targets must be siblings or unrelated. */
export function removeEdits(cx: EditContext, targets: readonly NodeView[]): Edits {
  const bySeq = new Map<NodeView, number[]>();
  const edits: TextEdit[] = [];
  for (const target of targets) {
    const parent = target.parent;
    if (!parent?.editable) return undefined;
    if (typeof target.key === 'number') {
      const indices = bySeq.get(parent) ?? [];
      indices.push(target.key);
      bySeq.set(parent, indices);
      continue;
    }
    if (!target.pair || !isMap(parent.node)) return undefined;
    const more = removePair(cx, parent, target.pair);
    if (!more) return undefined;
    edits.push(...more);
  }
  for (const [list, indices] of bySeq) {
    const seq = list.node;
    if (!isSeq(seq)) return undefined;
    const unique = [...new Set(indices)];
    const more = unique.length === seq.items.length ? removeEdits(cx, [list]) : removeItems(cx, seq, unique);
    if (!more) return undefined;
    edits.push(...more);
  }
  return edits;
}

function insertPair(cx: EditContext, map: YAMLMap, key: string, value: FixValue): Edits {
  const last = map.items[map.items.length - 1];
  if (map.flow) {
    if (!map.range) return undefined;
    const padded = cx.text[map.range[0] + 1] === ' ';
    const pair = `${scalarText(key, cx.style.json ? '"' : '')}: ${flowText(value, padded, cx.style.json)}`;
    if (!last) return [{ range: [map.range[0] + 1, map.range[0] + 1], newText: pair }];
    const end = pairEnd(cx, last);
    return end === undefined ? undefined : [{ range: [end, end], newText: `, ${pair}` }];
  }
  const firstKey = map.items[0]?.key as Node | null | undefined;
  const end = last && pairEnd(cx, last);
  if (!firstKey?.range || end === undefined) return undefined;
  const indent = column(cx.text, firstKey.range[0]);
  const at = lineBreakAfter(cx.text, end);
  return [{ range: [at, at], newText: `${cx.style.eol}${' '.repeat(indent)}${blockPair(key, value, indent, cx.style)}` }];
}

/** `key:` or `key: ~` becomes `key:` followed by the new value. */
function fillNull(cx: EditContext, pair: Pair, parent: Node | null | undefined, value: FixValue): Edits {
  const key = pair.key as Node | null;
  const token = pair.value as Node | null;
  if (!key?.range || !isMap(parent)) return undefined;
  const explicit = token?.range && token.range[1] > token.range[0] ? token.range : undefined;
  const colon = cx.text.indexOf(':', key.range[1]);
  if (colon < 0 || cx.text.slice(key.range[1], colon).trim() !== '') return undefined;
  if (parent.flow) {
    const padded = parent.range ? cx.text[parent.range[0] + 1] === ' ' : false;
    if (explicit) return [{ range: [explicit[0], explicit[1]], newText: flowText(value, padded, cx.style.json) }];
    return [{ range: [colon + 1, colon + 1], newText: ` ${flowText(value, padded, cx.style.json)}` }];
  }
  if (typeof value !== 'object') {
    return [{ range: [colon + 1, explicit ? explicit[1] : colon + 1], newText: ` ${scalarText(value)}` }];
  }
  // The new lines go after any comment on the key's line, so the comment keeps its place.
  const from = explicit ? explicit[0] : colon + 1;
  const through = explicit ? explicit[1] : colon + 1;
  const at = lineBreakAfter(cx.text, through);
  const rest = cx.text.slice(through, at);
  const start = explicit ? trimSpacesBefore(cx.text, from, colon + 1) : from;
  return [{ range: [start, at], newText: `${rest}${blockBody(value, column(cx.text, key.range[0]), cx.style)}` }];
}

function removePair(cx: EditContext, parentView: NodeView, pair: Pair): Edits {
  const map = parentView.node as YAMLMap;
  const index = map.items.indexOf(pair);
  const key = pair.key as Node | null;
  const end = pairEnd(cx, pair);
  if (index < 0 || !key?.range || end === undefined) return undefined;
  const start = key.range[0];
  const only = map.items.length === 1;
  if (map.flow) {
    if (only) return plainSpan(cx, start, end, '');
    const prev = map.items[index - 1];
    const next = map.items[index + 1]?.key as Node | null | undefined;
    if (prev) {
      const prevEnd = pairEnd(cx, prev);
      return prevEnd === undefined ? undefined : plainSpan(cx, prevEnd, end, '');
    }
    return next?.range ? plainSpan(cx, start, next.range[0], '') : undefined;
  }
  if (only) return emptyMap(cx, parentView, start, end);
  if (startsLine(cx.text, start)) return removeLines(cx, start, end);
  // The first entry of a list item (`- hostPort: 80`): the next entry moves up behind the dash.
  const next = map.items[index + 1]?.key as Node | null | undefined;
  return next?.range ? plainSpan(cx, start, next.range[0], '') : undefined;
}

/** A map losing its only entry becomes `{}` (never null: `key: {}` is what was meant). */
function emptyMap(cx: EditContext, mapView: NodeView, start: number, end: number): Edits {
  const ownerKey = mapView.pair?.key as Node | null | undefined;
  if (ownerKey?.range && mapView.parent && isMap(mapView.parent.node) && !mapView.parent.node.flow) {
    const colon = cx.text.indexOf(':', ownerKey.range[1]);
    if (colon >= 0 && colon < start) {
      const edits = plainSpan(cx, colon + 1, end, ' {}');
      if (edits) return edits;
    }
  }
  return plainSpan(cx, start, end, '{}');
}

function removeItems(cx: EditContext, seq: YAMLSeq, indices: readonly number[]): Edits {
  if (!seq.range) return undefined;
  const items = seq.items as Array<Node | null>;
  if (seq.flow) {
    if (indices.length > 1) {
      const kept = items.filter((_, i) => !indices.includes(i));
      if (kept.some((n) => !n?.range)) return undefined;
      const body = kept.map((n) => cx.text.slice(n!.range![0], n!.range![1])).join(', ');
      return plainSpan(cx, seq.range[0], seq.range[1], `[${body}]`);
    }
    const i = indices[0] ?? -1;
    const item = items[i];
    if (!item?.range) return undefined;
    const prev = items[i - 1];
    if (prev?.range) return plainSpan(cx, prev.range[1], item.range[1], '');
    const next = items[i + 1];
    return next?.range ? plainSpan(cx, item.range[0], next.range[0], '') : undefined;
  }
  const edits: TextEdit[] = [];
  for (const i of indices) {
    const item = items[i];
    if (!item?.range) return undefined;
    const dash = dashBefore(cx.text, item.range[0]);
    if (dash < 0 || !startsLine(cx.text, dash)) return undefined;
    const more = removeLines(cx, dash, item.range[1]);
    if (!more) return undefined;
    edits.push(...more);
  }
  return edits;
}

/** Deletes the whole lines from `start` through `end`, keeping their comments as comment lines. */
function removeLines(cx: EditContext, start: number, end: number): Edits {
  const from = lineStart(cx.text, start);
  const through = afterLineBreak(cx.text, lineBreakAfter(cx.text, end));
  const pad = ' '.repeat(start - from);
  const kept = commentsIn(cx.text.slice(start, through)).map((c) => `${pad}${c}${cx.style.eol}`).join('');
  const last = through === cx.text.length && !/\n$/.test(cx.text.slice(from, through)) && from > 0;
  // At the very end of a text without a final newline, the line break before goes instead.
  if (last && kept === '') {
    const prevBreak = cx.text[from - 2] === '\r' ? from - 2 : from - 1;
    return [{ range: [prevBreak, through], newText: '' }];
  }
  return [{ range: [from, through], newText: last ? kept.slice(0, -cx.style.eol.length) : kept }];
}

/** Replaces a span that must hold no comment (a comment there would be lost). */
function plainSpan(cx: EditContext, start: number, end: number, newText: string): Edits {
  if (commentsIn(cx.text.slice(start, end)).length > 0) return undefined;
  return [{ range: [start, end], newText }];
}

/**
 * Where a pair's text ends. A block collection's range runs through the line break after its last
 * value; that break belongs to the line, not the pair, so it is left out.
 */
function pairEnd(cx: EditContext, pair: Pair): number | undefined {
  const key = pair.key as Node | null;
  const value = pair.value as Node | null;
  const keyEnd = key?.range?.[1] ?? -1;
  let end = Math.max(keyEnd, value?.range?.[1] ?? -1);
  while (end > keyEnd && /[\r\n]/.test(cx.text[end - 1] ?? '')) end--;
  return end < 0 ? undefined : end;
}

function trimSpacesBefore(text: string, pos: number, floor: number): number {
  let i = pos;
  while (i > floor && (text[i - 1] === ' ' || text[i - 1] === '\t')) i--;
  return i;
}
