import { parseAllDocuments, type Document, type Tags } from 'yaml';
import type { Problem, Range } from './range';

/**
 * One `---`-separated document of a file. `doc` is undefined when the document holds nothing
 * but comments or directives.
 */
export interface ParsedDocument {
  readonly index: number;
  readonly doc: Document.Parsed;
  /** The span of the whole document including its `---` marker, for scoping problems. */
  readonly range: Range;
  /** Syntax errors of this document. A document with errors is not evaluated. */
  readonly errors: readonly Problem[];
  /** Set when the document was parsed on its own: see DocContext.source. */
  readonly source?: string;
  readonly base?: { offset: number };
}

/**
 * Kubernetes decodes manifests with a YAML 1.1 parser (go-yaml v2 via sigs.k8s.io/yaml), so we
 * parse as 1.1 too: `yes`/`on`/`y` are booleans, `0777` is octal, and `<<` merge keys work.
 * Anything else would make `privileged: yes` pass here and fail in the cluster.
 */
export const PARSE_OPTIONS = { version: '1.1', merge: true, prettyErrors: false, customTags: goYamlV2Tags } as const;

/**
 * go-yaml v2 decodes into interface{} (as sigs.k8s.io/yaml does) without base-60 numbers and
 * keeps timestamp-looking scalars as strings, so `host: 10:20` and `2024-01-01` stay strings in
 * Kubernetes. The yaml package's 1.1 schema would read them as 620 and a Date.
 */
function goYamlV2Tags(tags: Tags): Tags {
  return tags.filter((t) => {
    const tag = typeof t === 'string' ? t : t.tag;
    const format = typeof t === 'string' ? undefined : (t as { format?: string }).format;
    return tag !== 'tag:yaml.org,2002:timestamp' && format !== 'TIME';
  });
}

export function parseDocuments(text: string): ParsedDocument[] {
  const parsed = parseAllDocuments(text, PARSE_OPTIONS);
  // An empty stream gives an EmptyStream (an array with no documents) and nothing to do.
  const docs = Array.isArray(parsed) ? parsed : [];
  return docs.map((doc, index) => ({
    index,
    doc,
    range: [doc.range[0], doc.range[2]] as const,
    errors: doc.errors.map((e) => ({
      message: e.message.split('\n')[0] ?? e.message,
      // Clamped to the document, so an error reads the same whether the document was parsed
      // alone (the language server's incremental path) or with the rest of the file.
      range: clampRange([e.pos[0], Math.max(e.pos[1], e.pos[0] + 1)], Math.min(text.length, doc.range[2])),
      severity: 'error' as const,
      code: 'yaml-syntax',
    })),
  }));
}

function clampRange([start, end]: readonly [number, number], length: number): Range {
  const s = Math.min(Math.max(0, start), length);
  return [s, Math.min(Math.max(s, end), length)];
}
