#!/usr/bin/env node
// Runs a VS Code extension's integration tests (the module given as --extensionTestsPath,
// which exports run(), as with @vscode/test-electron) inside a real VS Code: the VS Code
// server shipped in the npm package code-server, with its workbench rendered by headless
// Debian Chromium driven by playwright-core. Works offline. Install the pieces first with
// scripts/vscode-test/setup.sh. See README.md beside this file.
//
// Usage:
//   node scripts/vscode-test/run.mjs --extensionDevelopmentPath=DIR --extensionTestsPath=FILE
//        [--workspace=DIR] [--screenshot=FILE] [--timeout=SECONDS] [--settings=JSON_FILE]
//        [--keep] [--verbose]
// Also usable as `vscodeExecutablePath` for @vscode/test-electron's runTests(): flags it adds
// that mean nothing here are ignored, and a positional folder argument is the workspace.
//
// Exit code: the tests' own (0 when run() resolved, 1 when it rejected), 124 on timeout,
// 2 on a harness error (bad arguments, server or browser failure), 3 when setup is missing.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import util from 'node:util';

const HERE = path.dirname(new URL(import.meta.url).pathname);
const CACHE = process.env.PODSEC_VSCODE_CACHE || path.join(os.homedir(), '.cache', 'podsec-vscode-test');

const EXIT_HARNESS = 2;
const EXIT_SETUP = 3;
const EXIT_TIMEOUT = 124;

// Written to <user-data-dir>/User/settings.json before the workbench starts.
const DEFAULT_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'chat.disableAIFeatures': true,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
};

// Workbench log lines that are not extension host output (codeAutomationLog receives both,
// unlabeled). Hidden from stdout unless --verbose; all of them are kept in browser-console.log.
const WORKBENCH_NOISE = [
  /^\[(ChatModelSelection|AgentHost[^\]]*|AccountPolicyGate|reconnection-grace-time|Service Worker|AccountPolicy[^\]]*)\]/,
  /^(Resolving|Resolved) connection token/,
  /^Creating a socket \(/,
  /^Updating additional builtin extensions cache/,
  /^Timed out waiting for authentication provider/,
  /getaddrinfo (ENOTFOUND|EAI_AGAIN)/,
];

const say = (msg) => process.stdout.write(`[vscode-test] ${msg}\n`);
const warn = (msg) => process.stderr.write(`[vscode-test] ${msg}\n`);

class HarnessError extends Error {
  constructor(message, code = EXIT_HARNESS) {
    super(message);
    this.exitCode = code;
  }
}

// ---------------------------------------------------------------------------- arguments
function parseArgs(argv) {
  const opts = { timeout: Number(process.env.PODSEC_VSCODE_TIMEOUT || 300), keep: false, verbose: false };
  const valued = {
    extensionDevelopmentPath: 'extensionDevelopmentPath',
    extensionTestsPath: 'extensionTestsPath',
    workspace: 'workspace',
    folder: 'workspace',
    screenshot: 'screenshot',
    timeout: 'timeout',
    settings: 'settings',
  };
  const ignored = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      process.stdout.write(fs.readFileSync(new URL(import.meta.url), 'utf8').split('\n').slice(1, 17).map((l) => l.replace(/^\/\/ ?/, '')).join('\n') + '\n');
      process.exit(0);
    }
    if (arg === '--keep') { opts.keep = true; continue; }
    if (arg === '--verbose') { opts.verbose = true; continue; }
    const m = /^--([^=]+)(?:=(.*))?$/s.exec(arg);
    if (m) {
      const key = valued[m[1]];
      if (!key) { ignored.push(arg); continue; }
      let value = m[2];
      if (value === undefined) value = argv[++i];
      if (value === undefined) throw new HarnessError(`missing value for --${m[1]}`);
      if (key === 'extensionDevelopmentPath') (opts.extensionDevelopmentPaths ||= []).push(value);
      else opts[key] = value;
      continue;
    }
    // Positional: @vscode/test-electron passes the workspace folder in launchArgs.
    if (!opts.workspace && fs.existsSync(arg) && fs.statSync(arg).isDirectory()) opts.workspace = arg;
    else ignored.push(arg);
  }
  if (ignored.length) say(`ignoring arguments: ${ignored.join(' ')}`);
  if (!opts.extensionDevelopmentPaths) throw new HarnessError('--extensionDevelopmentPath=DIR is required');
  if (!opts.extensionTestsPath) throw new HarnessError('--extensionTestsPath=FILE is required');

  opts.extensionDevelopmentPaths = opts.extensionDevelopmentPaths.map((p) => {
    const dir = path.resolve(p);
    if (!fs.existsSync(path.join(dir, 'package.json'))) {
      throw new HarnessError(`no package.json in extensionDevelopmentPath ${dir}`);
    }
    return dir;
  });
  opts.extensionTestsPath = path.resolve(opts.extensionTestsPath);
  const t = opts.extensionTestsPath;
  if (!fs.existsSync(t) && !fs.existsSync(`${t}.js`)) throw new HarnessError(`extensionTestsPath not found: ${t}`);
  if (opts.workspace) {
    opts.workspace = path.resolve(opts.workspace);
    if (!fs.existsSync(opts.workspace)) throw new HarnessError(`workspace not found: ${opts.workspace}`);
  }
  if (opts.screenshot) opts.screenshot = path.resolve(opts.screenshot);
  if (opts.settings) opts.settings = path.resolve(opts.settings);
  opts.timeout = Number(opts.timeout);
  if (!(opts.timeout > 0)) throw new HarnessError('--timeout must be a positive number of seconds');
  return opts;
}

