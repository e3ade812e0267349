import { ALL_CHECKS } from '../checks/index';
import type { Problem, Range } from '../yaml/range';

export const KEYWORD = 'podsec-ignore';

/** One `# podsec-ignore …` comment as written, before it is placed in the document. */
export interface Directive {
  /** The comment, from `#` to the end of its text. */
  readonly range: Range;
  /** The known check IDs it names, each with the range of its text. */
  readonly checks: ReadonlyArray<{ readonly id: string; readonly range: Range }>;
  /** `until=YYYY-MM-DD`, when valid. */
  readonly until: { readonly date: string; readonly range: Range } | undefined;
  /** The text after ` -- `, trimmed; empty when none. */
  readonly reason: string;
  /** A date that is not one: the directive suppresses nothing (it fails closed). */
  readonly isBroken: boolean;
  readonly problems: readonly Problem[];
}

const CHECK_IDS = ALL_CHECKS.map((c) => c.id);
const KNOWN = new Set(CHECK_IDS);

/**
 * Reads `# podsec-ignore <check>[,<check>…] [until=YYYY-MM-DD] -- <reason>` from a comment that
 * starts at `at` (its `#`) and runs to `end`. Undefined when the comment is not one of ours
 * (`# podsec-ignored`, `# see podsec-ignore`). IDs may be separated by commas or spaces.
 */
export function parseDirective(text: string, at: number, end: number): Directive | undefined {
  const comment = text.slice(at, end);
  const head = /^#[ \t]*podsec-ignore(?=[ \t]|$)/.exec(comment);
  if (!head) return undefined;
  const problems: Problem[] = [];
  const range: Range = [at, end];
  const body = comment.slice(head[0].length);
  const separator = /(?:^|[ \t])--(?=[ \t]|$)/.exec(body);
  const spec = separator ? body.slice(0, separator.index) : body;
  const reason = separator ? body.slice(separator.index + separator[0].length).trim() : '';
  const specStart = at + head[0].length;
  const checks: Array<{ id: string; range: Range }> = [];
  let until: Directive['until'];
  let isBroken = false;
  for (const token of spec.matchAll(/[^\s,]+/g)) {
    const value = token[0];
    const start = specStart + (token.index ?? 0);
    const tokenRange: Range = [start, start + value.length];
    if (value.startsWith('until=')) {
      const date = value.slice('until='.length);
      const dateRange: Range = date ? [start + 'until='.length, tokenRange[1]] : tokenRange;
      if (until || isBroken) {
        problems.push(warning(tokenRange, 'suppression-bad-date', 'until= is given twice in this podsec-ignore: keep one date'));
        isBroken = true;
      } else if (!isDate(date)) {
        problems.push(warning(dateRange, 'suppression-bad-date', `until=${date} is not a date (YYYY-MM-DD): this podsec-ignore suppresses nothing until the date is fixed`));
        isBroken = true;
      } else {
        until = { date, range: dateRange };
      }
      continue;
    }
    if (KNOWN.has(value)) {
      if (!checks.some((c) => c.id === value)) checks.push({ id: value, range: tokenRange });
      continue;
    }
    const near = nearestCheck(value);
    const hint = near ? `; did you mean ${near}?` : ': use the check IDs podsec shows as codes, e.g. privileged or runAsNonRoot';
    problems.push(warning(tokenRange, 'suppression-unknown-check', `podsec-ignore names an unknown check "${value}"${hint}`));
  }
  if (checks.length === 0 && !problems.some((p) => p.code === 'suppression-unknown-check')) {
    problems.push(warning(range, 'suppression-no-check', 'podsec-ignore names no check: list the IDs to suppress, as in # podsec-ignore privileged -- reason'));
  }
  if (!reason) problems.push(warning(range, 'suppression-no-reason', 'podsec-ignore without a reason: say after " -- " why this finding is acceptable here'));
  return { range, checks, until, reason, isBroken, problems };
}

export function warning(range: Range, code: string, message: string): Problem {
  return { message, range, severity: 'warning', code };
}

/** A real calendar date written YYYY-MM-DD. */
function isDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/**
 * The check ID a typo most likely meant: the same ID in another case, else the closest by edit
 * distance when it is close (at most a third of the ID's length, and at most 3).
 */
export function nearestCheck(id: string): string | undefined {
  const lower = id.toLowerCase();
  const sameCase = CHECK_IDS.find((c) => c.toLowerCase() === lower);
  if (sameCase) return sameCase;
  let best: string | undefined;
  let bestDistance = Math.min(3, Math.floor(id.length / 3)) + 1;
  for (const candidate of CHECK_IDS) {
    const d = distance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return 4;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length] ?? 0;
}
