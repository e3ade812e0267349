import { resolve as resolvePath } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fileFacts } from '../policy/workspaceFacts';
import { WorkspaceIndex } from '../policy/workspaceIndex';
import { migration } from '../psp/migration';
import { findPolicies, mayHoldPsp } from '../psp/objects';
import { rbacFacts } from '../psp/rbacFacts';
import { RbacIndex } from '../psp/rbacIndex';
import { parseDocuments } from '../yaml/parse';
import { collectInputs, type ReadStdin } from './files';
import { formatPspJson, formatPspText, type PspReport } from './format/psp';
import { LineIndex } from './lines';
import type { PspMigrateArgs } from './pspArgs';

interface Io {
  stdout(text: string): void;
  readStdin: ReadStdin;
}

/**
 * `podsec psp-migrate`: every PodSecurityPolicy among the inputs, with the RBAC bindings and
 * Namespace manifests among the same inputs. Exit 0 without policies, 1 with, 2 when an input
 * cannot be read or a document holding a policy cannot be parsed.
 */
export function pspMigrate(args: PspMigrateArgs, io: Io): number {
  const inputs = collectInputs(args.paths, io.readStdin, args.maxFileSize);
  const namespaces = new WorkspaceIndex();
  const rbac = new RbacIndex();
  const pathOf = new Map<string, string>();
  for (const input of inputs) {
    if ('error' in input) continue;
    const uri = inputUri(input.path);
    pathOf.set(uri, input.path);
    namespaces.set(uri, fileFacts(uri, input.text));
    rbac.set(uri, rbacFacts(uri, input.text));
  }
  const report: PspReport = { policies: [], errors: [] };
  for (const input of inputs) {
    if ('error' in input) {
      report.errors.push({ path: input.path, line: undefined, message: input.code ? input.error : `cannot read ${input.path}: ${input.error}` });
      continue;
    }
    if (!mayHoldPsp(input.text)) continue;
    const documents = parseDocuments(input.text);
    const lines = new LineIndex(input.text);
    for (const d of documents) {
      const [error] = d.errors;
      // A document that does not parse may be a PodSecurityPolicy nobody can read: say so.
      if (error && input.text.slice(d.range[0], d.range[1]).includes('PodSecurityPolicy')) report.errors.push({ path: input.path, line: lines.position(error.range[0]).line + 1, message: error.message });
    }
    for (const policy of findPolicies(documents)) {
      const m = migration(
        policy,
        { rbac, namespace: (name) => namespaces.namespace(name), defaultNamespace: (uri) => namespaces.kustomizeNamespace(uri)?.namespace ?? 'default' },
        { version: args.version, appArmorAbsent: args.lenientAppArmor ? 'no-opinion' : 'privileged' },
      );
      report.policies.push({ path: input.path, line: lines.position(policy.kindRange[0]).line + 1, migration: m, pathOf: (uri) => pathOf.get(uri) ?? uri });
    }
  }
  io.stdout(args.format === 'json' ? formatPspJson(report) : formatPspText(report));
  return report.errors.length > 0 ? 2 : report.policies.length > 0 ? 1 : 0;
}

function inputUri(path: string): string {
  return path === '-' ? 'stdin:' : pathToFileURL(resolvePath(path)).toString();
}
