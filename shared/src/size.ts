/**
 * File sizes as people write them in settings and on the command line: a whole number of bytes,
 * or a number with a unit (`512 KB`, `5MB`, `1.5 GiB`). Units are binary (1 KB = 1024 bytes), as
 * file managers and `ls -h` show them; `KB` and `KiB` mean the same.
 */

const UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, kib: 1024, m: 1024 ** 2, mb: 1024 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, gib: 1024 ** 3 };
const SIZE = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i;

/** A positive whole number of bytes, or undefined for anything else. */
export function parseSize(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value > 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const match = SIZE.exec(value);
  const unit = UNITS[(match?.[2] ?? '').toLowerCase()];
  if (!match || unit === undefined) return undefined;
  const bytes = Math.floor(Number(match[1]) * unit);
  return Number.isSafeInteger(bytes) && bytes > 0 ? bytes : undefined;
}

/** `5 MB`, `1.5 KB`, `100 bytes`: short and exact enough for a message. */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 ** 2) return `${round(bytes / 1024 ** 2)} MB`;
  if (bytes >= 1024) return `${round(bytes / 1024)} KB`;
  return `${bytes} byte${bytes === 1 ? '' : 's'}`;
}

function round(n: number): string {
  return String(Math.round(n * 10) / 10);
}
