import { isMap, isScalar, type Node } from 'yaml';
import { plan } from '../fix/plans';
import { MAX_ALIASES, renderFix } from '../fix/render';
import { applyEdits } from '../fix/apply';
import { diffEdits } from '../fix/diff';
import type { TextEdit } from '../fix/types';
import type { Level } from '../policy/levelVersion';
import { parseDocuments } from '../yaml/parse';
import { DocContext, NodeView, valueRange } from '../yaml/view';

export const ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce';
export const ENFORCE_VERSION_LABEL = 'pod-security.kubernetes.io/enforce-version';

export interface Target {
  readonly level: Level;
  /** `latest` or `v1.N`. */
  readonly version: string;
}

/**
 * What labelling one Namespace manifest takes. An existing label with another value is never
 * changed silently: that is a `conflict`, whose `overwrite` edits are offered on their own.
 */
export type LabelPlan =
  | { readonly status: 'labelled' }
  | { readonly status: 'edit'; readonly edits: readonly TextEdit[] }
  | { readonly status: 'conflict'; readonly current: string; readonly overwrite: readonly TextEdit[] | undefined }
  /** No Namespace of that name in the text, or no edit that could be proven. */
  | { readonly status: 'not-found' | 'unfixable' };

/**
 * Minimal edits that give the Namespace `name` in `text` the enforce labels, through the fix
 * machinery: style kept, every edit proven by re-parsing the document.
 */
export function labelNamespace(text: string, name: string, target: Target): LabelPlan {
  const found = findNamespace(text, name);
  if (!found) return { status: 'not-found' };
  const missing: Array<[string, string]> = [];
  const differing: Array<[string, string]> = [];
  const current: string[] = [];
  for (const [key, value] of [[ENFORCE_LABEL, target.level], [ENFORCE_VERSION_LABEL, target.version]] as const) {
    const view = found.get(key);
    const now = view.exists && isScalar(view.node) ? String(view.node.value) : undefined;
    if (now === value) continue;
    if (!view.exists) missing.push([key, value]);
    else {
      differing.push([key, value]);
      current.push(`${key.slice(key.indexOf('/') + 1)}=${now ?? '(not a string)'}`);
    }
  }
  if (differing.length > 0) return { status: 'conflict', current: current.join(', '), overwrite: setLabels(text, name, [...differing, ...missing]) };
  if (missing.length === 0) return { status: 'labelled' };
  const edits = setLabels(text, name, missing);
  return edits ? { status: 'edit', edits } : { status: 'unfixable' };
}

/** The `metadata.labels` view of the Namespace `name`, in a text parsed whole. */
function findNamespace(text: string, name: string): NodeView | undefined {
  for (const parsed of parseDocuments(text)) {
    if (parsed.errors.length > 0) continue;
    const contents = parsed.doc.contents as Node | null;
    if (!isMap(contents)) continue;
    const root = NodeView.root(new DocContext(parsed.doc), contents, '', valueRange(contents));
    if (root.get('kind').str() === 'Namespace' && root.get('metadata').get('name').str() === name) return root.get('metadata').get('labels');
  }
  return undefined;
}

/**
 * Sets labels one at a time, each a proven fix on the text the previous one left (two keys
 * inserted at one place would overlap), then takes the minimal edits from the original text.
 */
function setLabels(text: string, name: string, labels: ReadonlyArray<readonly [string, string]>): TextEdit[] | undefined {
  let current = text;
  for (const [key, value] of labels) {
    const view = findNamespace(current, name)?.get(key);
    const fix = view && renderFix(plan(`Label namespace ${name}`, [{ op: 'set', target: view, value }]), current);
    const next = fix && applyEdits(current, fix.edits);
    if (next === undefined) return undefined;
    current = next;
  }
  return diffEdits(text, current);
}

/** A Namespace manifest with the enforce labels, in the file's line endings. */
export function namespaceManifest(name: string, target: Target, eol: string): string {
  return [
    'apiVersion: v1',
    'kind: Namespace',
    'metadata:',
    `  name: ${name}`,
    '  labels:',
    `    ${ENFORCE_LABEL}: ${target.level}`,
    `    ${ENFORCE_VERSION_LABEL}: ${target.version}`,
    '',
  ].join(eol);
}

/** The same as comment lines, for a policy bound to no namespace the workspace shows. */
export function commentedSnippet(policy: string, target: Target, eol: string): string {
  const intro = [`# Pod Security Admission equivalent of PodSecurityPolicy ${policy}: label the namespaces whose`, '# service accounts used it (no RoleBinding or ClusterRoleBinding in the workspace says which).'];
  const body = namespaceManifest('<namespace>', target, eol).split(eol).filter((l) => l !== '').map((l) => `# ${l}`);
  return [...intro, ...body, ''].join(eol);
}

/** Namespace names are DNS labels; anything else is not written into a manifest. */
export function isNamespaceName(name: string): boolean {
  return /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(name);
}

/**
 * Appends `---` documents (or comment lines) at the end of a file: one insertion, proven by
 * re-parsing. Undefined when the file would not read back as itself plus the new documents.
 */
export function appendToFile(text: string, body: string, options: { asDocument: boolean }): TextEdit | undefined {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lead = text === '' || /\r?\n$/.test(text) ? '' : eol;
  const newText = `${lead}${options.asDocument && text.trim() !== '' ? `---${eol}` : ''}${body}`;
  try {
    const before = parseDocuments(text);
    const after = parseDocuments(text + newText);
    if ([...before, ...after].some((d) => d.errors.length > 0)) return undefined;
    const data = (ds: typeof before) => ds.map((d) => d.doc.toJS({ maxAliasCount: MAX_ALIASES }) as unknown).filter((v) => v !== null);
    const added = options.asDocument ? data(parseDocuments(body)) : [];
    if (JSON.stringify(data(after)) !== JSON.stringify([...data(before), ...added])) return undefined;
    return { range: [text.length, text.length], newText };
  } catch {
    return undefined;
  }
}

export function lineEnding(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}
