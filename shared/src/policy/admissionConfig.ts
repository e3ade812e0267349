import { isAlias, isMap, isNode, isScalar, isSeq, type Node } from 'yaml';
import { goQuote } from '../checks/text';
import { parseDocuments } from '../yaml/parse';
import type { Problem, Range } from '../yaml/range';
import { DocContext, valueRange } from '../yaml/view';
import { LATEST, LEVEL_PARSE_ERROR, parseLevel, parseVersion, VERSION_PARSE_ERROR, type Level, type Version } from './levelVersion';
import type { Mode, Policy, PolicySource } from './policy';

/**
 * The PodSecurity plugin's configuration, read as kube-apiserver and the PSA webhook read it
 * (pod-security-admission.md §4): an AdmissionConfiguration whose `PodSecurity` plugin entry holds
 * the PodSecurityConfiguration inline, or a bare PodSecurityConfiguration. Every error listed here
 * would stop the API server from starting; podsec reports it where it is written and goes on with
 * the most lenient reading, so a valid configuration is always returned.
 */

export interface Exemptions {
  readonly namespaces: readonly string[];
  readonly runtimeClasses: readonly string[];
  readonly usernames: readonly string[];
}

export interface AdmissionConfig {
  /** The defaults (privileged:latest where unset or empty), with sources: description like `admission configuration defaults.enforce`, plus uri/range of the value node when written. */
  readonly defaults: Policy;
  readonly exemptions: Exemptions;
  /** The apiVersion of the PodSecurityConfiguration actually used. */
  readonly apiVersion: string;
}

const PSC_GROUP = 'pod-security.admission.config.k8s.io';
const PSC_KIND = 'PodSecurityConfiguration';
const PSC_API_VERSIONS: readonly string[] = [`${PSC_GROUP}/v1alpha1`, `${PSC_GROUP}/v1beta1`, `${PSC_GROUP}/v1`];
/** PSA builds its built-in defaults by defaulting an empty v1 object. */
const DEFAULT_API_VERSION = `${PSC_GROUP}/v1`;
const AC_KIND = 'AdmissionConfiguration';
const AC_API_VERSIONS: readonly string[] = ['apiserver.config.k8s.io/v1', 'apiserver.config.k8s.io/v1alpha1', 'apiserver.k8s.io/v1alpha1'];
const AC_GROUPS: readonly string[] = ['apiserver.config.k8s.io', 'apiserver.k8s.io'];
const PLUGIN_NAME = 'PodSecurity';
const CODE = 'admission-config';
/** `yaml` reports duplicate keys as syntax errors; Kubernetes' decoders have their own rules for them. */
const DUPLICATE_KEY_ERROR = 'Map keys must be unique';

type DefaultKey = 'enforce' | 'enforce-version' | 'audit' | 'audit-version' | 'warn' | 'warn-version';
const DEFAULT_KEYS: readonly string[] = ['enforce', 'enforce-version', 'audit', 'audit-version', 'warn', 'warn-version'];
/** Field validation order (`validateExemptions`). */
const EXEMPTION_LISTS = ['namespaces', 'runtimeClasses', 'usernames'] as const;
type ExemptionList = (typeof EXEMPTION_LISTS)[number];

/** True when the text's first document looks like an AdmissionConfiguration or a PodSecurityConfiguration. */
/**
 * False when `text` is surely no admission configuration: it names neither kind. The substring test
 * keeps the workspace scan from parsing every manifest; a kind is never split across lines, so
 * for an edited text without either name, the edited lines alone can bring one.
 */
export function mayBeAdmissionConfigText(text: string): boolean {
  return /AdmissionConfiguration|PodSecurityConfiguration/.test(text);
}

export function isAdmissionConfigText(text: string): boolean {
  if (!mayBeAdmissionConfigText(text)) return false;
  const root = parseDocuments(text)[0]?.doc.contents;
  if (!isMap(root)) return false;
  const strings = new Map<string, string>();
  for (const pair of root.items) {
    if (isScalar(pair.key) && isScalar(pair.value) && typeof pair.value.value === 'string') strings.set(String(pair.key.value), pair.value.value);
  }
  // By group, not exact version, so that a mistyped version is still found and then reported.
  const group = (strings.get('apiVersion') ?? '').split('/')[0] ?? '';
  const kind = strings.get('kind');
  return (kind === AC_KIND && AC_GROUPS.includes(group)) || (kind === PSC_KIND && group === PSC_GROUP);
}

