#!/usr/bin/env node
// Start-up: how long until the language server answers `initialize`, and the bundle sizes.
//
//   node bench/startup.mjs [--runs 10] [--editor N] [--json]
//
// - spawn (always): forks dist/server.js the way vscode-languageclient does for
//   TransportKind.ipc (child_process.fork with `--node-ipc`, messages over the IPC channel) and
//   times fork → the `initialize` result, --runs times. This leaves out the extension host's
//   own work (loading dist/client.js, creating the LanguageClient).
// - editor (--editor N, N runs; needs scripts/vscode-test/setup.sh to have run): the real thing.
//   The editor harness opens a YAML file in VS Code, which activates podsec; the client logs
//   "podsec: server ready in N ms after activation" (performance.now() at activate() and when
//   LanguageClient.start() resolved, i.e. after the `initialize` result), and this script reads
//   that line from the output channel's log file. About a minute per run.
// - bundles: the sizes of dist/client.js, dist/server.js and dist/cli.js as built (minified by
//   `npm run build`).

import { fork, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { rpc } from './lsp.mjs';
import { medianOf } from './throughput.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** fork → `initialize` answered, in ms, `runs` times. */
export async function measureSpawn({ runs = 10 } = {}) {
  const times = [];
  for (let i = 0; i < runs; i++) times.push(await spawnOnce());
  return { runs, times, median: medianOf(times), min: Math.min(...times), max: Math.max(...times) };
}

async function spawnOnce() {
  const start = process.hrtime.bigint();
  const child = fork(join(ROOT, 'dist', 'server.js'), ['--node-ipc'], { execArgv: [], silent: true });
  const conn = rpc.createProtocolConnection(new rpc.IPCMessageReader(child), new rpc.IPCMessageWriter(child));
  conn.onRequest(rpc.ConfigurationRequest.type, (p) => p.items.map(() => ({})));
  conn.listen();
  await conn.sendRequest(rpc.InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } }, workspaceFolders: null });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  await conn.sendRequest(rpc.ShutdownRequest.type);
  await conn.sendNotification(rpc.ExitNotification.type);
  await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve)));
  conn.dispose();
  return ms;
}

/** Whether the editor harness is installed (scripts/vscode-test/setup.sh). */
export function editorAvailable() {
  const cache = process.env.PODSEC_VSCODE_CACHE || join(homedir(), '.cache', 'podsec-vscode-test');
  return existsSync(join(cache, 'paths.json'));
}

/** Activation → server ready, as the client logs it inside VS Code, `runs` times. */
export function measureEditor({ runs = 1, log = console.log } = {}) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const workspace = join(mkdtempSync(join(tmpdir(), 'podsec-startup-')), 'workspace');
    mkdirSync(workspace);
    const run = spawnSync(
      process.execPath,
      [join(ROOT, 'scripts/vscode-test/run.mjs'), `--extensionDevelopmentPath=${ROOT}`, `--extensionTestsPath=${join(ROOT, 'bench/editor/startup-tests.cjs')}`, `--workspace=${workspace}`, '--timeout=300', '--keep'],
      { encoding: 'utf8' },
    );
    const output = `${run.stdout}\n${run.stderr}`;
    const kept = /kept temp dir (\S+)/.exec(output)?.[1];
    try {
      if (run.status !== 0) throw new Error(`editor harness exited ${run.status}:\n${output.slice(-2000)}`);
      const ms = kept && findReady(kept);
      if (ms === undefined) throw new Error(`no "podsec: server ready" line in the logs under ${kept}`);
      times.push(ms);
      log(`editor run ${i + 1}/${runs}: server ready ${ms} ms after activation`);
    } finally {
      if (kept) rmSync(kept, { recursive: true, force: true });
      rmSync(dirname(workspace), { recursive: true, force: true });
    }
  }
  return { runs, times, median: medianOf(times), min: Math.min(...times), max: Math.max(...times) };
}

function findReady(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.log')) continue;
    const path = join(entry.parentPath ?? entry.path, entry.name);
    const match = /podsec: server ready in (\d+) ms after activation/.exec(readFileSync(path, 'utf8'));
    if (match) return Number(match[1]);
  }
  return undefined;
}

/** Bytes of each bundle in dist/. */
export function bundleSizes() {
  const size = (name) => {
    const path = join(ROOT, 'dist', name);
    return existsSync(path) ? statSync(path).size : NaN;
  };
  return { client: size('client.js'), server: size('server.js'), cli: size('cli.js') };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const num = (name, fallback) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? Number(process.argv[i + 1]) : fallback;
  };
  const json = process.argv.includes('--json');
  const log = json ? () => {} : console.log;
  const spawn = await measureSpawn({ runs: num('runs', 10) });
  log(`spawn like the client (fork --node-ipc) → initialize answered: median ${spawn.median.toFixed(0)} ms (min ${spawn.min.toFixed(0)}, max ${spawn.max.toFixed(0)}; ${spawn.times.map((t) => t.toFixed(0)).join(', ')})`);
  const editorRuns = num('editor', 0);
  let editor;
  if (editorRuns > 0) {
    if (!editorAvailable()) throw new Error('the editor harness is not installed: run scripts/vscode-test/setup.sh');
    editor = measureEditor({ runs: editorRuns, log });
    log(`in VS Code, activation → server ready: median ${editor.median} ms (${editor.times.join(', ')})`);
  }
  const bundles = bundleSizes();
  log(`bundles (minified): client ${(bundles.client / 1024).toFixed(0)} KiB, server ${(bundles.server / 1024).toFixed(0)} KiB, cli ${(bundles.cli / 1024).toFixed(0)} KiB`);
  if (json) console.log(JSON.stringify({ spawn, editor, bundles }));
}
