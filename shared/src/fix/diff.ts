import type { TextEdit } from './types';

/** A run of lines: `a[aStart, aEnd)` became `b[bStart, bEnd)`; equal runs are not listed. */
export interface Hunk {
  readonly aStart: number;
  readonly aEnd: number;
  readonly bStart: number;
  readonly bEnd: number;
}

/** Lines with their line breaks kept, so joining them gives the text back byte for byte. */
export function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/**
 * The changed runs between two line arrays, by Myers' O((N+M)·D) algorithm: fixes change a few
 * lines of large files, so D is small. Common prefix and suffix are trimmed first.
 */
export function diffLines(a: readonly string[], b: readonly string[]): Hunk[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const n = a.length - pre - suf;
  const m = b.length - pre - suf;
  const max = n + m;
  const v = new Int32Array(2 * max + 2);
  const trace: Int32Array[] = [];
  let found = max === 0;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v[max + k - 1] ?? 0) < (v[max + k + 1] ?? 0));
      let x = down ? (v[max + k + 1] ?? 0) : (v[max + k - 1] ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && a[pre + x] === b[pre + y]) {
        x++;
        y++;
      }
      v[max + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  // Walk the trace back into a list of edit steps, then group adjacent steps into hunks.
  const steps: Array<{ x: number; y: number; kind: 'del' | 'ins' }> = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d > 0; d--) {
    const vd = trace[d] as Int32Array;
    const k = x - y;
    const down = k === -d || (k !== d && (vd[max + k - 1] ?? 0) < (vd[max + k + 1] ?? 0));
    const prevK = down ? k + 1 : k - 1;
    const prevX = vd[max + prevK] ?? 0;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
    }
    if (down) steps.push({ x: prevX, y: prevY, kind: 'ins' });
    else steps.push({ x: prevX, y: prevY, kind: 'del' });
    x = prevX;
    y = prevY;
  }
  steps.reverse();
  const hunks: Array<{ aStart: number; aEnd: number; bStart: number; bEnd: number }> = [];
  for (const s of steps) {
    const last = hunks[hunks.length - 1];
    const aPos = pre + s.x;
    const bPos = pre + s.y;
    if (last && last.aEnd === aPos && last.bEnd === bPos) {
      if (s.kind === 'del') last.aEnd++;
      else last.bEnd++;
    } else {
      hunks.push({ aStart: aPos, aEnd: aPos + (s.kind === 'del' ? 1 : 0), bStart: bPos, bEnd: bPos + (s.kind === 'ins' ? 1 : 0) });
    }
  }
  return hunks;
}

/** Line-granular edits that turn `before` into `after`, touching only the lines that differ. */
export function diffEdits(before: string, after: string): TextEdit[] {
  const a = splitLines(before);
  const b = splitLines(after);
  const offsets = [0];
  for (const line of a) offsets.push((offsets[offsets.length - 1] ?? 0) + line.length);
  return diffLines(a, b).map((h) => ({
    range: [offsets[h.aStart] ?? 0, offsets[h.aEnd] ?? 0] as const,
    newText: b.slice(h.bStart, h.bEnd).join(''),
  }));
}

/**
 * `diff -u` output for `--fix-dry-run`: `--- a/PATH`, `+++ b/PATH`, hunks with three lines of
 * context; empty when the texts are equal.
 */
export function unifiedDiff(path: string, before: string, after: string, context = 3): string {
  const a = splitLines(before);
  const b = splitLines(after);
  const hunks = diffLines(a, b);
  if (hunks.length === 0) return '';
  const out = [`--- a/${path}\n`, `+++ b/${path}\n`];
  let i = 0;
  while (i < hunks.length) {
    // Hunks closer than twice the context share one block, as diff -u prints them.
    let j = i;
    while (j + 1 < hunks.length && (hunks[j + 1] as Hunk).aStart - (hunks[j] as Hunk).aEnd <= 2 * context) j++;
    const first = hunks[i] as Hunk;
    const lastHunk = hunks[j] as Hunk;
    const aFrom = Math.max(0, first.aStart - context);
    const aTo = Math.min(a.length, lastHunk.aEnd + context);
    const bFrom = first.bStart - (first.aStart - aFrom);
    const bTo = lastHunk.bEnd + (aTo - lastHunk.aEnd);
    out.push(`@@ -${range(aFrom, aTo)} +${range(bFrom, bTo)} @@\n`);
    let at = aFrom;
    for (let h = i; h <= j; h++) {
      const hunk = hunks[h] as Hunk;
      for (; at < hunk.aStart; at++) out.push(line(' ', a[at] as string));
      for (let k = hunk.aStart; k < hunk.aEnd; k++) out.push(line('-', a[k] as string));
      for (let k = hunk.bStart; k < hunk.bEnd; k++) out.push(line('+', b[k] as string));
      at = hunk.aEnd;
    }
    for (; at < aTo; at++) out.push(line(' ', a[at] as string));
    i = j + 1;
  }
  return out.join('');
}

function range(from: number, to: number): string {
  const count = to - from;
  const start = count === 0 ? from : from + 1;
  return count === 1 ? `${start}` : `${start},${count}`;
}

function line(prefix: string, text: string): string {
  return text.endsWith('\n') ? `${prefix}${text}` : `${prefix}${text}\n\\ No newline at end of file\n`;
}
