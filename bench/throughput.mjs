#!/usr/bin/env node
// CLI throughput: how many workload objects per second the whole `podsec check` process handles,
// start-up, reading, parsing, checking and JSON output included.
//
//   node bench/throughput.mjs [--workloads 3000] [--runs 5] [--warmup 1] [--seed 1] [--cli dist/cli.js]
//
// Generates a seeded corpus (bench/generate.mjs) into a temporary file, runs
// `node dist/cli.js check --format json FILE` --warmup times untimed and then --runs times timed,
// checks that the JSON summary counts exactly the generated workloads, and prints the median.
// Exits non-zero when the CLI is missing, fails (exit status other than 0 or 1) or miscounts.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { countLines, generateCorpus } from './generate.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export const DEFAULTS = { workloads: 3000, runs: 5, warmup: 1, seed: 1, cli: join(ROOT, 'dist', 'cli.js'), log: console.log };

/**
 * Measures CLI throughput. Resolves to { workloads, lines, bytes, times (seconds), median,
 * objectsPerSecond }; throws on any failure (missing CLI, crash, wrong object count).
 */
export function measureThroughput(options = {}) {
  const { workloads, runs, warmup, seed, cli, log } = { ...DEFAULTS, ...options };
  if (!existsSync(cli)) throw new Error(`${cli} does not exist: run \`npm run build\` (node esbuild.mjs --production) first`);

  const corpus = generateCorpus({ seed, workloads, includeNoise: true });
  const lines = countLines(corpus);
  const bytes = Buffer.byteLength(corpus);
  const dir = mkdtempSync(join(tmpdir(), 'podsec-bench-'));
  const file = join(dir, 'corpus.yaml');
  try {
    writeFileSync(file, corpus);
    log(`corpus: ${workloads} workloads, ${lines} lines, ${bytes} bytes (seed ${seed}) in ${file}`);
    // The corpus is larger than the default --max-file-size (5 MB) on purpose: raise the limit.
    const args = [cli, 'check', '--format', 'json', '--max-file-size', '1 GB', file];
    log(`command: ${process.execPath} ${args.join(' ')}`);

    const runOnce = () => {
      const start = process.hrtime.bigint();
      const child = spawnSync(process.execPath, args, {
        maxBuffer: 1 << 30,
        encoding: 'utf8',
      });
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      if (child.error) throw child.error;
      // 0: nothing violates enforce; 1: something does (the corpus has privileged workloads).
      if (child.status !== 0 && child.status !== 1) {
        throw new Error(`CLI exited with ${child.status ?? `signal ${child.signal}`}: ${child.stderr.slice(0, 2000)}`);
      }
      verify(child.stdout, workloads);
      return seconds;
    };

    for (let i = 0; i < warmup; i++) log(`warm-up ${i + 1}/${warmup}: ${runOnce().toFixed(3)} s (not counted)`);
    const times = [];
    for (let i = 0; i < runs; i++) {
      const t = runOnce();
      times.push(t);
      log(`run ${i + 1}/${runs}: ${t.toFixed(3)} s`);
    }
    const median = medianOf(times);
    const objectsPerSecond = workloads / median;
    return { workloads, lines, bytes, runs, times, median, objectsPerSecond };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The JSON report must parse and count exactly the generated workloads, with no errors. */
function verify(stdout, workloads) {
  let report;
  try {
    report = JSON.parse(stdout);
  } catch (e) {
    throw new Error(`CLI output is not JSON (${e.message}): ${stdout.slice(0, 200)}`);
  }
  const summary = report?.summary;
  if (summary?.objects !== workloads) {
    throw new Error(`CLI counted ${summary?.objects} objects, expected ${workloads} (summary: ${JSON.stringify(summary)})`);
  }
  if (summary.errors !== 0) throw new Error(`CLI reported ${summary.errors} errors on the generated corpus`);
}

export function medianOf(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function summaryLine(r) {
  return `throughput: ${Math.round(r.objectsPerSecond)} objects/s (median ${r.median.toFixed(3)} s over ${r.runs} runs, ${r.workloads} workloads, ${r.lines} lines)`;
}

function parseCli(argv) {
  const opts = {};
  const ints = { '--workloads': 'workloads', '--runs': 'runs', '--warmup': 'warmup', '--seed': 'seed' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') {
      console.log('usage: node bench/throughput.mjs [--workloads N] [--runs R] [--warmup W] [--seed S] [--cli PATH]');
      process.exit(0);
    }
    const value = argv[++i];
    if (value === undefined) throw new Error(`${arg} needs a value`);
    if (arg === '--cli') opts.cli = resolve(value);
    else if (arg in ints) {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 0) throw new Error(`${arg} must be a non-negative integer`);
      opts[ints[arg]] = n;
    } else throw new Error(`unknown argument ${arg}`);
  }
  if (opts.runs === 0) throw new Error('--runs must be at least 1');
  if (opts.workloads === 0) throw new Error('--workloads must be at least 1');
  return opts;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const result = measureThroughput(parseCli(process.argv.slice(2)));
    console.log(`workloads: ${result.workloads}`);
    console.log(`lines: ${result.lines}`);
    console.log(`bytes: ${result.bytes}`);
    console.log(`wall times (s): ${result.times.map((t) => t.toFixed(3)).join(', ')}`);
    console.log(`median wall time: ${result.median.toFixed(3)} s`);
    console.log(`objects per second: ${result.objectsPerSecond.toFixed(1)}`);
    console.log(summaryLine(result));
  } catch (e) {
    console.error(`throughput: FAILED: ${e.message}`);
    process.exit(1);
  }
}