/** Parses an AdmissionConfiguration (its `PodSecurity` plugin entry) or a bare PodSecurityConfiguration. */
export function parseAdmissionConfig(text: string, uri?: string): { config: AdmissionConfig; problems: Problem[] } {
  // PSA defaults a zero-byte file; blank space is treated the same, as a file being written.
  if (text.trim() === '') return { config: buildConfig(new Reader(undefined), undefined, { text, uri }), problems: [] };
  const first = parseDocuments(text)[0];
  const syntax = first?.errors.filter((e) => !e.message.startsWith(DUPLICATE_KEY_ERROR)) ?? [];
  const r = new Reader(first ? new DocContext(first.doc) : undefined);
  if (syntax.length > 0) return { config: buildConfig(r, undefined, { text, uri }), problems: [...syntax] };
  const raw = decodeRoot(r, locate(r, ROOT_PARENT, first?.doc.contents, '', contentRange(text)));
  const config = buildConfig(r, raw, { text, uri });
  return { config, problems: r.problems };
}

/** The exemption that applies to an object (§5): namespace first, then runtime class; empty never matches. */
export function exemptionFor(
  exemptions: Exemptions,
  namespace: string | undefined,
  runtimeClassName: string | undefined,
): 'namespace' | 'runtimeClass' | undefined {
  if (namespace && exemptions.namespaces.includes(namespace)) return 'namespace';
  if (runtimeClassName && exemptions.runtimeClasses.includes(runtimeClassName)) return 'runtimeClass';
  return undefined;
}

// ---- Decoding ------------------------------------------------------------------------------

class Reader {
  readonly problems: Problem[] = [];
  constructor(readonly ctx: DocContext | undefined) {}

  error(range: Range, message: string): void {
    this.problems.push({ message, range, severity: 'error', code: CODE });
  }

  resolve(node: Node | null): Node | null {
    return isAlias(node) ? (this.ctx?.resolveAlias(node) ?? null) : node;
  }
}

/** A value reached from the root: resolved through aliases, with where problems about it point. */
interface Located {
  /** Null when missing or an explicit YAML null (Go's JSON decoding leaves the field unset). */
  readonly node: Node | null;
  /** The value (STYLE.md §5); a block map or list, whose range swallows what follows, points at its key. */
  readonly range: Range;
  /** Set once the path went through an alias: every range below is the alias (the use site). */
  readonly via: Range | undefined;
  /** Dotted path for messages, relative to the object being decoded (as Kubernetes' errors are). */
  readonly path: string;
}

interface Entry {
  readonly key: string;
  readonly keyRange: Range;
  readonly value: Located;
}

interface RawValue {
  readonly value: string;
  readonly range: Range;
  /** Index in its list, for `exemptions.namespaces[i]`. */
  readonly index: number;
}

/** A decoded PodSecurityConfiguration before defaulting and validation. */
interface RawConfig {
  readonly apiVersion: string;
  readonly defaults: ReadonlyMap<string, RawValue>;
  readonly exemptions: Readonly<Record<ExemptionList, readonly RawValue[]>>;
}

const ROOT_PARENT = { via: undefined };

function locate(r: Reader, parent: { readonly via: Range | undefined }, raw: unknown, path: string, keyRange: Range): Located {
  const node = isNode(raw) ? raw : null;
  const via = parent.via ?? (isAlias(node) ? valueRange(node) : undefined);
  const resolved = r.resolve(node);
  const own = node ? valueRange(node) : keyRange;
  const collection = isMap(resolved) || isSeq(resolved);
  const range = via ?? (collection || own[1] <= own[0] ? keyRange : own);
  const isNull = !resolved || (isScalar(resolved) && resolved.value === null);
  return { node: isNull ? null : resolved, range, via, path };
}

/**
 * A map's fields, last one winning as in Go's decoders, with `<<` merges (explicit keys win, then
 * earlier merge sources). Duplicates of written keys are returned apart: only strict decoding of a
 * file reports them.
 */
