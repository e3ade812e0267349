import type { Random } from './random';
import { lineStart, nextLine, structureOf, type Structure } from './structure';

/**
 * Mutations of a manifest's text. Structural ones aim at nodes found by parsing (swap a value's
 * type, delete, copy or rename a key, add anchors, aliases, merge keys and tags, template a value
 * as Helm would); textual ones ignore structure (cut the text, insert `---`, CRLF, non-ASCII,
 * random characters, move lines). Each returns the new text and a short description of the step,
 * or undefined when it does not apply to this text.
 */
export type Mutation = (text: string, rng: Random, structure: () => Structure) => { text: string; step: string } | undefined;

/** Applies 1–4 mutations in a row; returns the text and the steps taken. */
export function mutate(text: string, rng: Random): { text: string; steps: string[] } {
  const steps: string[] = [];
  let out = text;
  const count = rng.between(1, 4);
  for (let i = 0; i < count; i++) {
    let cached: Structure | undefined;
    const structure = () => (cached ??= structureOf(out));
    const [name, mutation] = rng.pick(MUTATIONS);
    const result = mutation(out, rng, structure);
    if (!result) continue;
    out = result.text;
    steps.push(`${name}: ${result.step}`);
  }
  return { text: out, steps };
}

/** Values of every type, with the ones the checks look for, so mutated manifests reach deep. */
const LITERALS = [
  'null', '~', '', '""', "''", '"x"', 'x', 'a b', '0', '-1', '1000', '65536', '3.5', '1e3', '0x1F', '0777', '.inf', '.nan',
  'true', 'false', 'yes', 'no', 'on', 'off', 'y', 'n', '"true"', '"80"', '10:20', '2024-01-01',
  '[]', '{}', '[a, 1, null]', '{a: 1, b: [x]}', '[[[]]]', '{{}: {}}', '[{}]', '{? [a] : b}',
  '!!binary aGVsbG8=', '!foo bar', '!foo {a: 1}', '!!str 1', '!!int "3"', '!!int x', '!!bool maybe', '!!null x', '!!map [a]',
  '!!seq {a: 1}', '!<tag:yaml.org,2002:str> x', '!!set {a, b}', '!!omap [{a: 1}]', '!!float .5', '!!timestamp 2001-12-14',
  'Unconfined', 'RuntimeDefault', 'Localhost', 'Unmasked', 'Default', 'windows', 'ALL', 'NET_RAW', 'SYS_ADMIN', 'unconfined',
  '{privileged: true}', '{privileged: yes, runAsUser: 0}', '{type: Unconfined}', '{type: Localhost, localhostProfile: p}',
  '{add: [SYS_ADMIN, NET_RAW], drop: []}', '{drop: [ALL]}', '[{name: kernel.x, value: "1"}]', '{hostProcess: true}',
  '{path: /etc}', '[{containerPort: 80, hostPort: 80}]', '[{name: c, securityContext: {privileged: true}}]',
  '{containers: [{name: a}], hostNetwork: true}', '{user: u, role: r, type: spc_t}', '{tcpSocket: {host: evil, port: 1}}',
];

const KEYS = [
  'privileged', 'securityContext', 'containers', 'initContainers', 'ephemeralContainers', 'hostNetwork', 'hostPID', 'hostIPC',
  'hostUsers', 'volumes', 'hostPath', 'capabilities', 'add', 'drop', 'seccompProfile', 'appArmorProfile', 'type', 'runAsNonRoot',
  'runAsUser', 'procMount', 'sysctls', 'name', 'kind', 'apiVersion', 'metadata', 'spec', 'template', 'jobTemplate', 'annotations',
  'namespace', 'labels', 'ports', 'hostPort', 'seLinuxOptions', 'windowsOptions', 'os', 'allowPrivilegeEscalation',
  'livenessProbe', 'lifecycle', '<<', '"privileged"', "'spec'", '? complex', '1', 'true', 'null', '~', '"<<"', 'Privileged',
  'hostProcess', 'runtimeClassName', 'emptyDir', 'localhostProfile', 'value', 'image', 'x', 'spec ', ' kind',
];

const UNICODE = ['é', 'ü', 'ß', '日本語', '😀', '\u200b', '\u00a0', '\u202e', '\ufeff', '\ud800', '\udc00', '\u2028', '\u0085', '\u0000', '\u0007', '\u001b', '\u007f', '\u0090', '\ufffe', '\uffff', '\ufffd', '\t', '\r', 'ǅ', 'İ', 'ﬃ'];

