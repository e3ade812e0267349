#!/usr/bin/env node
// Time from `didOpen` to the first `publishDiagnostics` for a generated manifest file of about
// N lines, measured through a real LSP client talking to the bundled server over stdio.
//   node bench/lsp-open.mjs [--lines 2000] [--runs 20] [--json]
// Each run opens the file under a new URI, so nothing is served from a cache.

import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { countLines, generateCorpus } from './generate.mjs';

const require = createRequire(import.meta.url);
const rpc = require('vscode-languageserver-protocol/node');
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const targetLines = arg('lines', 2000);
const runs = arg('runs', 20);

// Scale from a sample, then grow to the first corpus of at least targetLines lines.
const sample = countLines(generateCorpus({ seed: 7, workloads: 20, includeNoise: true })) / 20;
let workloads = Math.max(1, Math.floor(targetLines / sample) - 2);
let text = generateCorpus({ seed: 7, workloads, includeNoise: true });
while (countLines(text) < targetLines) text = generateCorpus({ seed: 7, workloads: ++workloads, includeNoise: true });

const server = spawn(process.execPath, [join(ROOT, 'dist/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
const conn = rpc.createProtocolConnection(new rpc.StreamMessageReader(server.stdout), new rpc.StreamMessageWriter(server.stdin));
const waiting = new Map();
conn.onNotification(rpc.PublishDiagnosticsNotification.type, (p) => waiting.get(p.uri)?.(p));
conn.onRequest(rpc.ConfigurationRequest.type, (p) => p.items.map(() => ({})));
conn.onRequest(rpc.RegistrationRequest.type, () => undefined);
conn.onRequest(rpc.WorkDoneProgressCreateRequest.method, () => null);
conn.listen();
await conn.sendRequest(rpc.InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } }, workspaceFolders: null });
await conn.sendNotification(rpc.InitializedNotification.type, {});

const times = [];
let diagnostics = 0;
for (let i = 0; i < runs + 1; i++) {
  const uri = `file:///bench/open-${i}.yaml`;
  const done = new Promise((resolve) => waiting.set(uri, resolve));
  const start = process.hrtime.bigint();
  await conn.sendNotification(rpc.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  const params = await done;
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  diagnostics = params.diagnostics.length;
  if (i > 0) times.push(ms); // the first open also warms up the JIT
  await conn.sendNotification(rpc.DidCloseTextDocumentNotification.type, { textDocument: { uri } });
}
conn.dispose();
server.kill();

times.sort((a, b) => a - b);
const pct = (p) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))];
const result = { lines: countLines(text), workloads, runs, diagnostics, p50: pct(50), p95: pct(95), max: times.at(-1) };
if (process.argv.includes('--json')) console.log(JSON.stringify(result));
else console.log(`open ${result.lines}-line file (${workloads} workloads, ${diagnostics} diagnostics): p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms, max ${result.max.toFixed(1)} ms over ${runs} runs`);
