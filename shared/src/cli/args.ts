import { LATEST, parseLevel, parseLevelVersion, parseVersion, type LevelVersion } from '../policy/levelVersion';
import { DEFAULT_SETTINGS } from '../settings';
import { formatSize, parseSize } from '../size';
import { tokens } from './options';
import { parseWhatIf, type WhatIfSpec } from '../whatif/spec';
import { parsePspMigrateArgs, type PspMigrateArgs } from './pspArgs';

export type Format = 'text' | 'json' | 'sarif';

export interface CheckArgs {
  readonly command: 'check';
  /** Set by `--level`: every object is evaluated at exactly this pair, in enforce mode. */
  readonly level: LevelVersion | undefined;
  readonly format: Format;
  readonly paths: readonly string[];
  readonly color: 'auto' | 'always' | 'never';
  /** `--enforce/--warn/--audit level[:version]`: the defaults under namespace labels. */
  readonly modes: Partial<Record<'enforce' | 'warn' | 'audit', LevelVersion>>;
  /** `--admission-config FILE`: an AdmissionConfiguration or PodSecurityConfiguration. */
  readonly admissionConfig: string | undefined;
  /** `--fix` rewrites files with the safe fixes; `--fix-dry-run` prints them as a diff. */
  readonly fix: 'none' | 'write' | 'dry-run';
  /** `--max-file-size SIZE`: a larger file is reported (an error) and neither read nor evaluated. */
  readonly maxFileSize: number;
  /** JSON: list each violation's fixes. */
  readonly fixes: boolean;
  /** `--what-if namespace=N,enforce=L[:V],...`: evaluate as if these namespaces had these labels. */
  readonly whatIf: readonly WhatIfSpec[];
  /** `--pod-templates FILE`: custom resources with pod templates, as in `podsec.podTemplates`. */
  readonly podTemplates: string | undefined;
  /** `--no-suppressions`: every `# podsec-ignore` comment is ignored (audits). */
  readonly ignoreSuppressions: boolean;
}

export type ParsedArgs =
  | CheckArgs
  | PspMigrateArgs
  | { readonly command: 'help' }
  | { readonly command: 'psp-help' }
  | { readonly command: 'version' }
  | { readonly error: string; readonly usage?: string };

