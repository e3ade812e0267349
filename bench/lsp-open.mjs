#!/usr/bin/env node
// Time from `didOpen` to the first `publishDiagnostics` for a generated manifest file of about
// N lines, measured through a real LSP client talking to the bundled server over stdio.
//   node bench/lsp-open.mjs [--lines 2000] [--runs 20] [--json]
// Each run opens the file under a new URI, so nothing is served from a cache.

import { countLines } from './generate.mjs';
import { arg, corpusOfLines, rpc, since, startServer } from './lsp.mjs';

const targetLines = arg('lines', 2000);
const runs = arg('runs', 20);
const { text, workloads } = corpusOfLines(targetLines);
const { conn, next, stop } = await startServer();

const times = [];
let diagnostics = 0;
for (let i = 0; i < runs + 1; i++) {
  const uri = `file:///bench/open-${i}.yaml`;
  const done = next(uri);
  const start = process.hrtime.bigint();
  await conn.sendNotification(rpc.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  const params = await done;
  const ms = since(start);
  diagnostics = params.diagnostics.length;
  if (i > 0) times.push(ms); // the first open also warms up the JIT
  await conn.sendNotification(rpc.DidCloseTextDocumentNotification.type, { textDocument: { uri } });
}
await stop();

times.sort((a, b) => a - b);
const pct = (p) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))];
const result = { lines: countLines(text), workloads, runs, diagnostics, p50: pct(50), p95: pct(95), max: times.at(-1) };
if (process.argv.includes('--json')) console.log(JSON.stringify(result));
else console.log(`open ${result.lines}-line file (${workloads} workloads, ${diagnostics} diagnostics): p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms, max ${result.max.toFixed(1)} ms over ${runs} runs`);