function mapEntries(r: Reader, map: Located, visited = new Set<Node>()): { entries: Entry[]; duplicates: Entry[] } {
  const own = new Map<string, Entry>();
  const duplicates: Entry[] = [];
  const merges: Entry[] = [];
  if (!isMap(map.node) || visited.has(map.node)) return { entries: [], duplicates };
  visited.add(map.node);
  for (const pair of map.node.items) {
    const keyNode = isNode(pair.key) ? pair.key : null;
    const keyRange = map.via ?? nonEmpty(keyNode ? valueRange(keyNode) : map.range, map.range);
    if (isScalar(keyNode) && typeof keyNode.value === 'symbol') {
      merges.push(...mergedEntries(r, map, locate(r, map, pair.value, map.path, keyRange), visited));
      continue;
    }
    const key = isScalar(keyNode) ? String(keyNode.value) : '?';
    const entry = { key, keyRange, value: locate(r, map, pair.value, joinPath(map.path, key), keyRange) };
    if (own.delete(key)) duplicates.push(entry);
    own.set(key, entry);
  }
  const entries = [...own.values()];
  for (const m of merges) if (!entries.some((e) => e.key === m.key)) entries.push(m);
  return { entries, duplicates };
}

function mergedEntries(r: Reader, map: Located, source: Located, visited: Set<Node>): Entry[] {
  const sources = isSeq(source.node) ? source.node.items.map((item) => locate(r, source, item, map.path, source.range)) : [source];
  return sources.flatMap((s) => mapEntries(r, { ...s, path: map.path }, visited).entries);
}

function field(entries: readonly Entry[], key: string): Entry | undefined {
  return entries.find((e) => e.key === key);
}

/** The root decides the kind: an AdmissionConfiguration (or anything with `plugins`) or a PodSecurityConfiguration. */
function decodeRoot(r: Reader, root: Located): RawConfig | undefined {
  if (!isMap(root.node)) {
    if (!root.node) r.error(root.range, `Object 'Kind' is missing${notStart('uses the built-in defaults')}`);
    else r.error(root.range, `the configuration must be a map, not ${describe(root.node)}${notStart('uses the built-in defaults')}`);
    return undefined;
  }
  const { entries } = mapEntries(r, root);
  const anchor = entries[0]?.keyRange ?? root.range;
  const kind = stringValue(field(entries, 'kind'));
  if (kind === AC_KIND || (!kind && field(entries, 'plugins'))) return decodeAdmissionConfiguration(r, entries, anchor);
  return decodePodSecurityConfiguration(r, root, { anchor, strict: true });
}

/**
 * kube-apiserver decodes its AdmissionConfiguration leniently (unknown fields and duplicate keys
 * pass) and uses the first plugin entry named `PodSecurity`: `configuration` when set, else `path`.
 */
function decodeAdmissionConfiguration(r: Reader, entries: readonly Entry[], anchor: Range): RawConfig | undefined {
  typeMeta(r, entries, anchor, { kind: AC_KIND, apiVersions: AC_API_VERSIONS });
  const plugins = field(entries, 'plugins');
  for (const item of plugins ? readList(r, plugins.value, 'uses the built-in defaults') : []) {
    if (!item.node) continue;
    if (!isMap(item.node)) {
      r.error(item.range, `${item.path} must be a map, not ${describe(item.node)}${notStart('ignores this entry')}`);
      continue;
    }
    const fields = mapEntries(r, item).entries;
    const name = field(fields, 'name');
    if (name && readString(r, name.value, 'ignores this entry') === PLUGIN_NAME) return decodePlugin(r, fields);
  }
  return undefined;
}

function decodePlugin(r: Reader, fields: readonly Entry[]): RawConfig | undefined {
  const configuration = field(fields, 'configuration');
  if (configuration?.value.node) {
    // PSA decodes the inline object from the JSON the API server made of it, where duplicate keys
    // have already collapsed (last wins): only unknown fields are strict errors here.
    return decodePodSecurityConfiguration(r, { ...configuration.value, path: '' }, { anchor: configuration.keyRange, strict: false, name: configuration.value.path });
  }
  const path = field(fields, 'path');
  const file = path ? readString(r, path.value, 'uses the built-in defaults') : undefined;
  if (path && file) {
    r.error(path.value.range, `PodSecurity reads its configuration from ${goQuote(file)}, a file podsec does not follow: the configuration is unknown, so podsec uses the built-in defaults (privileged:latest) and no exemptions.`);
  }
  return undefined;
}

interface PscOptions {
  /** Where a missing apiVersion or kind is reported. */
  readonly anchor: Range;
  /** Whether duplicate keys are errors (a file decoded strictly) or collapse silently (inline). */
  readonly strict: boolean;
  /** The object's path in the enclosing file, for a wrong-type message. */
  readonly name?: string;
}

