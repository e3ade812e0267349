#!/usr/bin/env node
// The language server in a large workspace, through a real LSP client over stdio.
//
//   node bench/lsp-workspace.mjs [--files 10000] [--opens 30] [--seed 3] [--json]
//
// Generates a workspace (bench/workspace.mjs: one workload per file, Namespace manifests, two
// kustomizations) in a temporary folder and measures:
// - index: from spawning the server to the end of its "Pod Security: indexing namespaces"
//   work-done progress, with every report on the way (the client says it supports
//   window.workDoneProgress, as VS Code does);
// - open: `didOpen` of one random workload file → its publishDiagnostics, once the index is
//   ready (each file closed again before the next);
// - re-index: with one workload open, its namespace's enforce level is changed on disk, four
//   other workloads are edited, one file is created and one deleted, and `didChangeWatchedFiles`
//   says so; the time to the open workload's new diagnostics, and the files the server opened
//   meanwhile, counted by a hook preloaded into the server (bench/hooks/count-reads.cjs), which
//   must be exactly the changed and created files.

import { appendFileSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { mulberry32 } from './generate.mjs';
import { arg, rpc, since, startServer, stats } from './lsp.mjs';
import { namespaceManifest, writeWorkspace } from './workspace.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));

export async function measureWorkspace({ files = 10000, opens = 30, seed = 3, log = console.log } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'podsec-ws-'));
  try {
    const ws = writeWorkspace({ dir, files, seed });
    log(`workspace: ${ws.workloadFiles} workload files, ${ws.namespaceFiles} Namespace manifests, ${ws.kustomizations} kustomizations, ${(ws.bytes / 1e6).toFixed(1)} MB`);
    return await drive(dir, ws, { opens, seed, log });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function drive(dir, ws, { opens, seed, log }) {
  const uriOf = (path) => pathToFileURL(path).toString();
  const progress = [];
  let ended;
  const indexReady = new Promise((resolve) => (ended = resolve));
  let stderrBuffer = '';
  const readWaiters = [];
  const start = process.hrtime.bigint();
  let initializeMs;
  const server = await startServer(
    {
      workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } },
      window: { workDoneProgress: true },
      textDocument: { publishDiagnostics: { versionSupport: true } },
    },
    {
      workspaceFolders: [{ uri: uriOf(dir), name: 'bench' }],
      nodeArgs: ['--require', join(HERE, 'hooks', 'count-reads.cjs')],
      env: { BENCH_COUNT_ROOT: dir },
      onInitialized: (ms) => (initializeMs = ms),
      onProgress: ({ value }) => {
        progress.push({ ms: since(start), kind: value.kind, title: value.title, message: value.message, percentage: value.percentage });
        if (value.kind === 'end') ended(since(start));
      },
      onStderr: (chunk) => {
        stderrBuffer += chunk;
        let nl;
        while ((nl = stderrBuffer.indexOf('\n')) >= 0) {
          const line = stderrBuffer.slice(0, nl);
          stderrBuffer = stderrBuffer.slice(nl + 1);
          if (line.startsWith('podsec-bench-reads ')) readWaiters.shift()?.(JSON.parse(line.slice('podsec-bench-reads '.length)));
          else process.stderr.write(`${line}\n`);
        }
      },
    },
  );
  const { conn, next, stop } = server;
  /** What the server opened and listed since the last call. */
  const reads = () => {
    const p = new Promise((resolve) => readWaiters.push(resolve));
    server.server.kill('SIGUSR2');
    return p;
  };

  const indexMs = await indexReady;
  const scan = await reads();
  log(`index ready ${indexMs.toFixed(0)} ms after spawn (initialize answered at ${initializeMs.toFixed(0)} ms); ${scan.opened.length} files read, ${scan.listed} folders listed`);
  log(`progress: ${progress.map((p) => `${p.ms.toFixed(0)} ms ${p.kind}${p.message ? ` "${p.message}"` : ''}`).join(', ')}`);

  // Opening one file at a time, after the index is ready.
  const random = mulberry32(seed + 1);
  const openTimes = [];
  let diagnostics = 0;
  for (let i = 0; i < opens; i++) {
    const path = ws.files[Math.floor(random() * ws.files.length)];
    const uri = uriOf(path);
    const published = next(`${uri}@1`);
    const t = process.hrtime.bigint();
    await conn.sendNotification(rpc.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text: readText(path) } });
    diagnostics += (await published).diagnostics.length;
    openTimes.push(since(t));
    const cleared = next(uri);
    await conn.sendNotification(rpc.DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    await cleared;
  }
  const open = stats(openTimes);
  log(`open: ${opens} files, p50 ${open.p50.toFixed(1)} ms, p95 ${open.p95.toFixed(1)} ms, max ${open.max.toFixed(1)} ms (${diagnostics} diagnostics); in order: ${openTimes.map((t) => t.toFixed(0)).join(', ')} ms`);

  // Re-indexing: one open workload whose namespace changes level on disk, plus unrelated edits.
  const namespace = ws.namespaces.find((n) => !n.name.startsWith('kustomized-'));
  const watched = ws.files.find((f) => /^ {2}namespace: (\S+)$/m.exec(readText(f))?.[1] === namespace.name);
  const watchedUri = uriOf(watched);
  const first = next(`${watchedUri}@1`);
  await conn.sendNotification(rpc.DidOpenTextDocumentNotification.type, { textDocument: { uri: watchedUri, languageId: 'yaml', version: 1, text: readText(watched) } });
  const before = (await first).diagnostics.length;
  await reads(); // counting starts here
  const level = namespace.enforce === 'restricted' ? 'privileged' : 'restricted';
  writeFileSync(namespace.path, namespaceManifest(namespace.name, level));
  const edited = ws.files.filter((f) => f !== watched).slice(-4);
  for (const f of edited) appendFileSync(f, '# edited by the bench\n');
  const created = join(dirname(ws.files[0]), 'zz-created.yaml');
  writeFileSync(created, namespaceManifest('created-by-bench', 'baseline'));
  const deleted = ws.files.filter((f) => f !== watched).at(-5);
  unlinkSync(deleted);
  const changes = [
    { uri: uriOf(namespace.path), type: rpc.FileChangeType.Changed },
    ...edited.map((f) => ({ uri: uriOf(f), type: rpc.FileChangeType.Changed })),
    { uri: uriOf(created), type: rpc.FileChangeType.Created },
    { uri: uriOf(deleted), type: rpc.FileChangeType.Deleted },
  ];
  const republished = next(watchedUri);
  const t = process.hrtime.bigint();
  await conn.sendNotification(rpc.DidChangeWatchedFilesNotification.type, { changes });
  const after = (await republished).diagnostics.length;
  const reindexMs = since(t);
  const reread = await reads();
  const expected = new Set([namespace.path, ...edited, created]);
  const exact = reread.opened.length === expected.size && reread.opened.every((p) => expected.has(p));
  log(`re-index: ${changes.length} changes (1 Namespace ${namespace.name} ${namespace.enforce} → ${level}, 4 workloads edited, 1 created, 1 deleted): ${reread.opened.length} files read, ${reread.listed} folders listed (${exact ? 'exactly the changed and created files' : `UNEXPECTED: ${reread.opened.join(', ')}`}); the open workload's diagnostics ${before} → ${after} after ${reindexMs.toFixed(1)} ms`);

  await stop();
  return {
    files: ws.workloadFiles,
    namespaceFiles: ws.namespaceFiles,
    kustomizations: ws.kustomizations,
    bytes: ws.bytes,
    initializeMs,
    indexMs,
    scanFilesRead: scan.opened.length,
    progress,
    open: { ...open, opens, diagnostics, times: openTimes },
    reindex: { changes: changes.length, filesRead: reread.opened.length, foldersListed: reread.listed, exact, ms: reindexMs, diagnosticsBefore: before, diagnosticsAfter: after },
  };
}

function readText(path) {
  return readFileSync(path, 'utf8');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const json = process.argv.includes('--json');
  const r = await measureWorkspace({ files: arg('files', 10000), opens: arg('opens', 30), seed: arg('seed', 3), log: json ? () => {} : console.log });
  if (json) console.log(JSON.stringify(r));
}
