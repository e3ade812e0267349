import { isAlias, isMap, isPair, isSeq, type Document, type Node } from 'yaml';
import type { Problem } from './range';
import { valueRange } from './view';

/**
 * Aliases as Kubernetes' YAML decoder (go-yaml v2, through sigs.k8s.io/yaml) treats them: an
 * alias must name an anchor written before it and outside it, and a document whose aliases
 * expand to too much is refused ("document contains excessive aliasing", go-yaml's guard against
 * "billion laughs"). The expansion is counted, never performed: a few kilobytes can stand for
 * billions of nodes, so each anchored node's expanded size is computed once, bottom up.
 */
export function aliasProblem(doc: Document.Parsed): Problem | undefined {
  const anchors = new Map<string, Node>();
  const size = new Map<Node, number>();
  // Nodes as written (an alias and a missing value count one each), and the biggest expansion.
  let written = 0;
  let biggest: { alias: Node; size: number } | undefined;
  const stack: Array<{ node: Node; children: Array<Node | null>; next: number; total: number }> = [];
  // Enters a node in document order: registers its anchor (an alias names the last anchor written
  // before it), and returns a leaf's expanded size, a problem, or undefined for a collection,
  // whose size is known once its children are done (post-order, left to right). So an anchor
  // written before its alias is complete when the alias is reached, unless the alias is inside it.
  const enter = (node: Node | null): number | Problem | undefined => {
    written++;
    if (!node) return 1;
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (!target) return problem(node, 'bad-alias', `unknown anchor '${node.source}' referenced: Kubernetes cannot decode this document, so it is not evaluated`);
      const expanded = size.get(target);
      if (expanded === undefined) return problem(node, 'bad-alias', `anchor '${node.source}' value contains itself: Kubernetes cannot decode this document, so it is not evaluated`);
      // The last of the biggest: past the cap every level of a bomb ties, and its use comes last.
      if (!biggest || expanded >= biggest.size) biggest = { alias: node, size: expanded };
      return Math.min(CAP, 1 + expanded);
    }
    if (node.anchor) anchors.set(node.anchor, node);
    if (isMap(node) || isSeq(node)) {
      stack.push({ node, children: childrenOf(node), next: 0, total: 1 });
      return undefined;
    }
    size.set(node, 1);
    return 1;
  };
  const first = enter(doc.contents as Node | null);
  if (typeof first === 'object') return first;
  let decoded = first ?? 0;
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as (typeof stack)[number];
    if (top.next < top.children.length) {
      const result = enter(top.children[top.next++] ?? null);
      if (typeof result === 'object') return result;
      if (result !== undefined) top.total = Math.min(CAP, top.total + result);
      continue;
    }
    stack.pop();
    size.set(top.node, top.total);
    const parent = stack[stack.length - 1];
    if (parent) parent.total = Math.min(CAP, parent.total + top.total);
    else decoded = top.total;
  }
  if (!biggest || !isExcessive(decoded, decoded - written)) return undefined;
  return problem(biggest.alias, 'excessive-aliasing', `document contains excessive aliasing: its aliases expand to ${decoded >= CAP ? 'more than a billion billion' : decoded.toLocaleString('en-US')} nodes (an alias bomb?); Kubernetes refuses to decode it, so it is not evaluated`);
}

/** Sizes beyond this are all "too many"; it keeps the arithmetic exact and finite. */
const CAP = 1e18;

/**
 * go-yaml v2's rule (decode.go, allowedAliasRatio): past 100 aliased nodes and 1,000 decoded
 * ones, aliased nodes may make up 99% of a small document, falling linearly to 10% at 4 million
 * decoded nodes. go-yaml applies it while decoding; podsec applies it to the totals.
 */
function isExcessive(decoded: number, throughAliases: number): boolean {
  if (throughAliases <= 100 || decoded <= 1000) return false;
  const low = 400_000;
  const high = 4_000_000;
  const allowed = decoded <= low ? 0.99 : decoded >= high ? 0.1 : 0.99 - 0.89 * ((decoded - low) / (high - low));
  return throughAliases / decoded > allowed;
}

/** Keys and values of a map, items of a list (`!!pairs` lists hold pairs: both count). */
function childrenOf(node: Node): Array<Node | null> {
  if (!isMap(node) && !isSeq(node)) return [];
  const items = node.items as unknown[];
  return items.flatMap((item) => (isPair(item) ? [item.key as Node | null, item.value as Node | null] : [item as Node | null]));
}

function problem(node: Node, code: 'bad-alias' | 'excessive-aliasing', message: string): Problem {
  return { message, range: valueRange(node), severity: 'error', code };
}