const TAGS = ['!!binary ', '!foo ', '!!map ', '!!seq ', '!!str ', '!!int ', '!!bool ', '!!null ', '!!float ', '!<tag:yaml.org,2002:str> ', '!!set ', '!!omap ', '!!pairs ', '!!timestamp ', '! ', '!e!x ', '!!merge '];

const HELM = [
  '{{ .Values.image }}', '"{{ .Values.image }}"', '{{ .Values.securityContext | toYaml | nindent 8 }}', '{{- include "chart.labels" . | nindent 4 }}',
  "{{ default false .Values.privileged }}", '{{ .Release.Name }}-web', '{{/* a comment */}}',
];

const HELM_LINES = ['{{- if .Values.enabled }}', '{{- end }}', '{{- range .Values.containers }}', '{{ toYaml .Values.extra }}', '{{- with .Values.podSecurityContext }}', '{{ else }}'];

const SOUP = ['- ', ': ', '{', '}', '[', ']', ', ', '&a ', '*a', '!!binary ', '<<: ', '\n', '  ', '"', "'", '#', '? ', '|', '>', '|-', '---\n', '...\n', '%YAML 1.1\n', '%TAG ! tag:x,2000:\n', '\t', 'privileged', 'true', 'containers', 'spec', 'kind: Pod\n', 'apiVersion: v1\n', 'securityContext', 'name', '0', 'null', '\\', '@', '`', '%', '&', '*', '!', '\r\n'];

type Entry = readonly [string, Mutation];

/** Structural mutations first, textual ones after; `pick` treats them alike. */
export const MUTATIONS: readonly Entry[] = [
  ['swap type', swapType],
  ['swap type', swapType],
  ['delete key', deleteKey],
  ['duplicate key', duplicateKey],
  ['rename key', renameKey],
  ['anchor and alias', anchorAndAlias],
  ['anchor and alias', anchorAndAlias],
  ['merge key', mergeKey],
  ['tag', addTag],
  ['alias bomb', aliasBomb],
  ['helm value', helmValue],
  ['helm line', helmLine],
  ['cut', cut],
  ['delete span', deleteSpan],
  ['document marker', documentMarker],
  ['crlf', crlf],
  ['unicode', unicode],
  ['random characters', randomCharacters],
  ['line', lineOp],
  ['comment', comment],
  ['nest', nest],
  ['insert key', insertKey],
  ['kind', kind],
  ['repeat documents', repeatDocuments],
];

function swapType(text: string, rng: Random, structure: () => Structure) {
  const values = structure().values;
  if (values.length === 0) return undefined;
  const v = rng.pick(values);
  const literal = rng.pick(LITERALS);
  return { text: text.slice(0, v.start) + literal + text.slice(v.end), step: `${v.kind} at ${v.start} → ${JSON.stringify(literal)}` };
}

function deleteKey(text: string, rng: Random, structure: () => Structure) {
  const pairs = structure().pairs;
  if (pairs.length === 0) return undefined;
  const p = rng.pick(pairs);
  if (p.flow) {
    const after = text.slice(p.end).match(/^\s*,\s*/)?.[0].length ?? 0;
    return { text: text.slice(0, p.keyStart) + text.slice(p.end + after), step: `flow key at ${p.keyStart}` };
  }
  const from = lineStart(text, p.keyStart);
  const whole = /^ *$/.test(text.slice(from, p.keyStart));
  return whole ? { text: text.slice(0, from) + text.slice(nextLine(text, p.end)), step: `block key lines at ${p.keyStart}` } : { text: text.slice(0, p.keyStart) + text.slice(p.end), step: `key at ${p.keyStart}` };
}

function duplicateKey(text: string, rng: Random, structure: () => Structure) {
  const pairs = structure().pairs;
  if (pairs.length === 0) return undefined;
  const p = rng.pick(pairs);
  const body = text.slice(p.keyStart, p.end);
  if (p.flow) return { text: text.slice(0, p.end) + ', ' + body + text.slice(p.end), step: `flow key at ${p.keyStart}` };
  const at = nextLine(text, p.end);
  const sep = at === text.length && !text.endsWith('\n') ? '\n' : '';
  const copy = ' '.repeat(p.column) + body.split('\n').join('\n') + '\n';
  return { text: text.slice(0, at) + sep + copy + text.slice(at), step: `block key at ${p.keyStart}` };
}

