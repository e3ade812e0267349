/**
 * Line arithmetic on the raw source. Fixes are computed on the text itself (not a re-serialized
 * tree), so these few helpers decide where every inserted or removed byte goes.
 */

export function lineStart(text: string, pos: number): number {
  return text.lastIndexOf('\n', pos - 1) + 1;
}

export function column(text: string, pos: number): number {
  return pos - lineStart(text, pos);
}

/** True when only spaces stand between the start of the line and `pos`. */
export function startsLine(text: string, pos: number): boolean {
  return /^ *$/.test(text.slice(lineStart(text, pos), pos));
}

/**
 * Where to insert a new line after a value ending at `end`: before the line break that ends the
 * value's last line (after any trailing comment), or at the end of the text. Block scalars include
 * their final line break in their range, so a range ending just after `\n` ends on the line before.
 */
export function lineBreakAfter(text: string, end: number): number {
  let nl = end > 0 && text[end - 1] === '\n' ? end - 1 : text.indexOf('\n', end);
  if (nl === -1) return text.length;
  if (nl > 0 && text[nl - 1] === '\r') nl -= 1;
  return nl;
}

/** The index just after the line break at `pos` (from `lineBreakAfter`), or `pos` at the end. */
export function afterLineBreak(text: string, pos: number): number {
  if (text.startsWith('\r\n', pos)) return pos + 2;
  if (text[pos] === '\n') return pos + 1;
  return pos;
}

/** The dash of a block sequence item whose content starts at `pos`, or -1. */
export function dashBefore(text: string, pos: number): number {
  let i = pos - 1;
  while (i >= 0 && text[i] === ' ') i--;
  return i >= 0 && text[i] === '-' ? i : -1;
}

/**
 * Comments in `text` (one per line), found by a scan that skips quoted strings: a `#` at the
 * start of a line or after a space. Used to keep every comment of removed text.
 */
export function commentsIn(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    let quote: string | undefined;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (quote) {
        if (ch === quote) quote = undefined;
      } else if (ch === '"' || ch === "'") {
        if (i === 0 || /[\s:[{,-]/.test(line[i - 1] ?? '')) quote = ch;
      } else if (ch === '#' && (i === 0 || /\s/.test(line[i - 1] ?? ''))) {
        out.push(line.slice(i).replace(/\r$/, '').trimEnd());
        break;
      }
    }
  }
  return out;
}
