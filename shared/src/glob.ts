/**
 * VS Code's glob syntax, enough for `files.exclude`, `search.exclude` and `podsec.exclude`:
 * `*` and `?` within one path segment, `**` for any number of segments, `{a,b}` alternatives
 * (nestable), `[abc]`, `[a-z]` and `[!abc]` / `[^abc]` character classes. Patterns are matched
 * against `/`-separated paths relative to a workspace folder; a pattern starting with `/` is
 * matched against the absolute path. Written here rather than taken from a package because the
 * server must not grow runtime dependencies for a few dozen lines.
 */
export type GlobMatcher = (relativePath: string, absolutePath?: string) => boolean;

/** A matcher for several patterns; invalid patterns match nothing. */
export function globMatcher(patterns: readonly string[]): GlobMatcher {
  const relative: RegExp[] = [];
  const absolute: RegExp[] = [];
  for (const raw of patterns) {
    const pattern = raw.trim().replace(/^\.\//, '').replace(/\/+$/, '');
    if (!pattern) continue;
    const regex = globToRegExp(pattern);
    if (regex) (pattern.startsWith('/') ? absolute : relative).push(regex);
  }
  return (relativePath, absolutePath) =>
    relative.some((r) => r.test(relativePath)) || (absolutePath !== undefined && absolute.some((r) => r.test(absolutePath)));
}

/** The anchored regular expression for one glob, or undefined when it cannot be translated. */
export function globToRegExp(pattern: string): RegExp | undefined {
  try {
    return new RegExp(`^${translate(pattern)}$`);
  } catch {
    return undefined;
  }
}

function translate(pattern: string): string {
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i] ?? '';
    if (c === '*' && pattern[i + 1] === '*' && isSegmentStart(pattern, i) && isSegmentEnd(pattern, i + 2)) {
      // `**/` is zero or more whole segments; a trailing `**` is everything below.
      if (pattern[i + 2] === '/') {
        out += '(?:[^/]*/)*';
        i += 3;
      } else {
        out += '.*';
        i += 2;
      }
    } else if (c === '*') {
      out += '[^/]*';
      i += pattern[i + 1] === '*' ? 2 : 1;
    } else if (c === '?') {
      out += '[^/]';
      i++;
    } else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) {
        out += '\\[';
        i++;
        continue;
      }
      out += characterClass(pattern.slice(i + 1, end));
      i = end + 1;
    } else if (c === '{') {
      const end = matchingBrace(pattern, i);
      if (end < 0) {
        out += '\\{';
        i++;
        continue;
      }
      out += `(?:${splitAlternatives(pattern.slice(i + 1, end)).map(translate).join('|')})`;
      i = end + 1;
    } else {
      out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
      i++;
    }
  }
  return out;
}

// A double star is special only as a whole path segment; elsewhere (`a**b`) it is a single star.
function isSegmentStart(pattern: string, i: number): boolean {
  return i === 0 || pattern[i - 1] === '/';
}

function isSegmentEnd(pattern: string, i: number): boolean {
  return i === pattern.length || pattern[i] === '/';
}

function characterClass(body: string): string {
  const negated = body.startsWith('!') || body.startsWith('^');
  const chars = (negated ? body.slice(1) : body).replace(/[\\\]^]/g, '\\$&');
  return negated ? `[^/${chars}]` : `[${chars}]`;
}

function matchingBrace(pattern: string, open: number): number {
  let depth = 0;
  for (let i = open; i < pattern.length; i++) {
    if (pattern[i] === '{') depth++;
    else if (pattern[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/** Splits `a,{b,c},d` at top-level commas. */
function splitAlternatives(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '{') depth++;
    else if (body[i] === '}') depth--;
    else if (body[i] === ',' && depth === 0) {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(body.slice(start));
  return parts;
}
