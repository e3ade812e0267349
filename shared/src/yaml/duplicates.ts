import { isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';
import type { Problem } from './range';
import { valueRange } from './view';

/**
 * Keys written twice in one map. The API server's strict field validation (kubectl's default)
 * rejects such an object ("duplicate field"); its lenient decoders keep the last value, and so
 * does podsec, which reports each repeated key as an error and goes on evaluating, as it does for
 * values of the wrong type. Merge keys (`<<`) may repeat, as in go-yaml. The yaml package's own
 * check compares every key with every earlier one (quadratic: minutes for a map of 100,000 keys),
 * so it is off and this one hashes.
 */
export function duplicateKeys(doc: Document.Parsed): Problem[] {
  const problems: Problem[] = [];
  const stack: Array<Node | null | undefined> = [doc.contents as Node | null];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node) continue;
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        const key = pair.key as Node | null;
        if (isScalar(key) && (typeof key.value === 'string' || typeof key.value === 'number' || typeof key.value === 'boolean' || key.value === null)) {
          const id = `${typeof key.value}:${String(key.value)}`;
          if (seen.has(id)) problems.push({ message: `duplicate key ${JSON.stringify(String(key.value))}: the API server rejects an object with a field written twice (podsec reads the last value)`, range: valueRange(key), severity: 'error', code: 'duplicate-key' });
          seen.add(id);
        }
        stack.push(key, pair.value as Node | null);
      }
    } else if (isSeq(node)) {
      for (const item of node.items as unknown[]) {
        if (isPair(item)) stack.push(item.key as Node | null, item.value as Node | null);
        else stack.push(item as Node | null);
      }
    }
  }
  return problems.sort((a, b) => a.range[0] - b.range[0]);
}
