import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { evaluate } from '../../shared/src/evaluate/evaluate';
import { parseFast, stringShortcutHolds } from '../../shared/src/yaml/fast';
import { loadCorpus } from '../fuzz/corpus';
import { POLICIES } from '../fuzz/properties';
import { documentTexts, evaluateReference, fastDifference, resultProjection } from '../support/fastEquivalence';

/**
 * The fast parser (yaml/fast.ts) must give exactly what the reference path gives, or give up:
 * node by node on every document, and result by result (objects, violations, ranges, problems,
 * rendered fixes) on every file: the repository's manifests (examples, the editor tests'
 * workspace, every check table case wrapped in each kind, the fuzz corpus's extra shapes),
 * generated corpora of several seeds, line-level mutations of them, and the shapes below, which
 * aim at where ranges are subtle.
 */
const ROOT = join(__dirname, '../../..');

interface Generator {
  generateCorpus(options: { seed: number; workloads: number; includeNoise: boolean }): string;
}

async function generated(): Promise<string[]> {
  const { generateCorpus } = (await import(pathToFileURL(join(ROOT, 'bench/generate.mjs')).href)) as Generator;
  return [1, 2, 3, 4].map((seed) => generateCorpus({ seed, workloads: 150, includeNoise: true }));
}

/** Shapes the fast path must read itself (so the comparison is not vacuous), and get right. */
const ACCEPTED = [
  'a: 1\n',
  'a: 1',
  '---\na: 1\n',
  '---\n# c\n\na: x # c\n',
  'a:\n  b: 1\n  # stays in b\n\n# also\nc: 2\n',
  'a:\n  b: 1\n# leaves b\nc: 2\n',
  'a:\n  b:\n    c: 1\n    # in c\n  # in b\nd: 1\n',
  'a:\n  b:\n    c: 1\n  # in b, not c\n# top\n',
  'a:\n  - x\n  # in the list\nb: 1\n',
  'a:\n- x\n- y: 1\n  z: 2\n  # in the item map\n# q\n',
  'a:\n- x\n# between\n- y\nb: 1\n',
  'a:\n  - name: x\n    v: [1, "2", {p: q}]  # c\n  - {name: y}\n',
  'a: { p: q , r: [ x , y ] }  # c\nb: {}\nc: []\n',
  'a: |\n  l1\n\n  l2\n\n# end\n',
  'a: |-\n  t\n\nb: 1\n',
  'a:\n  b: |\n    t\n\n  # c\nd: 1\n',
  'a:\n  b: |\n    t\n      more\n    # text\nc: 1\n',
  "a: 'it''s'\nb: \"q\"\nc: ''\n",
  'k: -5\nl: 0o7\nm: 1.50\nn: 0x1F\no: ~\np: 010\nq: yes\nr: 1_000\ns: 1:20\nt: 2024-01-01\nu: .inf\nv: null\nw: 1e3\nx: +1\n',
  'true: 1\n1: 2\nnull: 3\ny: 4\n~: 5\n',
  'a: 1\na: 2\nb:\n  c: 1\n  c: 1\n',
  'a: b#c\nd: e # f\ng: h:i\nj: http://x/y?z=1\n',
  'a:   spaced   \nb: trailing   \n',
  'a:\n  # before the value\n  b: 1\n',
  'list:\n  -   wide\n  - -x\n',
  'a: [--config, -v]\n',
  'a: "*"\nb: x*y\nc: "&a"\n',
  'a: ünïcödé\nb: "日本"\n',
];

