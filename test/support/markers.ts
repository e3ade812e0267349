/** Inline range markers for tests: `privileged: ⟦true⟧` marks the range of `true`. */
export const OPEN = '⟦';
export const CLOSE = '⟧';

/** Removes the markers and returns the clean text with the marked ranges, in text order. */
export function stripMarkers(marked: string): { text: string; ranges: Array<[number, number]> } {
  let text = '';
  const ranges: Array<[number, number]> = [];
  const open: number[] = [];
  for (const ch of marked) {
    if (ch === OPEN) open.push(text.length);
    else if (ch === CLOSE) {
      const start = open.pop();
      if (start === undefined) throw new Error(`unbalanced ${CLOSE} in test text`);
      ranges.push([start, text.length]);
    } else text += ch;
  }
  if (open.length > 0) throw new Error(`unbalanced ${OPEN} in test text`);
  return { text, ranges: ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]) };
}
