#!/usr/bin/env node
// The fuzz test of issue 6, run for longer than CI does. Same generator and properties as
// test/fuzz/fuzz.test.ts (compiled in out/ by `npx tsc -p tsconfig.json`).
//
//   node bench/fuzz.mjs --minutes 10                  run for ten minutes from a random seed
//   node bench/fuzz.mjs --seed 7 --cases 20000        a fixed run
//   node bench/fuzz.mjs --seed 7 --case 1234          print case 1234 of seed 7 and check it alone
//   options: --bound MS (per-case time bound, default 5000), --hang MS (a case still running after
//   this is a hang: its worker is stopped and the run goes on, default 60000), --out DIR (write
//   each failing case's text there)
//
// Cases run in a worker thread so a case that never returns is reported as a hang instead of
// stopping the run. Prints cases run, failures by kind (each distinct failure once, with the
// first case that showed it) and the slowest cases.

import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

const require = createRequire(import.meta.url);
const OUT = fileURLToPath(new URL('../out/test/fuzz/', import.meta.url));

if (isMainThread) await main();
else runWorker();

function runWorker() {
  const { loadCorpus } = require(join(OUT, 'corpus.js'));
  const { generateCase } = require(join(OUT, 'cases.js'));
  const { checkCase, POLICIES } = require(join(OUT, 'properties.js'));
  const corpus = loadCorpus();
  const { seed, from, to, bound } = workerData;
  for (let index = from; index < to; index++) {
    const c = generateCase(corpus, seed, index, POLICIES.length);
    parentPort.postMessage({ type: 'start', index });
    const outcome = checkCase(c.text, POLICIES[c.policy], bound, c.base);
    parentPort.postMessage({ type: 'done', index, case: c, outcome });
  }
  parentPort.postMessage({ type: 'end' });
}

function parseArgs(argv) {
  const args = { seed: undefined, cases: undefined, minutes: undefined, bound: 5000, hang: 60000, out: undefined, case: undefined };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].replace(/^--/, '');
    if (!(name in args)) throw new Error(`unknown option ${argv[i]}`);
    args[name] = name === 'out' ? argv[++i] : Number(argv[++i]);
  }
  args.seed ??= (Date.now() ^ (process.pid << 16)) >>> 0;
  if (args.cases === undefined && args.minutes === undefined) args.cases = 2000;
  return args;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.case !== undefined) return replay(args);
  console.log(`fuzz: seed ${args.seed}, ${args.cases !== undefined ? `${args.cases} cases` : `${args.minutes} minutes`}, bound ${args.bound} ms`);
  const deadline = args.minutes !== undefined ? Date.now() + args.minutes * 60000 : Infinity;
  const limit = args.cases ?? Number.MAX_SAFE_INTEGER;
  const stats = { run: 0, failed: 0, reached: 0, fixes: 0, kinds: new Map(), distinct: new Map(), slowest: [] };
  let next = 0;
  const started = Date.now();
  let lastReport = started;
  while (next < limit && Date.now() < deadline) {
    const to = Math.min(limit, next + 500);
    next = await batch(args, next, to, deadline, stats);
    if (Date.now() - lastReport > 30000) {
      lastReport = Date.now();
      console.log(`  … ${stats.run} cases, ${stats.failed} failing, ${Math.round((Date.now() - started) / 1000)} s`);
    }
  }
  report(args, stats, Date.now() - started);
  process.exitCode = stats.failed > 0 ? 1 : 0;
}