/** PSA's strict decoding (§4.4): unknown and duplicate fields, missing or unknown apiVersion and kind. */
function decodePodSecurityConfiguration(r: Reader, root: Located, options: PscOptions): RawConfig | undefined {
  if (!isMap(root.node)) {
    const what = options.name ?? 'the configuration';
    r.error(root.range, `${what} must be a map, not ${describe(root.node)}${notStart('uses the built-in defaults')}`);
    return undefined;
  }
  const entries = strictEntries(r, root, options.strict);
  const meta = typeMeta(r, entries, options.anchor, { kind: PSC_KIND, apiVersions: PSC_API_VERSIONS });
  if (!meta.isKindKnown) return undefined;
  const defaults = new Map<string, RawValue>();
  const exemptions: Record<ExemptionList, RawValue[]> = { namespaces: [], runtimeClasses: [], usernames: [] };
  for (const e of entries) {
    if (e.key === 'defaults') decodeFields(r, e.value, { known: DEFAULT_KEYS, strict: options.strict }, (f) => readDefault(r, f, defaults));
    else if (e.key === 'exemptions') decodeFields(r, e.value, { known: EXEMPTION_LISTS, strict: options.strict }, (f) => exemptions[f.key as ExemptionList].push(...readStrings(r, f)));
    else if (e.key !== 'apiVersion' && e.key !== 'kind') r.error(e.keyRange, unknownField(e.value.path));
  }
  return { apiVersion: meta.apiVersion ?? DEFAULT_API_VERSION, defaults, exemptions };
}

/** A nested object with a fixed set of fields: others are unknown (strict decoding). */
function decodeFields(r: Reader, value: Located, fields: { known: readonly string[]; strict: boolean }, read: (e: Entry) => void): void {
  if (!value.node) return;
  if (!isMap(value.node)) {
    r.error(value.range, `${value.path} must be a map, not ${describe(value.node)}${notStart('uses the built-in defaults for it')}`);
    return;
  }
  for (const e of strictEntries(r, value, fields.strict)) {
    if (fields.known.includes(e.key)) read(e);
    else r.error(e.keyRange, unknownField(e.value.path));
  }
}

/** A map's fields; in a strictly decoded file a repeated key is an error (go-yaml's UnmarshalStrict). */
function strictEntries(r: Reader, map: Located, strict: boolean): Entry[] {
  const { entries, duplicates } = mapEntries(r, map);
  if (strict) for (const d of duplicates) r.error(d.keyRange, `strict decoding error: duplicate field ${goQuote(d.value.path)}${notStart('uses the last one')}`);
  return entries;
}

function readDefault(r: Reader, e: Entry, into: Map<string, RawValue>): void {
  const value = readString(r, e.value, 'uses the built-in default');
  if (value !== undefined) into.set(e.key, { value, range: e.value.range, index: 0 });
}

/** A list of strings; a null item is Go's zero value, the empty string. */
function readStrings(r: Reader, e: Entry): RawValue[] {
  const out: RawValue[] = [];
  readList(r, e.value, 'uses an empty list').forEach((item, index) => {
    const value = item.node ? readString(r, item, 'ignores this entry') : '';
    if (value !== undefined) out.push({ value, range: item.range, index });
  });
  return out;
}

function readList(r: Reader, value: Located, instead: string): Located[] {
  if (!value.node) return [];
  if (!isSeq(value.node)) {
    r.error(value.range, `${value.path} must be a list, not ${describe(value.node)}${notStart(instead)}`);
    return [];
  }
  const list = value.node;
  return list.items.map((item, i) => locate(r, value, item, `${value.path}[${i}]`, value.range));
}

/** A string field as Go's JSON decoding reads it: null is unset, any other type fails decoding. */
function readString(r: Reader, value: Located, instead: string): string | undefined {
  if (!value.node) return undefined;
  if (isScalar(value.node) && typeof value.node.value === 'string') return value.node.value;
  r.error(value.range, `${value.path} must be a string, not ${describe(value.node)}${notStart(instead)}`);
  return undefined;
}

/**
 * apimachinery checks kind, then apiVersion, then looks the pair up in its scheme. podsec reports
 * all of them at once and still reads the fields unless the kind is another one.
 */
