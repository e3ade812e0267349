import { isMap, isScalar } from 'yaml';
import type { NodeView } from '../yaml/view';
import { flowText } from './emit';
import type { FixOp, FixPlan, FixValue } from './types';

/**
 * Constructors the checks use to offer fixes. A plan is a few objects pointing at views the check
 * already holds; no text is computed until someone asks (see render.ts).
 */
export interface PlanOptions {
  readonly safe?: boolean;
  readonly preferred?: boolean;
}

export function plan(title: string, ops: readonly FixOp[], options: PlanOptions = {}): FixPlan {
  const id = ops.map(opId).join(';');
  return { id, title, ops, safe: options.safe ?? true, isPreferred: options.preferred ?? true };
}

/** A list item is named by its value too, since removing one renumbers the rest. */
function opId(op: FixOp): string {
  if (op.op !== 'remove') return `${op.op}:${op.target.path}=${flowText(op.value)}`;
  const value = typeof op.target.key === 'number' ? scalarOf(op.target.node) ?? scalarOf(nameOf(op.target.node)) : undefined;
  return `remove:${op.target.path}${value === undefined ? '' : `=${JSON.stringify(value)}`}`;
}

// Read without NodeView's typed accessors, which would report a wrong type a second time.
function scalarOf(node: unknown): string | undefined {
  return isScalar(node) ? String(node.value) : undefined;
}

function nameOf(node: unknown): unknown {
  return isMap(node) ? node.get('name', true) : undefined;
}

/** `Set allowPrivilegeEscalation: false in container "app"`. */
export function setField(target: NodeView, value: FixValue, where: string, options?: PlanOptions): FixPlan {
  return plan(`Set ${lastKeys(target.path)}: ${flowText(value)} ${where}`, [{ op: 'set', target, value }], options);
}

/**
 * Sets a seccomp or AppArmor profile's `type`. A `localhostProfile` beside it goes too: the API
 * server accepts it only with type Localhost, so leaving it would trade one rejection for another.
 */
export function setProfileType(type: NodeView, value: string, where: string): FixPlan {
  const localhost = type.parent?.get('localhostProfile');
  const ops: FixOp[] = [{ op: 'set', target: type, value }];
  if (localhost?.exists) ops.push({ op: 'remove', target: localhost });
  return plan(`Set ${lastKeys(type.path)}: ${value} ${where}`, ops);
}

export function removeField(target: NodeView, title: string, options?: PlanOptions): FixPlan {
  return plan(title, [{ op: 'remove', target }], options);
}

/** `in container "app"` / `in the pod`: where a title says the change happens. */
export function inContainer(name: string): string {
  return `in container ${JSON.stringify(name)}`;
}

export const IN_POD = 'for the whole pod';

/** `securityContext.seccompProfile.type` → `seccompProfile.type`: the part a person recognises. */
function lastKeys(path: string): string {
  const parts = path.split('.');
  const at = parts.lastIndexOf('securityContext');
  return (at >= 0 ? parts.slice(at + 1) : parts.slice(-1)).join('.').replace(/\[\d+\]$/, '');
}