/** Runs cases [from, to) in a worker; returns the next index to run (after a hang, the one after it). */
function batch(args, from, to, deadline, stats) {
  return new Promise((resolve) => {
    const worker = new Worker(fileURLToPath(import.meta.url), { workerData: { seed: args.seed, from, to, bound: args.bound } });
    let current = from;
    let timer;
    // Once the batch is over (deadline, end, hang or crash), messages the worker had already sent
    // (the next case's 'start') must not arm a timer that would later report a hang.
    let settled = false;
    const settle = (next) => {
      settled = true;
      clearTimeout(timer);
      resolve(next);
    };
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (settled) return;
        record(args, stats, { index: current, case: { index: current, seed: undefined, origin: '?', steps: [], text: '' }, outcome: { failures: [{ kind: 'hang', detail: `still running after ${args.hang} ms (replay with --case ${current})` }], ms: args.hang, objects: 0, fixes: 0 } });
        settled = true;
        worker.terminate().then(() => resolve(current + 1));
      }, args.hang);
    };
    arm();
    worker.on('message', (m) => {
      if (settled) return;
      if (m.type === 'start') {
        current = m.index;
        arm();
      } else if (m.type === 'done') {
        record(args, stats, m);
        if (Date.now() >= deadline) {
          settled = true;
          clearTimeout(timer);
          worker.terminate().then(() => resolve(Number.MAX_SAFE_INTEGER));
        }
      } else if (m.type === 'end') {
        settle(to);
      }
    });
    worker.on('error', (e) => {
      if (settled) return;
      clearTimeout(timer);
      settled = true;
      record(args, stats, { index: current, case: { index: current, origin: '?', steps: [], text: '' }, outcome: { failures: [{ kind: 'crash', detail: String(e?.stack ?? e) }], ms: 0, objects: 0, fixes: 0 } });
      resolve(current + 1);
    });
  });
}

function record(args, stats, { index, case: c, outcome }) {
  stats.run++;
  if (outcome.objects > 0) stats.reached++;
  stats.fixes += outcome.fixes;
  stats.slowest.push({ index, ms: outcome.ms, origin: c.origin, steps: c.steps, length: c.text.length });
  stats.slowest.sort((a, b) => b.ms - a.ms);
  stats.slowest.length = Math.min(stats.slowest.length, 10);
  if (outcome.failures.length === 0) return;
  stats.failed++;
  for (const f of outcome.failures) {
    stats.kinds.set(f.kind, (stats.kinds.get(f.kind) ?? 0) + 1);
    const key = `${f.kind}: ${f.detail.split('\n').slice(0, 2).join(' | ').replace(/\d+/g, 'N')}`;
    if (!stats.distinct.has(key)) {
      stats.distinct.set(key, { index, c, f, count: 0 });
      console.log(`FAIL case ${index} (${c.origin}; ${c.steps.join('; ')}): ${f.kind}: ${f.detail.split('\n')[0]}`);
    }
    stats.distinct.get(key).count++;
  }
  if (args.out) {
    mkdirSync(args.out, { recursive: true });
    writeFileSync(join(args.out, `seed${args.seed}-case${index}.yaml`), c.text);
  }
}

function report(args, stats, ms) {
  console.log(`\nfuzz: ${stats.run} cases in ${Math.round(ms / 1000)} s (seed ${args.seed}); ${stats.reached} held a workload; ${stats.fixes} fixes rendered and applied`);
  console.log(`failing cases: ${stats.failed}${[...stats.kinds].map(([k, n]) => `, ${k} ${n}`).join('')}`);
  for (const [key, { index, count }] of stats.distinct) console.log(`  ${count}× ${key.slice(0, 200)} (first: --seed ${args.seed} --case ${index})`);
  console.log('slowest cases:');
  for (const s of stats.slowest) console.log(`  ${Math.round(s.ms)} ms  case ${s.index} (${s.length} chars; ${s.origin}; ${s.steps.join('; ')})`.slice(0, 240));
}

function replay(args) {
  const { loadCorpus } = require(join(OUT, 'corpus.js'));
  const { generateCase } = require(join(OUT, 'cases.js'));
  const { checkCase, POLICIES } = require(join(OUT, 'properties.js'));
  const c = generateCase(loadCorpus(), args.seed, args.case, POLICIES.length);
  console.log(`case ${args.case} of seed ${args.seed} (case seed ${c.seed}): ${c.origin}; policy ${c.policy}\nsteps: ${c.steps.join('; ')}\n--- text (JSON) ---\n${JSON.stringify(c.text)}\n--- text ---\n${c.text}\n---`);
  const outcome = checkCase(c.text, POLICIES[c.policy], args.bound, c.base);
  console.log(`${Math.round(outcome.ms)} ms, ${outcome.objects} objects, ${outcome.violations} violations, ${outcome.fixes} fixes`);
  for (const f of outcome.failures) console.log(`${f.kind}: ${f.detail}`);
  process.exitCode = outcome.failures.length > 0 ? 1 : 0;
}
