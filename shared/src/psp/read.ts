/**
 * Reading a PodSecurityPolicy's decoded value (plain JSON from the YAML document). Fields of the
 * wrong type are recorded as problems and count as unset, as podsec does for workloads.
 */
export class Reader {
  readonly problems: string[] = [];

  constructor(private readonly root: unknown) {}

  /** The value at a path of map keys; undefined when missing or null. */
  at(path: readonly string[]): unknown {
    let v: unknown = this.root;
    for (const key of path) {
      if (!isObject(v)) return undefined;
      v = v[key];
    }
    return v ?? undefined;
  }

  bool(path: readonly string[]): boolean | undefined {
    const v = this.at(path);
    if (v === undefined || typeof v === 'boolean') return v;
    return this.wrong(path, 'a boolean');
  }

  str(path: readonly string[]): string | undefined {
    const v = this.at(path);
    if (v === undefined || typeof v === 'string') return v;
    return this.wrong(path, 'a string');
  }

  map(path: readonly string[]): Record<string, unknown> | undefined {
    const v = this.at(path);
    if (v === undefined || isObject(v)) return v;
    return this.wrong(path, 'a map');
  }

  /** A list; missing, null and [] are the same. */
  list(path: readonly string[]): unknown[] {
    const v = this.at(path);
    if (v === undefined) return [];
    if (Array.isArray(v)) return v;
    this.wrong(path, 'a list');
    return [];
  }

  /** A list of strings; entries of another type are problems and left out. */
  strings(path: readonly string[]): string[] {
    return this.list(path).flatMap((item, i) => {
      if (typeof item === 'string') return [item];
      this.problems.push(`${fieldName(path)}[${i}] must be a string`);
      return [];
    });
  }

  private wrong(path: readonly string[], expected: string): undefined {
    this.problems.push(`${fieldName(path)} must be ${expected}`);
    return undefined;
  }
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `spec.seLinux.rule`; annotation keys in brackets: `metadata.annotations["a/b"]`. */
export function fieldName(path: readonly string[]): string {
  return path.map((k, i) => (i > 0 && path[i - 1] === 'annotations' ? `[${JSON.stringify(k)}]` : i === 0 ? k : `.${k}`)).join('');
}

/** A value as a person would recognise it in a report: compact JSON, `unset` when missing. */
export function show(v: unknown): string {
  return v === undefined ? 'unset' : JSON.stringify(v);
}