function typeMeta(
  r: Reader,
  entries: readonly Entry[],
  anchor: Range,
  expected: { kind: string; apiVersions: readonly string[] },
): { isKindKnown: boolean; apiVersion: string | undefined } {
  const kindEntry = field(entries, 'kind');
  const versionEntry = field(entries, 'apiVersion');
  const kind = stringValue(kindEntry);
  const apiVersion = stringValue(versionEntry);
  if (!kind) r.error(kindEntry?.value.range ?? versionEntry?.keyRange ?? anchor, `Object 'Kind' is missing${notStart(`reads it as kind ${expected.kind}`)}`);
  if (!apiVersion) r.error(versionEntry?.value.range ?? kindEntry?.keyRange ?? anchor, `Object 'apiVersion' is missing${notStart()}`);
  if (kind && kind !== expected.kind) {
    r.error(kindEntry?.value.range ?? anchor, `${notRegistered(kind, apiVersion)}${notStart('uses the built-in defaults')}`);
    return { isKindKnown: false, apiVersion: undefined };
  }
  const isKnownVersion = apiVersion !== undefined && expected.apiVersions.includes(apiVersion);
  if (apiVersion && !isKnownVersion) r.error(versionEntry?.value.range ?? anchor, `${notRegistered(expected.kind, apiVersion)}${notStart('reads its fields anyway')}`);
  return { isKindKnown: true, apiVersion: isKnownVersion ? apiVersion : undefined };
}

function stringValue(e: Entry | undefined): string | undefined {
  const node = e?.value.node;
  return isScalar(node) && typeof node.value === 'string' && node.value !== '' ? node.value : undefined;
}

// ---- Defaulting and validation -------------------------------------------------------------

const PRIVILEGED: Level = 'privileged';
const LEVEL_RULE = { parse: parseLevel, error: LEVEL_PARSE_ERROR, fallback: PRIVILEGED, fallbackText: 'privileged' };
const VERSION_RULE = { parse: parseVersion, error: VERSION_PARSE_ERROR, fallback: LATEST, fallbackText: 'latest' };

function buildConfig(r: Reader, raw: RawConfig | undefined, file: { text: string; uri: string | undefined }): AdmissionConfig {
  const values = raw?.defaults ?? new Map<string, RawValue>();
  const sources: Partial<Record<Mode, PolicySource>> = {};
  const pair = (mode: Mode): { level: Level; version: Version } => {
    const level = values.get(mode);
    const version = values.get(`${mode}-version`);
    sources[mode] = source(mode, (level ?? version)?.range, file);
    return { level: defaulted(r, mode, level, LEVEL_RULE), version: defaulted(r, `${mode}-version`, version, VERSION_RULE) };
  };
  // `ToPolicy` order: enforce, audit, warn, each level then version.
  const enforce = pair('enforce');
  const audit = pair('audit');
  const warn = pair('warn');
  const defaults: Policy = { enforce, warn, audit, sources };
  return { defaults, exemptions: validateExemptions(r, raw?.exemptions), apiVersion: raw?.apiVersion ?? DEFAULT_API_VERSION };
}

/**
 * §4.3 defaulting (missing or empty ⇒ default) and §4.5 validation. `ToPolicy` fails first with
 * `<key>: <message>`, so the field error for the same value is never printed by the API server;
 * the message carries both so either can be searched for.
 */
function defaulted<T>(
  r: Reader,
  key: DefaultKey,
  raw: RawValue | undefined,
  rule: { parse: (s: string) => T | undefined; error: string; fallback: T; fallbackText: string },
): T {
  if (!raw || raw.value === '') return rule.fallback;
  const parsed = rule.parse(raw.value);
  if (parsed !== undefined) return parsed;
  const startup = `PodSecurity configuration error: ${key}: ${rule.error}`;
  r.error(raw.range, `defaults.${key}: Invalid value: ${goQuote(raw.value)}: ${rule.error}${notStart(`uses ${rule.fallbackText}`, startup)}`);
  return rule.fallback;
}

function source(mode: Mode, range: Range | undefined, file: { text: string; uri: string | undefined }): PolicySource {
  const description = `admission configuration defaults.${mode}`;
  const where = range ? { range, line: lineOf(file.text, range[0]) } : {};
  return file.uri === undefined ? { description, ...where } : { description, uri: file.uri, ...where };
}

