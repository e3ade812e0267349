#!/usr/bin/env node
// podsec check against a peer, @monokle/validation's Pod Security plugin, over the same file,
// each as a whole process, run alternately so both see the same machine load.
//
//   node bench/peer.mjs [--workloads 2000] [--runs 5] [--warmup 1] [--seed 1] [--json]
//
// Both sides write their full result on standard output (podsec: `--format json`; the peer: its
// SARIF response), which this script reads through a pipe and checks: podsec must count every
// generated workload, the peer must report violations. Prints each run, the medians and
// podsec ÷ peer (issue 5 wants at most 0.35). Each process also reports its own CPU time
// (bench/hooks/cpu-usage.cjs, preloaded into both), whose ratio a loaded machine disturbs less.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { countLines, generateCorpus } from './generate.mjs';
import { medianOf } from './throughput.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CPU_HOOK = join(ROOT, 'bench', 'hooks', 'cpu-usage.cjs');

/** The CPU seconds the hook reported, and standard error without its line. */
function cpuOf(stderr) {
  const match = /\npodsec-bench-cpu (\{.*\})\n/.exec(stderr);
  if (!match) throw new Error(`no CPU time reported: ${stderr.slice(-500)}`);
  const { user, system } = JSON.parse(match[1]);
  return { cpu: (user + system) / 1e6, stderr: stderr.replace(match[0], '') };
}

export function measurePeer({ workloads = 2000, runs = 5, warmup = 1, seed = 1, log = console.log } = {}) {
  const cli = join(ROOT, 'dist', 'cli.js');
  if (!existsSync(cli)) throw new Error(`${cli} does not exist: run \`npm run build\` first`);
  const text = generateCorpus({ seed, workloads, includeNoise: true });
  const dir = mkdtempSync(join(tmpdir(), 'podsec-peer-'));
  const file = join(dir, 'corpus.yaml');
  try {
    writeFileSync(file, text);
    log(`corpus: ${workloads} workloads, ${countLines(text)} lines, ${Buffer.byteLength(text)} bytes (seed ${seed})`);
    const sides = {
      podsec: {
        args: ['--require', CPU_HOOK, cli, 'check', '--format', 'json', '--max-file-size', '1 GB', file],
        verify(child) {
          if (child.status !== 0 && child.status !== 1) throw new Error(`podsec exited ${child.status}: ${child.stderr.slice(0, 500)}`);
          const { summary } = JSON.parse(child.stdout);
          if (summary.objects !== workloads || summary.errors !== 0) throw new Error(`podsec summary ${JSON.stringify(summary)}`);
          return summary.violations;
        },
      },
      monokle: {
        args: ['--require', CPU_HOOK, join(ROOT, 'bench', 'peers', 'monokle-pss.mjs'), file, '--sarif', '--json'],
        verify(child) {
          if (child.status !== 0) throw new Error(`peer exited ${child.status}: ${child.stderr.slice(0, 500)}`);
          JSON.parse(child.stdout);
          return JSON.parse(child.stderr.trim().split('\n').filter(Boolean).at(-1)).violations;
        },
      },
    };
    const once = (name) => {
      const side = sides[name];
      const start = process.hrtime.bigint();
      const child = spawnSync(process.execPath, side.args, { encoding: 'utf8', maxBuffer: 1 << 30 });
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      if (child.error) throw child.error;
      const { cpu, stderr } = cpuOf(child.stderr);
      side.violations = side.verify({ ...child, stderr });
      side.cpu.push(cpu);
      side.outputBytes = Buffer.byteLength(child.stdout);
      return seconds;
    };
    for (const side of Object.values(sides)) side.cpu = [];
    for (let i = 0; i < warmup; i++) log(`warm-up ${i + 1}: podsec ${once('podsec').toFixed(2)} s, monokle ${once('monokle').toFixed(2)} s (not counted)`);
    for (const side of Object.values(sides)) side.cpu = [];
    const times = { podsec: [], monokle: [] };
    for (let i = 0; i < runs; i++) {
      // Alternate which goes first, so neither always runs right after the other.
      const order = i % 2 ? ['monokle', 'podsec'] : ['podsec', 'monokle'];
      for (const name of order) times[name].push(once(name));
      log(`run ${i + 1}/${runs}: podsec ${times.podsec.at(-1).toFixed(2)} s (CPU ${sides.podsec.cpu.at(-1).toFixed(2)} s), monokle ${times.monokle.at(-1).toFixed(2)} s (CPU ${sides.monokle.cpu.at(-1).toFixed(2)} s)`);
    }
    const podsec = medianOf(times.podsec);
    const monokle = medianOf(times.monokle);
    const ratios = times.podsec.map((t, i) => t / times.monokle[i]);
    return {
      workloads,
      runs,
      podsec: { median: podsec, times: times.podsec, cpuMedian: medianOf(sides.podsec.cpu), cpu: sides.podsec.cpu, violations: sides.podsec.violations, outputBytes: sides.podsec.outputBytes },
      monokle: { median: monokle, times: times.monokle, cpuMedian: medianOf(sides.monokle.cpu), cpu: sides.monokle.cpu, violations: sides.monokle.violations, outputBytes: sides.monokle.outputBytes },
      ratio: podsec / monokle,
      cpuRatio: medianOf(sides.podsec.cpu) / medianOf(sides.monokle.cpu),
      medianPairRatio: medianOf(ratios),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function peerLine(r) {
  return `podsec ÷ monokle: ${r.ratio.toFixed(2)}× (median ${r.podsec.median.toFixed(2)} s vs ${r.monokle.median.toFixed(2)} s over ${r.runs} alternate runs; median of per-pair ratios ${r.medianPairRatio.toFixed(2)}×); CPU time ${r.cpuRatio.toFixed(2)}× (${r.podsec.cpuMedian.toFixed(2)} s vs ${r.monokle.cpuMedian.toFixed(2)} s)`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const num = (name, fallback) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? Number(process.argv[i + 1]) : fallback;
  };
  const json = process.argv.includes('--json');
  const r = measurePeer({ workloads: num('workloads', 2000), runs: num('runs', 5), warmup: num('warmup', 1), seed: num('seed', 1), log: json ? () => {} : console.log });
  if (json) console.log(JSON.stringify(r));
  else {
    console.log(`podsec: ${r.podsec.violations} violations, ${r.podsec.outputBytes} bytes of JSON`);
    console.log(`monokle: ${r.monokle.violations} violations, ${r.monokle.outputBytes} bytes of SARIF`);
    console.log(peerLine(r));
  }
}
