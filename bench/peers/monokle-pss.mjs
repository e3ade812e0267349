#!/usr/bin/env node
// The peer for issue 5's CLI comparison: @monokle/validation's Pod Security Standards plugin
// over one multi-document file, as a whole process.
//
//   node bench/peers/monokle-pss.mjs FILE [--json | --sarif]
//
// Monokle validates `Resource` objects, not files: its CLI (monokle-cli) splits a file with the
// `yaml` package and hands each Kubernetes-like document over with its text, parsed content and
// line offset. This does the same, then runs a validator with only the `pod-security-standards`
// plugin enabled (every other core plugin off, so no schema download and no network), with its
// restricted rules on. The
// plugin re-parses each resource's text itself, as it does in monokle's own tools.
// Prints the number of resources and of violations (`--json`: one line of JSON with the count by
// rule; `--sarif`: the whole SARIF response on standard output and the counts on standard error,
// so the output volume compares with `podsec check --format json`). Exits 2 when the plugin
// finds nothing, which would mean it did not run.

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseAllDocuments, LineCounter } from 'yaml';
import { MonokleValidator, DefaultPluginLoader, ResourceParser, DisabledFixer } from '@monokle/validation';

const file = process.argv[2];
if (!file) {
  console.error('usage: node bench/peers/monokle-pss.mjs FILE [--json | --sarif]');
  process.exit(2);
}
const json = process.argv.includes('--json');
const sarif = process.argv.includes('--sarif');

const text = readFileSync(file, 'utf8');
const resources = extractResources(text, basename(file));

// podsec evaluates restricted too by default (enforce baseline, warn restricted); monokle ships
// its restricted rules (PSS2xx) disabled, so they are switched on for the same amount of work.
const config = {
  plugins: { 'pod-security-standards': true },
  rules: Object.fromEntries(['PSS201', 'PSS202', 'PSS203', 'PSS204', 'PSS205', 'PSS206'].map((id) => [id, true])),
};
const validator = new MonokleValidator(
  { loader: new DefaultPluginLoader(), parser: new ResourceParser(), fixer: new DisabledFixer(), suppressors: [] },
  config,
);
await validator.preload(config);
const response = await validator.validate({ resources });

const byRule = {};
let violations = 0;
for (const run of response.runs) {
  for (const result of run.results) {
    violations++;
    byRule[result.ruleId] = (byRule[result.ruleId] ?? 0) + 1;
  }
}
const plugins = response.runs.map((run) => run.tool.driver.name);
if (sarif) process.stdout.write(JSON.stringify(response) + '\n');
const say = sarif ? console.error : console.log;
if (json) say(JSON.stringify({ resources: resources.length, violations, plugins, byRule }));
else say(`monokle pod-security-standards: ${resources.length} resources, ${violations} violations (plugins run: ${plugins.join(', ')})`);
if (violations === 0) process.exit(2);

/** Documents with apiVersion and kind, as monokle-cli's extraction gives them. */
function extractResources(source, path) {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(source, { lineCounter });
  const out = [];
  for (const [index, doc] of docs.entries()) {
    if (doc.errors.length) continue;
    const content = doc.toJS();
    if (!content || typeof content !== 'object' || typeof content.apiVersion !== 'string' || typeof content.kind !== 'string') continue;
    const [start, , end] = doc.range;
    out.push({
      id: `${path}#${index}`,
      fileId: path,
      filePath: path,
      fileOffset: lineCounter.linePos(start).line - 1,
      name: content.metadata?.name ?? '',
      namespace: content.metadata?.namespace,
      apiVersion: content.apiVersion,
      kind: content.kind,
      content,
      text: source.slice(start, end),
    });
  }
  return out;
}