// ---------------------------------------------------------------------------- setup paths
function readSetup() {
  const file = path.join(CACHE, 'paths.json');
  let paths;
  try {
    paths = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    throw new HarnessError(`${file} not found: run \`bash scripts/vscode-test/setup.sh\` first`, EXIT_SETUP);
  }
  for (const key of ['node', 'serverMain', 'chromium']) {
    if (!fs.existsSync(paths[key])) {
      throw new HarnessError(`${paths[key]} (${key}) is missing: run \`bash scripts/vscode-test/setup.sh\` again`, EXIT_SETUP);
    }
  }
  return paths;
}

async function loadPlaywright() {
  try {
    return (await import('playwright-core')).chromium;
  } catch (e) {
    throw new HarnessError(`cannot load playwright-core (${e.message}): run \`npm ci\` in the project root`, EXIT_SETUP);
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// ---------------------------------------------------------------------------- main
async function main() {
  const t0 = Date.now();
  const secs = () => ((Date.now() - t0) / 1000).toFixed(1);
  const opts = parseArgs(process.argv.slice(2));
  const setup = readSetup();
  const chromium = await loadPlaywright();

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'podsec-vscode-test-'));
  const dirs = {
    serverData: path.join(tmp, 'server-data'),
    userData: path.join(tmp, 'user-data'),
    extensions: path.join(tmp, 'extensions'),
    browserProfile: path.join(tmp, 'browser-profile'),
    browserLogs: path.join(tmp, 'browser-logs'),
  };
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
  // User settings (the VS Code server keeps them in <user-data-dir>/User/settings.json):
  // quiet, offline-friendly defaults, plus the --settings=FILE the caller gives.
  const settings = { ...DEFAULT_SETTINGS };
  if (opts.settings) {
    try {
      Object.assign(settings, JSON.parse(fs.readFileSync(opts.settings, 'utf8')));
    } catch (e) {
      throw new HarnessError(`cannot read --settings ${opts.settings}: ${e.message}`);
    }
  }
  fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(dirs.userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  const serverLogFile = path.join(tmp, 'server.log');
  const consoleLogFile = path.join(tmp, 'browser-console.log');
  const serverLog = fs.createWriteStream(serverLogFile);
  const consoleLog = fs.createWriteStream(consoleLogFile);

  let server;
  let browser;
  let exitCode = EXIT_HARNESS;
  let page;
  const summary = [];
  let cleaningUp = false;

  const cleanup = async () => {
    if (cleaningUp) return;
    cleaningUp = true;
    if (browser) await browser.close().catch(() => {});
    if (server && server.exitCode === null && server.signalCode === null) {
      try { process.kill(-server.pid, 'SIGTERM'); } catch {}
      const exited = new Promise((r) => server.once('exit', r));
      if (await Promise.race([exited.then(() => true), delay(5000).then(() => false)]) === false) {
        try { process.kill(-server.pid, 'SIGKILL'); } catch {}
      }
    }
    await new Promise((r) => serverLog.end(r));
    await new Promise((r) => consoleLog.end(r));
  };
  const onSignal = (sig) => {
    warn(`${sig}: stopping`);
    cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    // 1. VS Code server.
    const port = await freePort();
    const env = { ...process.env };
    for (const k of Object.keys(env)) {
      // Leftovers from a surrounding VS Code / Electron would confuse the server.
      if (/^(VSCODE_|ELECTRON_)/.test(k)) delete env[k];
    }
    const serverArgs = [
      setup.serverMain,
      '--host', '127.0.0.1',
      '--port', String(port),
      '--without-connection-token',
      '--accept-server-license-terms',
      '--enable-smoke-test-driver',
      '--disable-workspace-trust',
      '--telemetry-level', 'off',
      '--server-data-dir', dirs.serverData,
      '--user-data-dir', dirs.userData,
      '--extensions-dir', dirs.extensions,
    ];
    say(`starting VS Code server ${setup.codeServerVersion ? `(code-server ${setup.codeServerVersion}) ` : ''}on 127.0.0.1:${port}`);
    server = spawn(setup.node, serverArgs, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const serverExited = new Promise((resolve) => server.once('exit', (code, signal) => resolve({ code, signal })));
    for (const stream of [server.stdout, server.stderr]) {
      stream.on('data', (chunk) => {
        serverLog.write(chunk);
        if (opts.verbose) process.stdout.write(`[server] ${chunk}`);
      });
    }

    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (server.exitCode !== null || server.signalCode !== null) {
        throw new HarnessError(`VS Code server exited early (${server.exitCode ?? server.signalCode}); see ${serverLogFile}`);
      }
      try {
        const res = await fetch(`${base}/version`);
        if (res.status < 500) break;
      } catch {}
      if (Date.now() > deadline) throw new HarnessError(`VS Code server did not answer within 60 s; see ${serverLogFile}`);
      await delay(200);
    }
    say(`server ready after ${secs()}s`);

    // 2. Workbench in headless Chromium.
    const authority = `127.0.0.1:${port}`;
    const remote = (p) => `vscode-remote://${authority}${p.split(path.sep).join('/')}`;
    const payload = [
      ...opts.extensionDevelopmentPaths.map((p) => ['extensionDevelopmentPath', remote(p)]),
      ['extensionTestsPath', remote(opts.extensionTestsPath)],
    ];
    const query = new URLSearchParams();
    if (opts.workspace) query.set(fs.statSync(opts.workspace).isDirectory() ? 'folder' : 'workspace', opts.workspace);
    query.set('payload', JSON.stringify(payload));
    const url = `${base}/?${query}`;

    const context = await chromium.launchPersistentContext(dirs.browserProfile, {
      executablePath: setup.chromium,
      headless: true,
      viewport: { width: 1440, height: 900 },
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    });
    browser = context;
    page = context.pages()[0] || (await context.newPage());

    let resolveExit;
    const testsExited = new Promise((r) => (resolveExit = r));
    const noteLine = (line) => {
      if (/^\s*\d+ (passing|failing|pending)\b/.test(line)) summary.push(line.trim());
    };
    const printOutput = (text, type) => {
      const out = type === 'error' || type === 'warn' ? process.stderr : process.stdout;
      for (const line of String(text).replace(/\n$/, '').split('\n')) {
        out.write(`${line}\n`);
        noteLine(line);
      }
    };

    // Extension host console output reaches the workbench's log service, which hands it to
    // codeAutomationLog(level, message) with the console.log arguments joined by spaces (a
    // printf-style format string is NOT applied; see reformat()). Workbench log lines come
    // through the same channel, unlabeled; the known noisy ones are filtered out.
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const raw = Array.isArray(args) ? args.join(' ') : String(args);
      consoleLog.write(`[codeAutomationLog:${type}] ${raw}\n`);
      // A test asks for a picture of what a person would see right now; it waits for FILE.done.
      const shot = /\[vscode-test:screenshot\] (\S+)/.exec(raw);
      if (shot) {
        const file = shot[1];
        void takeScreenshot(page, file).finally(() => fs.writeFileSync(`${file}.done`, ''));
        return;
      }
      if (!opts.verbose && WORKBENCH_NOISE.some((re) => re.test(raw))) return;
      printOutput(reformat(raw), type);
    });
    await page.exposeFunction('codeAutomationExit', (code, logs) => {
      try {
        for (const { relativePath, contents } of logs || []) {
          const dest = path.join(dirs.browserLogs, relativePath);
          fs.mkdirSync(path.dirname(dest), { recursive: true });
          fs.writeFileSync(dest, contents);
        }
      } catch {}
      resolveExit(Number(code));
    });
    page.on('console', (msg) => {
      consoleLog.write(`[${msg.type()}] ${msg.text()}\n`);
    });
    page.on('pageerror', (err) => consoleLog.write(`[pageerror] ${err.stack || err}\n`));
    const pageCrashed = new Promise((r) => page.on('crash', () => r()));

    say(`opening workbench (folder: ${opts.workspace || 'none'})`);
    await page.goto(url, { waitUntil: 'domcontentloaded' });

    let timer;
    const timedOut = new Promise((r) => (timer = setTimeout(r, opts.timeout * 1000)));
    const outcome = await Promise.race([
      testsExited.then((code) => ({ kind: 'exit', code })),
      timedOut.then(() => ({ kind: 'timeout' })),
      serverExited.then((s) => ({ kind: 'server', ...s })),
      pageCrashed.then(() => ({ kind: 'crash' })),
    ]);
    clearTimeout(timer);

    const extHostLogs = () => {
      const logs = path.join(dirs.userData, 'logs');
      return fs.existsSync(logs) ? `${logs} (exthost: ${logs}/*/exthost*/remoteexthost.log)` : dirs.userData;
    };
    if (outcome.kind === 'exit') {
      exitCode = outcome.code;
      say(`tests finished with exit code ${exitCode} after ${secs()}s`);
    } else if (outcome.kind === 'timeout') {
      exitCode = EXIT_TIMEOUT;
      warn(`TIMEOUT: tests did not finish within ${opts.timeout} s (--timeout=SECONDS to change); server logs: ${extHostLogs()}`);
    } else if (outcome.kind === 'server') {
      exitCode = EXIT_HARNESS;
      warn(`VS Code server exited unexpectedly (${outcome.code ?? outcome.signal}); see ${serverLogFile}`);
    } else {
      exitCode = EXIT_HARNESS;
      warn(`the browser page crashed; see ${consoleLogFile}`);
    }

    if (opts.screenshot) await takeScreenshot(page, opts.screenshot);
    if (exitCode !== 0) {
      say(`server logs: ${extHostLogs()}`);
      say(`server output: ${serverLogFile}; browser console: ${consoleLogFile}; renderer logs: ${dirs.browserLogs}`);
    }
  } catch (err) {
    exitCode = err.exitCode ?? EXIT_HARNESS;
    warn(`ERROR: ${err.message}`);
    if (opts.verbose && err.stack) warn(err.stack);
    if (page && opts.screenshot) await takeScreenshot(page, opts.screenshot);
    say(`server output: ${serverLogFile}; browser console: ${consoleLogFile}`);
  } finally {
    await cleanup();
  }

  if (exitCode === 0 && !opts.keep) fs.rmSync(tmp, { recursive: true, force: true });
  else say(`kept temp dir ${tmp}`);
  say(`exit code ${exitCode} (${secs()}s)`);

  // Last: mocha's summary, then one plain "N passed, N failed[, N skipped]" line that CI
  // tooling can read (taken from the last mocha summary seen).
  if (summary.length) {
    say('mocha summary:');
    for (const line of summary) process.stdout.write(`  ${line}\n`);
    const count = (word) => Number(([...summary].reverse().find((l) => l.includes(word)) || '0').match(/\d+/)[0]);
    const skipped = count('pending');
    process.stdout.write(`vscode-test: ${count('passing')} passed, ${count('failing')} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
  } else if (exitCode === 0 || exitCode === 1) {
    say('no mocha summary lines seen in the extension host output (non-mocha runner or silent reporter?)');
  }
  return exitCode;
}

// Best effort: turn "FORMAT arg1 arg2" (console.log arguments joined by spaces) back into
// what console.log would have printed, when the split is unambiguous: every %d/%i/%f
// argument is one token and at most one %s/%o/%O/%j/%c argument may contain spaces (plus
// mocha's "%s%s" indent + title). Anything else is returned unchanged.
const SPEC = /%[sdifjoOc%]/g;
const NUMBER = '(-?(?:\\d+(?:\\.\\d+)?(?:e[+-]?\\d+)?|NaN|Infinity))';
function reformat(s) {
  const specs = [...s.matchAll(SPEC)].filter((m) => m[0] !== '%%');
  if (!specs.length) return s;
  const kinds = specs.map((m) => m[0]);
  const isNum = (k) => k === '%d' || k === '%i' || k === '%f';
  const last = specs[specs.length - 1];
  // The format string ends at one of the spaces after its last specifier: try each.
  for (let end = s.indexOf(' ', last.index + 2); end >= 0; end = s.indexOf(' ', end + 1)) {
    const fmt = s.slice(0, end);
    const rest = s.slice(end + 1);
    let args;
    if (kinds.length === 2 && kinds[0] === '%s' && kinds[1] === '%s') {
      const m = /^(\s*) (\S[\s\S]*)$/.exec(rest) || /^()([\s\S]*)$/.exec(rest);
      args = [m[1], m[2]];
    } else {
      if (kinds.filter((k) => !isNum(k)).length > 1) return s;
      const re = new RegExp(`^${kinds.map((k) => (isNum(k) ? NUMBER : '([\\s\\S]*)')).join(' ')}$`);
      const m = re.exec(rest);
      if (!m) continue;
      args = m.slice(1);
    }
    return util.format(fmt, ...args.map((a, i) => (isNum(kinds[i]) ? Number(a) : a)));
  }
  return s;
}

async function takeScreenshot(page, file) {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await page.screenshot({ path: file, timeout: 15_000 });
    say(`screenshot: ${file}`);
  } catch (e) {
    warn(`screenshot failed: ${e.message}`);
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    warn(`ERROR: ${err.message}`);
    process.exit(err.exitCode ?? EXIT_HARNESS);
  },
);