export const USAGE = `Usage: podsec check [options] PATH...

Checks Kubernetes manifests against the Pod Security Standards as Pod Security Admission
enforces them. PATH is a file, a folder (searched recursively for *.yaml and *.yml), or - for
standard input.

Options:
  --level privileged|baseline|restricted
                      Evaluate every object at this level in enforce mode. Without it,
                      enforce is baseline:latest and warn is restricted:latest.
  --version latest|v1.N
                      Policy version for --level (default: latest).
  --enforce LEVEL[:VERSION], --warn LEVEL[:VERSION], --audit LEVEL[:VERSION]
                      Without --level: the policy of namespaces without PSA labels
                      (defaults: baseline:latest, restricted:latest, restricted:latest).
                      Namespace manifests among the inputs apply their labels on top,
                      as the API server does; kustomization.yaml namespaces are honoured.
  --admission-config FILE
                      An AdmissionConfiguration or PodSecurityConfiguration whose
                      defaults and exemptions apply (without --level).
  --pod-templates FILE
                      A JSON or YAML list mapping custom resources to their pod template,
                      as the podsec.podTemplates setting does:
                      [{"apiVersion": "example.com/*", "kind": "Worker", "path": "spec.template"}]
                      ("group/*" is every version; "path": null switches a preset off).
                      Argo Rollouts, OpenKruise and Knative Serving kinds are built in.
  --format text|json|sarif
                      Output format (default: text). SARIF lists the fixes of every
                      violation; JSON does with --fixes.
  --fixes             In JSON output, list each violation's fixes (proving each fix
                      costs a parse of its document, so this is not the default).
  --fix               Rewrite each file with its safe fixes (those that do not remove
                      what a workload can access), then report what is left. Files are
                      replaced atomically and keep their mode; files with nothing to
                      fix, changed since read, read-only or not valid YAML are left
                      alone. Standard input (-) cannot be fixed in place.
  --fix-dry-run       Print what --fix would change as a unified diff on standard
                      output and write nothing; the report goes to standard error
                      (text format only).
  --what-if namespace=NAME,enforce=LEVEL[:VERSION][,warn=...][,audit=...]
                      Evaluate as if namespace NAME had these PSA labels (also
                      enforce-version=, warn-version=, audit-version=; other labels keep
                      their values, as with kubectl label --overwrite). Prints the
                      warnings kubectl label --dry-run=server would print, with
                      workload names standing for pod names, and the counts; the exit
                      status is 1 if any workload would be rejected. Repeatable.
  --max-file-size SIZE
                      Files larger than SIZE (bytes, or with a unit: 512KB, 20MB;
                      units are powers of 1024) are not read or checked; each is
                      reported as an error (default: ${formatSize(DEFAULT_SETTINGS.maxFileSize).replace(' ', '')}).
  --no-suppressions   Ignore every # podsec-ignore comment and report every finding
                      (for audits); the summary says so. Without it, suppressed
                      findings are counted in the summary, listed in JSON and marked
                      as suppressed in SARIF, and do not affect the exit status.
  --color, --no-color Force or disable colour (default: colour on a terminal).
  -h, --help          Show this help.
  --version           Without --level, print the podsec version.

Files that are not valid YAML because of Helm template directives ({{ ... }}) are not
checked; each gets one note (render them first: helm template ... | podsec check -).

See also: podsec psp-migrate --help (PodSecurityPolicy → Pod Security Admission labels).

Exit status: 0 when nothing violates the enforce level, 1 when something does (or a
Namespace manifest has invalid pod-security.kubernetes.io labels, which the API server
rejects; with --what-if, as if the labels were applied), 2 on usage
errors or files that cannot be read, parsed, checked (too large, binary) or (with --fix)
written. With --fix the status is that of the fixed files; with --fix-dry-run, that of the
files as they are.`;

