import { isAlias, isMap, isScalar, isSeq, visit, type Alias, type Document, type Node, type Pair } from 'yaml';
import type { Problem, Range } from './range';

/**
 * Per-document state shared by every view of that document: the anchor index (built lazily, only
 * when an alias is met) and the type problems found while reading fields.
 */
export class DocContext {
  readonly problems: Problem[] = [];
  private anchors: Map<string, Node[]> | undefined;
  private readonly seenProblems = new Set<string>();

  constructor(
    readonly doc: Document.Parsed,
    /**
     * For a document parsed on its own (the language server's incremental path): its text, which
     * every node range is relative to, and where that text currently starts in the file. Fixes
     * render on `source` and shift by `base.offset`; undefined when the whole file was parsed.
     */
    readonly source?: string,
    readonly base: { offset: number } = { offset: 0 },
  ) {}

  /**
   * Resolves an alias to the node it names: the closest anchor of that name that starts before
   * the alias, as YAML allows anchors to be redefined. Never expands anything, so an alias bomb
   * costs one index build, not billions of nodes.
   */
  resolveAlias(alias: Alias): Node | null {
    if (!this.anchors) this.anchors = indexAnchors(this.doc);
    const start = alias.range?.[0] ?? 0;
    const candidates = this.anchors.get(alias.source) ?? [];
    let found: Node | null = null;
    for (const node of candidates) {
      if ((node.range?.[0] ?? 0) < start) found = node;
    }
    return found;
  }

  typeProblem(range: Range, message: string): void {
    const key = `${range[0]}:${message}`;
    if (this.seenProblems.has(key)) return;
    this.seenProblems.add(key);
    this.problems.push({ message, range, severity: 'error', code: 'type-mismatch' });
  }
}

function indexAnchors(doc: Document.Parsed): Map<string, Node[]> {
  const anchors = new Map<string, Node[]>();
  visit(doc, (_key, node) => {
    // `visit` passes null for a pair's missing key or value (`{x}`, `? k`).
    const anchor = node ? (node as { anchor?: string }).anchor : undefined;
    if (anchor && !isAlias(node)) {
      const list = anchors.get(anchor) ?? [];
      list.push(node as Node);
      anchors.set(anchor, list);
    }
  });
  return anchors;
}

/** The part of a node's range a person thinks of as the value: `[start, valueEnd]`. */
export function valueRange(node: Node): Range {
  const r = node.range;
  return r ? [r[0], r[1]] : [0, 0];
}

/**
 * A read-only window onto a node reached by a path from the pod, which is never null itself: a
 * missing field is a view with `exists === false` that still knows where to point (its anchor).
 *
 * Ranges follow STYLE.md §5: `site` is the value, `keySite` the key that introduced it, and once a
 * path goes through an alias every descendant reports the alias's range (the use site), because the
 * anchored text may be shared by several containers.
 */
export class NodeView {
  private constructor(
    readonly ctx: DocContext,
    /** The resolved node; null when the field is missing or an explicit YAML null. */
    readonly node: Node | null,
    /** Dotted path from the pod root, for messages: `spec.containers[0].securityContext`. */
    readonly path: string,
    /** Range of the value; undefined when missing. */
    readonly site: Range | undefined,
    /** Range of the key that introduced this value, when it was reached through a map key. */
    readonly keySite: Range | undefined,
    /** Where a finding about this view (or a missing child) points when there is nothing closer. */
    readonly anchor: Range,
    /** Set when the path passed through an alias: every range below is this use site. */
    private readonly aliasSite: Range | undefined,
    /** The view this one was reached from, for fixes that must create missing parents. */
    readonly parent: NodeView | undefined = undefined,
    /** The map key or list index under `parent`. */
    readonly key: string | number | undefined = undefined,
    /** The pair that holds this value in `parent`'s own map (not one brought in by `<<`). */
    readonly pair: Pair | undefined = undefined,
  ) {}