/** Shapes it must leave to the reference path (whatever that makes of them). */
const REFUSED = [
  'a: &x 1\nb: *x\n',
  'a: !!str 1\n',
  'a:\r\n  b: 1\r\n',
  'a:\tb\n',
  'a:\n',
  'a: 1\n    # indented past a\nb: 2\n',
  'a: >\n  folded\n',
  'a: "esc\\n"\n',
  'a: b\n  c\n',
  '- a\n',
  '{a: 1}\n',
  'a: 1\n---\nb: 2\n',
  '"a": 1\n',
  'a: b: c\n',
  '<<: {a: 1}\n',
  'a: [x,y]\n',
  'a: {k: v:w}\n',
  'a: |+\n  keep\n\n',
  'a: |\n   \n  x\n',
  'a:\n  b: 1\n c: 2\n',
  'a: "open\n',
  '\ufeffa: 1\n',
  'a: \u0001\n',
];

describe('fast parser', () => {
  it('reads the plain shapes itself, node for node as the reference path', () => {
    for (const text of ACCEPTED) {
      assert.ok(parseFast(text), `the fast path gave up on ${JSON.stringify(text)}`);
      const difference = fastDifference(text);
      assert.equal(difference, undefined, `${difference}: ${JSON.stringify(text)}`);
    }
  });

  it("resolves plain strings without the schema's search while its tags are the known ones", () => {
    assert.equal(stringShortcutHolds(), true);
  });

  it('leaves everything else to the reference path', () => {
    for (const text of REFUSED) assert.equal(parseFast(text), undefined, JSON.stringify(text));
  });

  it("agrees with the reference path on every document of the repository's manifests", () => {
    let fast = 0;
    for (const seed of loadCorpus()) {
      for (const doc of documentTexts(seed.text)) {
        if (parseFast(doc)) fast++;
        const difference = fastDifference(doc);
        assert.equal(difference, undefined, `${seed.origin}: ${difference}\n${doc}`);
      }
    }
    assert.ok(fast > 250, `only ${fast} documents took the fast path`);
  });

  it('reads every document of the generated corpora, as the reference path does', async () => {
    for (const text of await generated()) {
      for (const doc of documentTexts(text)) {
        assert.ok(parseFast(doc), `the fast path gave up on:\n${doc}`);
        const difference = fastDifference(doc);
        assert.equal(difference, undefined, `${difference}\n${doc}`);
      }
    }
  });

  it('agrees on line-level mutations of generated documents (deleted, repeated, re-indented and comment lines)', async () => {
    const [text] = await generated();
    const docs = documentTexts(text ?? '').slice(0, 120);
    const next = rng(7);
    let compared = 0;
    for (const doc of docs) {
      for (let round = 0; round < 12; round++) {
        const mutated = mutateLines(doc, next);
        if (parseFast(mutated)) compared++;
        const difference = fastDifference(mutated);
        assert.equal(difference, undefined, `${difference}\n${JSON.stringify(mutated)}`);
      }
    }
    assert.ok(compared > 300, `only ${compared} mutated documents took the fast path`);
  });

  it('gives the same results and fixes as the reference path, file by file', async () => {
    const files = [...loadCorpus().map((s) => s.text), ...(await generated()).map((t) => t.slice(0, 60_000))];
    for (const [i, text] of files.entries()) {
      const options = POLICIES[i % POLICIES.length] ?? POLICIES[0]!;
      const fast = resultProjection(text, evaluate(text, options));
      const reference = resultProjection(text, evaluateReference(text, options));
      assert.deepEqual(fast, reference, text.slice(0, 2000));
    }
  });
});

const COMMENTS = ['# c', '  # c', '    # c', '      # c', '        # c', ''];

/** One line deleted, repeated, indented by two more or less, or a comment or blank line added. */
function mutateLines(doc: string, next: () => number): string {
  const lines = doc.split('\n');
  const at = Math.floor(next() * lines.length);
  const line = lines[at] ?? '';
  const choice = Math.floor(next() * 5);
  if (choice === 0) lines.splice(at, 1);
  else if (choice === 1) lines.splice(at, 0, line);
  else if (choice === 2) lines[at] = `  ${line}`;
  else if (choice === 3) lines[at] = line.replace(/^ {2}/, '');
  else lines.splice(at, 0, COMMENTS[Math.floor(next() * COMMENTS.length)] ?? '');
  return lines.join('\n');
}

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
