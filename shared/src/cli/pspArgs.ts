import { parseVersion } from '../policy/levelVersion';
import { DEFAULT_SETTINGS } from '../settings';
import { parseSize } from '../size';
import { tokens } from './options';

export interface PspMigrateArgs {
  readonly command: 'psp-migrate';
  readonly format: 'text' | 'json';
  readonly paths: readonly string[];
  /** The PSS version to map to and write into `enforce-version` (`latest`, `v1.N`). */
  readonly version: string;
  /** `--lenient-apparmor`: an absent AppArmor allowedProfileNames annotation has no opinion. */
  readonly lenientAppArmor: boolean;
  readonly maxFileSize: number;
}

export const PSP_USAGE = `Usage: podsec psp-migrate [options] PATH...

Reports, for every PodSecurityPolicy (policy/v1beta1, extensions/v1beta1) among the inputs, the
least permissive Pod Security Standards level it corresponds to and the fields that decide it,
the mutating fields whose defaults pods must now set themselves, the namespaces whose service
accounts RoleBindings/ClusterRoleBindings among the inputs let use it, and the namespace labels
to apply, with a kubectl --dry-run=server line per namespace. PATH is a file, a folder (searched
recursively for *.yaml and *.yml), or - for standard input.

Options:
  --format text|json  Output format (default: text).
  --version latest|v1.N
                      Pod Security Standards version to map to; also the
                      enforce-version label value (default: latest).
  --lenient-apparmor  An absent AppArmor allowedProfileNames annotation has no opinion
                      (default: it allows any profile, which is privileged).
  --max-file-size SIZE
                      Files larger than SIZE are not read (an error).
  -h, --help          Show this help.

Exit status: 0 when the inputs hold no PodSecurityPolicy, 1 when they hold at least one (the
report says what replaces each), 2 on usage errors or inputs that cannot be read or parsed.`;

/** Parses the arguments after `psp-migrate`. Pure: returns an error instead of exiting. */
export function parsePspMigrateArgs(argv: readonly string[]): PspMigrateArgs | { readonly command: 'psp-help' } | { readonly error: string; readonly usage: string } {
  let format: PspMigrateArgs['format'] = 'text';
  let version = 'latest';
  let lenientAppArmor = false;
  let maxFileSize = DEFAULT_SETTINGS.maxFileSize;
  const paths: string[] = [];
  const error = (message: string) => ({ error: message, usage: PSP_USAGE });
  for (const token of tokens(argv)) {
    if ('path' in token) {
      paths.push(token.path);
      continue;
    }
    const { name, inline } = token;
    const takeValue = token.value;
    switch (name) {
      case '-h':
      case '--help':
        return { command: 'psp-help' };
      case '--format': {
        const value = takeValue();
        if (value !== 'text' && value !== 'json') return error(`--format must be text or json, not "${value ?? ''}"`);
        format = value;
        break;
      }
      case '--version': {
        const value = takeValue();
        if (value === undefined || !parseVersion(value)) return error(`--version "${value ?? ''}" must be "latest" or "v1.x"`);
        version = value;
        break;
      }
      case '--lenient-apparmor':
        if (inline) return error('--lenient-apparmor takes no value');
        lenientAppArmor = true;
        break;
      case '--max-file-size': {
        const value = takeValue();
        const bytes = parseSize(value);
        if (bytes === undefined) return error(`--max-file-size needs a size such as 20MB or 512KB, not "${value ?? ''}"`);
        maxFileSize = bytes;
        break;
      }
      default:
        return error(`unknown option ${name}`);
    }
  }
  if (paths.length === 0) return error('no PATH given (use - for standard input)');
  return { command: 'psp-migrate', format, paths, version, lenientAppArmor, maxFileSize };
}
