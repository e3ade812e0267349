import type { NodeView } from '../yaml/view';
import type { FixOp, FixValue } from './types';

type Json = unknown;
type Segment = string | number;

/** The keys and indices from the document root to a view. */
export function segments(view: NodeView): Segment[] | undefined {
  const out: Segment[] = [];
  for (let v: NodeView | undefined = view; v?.parent; v = v.parent) {
    if (v.key === undefined) return undefined;
    out.unshift(v.key);
  }
  return out;
}

/**
 * The document's data after the operations, computed on plain values: what the edited text must
 * parse back to, exactly. Undefined when a path cannot be followed (a type the fix does not expect).
 */
export function expectedData(before: Json, ops: readonly FixOp[]): Json | undefined {
  const root = structuredClone(before) as Json;
  const removals = new Map<string, { parent: Segment[]; keys: Segment[] }>();
  for (const op of ops) {
    const path = segments(op.target);
    if (!path || path.length === 0) return undefined;
    if (op.op === 'remove') {
      const parent = path.slice(0, -1);
      const id = JSON.stringify(parent);
      const entry = removals.get(id) ?? { parent, keys: [] };
      entry.keys.push(path[path.length - 1] as Segment);
      removals.set(id, entry);
      continue;
    }
    const container = walk(root, path.slice(0, -1), true);
    const last = path[path.length - 1] as Segment;
    if (!isRecord(container) || typeof last !== 'string') return undefined;
    if (op.op === 'set') container[last] = clone(op.value);
    else {
      const list = container[last];
      if (list === undefined || list === null) container[last] = [clone(op.value)];
      else if (Array.isArray(list)) list.push(clone(op.value));
      else return undefined;
    }
  }
  for (const { parent, keys } of removals.values()) {
    if (!remove(root, parent, keys)) return undefined;
  }
  return root;
}

function remove(root: Json, parentPath: Segment[], keys: Segment[]): boolean {
  const parent = walk(root, parentPath, false);
  if (Array.isArray(parent)) {
    const indices = [...new Set(keys)].filter((k): k is number => typeof k === 'number').sort((a, b) => b - a);
    if (indices.length !== new Set(keys).size) return false;
    if (indices.length === parent.length && parentPath.length > 0) {
      // A list left empty loses its key, as the edit does.
      return remove(root, parentPath.slice(0, -1), [parentPath[parentPath.length - 1] as Segment]);
    }
    for (const i of indices) parent.splice(i, 1);
    return true;
  }
  if (!isRecord(parent)) return false;
  for (const key of keys) {
    if (typeof key !== 'string' || !(key in parent)) return false;
    delete parent[key];
  }
  return true;
}

function walk(root: Json, path: readonly Segment[], create: boolean): Json {
  let node = root;
  for (const key of path) {
    if (Array.isArray(node) && typeof key === 'number') node = node[key];
    else if (isRecord(node) && typeof key === 'string') {
      if ((node[key] === undefined || node[key] === null) && create) node[key] = {};
      node = node[key];
    } else return undefined;
  }
  return node;
}

function isRecord(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function clone(value: FixValue): Json {
  return structuredClone(value);
}

/** Deep equality of parsed YAML data; map key order does not matter, list order does. */
export function sameData(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (Number.isNaN(a) && Number.isNaN(b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (a instanceof Uint8Array || b instanceof Uint8Array) return String(a) === String(b);
  if (a instanceof Map || b instanceof Map || a instanceof Set || b instanceof Set) return false;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && sameData((a as Record<string, Json>)[k], (b as Record<string, Json>)[k]));
}