function renameKey(text: string, rng: Random, structure: () => Structure) {
  const pairs = structure().pairs;
  if (pairs.length === 0) return undefined;
  const p = rng.pick(pairs);
  const key = rng.pick(KEYS);
  return { text: text.slice(0, p.keyStart) + key + text.slice(p.keyEnd), step: `key at ${p.keyStart} → ${JSON.stringify(key)}` };
}

function anchorAndAlias(text: string, rng: Random, structure: () => Structure) {
  const values = structure().values;
  if (values.length < 1) return undefined;
  const name = `a${rng.int(3)}`;
  const a = rng.pick(values);
  const anchorAt = a.kind === 'map' || a.kind === 'seq' ? (a.afterColon ?? a.start) : a.start;
  const anchor = a.afterColon === anchorAt ? ` &${name}` : `&${name} `;
  // Mostly an alias after the anchor; sometimes before it, inside it (a cycle) or to nothing.
  const b = rng.pick(values);
  const mode = rng.chance(0.7) ? 'after' : rng.pick(['any', 'undefined']);
  if (mode === 'after' && b.start <= a.end) return undefined;
  const alias = mode === 'undefined' ? '*nowhere' : `*${name}`;
  const edits = [
    { at: anchorAt, end: anchorAt, text: anchor },
    { at: b.start, end: b.end, text: alias },
  ].sort((x, y) => y.at - x.at);
  if ((edits[0]?.at ?? 0) < (edits[1]?.end ?? 0)) return undefined;
  let out = text;
  for (const e of edits) out = out.slice(0, e.at) + e.text + out.slice(e.end);
  return { text: out, step: `&${name} at ${anchorAt}, ${alias} at ${b.start} (${mode})` };
}

function mergeKey(text: string, rng: Random, structure: () => Structure) {
  const { values, maps } = structure();
  const sources = values.filter((v) => v.kind === 'map');
  if (sources.length === 0 || maps.length === 0) return undefined;
  const source = rng.pick(sources);
  const target = rng.pick(maps);
  const name = `m${rng.int(3)}`;
  const anchorAt = source.afterColon ?? source.start;
  const anchor = source.afterColon === anchorAt ? ` &${name}` : `&${name} `;
  const merge = rng.chance(0.2) ? `<<: [*${name}, *${name}]` : `<<: *${name}`;
  const insert = target.flow ? `${merge}, ` : `${merge}\n${' '.repeat(target.column)}`;
  if (target.firstKey <= anchorAt) return undefined;
  const out = text.slice(0, anchorAt) + anchor + text.slice(anchorAt, target.firstKey) + insert + text.slice(target.firstKey);
  return { text: out, step: `&${name} at ${anchorAt}, merged into map at ${target.firstKey}` };
}

function addTag(text: string, rng: Random, structure: () => Structure) {
  const values = structure().values;
  if (values.length === 0) return undefined;
  const v = rng.pick(values);
  const tag = rng.pick(TAGS);
  const at = (v.kind === 'map' || v.kind === 'seq') && v.afterColon !== undefined ? v.afterColon : v.start;
  const piece = at === v.afterColon ? ` ${tag.trimEnd()}` : tag;
  return { text: text.slice(0, at) + piece + text.slice(at), step: `${JSON.stringify(tag)} at ${at}` };
}

/** A small "billion laughs": levels of anchors each aliasing the previous one many times. */
function aliasBomb(text: string, rng: Random, structure: () => Structure) {
  const levels = rng.chance(0.8) ? rng.between(3, 9) : rng.between(10, 40);
  const fanout = rng.between(2, 12);
  const lines = [`b0: &b0 [${Array(fanout).fill('x').join(', ')}]`];
  for (let i = 1; i < levels; i++) lines.push(`b${i}: &b${i} [${Array(fanout).fill(`*b${i - 1}`).join(', ')}]`);
  const top = `*b${levels - 1}`;
  const head = `x-bomb:\n${lines.map((l) => `  ${l}\n`).join('')}`;
  const values = structure().values.filter((v) => v.start > 0);
  const target = values.length > 0 && rng.chance(0.8) ? rng.pick(values) : undefined;
  // The anchors go at the top of a document that is a block map, the alias at a value below.
  const start = /^(apiVersion|kind):/m.exec(text)?.index;
  if (start === undefined || (target && target.start < start)) return { text: head + text, step: `${levels}×${fanout} at the top` };
  let out = text;
  if (target) out = out.slice(0, target.start) + top + out.slice(target.end);
  out = out.slice(0, start) + head + out.slice(start);
  return { text: out, step: `${levels}×${fanout}, used at ${target?.start ?? 'nowhere'}` };
}