/** Parses argv (without node and script). Pure: returns an error instead of exiting. */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  if (argv.length === 0 || argv[0] === '-h' || argv[0] === '--help' || argv[0] === 'help') return { command: 'help' };
  if (argv[0] === '--version' || argv[0] === '-v') return { command: 'version' };
  if (argv[0] === 'psp-migrate') return parsePspMigrateArgs(argv.slice(1));
  if (argv[0] !== 'check') return { error: `unknown command "${argv[0]}"` };
  let levelText: string | undefined;
  let versionText: string | undefined;
  let format: Format = 'text';
  let color: CheckArgs['color'] = 'auto';
  const modes: Partial<Record<'enforce' | 'warn' | 'audit', LevelVersion>> = {};
  let admissionConfig: string | undefined;
  let fix: CheckArgs['fix'] = 'none';
  let maxFileSize = DEFAULT_SETTINGS.maxFileSize;
  let fixes = false;
  const whatIf: WhatIfSpec[] = [];
  let podTemplates: string | undefined;
  let ignoreSuppressions = false;
  const paths: string[] = [];
  for (const token of tokens(argv.slice(1))) {
    if ('path' in token) {
      paths.push(token.path);
      continue;
    }
    const { name, inline } = token;
    const takeValue = token.value;
    switch (name) {
      case '-h':
      case '--help':
        return { command: 'help' };
      case '--color':
        color = 'always';
        break;
      case '--no-color':
        color = 'never';
        break;
      case '--level':
        levelText = takeValue();
        if (levelText === undefined) return { error: '--level needs a value: privileged, baseline or restricted' };
        break;
      case '--version':
        versionText = takeValue();
        if (versionText === undefined) return { error: '--version needs a value: latest or v1.N' };
        break;
      case '--enforce':
      case '--warn':
      case '--audit': {
        const value = takeValue() ?? '';
        const parsed = parseLevelVersion(value);
        if (!parsed.value) return { error: `${name} ${parsed.error ?? 'needs a value'}` };
        modes[name.slice(2) as 'enforce' | 'warn' | 'audit'] = parsed.value;
        break;
      }
      case '--admission-config':
        admissionConfig = takeValue();
        if (!admissionConfig) return { error: '--admission-config needs a FILE' };
        break;
      case '--pod-templates':
        podTemplates = takeValue();
        if (!podTemplates) return { error: '--pod-templates needs a FILE' };
        break;
      case '--format': {
        const value = takeValue();
        if (value !== 'text' && value !== 'json' && value !== 'sarif') return { error: `--format must be text, json or sarif, not "${value ?? ''}"` };
        format = value;
        break;
      }
      case '--max-file-size': {
        const value = takeValue();
        const bytes = parseSize(value);
        if (bytes === undefined) return { error: `--max-file-size needs a size such as 20MB or 512KB, not "${value ?? ''}"` };
        maxFileSize = bytes;
        break;
      }
      case '--what-if': {
        const parsed = parseWhatIf(takeValue() ?? '');
        if ('error' in parsed) return { error: `--what-if ${parsed.error}` };
        if (whatIf.some((w) => w.namespace === parsed.value.namespace)) return { error: `--what-if is given twice for namespace "${parsed.value.namespace}"` };
        whatIf.push(parsed.value);
        break;
      }
      case '--fixes':
        if (inline) return { error: '--fixes takes no value' };
        fixes = true;
        break;
      case '--no-suppressions':
        if (inline) return { error: '--no-suppressions takes no value' };
        ignoreSuppressions = true;
        break;
      case '--fix':
      case '--fix-dry-run': {
        if (inline) return { error: `${name} takes no value` };
        const mode = name === '--fix' ? 'write' : 'dry-run';
        if (fix !== 'none' && fix !== mode) return { error: '--fix and --fix-dry-run cannot be combined: --fix writes the fixes, --fix-dry-run only shows them' };
        fix = mode;
        break;
      }
      default:
        return { error: `unknown option ${name}` };
    }
  }
  if (paths.length === 0) return { error: 'no PATH given (use - for standard input)' };
  if (fix === 'write' && paths.includes('-')) return { error: '--fix cannot rewrite standard input; use --fix-dry-run to see the changes as a diff' };
  if (fix === 'dry-run' && format !== 'text') return { error: `--fix-dry-run prints a diff, not ${format}; the ${format} report lists every fix already` };
  if (versionText !== undefined && levelText === undefined) return { error: '--version needs --level' };
  let level: LevelVersion | undefined;
  if (levelText !== undefined) {
    const parsedLevel = parseLevel(levelText);
    if (!parsedLevel) return { error: `--level "${levelText}" must be one of privileged, baseline, restricted` };
    const version = versionText === undefined ? LATEST : parseVersion(versionText);
    if (!version) return { error: `--version "${versionText ?? ''}" must be "latest" or "v1.x"` };
    level = { level: parsedLevel, version };
  }
  if (level && (Object.keys(modes).length > 0 || admissionConfig)) return { error: '--level cannot be combined with --enforce, --warn, --audit or --admission-config' };
  if (whatIf.length > 0 && level) return { error: '--what-if cannot be combined with --level, which ignores namespaces' };
  if (whatIf.length > 0 && fix !== 'none') return { error: '--what-if cannot be combined with --fix or --fix-dry-run: it only shows what the labels would do' };
  if (fixes && format !== 'json') return { error: '--fixes goes with --format json (SARIF always lists fixes)' };
  return { command: 'check', level, format, paths, color, modes, admissionConfig, fix, maxFileSize, fixes, podTemplates, ignoreSuppressions, whatIf };
}
