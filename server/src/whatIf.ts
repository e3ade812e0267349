import type { Position } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { evaluateDocument } from '../../shared/src/evaluate/document';
import { renderLevelVersion } from '../../shared/src/policy/levelVersion';
import { resolvePolicy, type PolicyContext } from '../../shared/src/policy/resolve';
import { whatIfOptions, whatIfWorkloads, type WhatIfTarget, type WhatIfWorkload } from '../../shared/src/whatif/whatIf';
import { podTemplateTable } from '../../shared/src/workloads/podTemplates';
import { parseDocuments, type ParsedDocument } from '../../shared/src/yaml/parse';

/** A workload of the what-if, with where to open it. */
export interface LocatedWorkload extends WhatIfWorkload {
  readonly position: Position;
}

/** Where a file's text comes from: an open document (its parse reused) or the file on disk. */
export type FileSource = { readonly version: number; readonly text: string; documents(): readonly ParsedDocument[] } | { readonly disk: true };

// Any Kubernetes object says `kind:`; a file without it holds no workload and is never parsed.
const MAY_HOLD_OBJECT = /(^|\n)\s*["']?kind["']?\s*:/;
/** Results kept per file: label edits move between few policies, older ones are dropped. */
const TARGETS_PER_FILE = 4;

interface Entry {
  /** `v<version>` for an open document, `disk` for a file read from disk. */
  stamp: string;
  /** Namespaces the file's workloads land in, once known: other namespaces need no read. */
  namespaces: ReadonlySet<string> | undefined;
  readonly results: Map<string, LocatedWorkload[]>;
}

/**
 * The workspace's workloads for what-if, computed lazily: only when a code lens or hover of a
 * Namespace document asks, never while indexing or typing in another file. Per file it keeps the
 * namespaces its workloads land in and the results for the last few hypothetical policies, keyed
 * by the file's version (open documents) or until the file changes on disk. A change of namespace
 * labels elsewhere keeps them: only kustomizations, settings and the admission configuration decide
 * where a workload lands (`placement`).
 */
export class WhatIfStore {
  private readonly entries = new Map<string, Entry>();
  /** What decides where workloads land and which are exempt; results computed under another are dropped. */
  private placement = '';

  constructor(private readonly readFile: (uri: string) => Promise<string | undefined>) {}

  /** A file changed on disk, was closed or deleted: its cached results are stale. */
  forget(uri: string): void {
    this.entries.delete(uri);
  }

  /** True once any what-if was computed: only then do workload edits refresh code lenses. */
  get isInUse(): boolean {
    return this.entries.size > 0;
  }

  /**
   * The workloads of `files` that land in the target's namespace, evaluated at its policy.
   * Yields to the event loop between files and stops when `isCancelled` says so (undefined).
   */
  async workloads(
    files: Iterable<[string, FileSource]>,
    target: WhatIfTarget,
    context: { readonly placement: string; forFile(uri: string): PolicyContext },
    isCancelled: () => boolean,
  ): Promise<LocatedWorkload[] | undefined> {
    if (context.placement !== this.placement) {
      this.entries.clear();
      this.placement = context.placement;
    }
    const key = targetKey(target);
    const out: LocatedWorkload[] = [];
    let sinceYield = 0;
    for (const [uri, source] of files) {
      const stamp = 'disk' in source ? 'disk' : `v${source.version}`;
      let entry = this.entries.get(uri);
      if (!entry || entry.stamp !== stamp) {
        entry = { stamp, namespaces: undefined, results: new Map() };
        this.entries.set(uri, entry);
      }
      if (entry.namespaces && !entry.namespaces.has(target.namespace)) continue;
      let result = entry.results.get(key);
      if (!result) {
        if (++sinceYield % 20 === 0) {
          await yieldToEventLoop();
          if (isCancelled()) return undefined;
        }
        const computed = await this.evaluate(uri, source, target, context.forFile(uri));
        // The file changed while it was read: the next request reads it again.
        if (this.entries.get(uri) !== entry) continue;
        entry.namespaces = computed.namespaces;
        result = computed.workloads;
        entry.results.set(key, result);
        if (entry.results.size > TARGETS_PER_FILE) entry.results.delete(entry.results.keys().next().value as string);
      }
      out.push(...result);
    }
    return out;
  }

  private async evaluate(uri: string, source: FileSource, target: WhatIfTarget, context: PolicyContext): Promise<{ namespaces: Set<string>; workloads: LocatedWorkload[] }> {
    const text = 'disk' in source ? await this.readFile(uri) : source.text;
    const namespaces = new Set<string>();
    if (text === undefined || !MAY_HOLD_OBJECT.test(text)) return { namespaces, workloads: [] };
    const documents = 'disk' in source ? parseDocuments(text) : source.documents();
    const options = whatIfOptions((object) => resolvePolicy(context, object), target, 'skip', { podTemplates: podTemplateTable(context.settings.podTemplates) });
    const lines = TextDocument.create(uri, 'yaml', 0, text);
    const workloads: LocatedWorkload[] = [];
    for (const parsed of documents) {
      const { object } = evaluateDocument(parsed, options, parsed.source ?? text);
      if (!object) continue;
      if (object.policy.namespace !== undefined) namespaces.add(object.policy.namespace);
      // A document parsed on its own has ranges relative to its text.
      const offset = parsed.base?.offset ?? 0;
      for (const w of whatIfWorkloads(uri, { objects: [object], problems: [], documentCount: 1 }, target.namespace)) {
        const at = [w.at[0] + offset, w.at[1] + offset] as const;
        workloads.push({ ...w, at, position: lines.positionAt(at[0]) });
      }
    }
    return { namespaces, workloads };
  }
}

function targetKey(target: WhatIfTarget): string {
  const p = target.policy;
  return [target.namespace, renderLevelVersion(p.enforce), renderLevelVersion(p.warn), p.exemption ?? ''].join('|');
}

/** Lets other requests (a keystroke's diagnostics) run between files. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
