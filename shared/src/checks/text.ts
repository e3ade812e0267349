/**
 * The string helpers every PSA detail is built from (pod-security-standards.md §3.3), kept in one
 * place as PSA keeps them in `policy/helpers.go`.
 */

/** `"a", "b"`: each item in double quotes, verbatim (no escaping), joined with `, `. */
export function quoteList(items: readonly string[]): string {
  return items.map((i) => `"${i}"`).join(', ');
}

export function plural(singular: string, pluralForm: string, n: number): string {
  return n === 1 ? singular : pluralForm;
}

/** `container "a"` / `containers "a", "b"`: PSA's container-list fragment C(names). */
export function containerList(names: readonly string[]): string {
  return `${plural('container', 'containers', names.length)} ${quoteList(names)}`;
}

/** Byte-wise (UTF-8) order, which is code point order; JS's default sort is UTF-16 order. */
export function compareCodePoints(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const ca = ia.next();
    const cb = ib.next();
    if (ca.done || cb.done) return ca.done === cb.done ? 0 : ca.done ? -1 : 1;
    const da = ca.value.codePointAt(0) ?? 0;
    const db = cb.value.codePointAt(0) ?? 0;
    if (da !== db) return da - db;
  }
}

/** Go's sets.List(): unique values sorted byte-wise. */
export function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(compareCodePoints);
}

/** Setter list: parts joined with ` and ` (`pod and containers "a", "b"`). */
export function joinSetters(parts: readonly string[]): string {
  return parts.join(' and ');
}

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;
const SHORT_ESCAPES: Readonly<Record<number, string>> = {
  0x07: '\\a', 0x08: '\\b', 0x0c: '\\f', 0x0a: '\\n', 0x0d: '\\r', 0x09: '\\t', 0x0b: '\\v',
  0x22: '\\"', 0x5c: '\\\\',
};

/**
 * Go's strconv.Quote: printable runes (Go's unicode.IsPrint: letters, marks, numbers, punctuation,
 * symbols and the ASCII space) stay as they are; everything else is escaped.
 */
export function goQuote(value: string): string {
  let out = '"';
  for (const ch of value) {
    const cp = ch.codePointAt(0) ?? 0;
    const short = SHORT_ESCAPES[cp];
    if (short) out += short;
    else if (cp === 0x20 || (cp > 0x7e || cp >= 0x21) && cp !== 0x7f && PRINTABLE.test(ch)) out += ch;
    else if (cp < 0x80) out += `\\x${hex(cp, 2)}`;
    else if (cp <= 0xffff) out += `\\u${hex(cp, 4)}`;
    else out += `\\U${hex(cp, 8)}`;
  }
  return out + '"';
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

/** Fills `{{name}}` placeholders; unknown names stay visible rather than vanish. */
export function formatMessage(template: string, data: Readonly<Record<string, string>> | undefined): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => data?.[name] ?? whole);
}

/** `key="value"`: how PSA names a forbidden annotation in a detail (Go's `%s=%q`). */
export function annotationEntry(key: string, value: string): string {
  return `${key}=${goQuote(value)}`;
}