function helmValue(text: string, rng: Random, structure: () => Structure) {
  const values = structure().values.filter((v) => v.kind === 'scalar');
  if (values.length === 0) return undefined;
  const v = rng.pick(values);
  const helm = rng.pick(HELM);
  return { text: text.slice(0, v.start) + helm + text.slice(v.end), step: `${JSON.stringify(helm)} at ${v.start}` };
}

function helmLine(text: string, rng: Random) {
  const at = randomLineStart(text, rng);
  const line = rng.pick(HELM_LINES);
  return { text: text.slice(0, at) + ' '.repeat(rng.pick([0, 0, 2, 4])) + line + '\n' + text.slice(at), step: `${JSON.stringify(line)} at ${at}` };
}

function cut(text: string, rng: Random) {
  const at = rng.int(text.length + 1);
  return { text: text.slice(0, at), step: `at ${at}` };
}

function deleteSpan(text: string, rng: Random) {
  const a = rng.int(text.length + 1);
  const b = Math.min(text.length, a + rng.between(1, 40));
  return { text: text.slice(0, a) + text.slice(b), step: `${a}..${b}` };
}

function documentMarker(text: string, rng: Random) {
  const at = randomLineStart(text, rng);
  const marker = rng.pick(['---\n', '---\n', '--- ', '...\n', '--- !foo\n', '%YAML 1.1\n---\n', '--- |\n', '---\n---\n', '--- # c\n']);
  return { text: text.slice(0, at) + marker + text.slice(at), step: `${JSON.stringify(marker)} at ${at}` };
}

function crlf(text: string, rng: Random) {
  const mode = rng.pick(['all', 'some', 'lone CR']);
  if (mode === 'all') return { text: text.replace(/\r?\n/g, '\r\n'), step: 'every line' };
  if (mode === 'lone CR') {
    const at = rng.int(text.length + 1);
    return { text: text.slice(0, at) + '\r' + text.slice(at), step: `lone CR at ${at}` };
  }
  return { text: text.replace(/\n/g, () => (rng.chance(0.5) ? '\r\n' : '\n')), step: 'some lines' };
}

function unicode(text: string, rng: Random, structure: () => Structure) {
  const values = structure().values;
  const at = values.length > 0 && rng.chance(0.6) ? rng.pick(values).start : rng.int(text.length + 1);
  const piece = rng.pick(UNICODE);
  return { text: text.slice(0, at) + piece + text.slice(at), step: `${JSON.stringify(piece)} at ${at}` };
}

function randomCharacters(text: string, rng: Random) {
  const at = rng.int(text.length + 1);
  const n = rng.between(1, 12);
  let piece = '';
  for (let i = 0; i < n; i++) piece += rng.chance(0.5) ? rng.pick(SOUP) : String.fromCharCode(rng.chance(0.7) ? rng.between(0, 127) : rng.int(0x10000));
  return { text: text.slice(0, at) + piece + text.slice(at), step: `${JSON.stringify(piece)} at ${at}` };
}

function lineOp(text: string, rng: Random) {
  const lines = text.split('\n');
  if (lines.length < 2) return undefined;
  const i = rng.int(lines.length);
  const line = lines[i] ?? '';
  const op = rng.pick(['duplicate', 'delete', 'swap', 'indent', 'dedent', 'tab']);
  if (op === 'duplicate') lines.splice(i, 0, line);
  else if (op === 'delete') lines.splice(i, 1);
  else if (op === 'swap') {
    const j = rng.int(lines.length);
    [lines[i], lines[j]] = [lines[j] ?? '', line];
  } else if (op === 'indent') lines[i] = ' '.repeat(rng.between(1, 4)) + line;
  else if (op === 'dedent') lines[i] = line.replace(/^ {1,2}/, '');
  else lines[i] = line.replace(/^ +/, '\t');
  return { text: lines.join('\n'), step: `${op} line ${i}` };
}

function comment(text: string, rng: Random) {
  const at = randomLineStart(text, rng);
  const end = nextLine(text, at) - (text[nextLine(text, at) - 1] === '\n' ? 1 : 0);
  const piece = rng.pick([' # c', ' #', '# c\n', '#\n', ' # a: b']);
  const pos = piece.endsWith('\n') ? at : end;
  return { text: text.slice(0, pos) + piece + text.slice(pos), step: `${JSON.stringify(piece)} at ${pos}` };
}

