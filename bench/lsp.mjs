// What the LSP benchmarks share: command-line numbers, a corpus of about N lines, and the bundled
// server spawned over stdio behind a real protocol client.

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { countLines, generateCorpus } from './generate.mjs';

const require = createRequire(import.meta.url);
export const rpc = require('vscode-languageserver-protocol/node');
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** `--name N` from the command line, or the fallback. */
export function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

/** The first seeded corpus of at least `targetLines` lines, and its workload count. */
export function corpusOfLines(targetLines, seed = 7) {
  const sample = countLines(generateCorpus({ seed, workloads: 20, includeNoise: true })) / 20;
  let workloads = Math.max(1, Math.floor(targetLines / sample) - 2);
  let text = generateCorpus({ seed, workloads, includeNoise: true });
  while (countLines(text) < targetLines) text = generateCorpus({ seed, workloads: ++workloads, includeNoise: true });
  return { text, workloads };
}

/**
 * Spawns the server (`PODSEC_SERVER` names another bundle to compare; `BENCH_SERVER_NODE_ARGS`
 * passes flags to its node, e.g. `--cpu-prof`), initializes it, and routes each
 * publishDiagnostics to `waiting`, by `uri@version` and by `uri`.
 * Options: `workspaceFolders` (LSP WorkspaceFolder[]), more `nodeArgs` and `env` for the server,
 * `onStderr(chunk)` (the server's standard error is inherited otherwise), `onProgress(params)`
 * for `$/progress`, and `onInitialized(ms)`: time from spawn to the `initialize` answer.
 */
export async function startServer(capabilities = { workspace: { configuration: true } }, options = {}) {
  // The flags the extension starts the server with (client/src/extension.ts, SERVER_NODE_ARGS).
  const nodeArgs = ['--heap-growing-percent=100', ...(options.nodeArgs ?? []), ...(process.env['BENCH_SERVER_NODE_ARGS']?.split(' ').filter(Boolean) ?? [])];
  const bundle = process.env['PODSEC_SERVER'] ?? join(ROOT, 'dist/server.js');
  const spawned = process.hrtime.bigint();
  const server = spawn(process.execPath, [...nodeArgs, bundle, '--stdio'], {
    stdio: ['pipe', 'pipe', options.onStderr ? 'pipe' : 'inherit'],
    env: options.env ? { ...process.env, ...options.env } : process.env,
  });
  if (options.onStderr) server.stderr.setEncoding('utf8').on('data', options.onStderr);
  const conn = rpc.createProtocolConnection(new rpc.StreamMessageReader(server.stdout), new rpc.StreamMessageWriter(server.stdin));
  // jsonrpc routes $/progress by token; with no handler registered for it, a token is "unhandled".
  if (options.onProgress) conn.onUnhandledProgress(options.onProgress);
  const waiting = new Map();
  conn.onNotification(rpc.PublishDiagnosticsNotification.type, (p) => {
    waiting.get(`${p.uri}@${p.version}`)?.(p);
    waiting.get(p.uri)?.(p);
  });
  conn.onRequest(rpc.ConfigurationRequest.type, (p) => p.items.map(() => ({})));
  conn.onRequest(rpc.RegistrationRequest.type, () => undefined);
  conn.onRequest(rpc.WorkDoneProgressCreateRequest.method, () => null);
  conn.onNotification(rpc.LogMessageNotification.type, () => undefined);
  conn.listen();
  const workspaceFolders = options.workspaceFolders ?? null;
  await conn.sendRequest(rpc.InitializeRequest.type, { processId: process.pid, rootUri: workspaceFolders?.[0]?.uri ?? null, capabilities, workspaceFolders });
  options.onInitialized?.(since(spawned));
  await conn.sendNotification(rpc.InitializedNotification.type, {});
  return {
    conn,
    server,
    waiting,
    /** Resolves with the next publishDiagnostics for `key` (`uri` or `uri@version`). */
    next(key) {
      return new Promise((resolve) => waiting.set(key, (p) => {
        waiting.delete(key);
        resolve(p);
      }));
    },
    /** Resident and peak resident memory of the server, in MiB (Linux). */
    memory() {
      const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
      const kib = (field) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
      return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
    },
    /** A clean shutdown, so a profiling server writes its profile. */
    async stop() {
      await conn.sendRequest(rpc.ShutdownRequest.type);
      await conn.sendNotification(rpc.ExitNotification.type);
      await new Promise((resolve) => server.once('exit', resolve));
      conn.dispose();
    },
  };
}

/** Milliseconds since `start` (a process.hrtime.bigint()). */
export function since(start) {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** p50, p95 and max of a list of numbers. */
export function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const pct = (p) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
  return { p50: pct(50), p95: pct(95), max: s.at(-1) ?? NaN };
}
