import type { WorkspaceIndex } from '../../../../shared/src/policy/workspaceIndex';
import { migration, type Migration } from '../../../../shared/src/psp/migration';
import type { PspObject } from '../../../../shared/src/psp/objects';
import type { RbacIndex } from '../../../../shared/src/psp/rbacIndex';
import { readTextFile } from '../../readText';
import { filePath } from '../../roots';
import type { ReadText } from './codeActions';

/** What the PSP features read from the workspace, at request time. */
export interface PspContext {
  readonly rbac: RbacIndex;
  readonly index: WorkspaceIndex;
  readonly folders: readonly string[];
}

export function migrationOf(policy: PspObject, ctx: PspContext): Migration {
  return migration(policy, {
    rbac: ctx.rbac,
    namespace: (name) => ctx.index.namespace(name),
    defaultNamespace: (uri) => ctx.index.kustomizeNamespace(uri)?.namespace ?? 'default',
  });
}

/** A file as a person names it: relative to its workspace folder. */
export function relative(uri: string, folders: readonly string[]): string {
  const folder = folders.find((f) => uri.startsWith(`${f.replace(/\/$/, '')}/`));
  return decodeURIComponent(folder ? uri.slice(folder.replace(/\/$/, '').length + 1) : uri);
}

/** Reads a file for an edit: the open editor's text wins over the file on disk. */
export function fileReader(open: (uri: string) => { getText(): string; version: number } | undefined, maxBytes: number): ReadText {
  return async (uri) => {
    const doc = open(uri);
    if (doc) return { text: doc.getText(), version: doc.version };
    const path = filePath(uri);
    const read = path === undefined ? undefined : await readTextFile(path, maxBytes);
    return read && 'text' in read ? { text: read.text, version: null } : undefined;
  };
}
