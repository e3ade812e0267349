#!/usr/bin/env node
// `npm run bench`: runs every benchmark and prints one table, metric | target | measured.
//
// Adding a metric is one entry in METRICS: a name, a target ("report" when there is none yet,
// { max } / { min } with a unit, or { equals, text }) and a measure() that returns
// { value, display }. A missed target is marked MISSED in the table and the ratio column says by
// how much, but the bench never fails on a figure: it exits 1 only when a measurement itself
// failed (a crash, a wrong count). Results are also written to bench/results/latest.json
// (ignored by git).

import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measurePeer, peerLine } from './peer.mjs';
import { bundleSizes, editorAvailable, measureEditor, measureSpawn } from './startup.mjs';
import { measureThroughput, summaryLine } from './throughput.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));

/** One run of lsp-edit.mjs on the 2,000-workload file serves several rows. */
let largeFile;
function large() {
  if (!largeFile) {
    const run = spawnSync(process.execPath, [join(HERE, 'lsp-edit.mjs'), '--workloads', '2000', '--edits', '300', '--json'], { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (run.status !== 0) throw new Error(run.stderr || `exit ${run.status}`);
    largeFile = JSON.parse(run.stdout.trim().split('\n').at(-1));
    const r = largeFile;
    console.log(`  ${r.lines} lines, ${(r.bytes / 1e6).toFixed(1)} MB, ${r.workloads} workloads, ${r.diagnostics} diagnostics`);
  }
  return largeFile;
}
const LARGE = '2,000-workload file';

/** One run of lsp-workspace.mjs on the 10,000-file workspace serves several rows. */
let workspaceRun;
function workspace() {
  if (!workspaceRun) {
    const run = spawnSync(process.execPath, [join(HERE, 'lsp-workspace.mjs'), '--files', '10000', '--opens', '30', '--json'], { encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'pipe'] });
    if (run.status !== 0) throw new Error(run.stderr || `exit ${run.status}`);
    workspaceRun = JSON.parse(run.stdout.trim().split('\n').at(-1));
    const r = workspaceRun;
    console.log(`  ${r.files} workload files + ${r.namespaceFiles} Namespace manifests + ${r.kustomizations} kustomizations, ${(r.bytes / 1e6).toFixed(1)} MB; initialize answered ${r.initializeMs.toFixed(0)} ms after spawn`);
  }
  return workspaceRun;
}
const WORKSPACE = '10,000-file workspace';
const KIB = 1024;

const METRICS = [
  {
    name: 'CLI throughput (3000 workloads, whole process)',
    target: 'report',
    unit: 'objects/s',
    measure() {
      const r = measureThroughput({ workloads: 3000, runs: 5, log: (line) => console.log(`  ${line}`) });
      console.log(`  ${summaryLine(r)}`);
      return { value: r.objectsPerSecond, display: `${Math.round(r.objectsPerSecond)} objects/s (median ${r.median.toFixed(3)} s)`, details: r };
    },
  },
  {
    name: 'LSP didOpen → publishDiagnostics, 2,000-line file, p50',
    target: 'report',
    unit: 'ms',
    measure() {
      const run = spawnSync(process.execPath, [join(HERE, 'lsp-open.mjs'), '--lines', '2000', '--runs', '20', '--json'], { encoding: 'utf8' });
      if (run.status !== 0) throw new Error(run.stderr || `exit ${run.status}`);
      const r = JSON.parse(run.stdout.trim().split('\n').at(-1));
      console.log(`  ${r.lines} lines, ${r.workloads} workloads: p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, max ${r.max.toFixed(1)} ms`);
      return { value: r.p50, display: `p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms (${r.lines} lines)`, details: r };
    },
  },
  {
    name: 'LSP codeAction at one diagnostic, 2,000-line file, first request, p95',
    target: { max: 10 },
    unit: 'ms',
    measure() {
      const run = spawnSync(process.execPath, [join(HERE, 'lsp-codeaction.mjs'), '--lines', '2000', '--json'], { encoding: 'utf8' });
      if (run.status !== 0) throw new Error(run.stderr || `exit ${run.status}`);
      const r = JSON.parse(run.stdout.trim().split('\n').at(-1));
      for (const group of ['diagnostic', 'cursor', 'kind']) {
        const g = r[group];
        console.log(`  ${group}: ${g.requests} requests, p50 ${g.p50.toFixed(1)} ms, p95 ${g.p95.toFixed(1)} ms, max ${g.max.toFixed(1)} ms`);
      }
      return { value: r.diagnostic.p95, display: `p95 ${r.diagnostic.p95.toFixed(1)} ms (cursor p95 ${r.cursor.p95.toFixed(1)} ms, kind line p95 ${r.kind.p95.toFixed(1)} ms)`, details: r };
    },
  },
  {
    name: `LSP one-character didChange → publishDiagnostics, ${LARGE}, p95`,
    target: { max: 25 },
    unit: 'ms',
    measure() {
      const { edit } = large();
      return { value: edit.p95, display: `p95 ${edit.p95.toFixed(1)} ms (p50 ${edit.p50.toFixed(1)}, max ${edit.max.toFixed(1)})`, details: edit };
    },
  },
  {
    name: `LSP didOpen → publishDiagnostics, ${LARGE}, ÷ yaml parseAllDocuments(keepSourceTokens)`,
    target: { max: 0.6 },
    unit: '×',
    measure() {
      const r = large();
      return { value: r.openRatio, display: `${r.openRatio.toFixed(2)}× (${r.openMs.toFixed(0)} ms vs ${r.parseMs.toFixed(0)} ms)` };
    },
  },
  {
    name: `LSP codeAction at one diagnostic, ${LARGE}, p95`,
    target: { max: 10 },
    unit: 'ms',
    measure() {
      const { codeAction } = large();
      return { value: codeAction.p95, display: `p95 ${codeAction.p95.toFixed(1)} ms (p50 ${codeAction.p50.toFixed(1)})` };
    },
  },
  {
    name: `LSP hover at a diagnostic, ${LARGE}, p95`,
    target: { max: 10 },
    unit: 'ms',
    measure() {
      const { hover } = large();
      return { value: hover.p95, display: `p95 ${hover.p95.toFixed(1)} ms (p50 ${hover.p50.toFixed(1)})` };
    },
  },
  {
    name: `Server peak RSS, ${LARGE} open and 300 edits`,
    target: { max: 300 },
    unit: 'MiB',
    measure() {
      const r = large();
      return { value: r.peakRssMiB, display: `${r.peakRssMiB.toFixed(0)} MiB (after open ${r.rssAfterOpenMiB.toFixed(0)}, after edits ${r.rssAfterEditsMiB.toFixed(0)})` };
    },
  },
  {
    name: `podsec check ÷ @monokle/validation Pod Security plugin, ${LARGE}, whole processes, alternately`,
    target: { max: 0.35 },
    unit: '×',
    measure() {
      const r = measurePeer({ workloads: 2000, runs: 5, log: (line) => console.log(`  ${line}`) });
      console.log(`  ${peerLine(r)}`);
      return { value: r.ratio, display: `${r.ratio.toFixed(2)}× (${r.podsec.median.toFixed(2)} s vs ${r.monokle.median.toFixed(2)} s, medians of 5; CPU time ${r.cpuRatio.toFixed(2)}×)`, details: r };
    },
  },
  {
    name: `Namespace index ready, ${WORKSPACE}, from server spawn`,
    target: { max: 5000 },
    unit: 'ms',
    measure() {
      const r = workspace();
      const reports = r.progress.filter((p) => p.kind === 'report');
      console.log(`  progress: begin at ${r.progress[0]?.ms.toFixed(0)} ms, ${reports.length} reports (${reports.map((p) => p.message).join(', ')}), end at ${r.indexMs.toFixed(0)} ms`);
      return { value: r.indexMs, display: `${r.indexMs.toFixed(0)} ms (${r.scanFilesRead} files read; progress: begin + ${reports.length} reports + end)`, details: r.progress };
    },
  },
  {
    name: `Files read by a re-index after didChangeWatchedFiles, ${WORKSPACE}`,
    target: { equals: 'exact', text: 'only the changed files' },
    unit: 'files',
    measure() {
      const { reindex: r } = workspace();
      const changed = r.changes - 1; // the deleted file is not read
      return { value: r.exact ? 'exact' : r.filesRead, display: `${r.filesRead} read for ${r.changes} changes (${changed} changed or created, 1 deleted), ${r.foldersListed} folders listed; republished in ${r.ms.toFixed(0)} ms` };
    },
  },
  {
    name: `LSP didOpen → publishDiagnostics of one file, ${WORKSPACE} indexed, p95`,
    target: { max: 50 },
    unit: 'ms',
    measure() {
      const { open } = workspace();
      return { value: open.p95, display: `p95 ${open.p95.toFixed(1)} ms (p50 ${open.p50.toFixed(1)}, max ${open.max.toFixed(1)}, ${open.opens} files)` };
    },
  },
  {
    name: 'Startup: server forked as the client does → initialize answered, median of 10',
    target: { max: 300 },
    unit: 'ms',
    async measure() {
      const r = await measureSpawn({ runs: 10 });
      console.log(`  ${r.times.map((t) => t.toFixed(0)).join(', ')} ms`);
      return { value: r.median, display: `${r.median.toFixed(0)} ms (min ${r.min.toFixed(0)}, max ${r.max.toFixed(0)})`, details: r };
    },
  },
  {
    name: 'Startup in VS Code: activation → server ready (client log), 1 run',
    target: { max: 300 },
    unit: 'ms',
    measure() {
      if (!editorAvailable()) return { value: undefined, display: 'not measured: run scripts/vscode-test/setup.sh for the editor harness' };
      const r = measureEditor({ runs: 1, log: (line) => console.log(`  ${line}`) });
      return { value: r.median, display: `${r.median} ms`, details: r };
    },
  },
  {
    name: 'Client bundle, minified (dist/client.js)',
    target: { max: 150 },
    unit: 'KiB',
    measure() {
      const { client } = bundleSizes();
      return { value: client / KIB, display: `${(client / KIB).toFixed(0)} KiB (${client} bytes)` };
    },
  },
  {
    name: 'Server bundle, minified (dist/server.js)',
    target: { max: 1024 },
    unit: 'KiB',
    measure() {
      const { server } = bundleSizes();
      return { value: server / KIB, display: `${(server / KIB).toFixed(0)} KiB (${server} bytes)` };
    },
  },
];

function describeTarget(m) {
  if (m.target === 'report') return 'report';
  if (m.target.text !== undefined) return m.target.text;
  if (m.target.max !== undefined) return `<= ${m.target.max} ${m.unit}`;
  if (m.target.min !== undefined) return `>= ${m.target.min} ${m.unit}`;
  return String(m.target);
}

function meets(m, value) {
  if (m.target === 'report' || value === undefined) return true;
  if (m.target.equals !== undefined) return value === m.target.equals;
  if (m.target.max !== undefined && value > m.target.max) return false;
  if (m.target.min !== undefined && value < m.target.min) return false;
  return true;
}

/** measured ÷ target for a numeric target: below 1 meets a maximum, above 1 a minimum. */
function ratio(m, value) {
  const bound = m.target?.max ?? m.target?.min;
  return typeof value === 'number' && typeof bound === 'number' ? `${(value / bound).toFixed(2)}` : '';
}

const rows = [];
let failed = false;
// BENCH_ONLY=word runs only the metrics whose name contains it (case-insensitive).
const only = process.env['BENCH_ONLY']?.toLowerCase();
for (const m of METRICS.filter((metric) => !only || metric.name.toLowerCase().includes(only))) {
  console.log(`${m.name}:`);
  try {
    const result = await m.measure();
    const ok = meets(m, result.value);
    const status = m.target === 'report' || result.value === undefined ? '' : ok ? 'ok' : 'MISSED';
    rows.push({ metric: m.name, target: describeTarget(m), measured: result.display, '÷ target': ratio(m, result.value), status, value: result.value, unit: m.unit, details: result.details });
  } catch (e) {
    failed = true;
    console.error(`  FAILED: ${e.message}`);
    rows.push({ metric: m.name, target: describeTarget(m), measured: `FAILED: ${e.message.split('\n')[0]}`, '÷ target': '', status: 'FAILED' });
  }
  console.log('');
}

const columns = ['metric', 'target', 'measured', '÷ target', 'status'];
const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
const fmt = (cells) => `| ${cells.map((cell, i) => String(cell).padEnd(widths[i])).join(' | ')} |`;
console.log(fmt(columns));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of rows) console.log(fmt(columns.map((c) => r[c])));

try {
  const dir = join(HERE, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'latest.json'), JSON.stringify({ node: process.version, platform: `${process.platform}-${process.arch}`, rows }, null, 2) + '\n');
} catch (e) {
  console.error(`(could not write bench/results/latest.json: ${e.message})`);
}

// Timing never fails the bench; only a measurement that could not be made does.
process.exit(failed ? 1 : 0);
