#!/usr/bin/env node
// Latency of `textDocument/codeAction` on a generated manifest file of about N lines, through a
// real LSP client talking to the bundled server over stdio, as VS Code asks: at the cursor, with
// the diagnostics there, edits resolved lazily.
//   node bench/lsp-codeaction.mjs [--lines 2000] [--json]
//   PODSEC_SERVER=path/to/server.js node bench/lsp-codeaction.mjs   another server bundle, to compare
// Every request is the first at its place (nothing rendered yet), in three groups:
//   diagnostic  one diagnostic in the context, as when a quick fix is picked from the Problems view
//   cursor      every diagnostic at one range, as the light bulb asks when the cursor sits there
//   kind        a workload's `kind:` line ("Make this … comply with …" offers)

import { countLines } from './generate.mjs';
import { arg, corpusOfLines, rpc, startServer } from './lsp.mjs';

const targetLines = arg('lines', 2000);
const { text, workloads } = corpusOfLines(targetLines);
const { conn, next, stop } = await startServer({
  workspace: { configuration: true, workspaceEdit: { documentChanges: true } },
  textDocument: { codeAction: { dataSupport: true, resolveSupport: { properties: ['edit'] } } },
});

/** Opens the file under a fresh URI, so no fix of it has been rendered yet. */
async function open(n) {
  const uri = `file:///bench/actions-${n}.yaml`;
  const done = next(uri);
  await conn.sendNotification(rpc.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  return { uri, diagnostics: (await done).diagnostics };
}

async function close(uri) {
  await conn.sendNotification(rpc.DidCloseTextDocumentNotification.type, { textDocument: { uri } });
}

async function time(uri, range, diagnostics) {
  const start = process.hrtime.bigint();
  const actions = await conn.sendRequest(rpc.CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics, triggerKind: 2 } });
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, actions: actions?.length ?? 0 };
}

const key = (r) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
const groups = { diagnostic: [], cursor: [], kind: [] };
let actions = 0;
// A warm-up document for the JIT, then one fresh document per group.
const warm = await open(0);
for (const d of warm.diagnostics) await time(warm.uri, d.range, [d]);
await close(warm.uri);

const single = await open(1);
for (const d of single.diagnostics) {
  const r = await time(single.uri, d.range, [d]);
  groups.diagnostic.push(r.ms);
  actions += r.actions;
}
await close(single.uri);
const cursor = await open(2);
const byRange = new Map();
for (const d of cursor.diagnostics) byRange.set(key(d.range), [...(byRange.get(key(d.range)) ?? []), d]);
for (const ds of byRange.values()) groups.cursor.push((await time(cursor.uri, ds[0].range, ds)).ms);
await close(cursor.uri);
const kinds = await open(3);
const lines = text.split('\n');
for (let i = 0; i < lines.length; i++) {
  if (!/^kind: /.test(lines[i])) continue;
  const at = { line: i, character: 1 };
  groups.kind.push((await time(kinds.uri, { start: at, end: at }, [])).ms);
}
await stop();

const stats = (times) => {
  const sorted = [...times].sort((a, b) => a - b);
  const pct = (p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  return { requests: sorted.length, p50: pct(50), p95: pct(95), max: sorted.at(-1) };
};
const result = { lines: countLines(text), workloads, diagnostics: single.diagnostics.length, actions, ...Object.fromEntries(Object.entries(groups).map(([k, v]) => [k, stats(v)])) };
const worst = Math.max(result.diagnostic.p95, result.cursor.p95, result.kind.p95);
result.p95 = worst;
if (process.argv.includes('--json')) console.log(JSON.stringify(result));
else {
  console.log(`${result.lines}-line file, ${workloads} workloads, ${result.diagnostics} diagnostics, ${actions} quick fixes`);
  for (const g of Object.keys(groups)) {
    const s = result[g];
    console.log(`  ${g.padEnd(10)} ${String(s.requests).padStart(4)} requests: p50 ${s.p50.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms, max ${s.max.toFixed(1)} ms`);
  }
}
