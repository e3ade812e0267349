import { isMap, type Node } from 'yaml';
import type { ParsedDocument } from '../yaml/parse';
import type { Range } from '../yaml/range';
import { DocContext, NodeView, valueRange } from '../yaml/view';
import { workloadKind, type WorkloadKind } from './kinds';
import type { PodTemplateTable } from './podTemplates';
import { podView, type PodView } from './podView';

/** What identifies a Kubernetes object in a document, with the ranges hovers and lenses use. */
export interface ObjectMeta {
  readonly docIndex: number;
  readonly apiVersion: string | undefined;
  readonly kind: string | undefined;
  readonly name: string | undefined;
  readonly namespace: string | undefined;
  /** The `kind:` value, else the document's first key: where object-level results point. */
  readonly kindRange: Range;
  readonly root: NodeView;
}

export interface Workload extends ObjectMeta {
  readonly workloadKind: WorkloadKind;
  /**
   * Undefined for a ReplicationController without a template, which PSA skips, and for a custom
   * resource without one: its pods come from somewhere else, if from anywhere.
   */
  readonly pod: PodView | undefined;
}

/**
 * Reads the object header of a document; undefined when the document is not a map (a comment-only
 * document, a list, a scalar): those are not Kubernetes objects and are skipped quietly.
 */
export function objectMeta(parsed: ParsedDocument, ctx: DocContext): ObjectMeta | undefined {
  const contents = parsed.doc.contents as Node | null;
  if (!isMap(contents)) return undefined;
  const root = NodeView.root(ctx, contents, '', valueRange(contents));
  const kindView = root.get('kind');
  const metadata = root.get('metadata');
  return {
    docIndex: parsed.index,
    apiVersion: root.get('apiVersion').str(),
    kind: kindView.str(),
    name: metadata.get('name').str(),
    namespace: metadata.get('namespace').str(),
    kindRange: kindView.site ?? firstKey(contents) ?? valueRange(contents),
    root,
  };
}

/**
 * The workload in an object, or undefined when its kind has no pod spec. Custom resources are
 * looked up in `templates`, the presets when not given.
 */
export function extractWorkload(meta: ObjectMeta, templates?: PodTemplateTable): Workload | undefined {
  const kind = workloadKind(meta.apiVersion, meta.kind, templates);
  if (!kind) return undefined;
  let template = meta.root;
  for (const key of kind.templatePath) template = template.get(key);
  if (kind.templateOptional && !template.exists) return { ...meta, workloadKind: kind, pod: undefined };
  // A missing template of any other kind decodes to an empty struct: an empty pod, which passes.
  const anchored = template.exists ? template : template.withAnchor(meta.kindRange);
  const pod = podView(anchored.get('metadata'), anchored.get('spec'), meta.kindRange);
  return { ...meta, workloadKind: kind, pod };
}

function firstKey(map: Node): Range | undefined {
  if (!isMap(map)) return undefined;
  const key = map.items[0]?.key as Node | null | undefined;
  return key?.range ? valueRange(key) : undefined;
}