  static root(ctx: DocContext, node: Node | null, path: string, anchor: Range): NodeView {
    const resolved = deref(ctx, node);
    const site = node ? valueRange(node) : undefined;
    return new NodeView(ctx, resolved, path, site, undefined, site ?? anchor, isAlias(node) ? site : undefined);
  }

  /** True when the field is present and not null. */
  get exists(): boolean {
    return this.node !== null && !(isScalar(this.node) && this.node.value === null);
  }

  get isMap(): boolean {
    return isMap(this.node);
  }

  /** Where to point for a problem with this key being present: the key, else the value. */
  get keyOrValueSite(): Range {
    return this.keySite ?? this.site ?? this.anchor;
  }

  /** Where to point for a wrong value: the value, else the key, else the anchor. */
  get valueSite(): Range {
    return this.site ?? this.keySite ?? this.anchor;
  }

  /** Anchor for a missing child: this key if it is written, else this view's own anchor. */
  private get childAnchor(): Range {
    return this.keySite ?? this.anchor;
  }

  /**
   * True when this node's text belongs to this path alone: not reached through an alias or a
   * merge, so editing it cannot change another object or container.
   */
  get editable(): boolean {
    return this.aliasSite === undefined;
  }

  /** Returns this view with another anchor, for list items that should point at their name. */
  withAnchor(anchor: Range): NodeView {
    return new NodeView(this.ctx, this.node, this.path, this.site, this.keySite, anchor, this.aliasSite, this.parent, this.key, this.pair);
  }

  /** The child under `key`; explicit keys win over `<<` merged ones, as YAML specifies. */
  get(key: string): NodeView {
    const path = this.path ? `${this.path}.${key}` : key;
    if (!this.exists) return this.missing(path, key);
    if (!isMap(this.node)) {
      this.expectation('a map');
      return this.missing(path, key);
    }
    const found = findPair(this.ctx, this.node, key, new Set());
    if (!found) return this.missing(path, key);
    const { pair, via } = found;
    const aliasSite = this.aliasSite ?? via ?? (isAlias(pair.value) ? valueRange(pair.value as Node) : undefined);
    const keyNode = pair.key as Node;
    const keySite = this.aliasSite ?? via ?? valueRange(keyNode);
    const value = pair.value as Node | null;
    const site = aliasSite ?? (value ? valueRange(value) : undefined);
    const resolved = deref(this.ctx, value);
    const own = via === undefined && this.editable ? pair : undefined;
    return new NodeView(this.ctx, resolved, path, site, keySite, keySite, aliasSite, this, key, own);
  }

  /** Items of a sequence; a missing or null list is empty, as Kubernetes decodes it. */
  items(): NodeView[] {
    if (!this.exists) return [];
    if (!isSeq(this.node)) {
      this.expectation('a list');
      return [];
    }
    return this.node.items.map((item, i) => {
      const node = item as Node | null;
      const aliasSite = this.aliasSite ?? (isAlias(node) ? valueRange(node as Node) : undefined);
      const site = aliasSite ?? (node ? valueRange(node) : undefined);
      const resolved = deref(this.ctx, node);
      const anchor = aliasSite ?? firstKeyRange(resolved) ?? site ?? this.childAnchor;
      return new NodeView(this.ctx, resolved, `${this.path}[${i}]`, site, undefined, anchor, aliasSite, this, i);
    });
  }

  /**
   * Key/value entries of a map: own keys in source order, then keys brought in by `<<` merges
   * that no own key (or earlier merge source) already defines.
   */
  entries(): Array<{ key: string; value: NodeView }> {
    if (!this.exists) return [];
    if (!isMap(this.node)) {
      this.expectation('a map');
      return [];
    }
    const keys: string[] = [];
    collectKeys(this.ctx, this.node, keys, new Set(), (pair) => this.keyProblem(pair));
    return [...new Set(keys)].map((key) => ({ key, value: this.get(key) }));
  }

  /** Boolean value, or undefined when unset or of the wrong type (reported once). */
  bool(): boolean | undefined {
    return this.scalarOf('boolean', 'a boolean') as boolean | undefined;
  }

  str(): string | undefined {
    return this.scalarOf('string', 'a string') as string | undefined;
  }

