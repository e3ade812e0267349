import type { TextEdit } from './types';

/**
 * Applies non-overlapping edits to the text they were computed on; undefined when two overlap
 * (or two insert at one place), since their order would then be a guess.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string | undefined {
  const sorted = [...edits].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  let out = '';
  let at = 0;
  let lastInsert = -1;
  for (const { range: [start, end], newText } of sorted) {
    if (start < at || end < start || end > text.length) return undefined;
    if (start === end && start === lastInsert) return undefined;
    if (start === end) lastInsert = start;
    out += text.slice(at, start) + newText;
    at = end;
  }
  return out + text.slice(at);
}

/** True when no edit of `a` overlaps or touches an edit of `b`. */
export function disjoint(a: readonly TextEdit[], b: readonly TextEdit[]): boolean {
  return a.every((x) => b.every((y) => x.range[1] < y.range[0] || y.range[1] < x.range[0]));
}

/** Edits computed on a slice that starts at `by` in the file, placed in the file. */
export function shiftEdits(edits: readonly TextEdit[], by: number): TextEdit[] {
  return edits.map((e) => ({ range: [e.range[0] + by, e.range[1] + by] as const, newText: e.newText }));
}
