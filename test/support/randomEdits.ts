/**
 * Seeded random edits of a multi-document YAML file, as a person (or a careless one) makes them:
 * characters and whole lines typed and deleted anywhere, across document boundaries, `---` added
 * and removed. Each edit is one range replaced, so it can be sent to a language server as a
 * keystroke is.
 */
export interface Edit {
  /** Replace `text.slice(from, to)` with `insert`. */
  readonly from: number;
  readonly to: number;
  readonly insert: string;
}

const INSERTS = ['---\n', '\n---\n', '---', '\n', ' ', '  ', ':', '- ', '#', 'x', 'true', '{', '"', '\r\n', '...\n', 'kind: Pod\n', '  privileged: true\n', '\t', 'é', '&a ', '*a'];
/** Whole lines people add: they keep the YAML valid more often than a random character does. */
const LINES = ['---\n', '# a comment\n', '\n', '---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: a, securityContext: {privileged: true}}]}\n'];

/** mulberry32: one seed, one sequence. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomEdit(text: string, next: () => number): Edit {
  if (next() < 0.5) return lineEdit(text, next);
  const at = Math.floor(next() * (text.length + 1));
  if (next() < 0.55) return { from: at, to: at, insert: INSERTS[Math.floor(next() * INSERTS.length)] ?? '' };
  const length = 1 + Math.floor(next() * (next() < 0.2 ? 200 : 12));
  return { from: at, to: Math.min(text.length, at + length), insert: '' };
}

export function applyEdit(text: string, edit: Edit): string {
  return text.slice(0, edit.from) + edit.insert + text.slice(edit.to);
}

function lineEdit(text: string, next: () => number): Edit {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const line = Math.floor(next() * starts.length);
  const at = starts[line] ?? text.length;
  if (next() < 0.6) return { from: at, to: at, insert: LINES[Math.floor(next() * LINES.length)] ?? '' };
  const end = starts[Math.min(starts.length - 1, line + 1 + Math.floor(next() * 3))] ?? text.length;
  return { from: at, to: end === at ? text.length : end, insert: '' };
}
