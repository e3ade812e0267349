import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Position, Range } from 'vscode-languageserver-protocol/node';
import { applyEdit, randomEdit, rng, type Edit } from '../support/randomEdits';
import { LspClient } from './client';

/**
 * What an editor shows after any sequence of keystrokes must be what opening the final text
 * shows: the server keeps each `---` document's results and converted diagnostics between
 * versions and moves them by lines, so a stale piece would show here. Random edits (characters
 * and lines, across document boundaries, `---` added and removed) are sent as ranges, as editors
 * send them; after each, the published diagnostics, code lenses and hovers are compared with those
 * of a fresh document holding the same text. Seeded, so a failure names its edit sequence.
 *
 * No Namespace manifest is in the corpus: two open files defining one namespace would make the
 * comparison depend on which the index prefers. The index's handling of edits is tested below.
 */
const ROOT = resolve(__dirname, '../../..');
const CORPUS = ['examples/compliant-deployment.yaml', 'examples/baseline-only-deployment.yaml', 'examples/host-takeover-daemonset.yaml', 'examples/baseline-only-deployment.yaml']
  .map((f) => readFileSync(join(ROOT, f), 'utf8'))
  .join('---\n');

describe('language server: diagnostics after random edits equal a fresh open of the final text', () => {
  const client = new LspClient();
  before(() => client.start());
  after(() => client.stop());

  for (const [seed, maxDiagnostics] of [
    [1, undefined],
    [2, undefined],
    [3, 6],
    [4, undefined],
  ] as const) {
    it(`seed ${seed}, 60 edits${maxDiagnostics ? `, podsec.maxDiagnostics ${maxDiagnostics}` : ''}`, async () => {
      // Settings are read per document, and every document here is new.
      client.settings = maxDiagnostics ? { maxDiagnostics } : {};
      const next = rng(seed);
      const uri = `file:///w/edited-${seed}.yaml`;
      let text = CORPUS;
      let version = 1;
      await client.open(uri, text);
      for (let step = 0; step < 60; step++) {
        let edit = keepLineEnds(text, randomEdit(text, next));
        // Grow back now and then, so the text does not wear away.
        if (text.length < CORPUS.length / 3) edit = { from: text.length, to: text.length, insert: `---\n${CORPUS}` };
        const got = await client.edit(uri, ++version, lspRange(text, edit), edit.insert);
        text = applyEdit(text, edit);
        const fresh = `file:///w/fresh-${seed}-${step}.yaml`;
        const want = await client.open(fresh, text);
        const where = `seed ${seed}, step ${step}:\n${text}`;
        assert.deepEqual(got, want, where);
        assert.deepEqual(await client.codeLenses(uri), await client.codeLenses(fresh), `code lenses, ${where}`);
        for (const d of got.slice(0, 4)) {
          assert.deepEqual(await client.hover(uri, d.range.start.line, d.range.start.character), await client.hover(fresh, d.range.start.line, d.range.start.character), `hover, ${where}`);
        }
        await client.close(fresh);
      }
    });
  }
});

describe('language server: namespace context typed into a large open file', () => {
  const client = new LspClient();
  before(() => client.start());
  after(() => client.stop());

  it('notices a Namespace manifest completed by one keystroke', async () => {
    const uri = 'file:///w/typed-namespace.yaml';
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: team\nspec:\n  containers:\n  - name: app\n    image: x\n    securityContext:\n      privileged: true\n';
    let text = `${pod}---\n# filler\n`.repeat(50);
    let diagnostics = await client.open(uri, text);
    assert.ok(diagnostics.some((d) => d.code === 'privileged' && d.severity === 1), 'baseline is enforced by default');
    const namespace = '---\napiVersion: v1\nkind: Namespac\nmetadata:\n  name: team\n  labels:\n    pod-security.kubernetes.io/enforce: privileged\n';
    diagnostics = await client.edit(uri, 2, lspRange(text, { from: text.length, to: text.length, insert: namespace }), namespace);
    text += namespace;
    assert.ok(diagnostics.some((d) => d.code === 'privileged' && d.severity === 1), 'not a Namespace yet');
    assert.equal((await client.effectivePolicy(uri))?.enforce, 'baseline:latest');
    const at = text.indexOf('kind: Namespac') + 'kind: Namespac'.length;
    await client.edit(uri, 3, lspRange(text, { from: at, to: at, insert: 'e' }), 'e');
    // Requests are answered under the context as it is after the edit.
    assert.equal((await client.effectivePolicy(uri))?.enforce, 'privileged:latest');
    assert.match(JSON.stringify(await client.hover(uri, 1, 7)), /enforce\*\* `privileged:latest`/);
  });
});

/** An editor cannot address the middle of a `\r\n`: such an edit starts (or ends) before it. */
function keepLineEnds(text: string, edit: Edit): Edit {
  const inside = (at: number) => at > 0 && text[at - 1] === '\r' && text[at] === '\n';
  const from = inside(edit.from) ? edit.from - 1 : edit.from;
  return { from, to: Math.max(from, inside(edit.to) ? edit.to - 1 : edit.to), insert: edit.insert };
}

function lspRange(text: string, edit: Edit): Range {
  return { start: position(text, edit.from), end: position(text, edit.to) };
}

/** LSP's line and character of an offset: lines end at \n, \r\n or \r. */
function position(text: string, offset: number): Position {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const c = text[i];
    if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: offset - lineStart };
}
