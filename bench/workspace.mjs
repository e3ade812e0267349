#!/usr/bin/env node
// A generated workspace: one workload per file (with the ConfigMaps and Services the corpus puts
// beside it), Namespace manifests with Pod Security labels, and two kustomizations.
//
//   node bench/workspace.mjs --files 10000 [--seed 3] --out DIR
//
// Layout, the same bytes for the same seed:
//   DIR/teamNN/NNNNN-<name>.yaml   workloads, 100 per folder
//   DIR/namespaces/<ns>.yaml       one Namespace per namespace the workloads use, plus two for the
//                                  kustomizations; levels vary (privileged, baseline, restricted)
//   DIR/team00/kustomization.yaml and DIR/team01/kustomization.yaml: `namespace:` plus every file
//                                  of the folder as `resources:`; the workloads there set no
//                                  namespace of their own, so the kustomization decides it.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateUnits, mulberry32 } from './generate.mjs';

const PER_FOLDER = 100;
const KUSTOMIZED = ['kustomized-a', 'kustomized-b'];
const LEVELS = ['privileged', 'baseline', 'restricted'];

/**
 * Writes the workspace; returns { workloadFiles, namespaceFiles, kustomizations, bytes,
 * files: the workload file paths, namespaces: [{ name, path, enforce }] }.
 */
export function writeWorkspace({ dir, files = 10000, seed = 3 }) {
  const units = generateUnits({ seed, workloads: files, includeNoise: true });
  const random = mulberry32(seed);
  const folders = Math.ceil(files / PER_FOLDER);
  const width = String(folders - 1).length;
  const paths = [];
  const namespaceNames = new Set(KUSTOMIZED);
  let bytes = 0;
  const write = (path, text) => {
    writeFileSync(path, text);
    bytes += Buffer.byteLength(text);
  };
  const kustomized = KUSTOMIZED.map(() => []);
  for (const [n, unit] of units.entries()) {
    const folderIndex = Math.floor(n / PER_FOLDER);
    const folder = `team${String(folderIndex).padStart(width, '0')}`;
    mkdirSync(join(dir, folder), { recursive: true });
    const fileName = `${String(n).padStart(5, '0')}-${unit.name}.yaml`;
    let text = unit.yaml;
    for (const m of text.matchAll(/^ {2}namespace: (\S+)$/gm)) namespaceNames.add(m[1]);
    if (folderIndex < KUSTOMIZED.length) {
      text = text.replace(/^ {2}namespace: \S+\n/gm, '');
      kustomized[folderIndex].push(fileName);
    }
    const path = join(dir, folder, fileName);
    write(path, text);
    paths.push(path);
  }
  for (const [i, name] of KUSTOMIZED.entries()) {
    if (kustomized[i].length === 0) continue;
    const folder = `team${String(i).padStart(width, '0')}`;
    write(join(dir, folder, 'kustomization.yaml'), ['apiVersion: kustomize.config.k8s.io/v1beta1', 'kind: Kustomization', `namespace: ${name}`, 'resources:', ...kustomized[i].map((f) => `  - ${f}`), ''].join('\n'));
  }
  mkdirSync(join(dir, 'namespaces'), { recursive: true });
  const namespaces = [];
  for (const name of [...namespaceNames].sort()) {
    const enforce = LEVELS[Math.floor(random() * LEVELS.length)];
    const path = join(dir, 'namespaces', `${name}.yaml`);
    write(path, namespaceManifest(name, enforce));
    namespaces.push({ name, path, enforce });
  }
  return { workloadFiles: paths.length, namespaceFiles: namespaces.length, kustomizations: KUSTOMIZED.filter((_, i) => kustomized[i].length > 0).length, bytes, files: paths, namespaces };
}

export function namespaceManifest(name, enforce) {
  return [
    'apiVersion: v1',
    'kind: Namespace',
    'metadata:',
    `  name: ${name}`,
    '  labels:',
    `    pod-security.kubernetes.io/enforce: ${enforce}`,
    '    pod-security.kubernetes.io/enforce-version: latest',
    '    pod-security.kubernetes.io/warn: restricted',
    '',
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const value = (name) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const out = value('out');
  if (!out) {
    console.error('usage: node bench/workspace.mjs --files N [--seed S] --out DIR');
    process.exit(2);
  }
  const r = writeWorkspace({ dir: out, files: Number(value('files') ?? 10000), seed: Number(value('seed') ?? 3) });
  console.error(`workspace: ${r.workloadFiles} workload files, ${r.namespaceFiles} Namespace manifests, ${r.kustomizations} kustomizations, ${r.bytes} bytes under ${out}`);
}
