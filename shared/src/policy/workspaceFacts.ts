import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Node } from 'yaml';
import { PARSE_OPTIONS } from '../yaml/parse';
import type { Range } from '../yaml/range';
import type { Label } from './namespaceLabels';

/** A Namespace manifest: its labels with where each value is written. */
export interface NamespaceManifest {
  readonly name: string;
  readonly uri: string;
  readonly labels: ReadonlyMap<string, Label>;
  /** The `name:` value, for pointing at the namespace itself. */
  readonly nameRange: Range;
  readonly nameLine: number;
}

/** What a kustomization says about namespaces: `namespace:` and the resources it includes. */
export interface Kustomization {
  readonly uri: string;
  readonly namespace: string | undefined;
  /** `resources:` entries as written (relative paths). */
  readonly resources: readonly string[];
}

/** The facts one workspace file contributes to namespace context; most files contribute none. */
export interface FileFacts {
  readonly namespaces: readonly NamespaceManifest[];
  readonly kustomization: Kustomization | undefined;
}

const EMPTY: FileFacts = { namespaces: [], kustomization: undefined };
const KUSTOMIZATION_FILE = /(^|\/)(kustomization\.ya?ml|Kustomization)$/;
// A cheap test before parsing: the index sees every YAML file of the workspace.
const MAY_HOLD_NAMESPACE = /^\s*kind:\s*["']?Namespace["']?\s*(#.*)?$/m;

/**
 * Extracts namespace facts from a file. Only files that can hold them are parsed, and only the
 * few fields needed are kept, so indexing a large workspace stores little.
 */
export function fileFacts(uri: string, text: string): FileFacts {
  const isKustomization = KUSTOMIZATION_FILE.test(uri);
  if (!mayHoldFacts(uri, text)) return EMPTY;
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { ...PARSE_OPTIONS, lineCounter: lines });
  if (!Array.isArray(docs)) return EMPTY;
  const namespaces: NamespaceManifest[] = [];
  let kustomization: Kustomization | undefined;
  for (const doc of docs) {
    if (doc.errors.length > 0) continue;
    const root = doc.contents as Node | null;
    if (!isMap(root)) continue;
    const kind = scalar(root, 'kind');
    if (kind === 'Namespace') {
      const ns = namespaceManifest(uri, root, lines);
      if (ns) namespaces.push(ns);
    } else if (isKustomization && (kind === undefined || kind === 'Kustomization')) {
      kustomization = { uri, namespace: scalar(root, 'namespace'), resources: stringList(root, 'resources') };
    }
  }
  return { namespaces, kustomization };
}

/**
 * False when `fileFacts` finds nothing in `text` for sure. Looks at lines one by one, so when a
 * text without facts is edited, the edited lines alone say whether the new text may have some.
 */
export function mayHoldFacts(uri: string, text: string): boolean {
  // `includes` first: it is native, and far quicker than the regular expression.
  return KUSTOMIZATION_FILE.test(uri) || (text.includes('Namespace') && MAY_HOLD_NAMESPACE.test(text));
}

function namespaceManifest(uri: string, root: Node, lines: LineCounter): NamespaceManifest | undefined {
  const metadata = child(root, 'metadata');
  const nameNode = metadata && child(metadata, 'name');
  if (!isScalar(nameNode) || typeof nameNode.value !== 'string' || !nameNode.range) return undefined;
  const labels = new Map<string, Label>();
  const labelsNode = metadata ? child(metadata, 'labels') : null;
  if (isMap(labelsNode)) {
    for (const pair of labelsNode.items) {
      const key = isScalar(pair.key) ? pair.key.value : undefined;
      const value = pair.value as Node | null;
      if (typeof key !== 'string') continue;
      // Label values are strings in Kubernetes; YAML may have typed them (`v1.25` stays a string, `1.30` does not):
      // a typed value counts as the text written, so messages quote what the person wrote.
      const text = isScalar(value) ? (value.value === null ? '' : typeof value.value === 'string' ? value.value : (value.source ?? String(value.value))) : '';
      const at = value?.range ?? (pair.key as Node).range;
      const range: Range | undefined = at ? [at[0], at[1]] : undefined;
      labels.set(key, { value: text, range, line: range ? lines.linePos(range[0]).line : 0 });
    }
  }
  const nameRange: Range = [nameNode.range[0], nameNode.range[1]];
  return { name: nameNode.value, uri, labels, nameRange, nameLine: lines.linePos(nameRange[0]).line };
}

function child(map: Node, key: string): Node | null {
  if (!isMap(map)) return null;
  for (const pair of map.items) if (isScalar(pair.key) && pair.key.value === key) return pair.value as Node | null;
  return null;
}

function scalar(map: Node, key: string): string | undefined {
  const node = child(map, key);
  return isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
}

function stringList(map: Node, key: string): string[] {
  const node = child(map, key);
  if (!isSeq(node)) return [];
  return node.items.flatMap((item) => (isScalar(item) && typeof item.value === 'string' ? [item.value] : []));
}
