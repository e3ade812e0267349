#!/usr/bin/env node
// The language server on a large file, through a real LSP client over stdio: time from
// `didOpen` to the first diagnostics, from a one-character `didChange` to the diagnostics of that
// version, code action and hover latency, and the server's peak RSS, before and after the edits.
//   node bench/lsp-edit.mjs [--workloads 2000] [--edits 300] [--json]
// The file is the seeded generator's corpus (Deployments, StatefulSets, DaemonSets, Jobs,
// CronJobs, Pods, Services and ConfigMaps with comments). Each edit types one character at the
// end of a random `image:` line, as a person typing would, and waits for that version's
// diagnostics before the next keystroke.

import { parseAllDocuments } from 'yaml';
import { countLines, generateCorpus, mulberry32 } from './generate.mjs';
import { arg, rpc, since, startServer, stats } from './lsp.mjs';

const workloads = arg('workloads', 2000);
const edits = arg('edits', 300);
let text = generateCorpus({ seed: 1, workloads, includeNoise: true });

// The reference the issue measures against: the yaml package parsing the same text, same process.
const parseTimes = [];
for (let i = 0; i < 3; i++) {
  const start = process.hrtime.bigint();
  parseAllDocuments(text, { keepSourceTokens: true });
  parseTimes.push(Number(process.hrtime.bigint() - start) / 1e6);
}
parseTimes.sort((a, b) => a - b);
const parseMs = parseTimes[1];

const { conn, next: published, memory, stop } = await startServer({
  workspace: { configuration: true },
  textDocument: { publishDiagnostics: { versionSupport: true }, codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } } },
});

const uri = 'file:///bench/large.yaml';
const opened = published(uri);
const openStart = process.hrtime.bigint();
await conn.sendNotification(rpc.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text } });
let diagnostics = (await opened).diagnostics;
const openMs = since(openStart);
const rssAfterOpen = memory().rss;

// Where people type: the end of `image:` lines.
const imageLines = [];
text.split('\n').forEach((line, i) => {
  if (/^\s*(- )?image: /.test(line)) imageLines.push({ line: i, character: line.length });
});
const random = mulberry32(42);
const editTimes = [];
let version = 1;
for (let i = 0; i < edits; i++) {
  const at = imageLines[Math.floor(random() * imageLines.length)];
  version++;
  const done = published(`${uri}@${version}`);
  const start = process.hrtime.bigint();
  await conn.sendNotification(rpc.DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version },
    contentChanges: [{ range: { start: at, end: at }, text: 'x' }],
  });
  diagnostics = (await done).diagnostics;
  editTimes.push(since(start));
  at.character++;
}
const rssAfterEdits = memory().rss;

// Code actions at single diagnostics and hovers on them, spread over the file.
const actionTimes = [];
const hoverTimes = [];
for (let i = 0; i < 100 && diagnostics.length > 0; i++) {
  const d = diagnostics[Math.floor(random() * diagnostics.length)];
  let start = process.hrtime.bigint();
  await conn.sendRequest(rpc.CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
  actionTimes.push(since(start));
  start = process.hrtime.bigint();
  await conn.sendRequest(rpc.HoverRequest.type, { textDocument: { uri }, position: d.range.start });
  hoverTimes.push(since(start));
}
const peak = memory().peak;
await stop();

const result = {
  lines: countLines(text),
  bytes: Buffer.byteLength(text),
  workloads,
  diagnostics: diagnostics.length,
  parseMs,
  openMs,
  openRatio: openMs / parseMs,
  edit: stats(editTimes),
  codeAction: stats(actionTimes),
  hover: stats(hoverTimes),
  peakRssMiB: peak,
  rssAfterOpenMiB: rssAfterOpen,
  rssAfterEditsMiB: rssAfterEdits,
};
if (process.argv.includes('--json')) console.log(JSON.stringify(result));
else {
  const f = (n) => n.toFixed(1);
  console.log(`${result.lines} lines, ${(result.bytes / 1e6).toFixed(1)} MB, ${workloads} workloads, ${result.diagnostics} diagnostics`);
  console.log(`open: ${f(openMs)} ms (yaml parseAllDocuments with source tokens: ${f(parseMs)} ms, ratio ${result.openRatio.toFixed(2)})`);
  console.log(`edit → diagnostics over ${edits} keystrokes: p50 ${f(result.edit.p50)} ms, p95 ${f(result.edit.p95)} ms, max ${f(result.edit.max)} ms`);
  console.log(`code action: p50 ${f(result.codeAction.p50)} ms, p95 ${f(result.codeAction.p95)} ms; hover: p50 ${f(result.hover.p50)} ms, p95 ${f(result.hover.p95)} ms`);
  console.log(`server RSS: ${f(rssAfterOpen)} MiB after open, ${f(rssAfterEdits)} MiB after the edits, peak ${f(peak)} MiB`);
}
