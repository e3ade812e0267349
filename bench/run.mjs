#!/usr/bin/env node
// `npm run bench`: runs every benchmark and prints one table, metric | target | measured.
//
// Adding a metric is one entry in METRICS: a name, a target ("report" when there is none yet,
// or { max } / { min } with a unit) and a measure() that returns { value, display }. A metric
// with a numeric target that misses it makes this script exit 1; "report" rows never fail.
// Results are also written to bench/results/latest.json (ignored by git).

import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
];

function describeTarget(m) {
  if (m.target === 'report') return 'report';
  if (m.target.max !== undefined) return `<= ${m.target.max} ${m.unit}`;
  if (m.target.min !== undefined) return `>= ${m.target.min} ${m.unit}`;
  return String(m.target);
}

function meets(m, value) {
  if (m.target === 'report') return true;
  if (m.target.max !== undefined && value > m.target.max) return false;
  if (m.target.min !== undefined && value < m.target.min) return false;
  return true;
}

const rows = [];
let failed = false;
for (const m of METRICS) {
  console.log(`${m.name}:`);
  try {
    const result = m.measure();
    const ok = meets(m, result.value);
    if (!ok) failed = true;
    rows.push({ metric: m.name, target: describeTarget(m), measured: result.display, status: m.target === 'report' ? '' : ok ? 'ok' : 'MISSED', value: result.value, unit: m.unit, details: result.details });
  } catch (e) {
    failed = true;
    console.error(`  FAILED: ${e.message}`);
    rows.push({ metric: m.name, target: describeTarget(m), measured: `FAILED: ${e.message.split('\n')[0]}`, status: 'FAILED' });
  }
  console.log('');
}

const columns = ['metric', 'target', 'measured'];
if (rows.some((r) => r.status)) columns.push('status');
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

process.exit(failed ? 1 : 0);