  /** Integer value; fractional numbers are type errors, as in Kubernetes' int32/int64 fields. */
  int(): number | undefined {
    const v = this.scalarOf('number', 'an integer') as number | undefined;
    if (v !== undefined && !Number.isInteger(v)) {
      this.expectation('an integer');
      return undefined;
    }
    return v;
  }

  private scalarOf(type: 'boolean' | 'string' | 'number', expected: string): unknown {
    if (!this.exists) return undefined;
    if (isScalar(this.node) && typeof this.node.value === type) return this.node.value;
    this.expectation(expected);
    return undefined;
  }

  private expectation(expected: string): void {
    this.ctx.typeProblem(
      this.valueSite,
      `${this.path} must be ${expected}, not ${describe(this.node)}: the API server rejects this object`,
    );
  }

  private keyProblem(pair: Pair): void {
    const range = this.aliasSite ?? valueRange(pair.key as Node);
    this.ctx.typeProblem(range, `${this.path} has a key that is not a string: the API server rejects this object`);
  }

  private missing(path: string, key: string): NodeView {
    return new NodeView(this.ctx, null, path, undefined, undefined, this.childAnchor, this.aliasSite, this, key);
  }
}

function deref(ctx: DocContext, node: Node | null | undefined): Node | null {
  if (!node) return null;
  return isAlias(node) ? ctx.resolveAlias(node) : node;
}

/** Looks a key up in a map and, failing that, in its `<<` merge sources (first source wins). */
function findPair(
  ctx: DocContext,
  map: Node,
  key: string,
  visited: Set<Node>,
): { pair: Pair; via: Range | undefined } | undefined {
  if (!isMap(map) || visited.has(map)) return undefined;
  visited.add(map);
  let merges: Pair[] | undefined;
  let own: Pair | undefined;
  for (const pair of map.items) {
    const k = pair.key;
    // A key written twice (reported by yaml/duplicates.ts) reads as its last value, as
    // Kubernetes' lenient decoders and the yaml package's data both keep it.
    if (isScalar(k) && k.value === key) own = pair;
    else if (isScalar(k) && typeof k.value === 'symbol') (merges ??= []).push(pair);
  }
  if (own) return { pair: own, via: undefined };
  for (const merge of merges ?? []) {
    const value = merge.value as Node | null;
    const sources = isSeq(value) ? (value.items as Node[]) : [value];
    for (const source of sources) {
      if (!source) continue;
      const target = deref(ctx, source);
      if (!target) continue;
      const hit = findPair(ctx, target, key, visited);
      if (hit) return { pair: hit.pair, via: hit.via ?? (isAlias(source) ? valueRange(source) : undefined) };
    }
  }
  return undefined;
}

function collectKeys(ctx: DocContext, map: Node, out: string[], visited: Set<Node>, onBadKey: (pair: Pair) => void): void {
  if (!isMap(map) || visited.has(map)) return;
  visited.add(map);
  const merges: Node[] = [];
  for (const pair of map.items) {
    const k = isScalar(pair.key) ? pair.key.value : undefined;
    if (typeof k === 'string') out.push(k);
    else if (typeof k === 'symbol') {
      const value = pair.value as Node | null;
      merges.push(...(isSeq(value) ? (value.items as Node[]) : value ? [value] : []));
    } else if (typeof k === 'number' || typeof k === 'boolean') onBadKey(pair);
  }
  for (const source of merges) {
    const target = deref(ctx, source);
    if (target) collectKeys(ctx, target, out, visited, () => undefined);
  }
}

function firstKeyRange(node: Node | null): Range | undefined {
  if (isMap(node) && node.items.length > 0) {
    const key = node.items[0]?.key as Node | null;
    if (key?.range) return valueRange(key);
  }
  return undefined;
}

function describe(node: Node | null): string {
  if (isMap(node)) return 'a map';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const v = node.value;
    if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)}`;
    if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return `the ${typeof v === 'boolean' ? 'boolean' : 'number'} ${String(v)}`;
    return 'a value of another type';
  }
  return 'an unresolved alias';
}
