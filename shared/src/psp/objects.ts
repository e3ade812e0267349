import { isMap, isScalar, type Node } from 'yaml';
import { MAX_ALIASES } from '../fix/render';
import type { ParsedDocument } from '../yaml/parse';
import type { Range } from '../yaml/range';

/** The API versions that served PodSecurityPolicy, and the Kubernetes release that removed each. */
export const PSP_API_VERSIONS: Readonly<Record<string, string>> = { 'policy/v1beta1': '1.25', 'extensions/v1beta1': '1.16' };

/** A PodSecurityPolicy found in a file: its decoded value and where its header is written. */
export interface PspObject {
  readonly docIndex: number;
  readonly apiVersion: string;
  readonly name: string | undefined;
  /** The decoded document, as the API server would see it. */
  readonly value: unknown;
  /** The `kind:` value and the `apiVersion:` value, in file offsets. */
  readonly kindRange: Range;
  readonly apiVersionRange: Range;
  /** The whole document (without a following `---`), in file offsets. */
  readonly range: Range;
}

/** A cheap test before looking at any document: most files never mention the kind. */
export function mayHoldPsp(text: string): boolean {
  return text.includes('PodSecurityPolicy');
}

/**
 * The PodSecurityPolicies among a file's parsed documents. Documents with errors are skipped: what
 * go-yaml cannot decode is not evaluated (their syntax error is reported already).
 */
export function findPolicies(documents: readonly ParsedDocument[]): PspObject[] {
  const out: PspObject[] = [];
  for (const parsed of documents) {
    if (parsed.errors.length > 0) continue;
    const root = parsed.doc.contents as Node | null;
    if (!isMap(root)) continue;
    const kind = root.get('kind', true);
    const apiVersion = root.get('apiVersion', true);
    if (!isScalar(kind) || kind.value !== 'PodSecurityPolicy' || !isScalar(apiVersion) || typeof apiVersion.value !== 'string') continue;
    if (!(apiVersion.value in PSP_API_VERSIONS) || !kind.range || !apiVersion.range) continue;
    let value: unknown;
    try {
      value = parsed.doc.toJS({ maxAliasCount: MAX_ALIASES });
    } catch {
      continue;
    }
    // A document parsed on its own has ranges relative to its text (yaml/view.ts DocContext).
    const at = parsed.source !== undefined ? (parsed.base?.offset ?? 0) : 0;
    const name = (value as { metadata?: { name?: unknown } }).metadata?.name;
    out.push({
      docIndex: parsed.index,
      apiVersion: apiVersion.value,
      name: typeof name === 'string' ? name : undefined,
      value,
      kindRange: [kind.range[0] + at, kind.range[1] + at],
      apiVersionRange: [apiVersion.range[0] + at, apiVersion.range[1] + at],
      range: parsed.range,
    });
  }
  return out;
}