/**
 * Wraps a value in more levels of flow collections, or puts a block list or map that deep under
 * a key: mostly a few levels, sometimes around and past the limits of yaml/depth.ts.
 */
function nest(text: string, rng: Random, structure: () => Structure) {
  const values = structure().values;
  if (values.length === 0) return undefined;
  const v = rng.pick(values);
  const depth = rng.chance(0.85) ? rng.between(1, 30) : rng.pick([499, 500, 501, 999, 1001, 2500]);
  const shape = rng.pick(['lists', 'maps', 'block lists', 'block maps'] as const);
  const inner = text.slice(v.start, v.end).replace(/\n/g, ' ');
  let wrapped: string;
  if (shape === 'lists') wrapped = '['.repeat(depth) + inner + ']'.repeat(depth);
  else if (shape === 'maps') wrapped = '{k: '.repeat(depth) + inner + '}'.repeat(depth);
  else if (shape === 'block lists') wrapped = `\n${'- '.repeat(depth)}x`;
  else wrapped = Array.from({ length: Math.min(depth, 1001) }, (_, i) => `\n${' '.repeat(i + 1)}k:`).join('');
  return { text: text.slice(0, v.start) + wrapped + text.slice(v.end), step: `${depth} ${shape} at ${v.start}` };
}

/** A new `key: value` in a map, in its style: a line at its keys' column, or `, k: v` in braces. */
function insertKey(text: string, rng: Random, structure: () => Structure) {
  const maps = structure().maps;
  if (maps.length === 0) return undefined;
  const m = rng.pick(maps);
  const pair = `${rng.pick(KEYS)}: ${rng.pick(LITERALS)}`;
  if (m.flow) return { text: `${text.slice(0, m.firstKey)}${pair}, ${text.slice(m.firstKey)}`, step: `${JSON.stringify(pair)} into the flow map at ${m.firstKey}` };
  const at = nextLine(text, m.end);
  const sep = at === text.length && !text.endsWith('\n') ? '\n' : '';
  return { text: `${text.slice(0, at)}${sep}${' '.repeat(m.column)}${pair}\n${text.slice(at)}`, step: `${JSON.stringify(pair)} after the map at ${m.firstKey}` };
}

const KINDS = ['Pod', 'Deployment', 'CronJob', 'Job', 'DaemonSet', 'StatefulSet', 'ReplicaSet', 'ReplicationController', 'PodTemplate', 'Namespace', 'List', 'pod', '', '"Pod"', '[Pod]'];
const API_VERSIONS = ['v1', 'apps/v1', 'batch/v1', 'batch/v1beta1', 'extensions/v1beta1', 'example.com/v1', '', '1'];

/** Another kind or apiVersion for an object, so the same body lands in another template path. */
function kind(text: string, rng: Random) {
  const field = rng.chance(0.7) ? 'kind' : 'apiVersion';
  const value = field === 'kind' ? rng.pick(KINDS) : rng.pick(API_VERSIONS);
  const matches = [...text.matchAll(new RegExp(`^${field}:.*$`, 'gm'))];
  if (matches.length === 0) return undefined;
  const m = rng.pick(matches);
  const at = m.index ?? 0;
  return { text: `${text.slice(0, at)}${field}: ${value}${text.slice(at + m[0].length)}`, step: `${field}: ${JSON.stringify(value)} at ${at}` };
}

/** The file's documents many times over, for the document splitting and per-document caches. */
function repeatDocuments(text: string, rng: Random) {
  // Past about 20 KB a case measures size, not blow-ups; the bound is for blow-ups.
  const times = Math.min(rng.between(2, 12), Math.floor(20_000 / Math.max(1, text.length)));
  if (times < 2) return undefined;
  const body = text.endsWith('\n') ? text : `${text}\n`;
  return { text: Array(times).fill(body).join('---\n'), step: `${times} times` };
}

function randomLineStart(text: string, rng: Random): number {
  return lineStart(text, rng.int(text.length + 1));
}

/** Text with no manifest in it: YAML-ish soup or arbitrary UTF-16 code units. */
export function randomText(rng: Random): { text: string; steps: string[] } {
  const n = rng.between(0, 200);
  let out = '';
  if (rng.chance(0.5)) {
    for (let i = 0; i < n; i++) out += rng.pick(SOUP);
    return { text: out, steps: ['yaml soup'] };
  }
  for (let i = 0; i < n; i++) out += String.fromCharCode(rng.chance(0.8) ? rng.between(0, 255) : rng.int(0x10000));
  return { text: out, steps: ['random characters'] };
}
