import type { FileFacts, Kustomization, NamespaceManifest } from './workspaceFacts';

/**
 * Namespace context gathered from workspace files: Namespace manifests and kustomizations. Pure:
 * callers feed it file contents (the server from the workspace, the CLI from its inputs).
 * `set` reports whether anything that affects policies changed, so callers re-evaluate only then.
 */
export class WorkspaceIndex {
  private readonly files = new Map<string, { facts: FileFacts; key: string }>();
  private byName: Map<string, NamespaceManifest[]> | undefined;

  /** Stores a file's facts; true when the namespace context changed. */
  set(uri: string, facts: FileFacts): boolean {
    const key = factsKey(facts);
    const previous = this.files.get(uri);
    if (facts.namespaces.length === 0 && !facts.kustomization) {
      if (!previous) return false;
      this.files.delete(uri);
    } else {
      this.files.set(uri, { facts, key });
    }
    this.byName = undefined;
    return (previous?.key ?? '') !== (this.files.get(uri)?.key ?? '');
  }

  delete(uri: string): boolean {
    const had = this.files.delete(uri);
    if (had) this.byName = undefined;
    return had;
  }

  /** The Namespace manifest for a name; with several, the first by URI, so results are stable. */
  namespace(name: string): NamespaceManifest | undefined {
    if (!this.byName) {
      this.byName = new Map();
      for (const uri of [...this.files.keys()].sort()) {
        for (const ns of this.files.get(uri)?.facts.namespaces ?? []) {
          const list = this.byName.get(ns.name) ?? [];
          list.push(ns);
          this.byName.set(ns.name, list);
        }
      }
    }
    return this.byName.get(name)?.[0];
  }

  /**
   * What the kustomizations say, as a string that changes exactly when one of them does: what
   * decides the namespace of a file that sets none (the what-if caches results by it).
   */
  kustomizationsKey(): string {
    const out: string[] = [];
    for (const uri of [...this.files.keys()].sort()) {
      const k = this.files.get(uri)?.facts.kustomization;
      if (k) out.push(JSON.stringify([uri, k.namespace, k.resources]));
    }
    return out.join('\n');
  }

  namespaces(): NamespaceManifest[] {
    return [...this.files.values()].flatMap((f) => f.facts.namespaces);
  }

  /**
   * The namespace a kustomization gives a file that does not set its own. kustomize applies the
   * outermost overlay's `namespace:` last, so among the kustomizations that include the file the
   * one that includes the most of the others wins (the first by URI when several overlays
   * include the same base).
   */
  kustomizeNamespace(fileUri: string): { namespace: string; kustomization: string } | undefined {
    const candidates = [...this.files.keys()].sort().flatMap((uri) => {
      const k = this.files.get(uri)?.facts.kustomization;
      return k && covers(k, fileUri) ? [k] : [];
    });
    let best: { k: Kustomization; includes: number } | undefined;
    for (const k of candidates) {
      if (!k.namespace) continue;
      // An overlay includes the bases below it; the one that includes the most is outermost.
      const includes = candidates.filter((other) => other !== k && covers(k, other.uri)).length;
      if (!best || includes > best.includes) best = { k, includes };
    }
    return best?.k.namespace ? { namespace: best.k.namespace, kustomization: best.k.uri } : undefined;
  }
}

function covers(k: Kustomization, fileUri: string): boolean {
  const dir = parent(k.uri);
  for (const resource of k.resources) {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(resource) || resource.startsWith('github.com/')) continue; // remote bases
    const target = normalize(`${dir}/${resource}`);
    if (/\.ya?ml$/i.test(resource) ? fileUri === target : fileUri.startsWith(`${target}/`)) return true;
  }
  return false;
}

function parent(uri: string): string {
  return uri.slice(0, uri.lastIndexOf('/'));
}

/** Resolves `.` and `..` segments of a URI path without touching the scheme part. */
export function normalize(uri: string): string {
  const match = /^([a-z][a-z0-9+.-]*:\/\/[^/]*)(.*)$/i.exec(uri);
  const prefix = match?.[1] ?? '';
  const path = match?.[2] ?? uri;
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '.' || (seg === '' && out.length > 0)) continue;
    if (seg === '..') {
      // Never climb above the root of an absolute path (its first segment is '').
      if (out.length > 0 && out[out.length - 1] !== '') out.pop();
    } else out.push(seg);
  }
  return prefix + out.join('/').replace(/\/$/, '');
}

function factsKey(facts: FileFacts): string {
  return JSON.stringify([
    facts.namespaces.map((ns) => [ns.name, [...ns.labels].map(([k, l]) => [k, l.value])]),
    facts.kustomization ? [facts.kustomization.namespace, facts.kustomization.resources] : null,
  ]);
}