const VALIDATORS: Readonly<Record<ExemptionList, (value: string) => string[]>> = {
  namespaces: isDNS1123Label,
  runtimeClasses: isDNS1123Subdomain,
  usernames: (v) => (v === '' ? ['username must not be empty'] : []),
};

/** `validateExemptions`: invalid entries are dropped; a duplicate is one of an earlier *valid* entry. */
function validateExemptions(r: Reader, raw: RawConfig['exemptions'] | undefined): Exemptions {
  const out: Record<ExemptionList, string[]> = { namespaces: [], runtimeClasses: [], usernames: [] };
  for (const list of EXEMPTION_LISTS) {
    for (const item of raw?.[list] ?? []) {
      const name = `exemptions.${list}[${item.index}]`;
      const errors = VALIDATORS[list](item.value);
      if (errors.length > 0) r.error(item.range, `${name}: Invalid value: ${goQuote(item.value)}: ${errors.join(', ')}${notStart('ignores this entry', 'PodSecurity invalid')}`);
      else if (out[list].includes(item.value)) r.error(item.range, `${name}: Duplicate value: ${goQuote(item.value)}${notStart(undefined, 'PodSecurity invalid')}`);
      else out[list].push(item.value);
    }
  }
  return out;
}

// apimachinery's `IsDNS1123Label` / `IsDNS1123Subdomain`, messages verbatim (lengths in UTF-8 bytes, as Go's len).
const LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const SUBDOMAIN_FMT = `${LABEL_FMT}(\\.${LABEL_FMT})*`;
const LABEL_RE = new RegExp(`^${LABEL_FMT}$`);
const SUBDOMAIN_RE = new RegExp(`^${SUBDOMAIN_FMT}$`);
const LABEL_MSG = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const SUBDOMAIN_MSG = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";

function isDNS1123Label(value: string): string[] {
  const errors = utf8Length(value) > 63 ? ['must be no more than 63 characters'] : [];
  if (!LABEL_RE.test(value)) errors.push(regexError(LABEL_MSG, LABEL_FMT, ['my-name', '123-abc']));
  return errors;
}

function isDNS1123Subdomain(value: string): string[] {
  const errors = utf8Length(value) > 253 ? ['must be no more than 253 characters'] : [];
  if (!SUBDOMAIN_RE.test(value)) errors.push(regexError(SUBDOMAIN_MSG, SUBDOMAIN_FMT, ['example.com']));
  return errors;
}

/** apimachinery's `RegexError`, whose examples loop yields the double space before `or`. */
function regexError(msg: string, fmt: string, examples: readonly string[]): string {
  const list = examples.map((e, i) => `${i > 0 ? ' or ' : ''}'${e}', `).join('');
  return `${msg} (e.g. ${list}regex used for validation is '${fmt}')`;
}

// ---- Small helpers -------------------------------------------------------------------------

/** Any of these errors stops kube-apiserver (or the webhook) from starting: say so, and what podsec does. */
function notStart(instead?: string, detail?: string): string {
  return `. The API server would not start with this file${detail ? ` (${detail})` : ''}${instead ? `; podsec ${instead}` : ''}.`;
}

function unknownField(path: string): string {
  return `strict decoding error: unknown field ${goQuote(path)}${notStart('ignores it')}`;
}

function notRegistered(kind: string, apiVersion: string | undefined): string {
  return `no kind ${goQuote(kind)} is registered for version ${goQuote(apiVersion ?? '')}`;
}

function describe(node: Node | null): string {
  if (isMap(node)) return 'a map';
  if (isSeq(node)) return 'a list';
  if (!isScalar(node) || node.value === null) return 'null';
  const v = node.value;
  if (typeof v === 'string') return `the string ${goQuote(v)}`;
  if (typeof v === 'boolean') return `the boolean ${String(v)}`;
  if (typeof v === 'number' || typeof v === 'bigint') return `the number ${String(v)}`;
  return 'a value of another type';
}

function joinPath(parent: string, key: string): string {
  return parent ? `${parent}.${key}` : key;
}

function nonEmpty(range: Range, fallback: Range): Range {
  return range[1] > range[0] ? range : fallback;
}

/** The text without surrounding blank space: where a problem about an empty document points. */
function contentRange(text: string): Range {
  const start = Math.max(0, text.search(/\S/));
  return [start, Math.max(start, text.trimEnd().length)];
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}
