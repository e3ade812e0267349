import type { PolicySource } from '../../shared/src/policy/policy';

/**
 * Human text for where a level came from: `namespace "green", label … (ns/green.yaml:5)`, with the
 * file relative to its workspace folder.
 */
export function describeSource(source: PolicySource | undefined, folders: readonly string[]): string {
  if (!source) return 'podsec settings';
  if (!source.uri) return source.description;
  const folder = folders.find((f) => source.uri?.startsWith(`${f.replace(/\/$/, '')}/`));
  const file = folder ? source.uri.slice(folder.replace(/\/$/, '').length + 1) : source.uri;
  return `${source.description} (${decodeURIComponent(file)}${source.line ? `:${source.line}` : ''})`;
}
