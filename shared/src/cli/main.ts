import { resolve as resolvePath } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseAdmissionConfig, type AdmissionConfig } from '../policy/admissionConfig';
import { resolvePolicy, type ObjectPlacement, type PolicyContext } from '../policy/resolve';
import { fileFacts } from '../policy/workspaceFacts';
import { WorkspaceIndex } from '../policy/workspaceIndex';
import { DEFAULT_SETTINGS, type Settings } from '../settings';
import type { Problem } from '../yaml/range';
import { evaluate, type EvaluateOptions } from '../evaluate/evaluate';
import { localDate } from '../evaluate/suppressions';
import { LATEST, type LevelVersion } from '../policy/levelVersion';
import type { Policy } from '../policy/policy';
import { podTemplateTable, type PodTemplateTable } from '../workloads/podTemplates';
import { parseArgs, USAGE, type CheckArgs } from './args';
import { collectInputs, readStdinUpTo, type Input, type ReadStdin } from './files';
import { fixInputs, fixSummary } from './fixFiles';
import { formatJson } from './format/json';
import { formatSarif } from './format/sarif';
import { formatText } from './format/text';
import { loadPodTemplates } from './podTemplatesFile';
import { PSP_USAGE } from './pspArgs';
import { pspMigrate } from './pspMigrate';
import { checkedFile, exitCode, type CheckedFile } from './report';
import { formatWhatIf, whatIfTargets, withWhatIf } from './whatIf';

declare const PODSEC_VERSION: string | undefined;
const VERSION = typeof PODSEC_VERSION === 'string' ? PODSEC_VERSION : '0.0.0-dev';

const PRIVILEGED: LevelVersion = { level: 'privileged', version: LATEST };

/** The node-only shell around the pure core: reads inputs, prints, returns the exit code. */
export function main(argv: readonly string[], io = defaultIo()): number {
  const args = parseArgs(argv);
  if ('error' in args) {
    io.stderr(`podsec: ${args.error}\n\n${args.usage ?? USAGE}\n`);
    return 2;
  }
  if (args.command === 'help') {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (args.command === 'psp-help') {
    io.stdout(`${PSP_USAGE}\n`);
    return 0;
  }
  if (args.command === 'psp-migrate') return pspMigrate(args, io);
  if (args.command === 'version') {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  return check(args, io);
}

/** The admission configuration named by `--admission-config`, read once. */
type Admission = { config: AdmissionConfig; problems: Problem[]; text: string } | { error: string; code?: 'file-too-large' };

function check(args: CheckArgs, io: Io): number {
  // A bad mapping would change what is checked: nothing is checked until it is right.
  const templates = args.podTemplates ? loadPodTemplates(args.podTemplates, args.maxFileSize) : { rules: [] };
  if ('errors' in templates) {
    io.stderr(templates.errors.map((e) => `podsec: --pod-templates: ${e}\n`).join(''));
    return 2;
  }
  const podTemplates = podTemplateTable(templates.rules);
  const inputs = collectInputs(args.paths, io.readStdin, args.maxFileSize);
  const admission = args.admissionConfig ? loadAdmissionConfig(args.admissionConfig, args.maxFileSize) : undefined;
  const optionsFor = evaluateOptions(args, inputs, admission, podTemplates);
  if (args.fix === 'none') {
    const files = report(args, inputs, optionsFor, admission);
    // After the report; with JSON or SARIF on stdout, on stderr so the output stays parseable.
    const whatIf = args.whatIf.length > 0 ? formatWhatIf(files, whatIfTargets(args.whatIf, policyContext(args, inputs, admissionConfig(admission)))) : '';
    if (args.format === 'text') io.stdout(render(args, files, io.isTTY) + whatIf);
    else {
      io.stdout(render(args, files, io.isTTY));
      if (whatIf) io.stderr(whatIf);
    }
    return exitCode(files);
  }
  const run = fixInputs(inputs, optionsFor, args.fix);
  if (args.fix === 'dry-run') {
    // stdout is the patch alone, so `podsec check --fix-dry-run . | git apply` works; the
    // report of the files as they are goes to stderr, where a CI log still shows it.
    const files = report(args, inputs, optionsFor, admission, run.problems);
    io.stdout(run.diff);
    io.stderr(formatText(files, { color: wantsColor(args, io.isStderrTTY), suppressionsIgnored: args.ignoreSuppressions }) + `podsec: ${fixSummary(run, 'dry-run')}\n`);
    return exitCode(files);
  }
  // The report describes the files as they are now: fixed where the fix was written. Fixes
  // touch only pod specs, so the namespace context read again from them is the same.
  const files = report(args, run.inputs, evaluateOptions(args, run.inputs, admission, podTemplates), admission, run.problems);
  io.stderr(`podsec: ${fixSummary(run, 'write')}\n`);
  io.stdout(render(args, files, io.isTTY));
  return exitCode(files);
}

function report(
  args: CheckArgs,
  inputs: readonly Input[],
  optionsFor: (path: string) => EvaluateOptions,
  admission: Admission | undefined,
  fixProblems: ReadonlyMap<number, readonly Problem[]> = new Map(),
): CheckedFile[] {
  const files = inputs.map((input, index) => {
    if ('error' in input) return unreadable(input.path, input.error, input.code);
    return checkedFile(input.path, input.text, evaluate(input.text, optionsFor(input.path)), fixProblems.get(index));
  });
  if (admission && args.admissionConfig) {
    files.push('error' in admission ? unreadable(args.admissionConfig, admission.error, admission.code) : checkedFile(args.admissionConfig, admission.text, { objects: [], problems: admission.problems, documentCount: 1 }));
  }
  return files;
}

/**
 * The options each input is evaluated with. `--fix` takes them from here too, so a fix aims at
 * exactly the policy the report checks.
 */
function evaluateOptions(args: CheckArgs, inputs: readonly Input[], admission: Admission | undefined, podTemplates: PodTemplateTable): (path: string) => EvaluateOptions {
  const context = args.level ? undefined : policyContext(args, inputs, admissionConfig(admission));
  const whatIfs = context ? whatIfTargets(args.whatIf, context) : [];
  // One date for the whole run, so every file compares `until=` with the same day.
  const today = localDate();
  return (path) => {
    const uri = inputUri(path);
    const policy = context ? withWhatIf((object: ObjectPlacement) => resolvePolicy({ ...context, uri }, object), whatIfs) : levelPolicy(args.level ?? PRIVILEGED);
    return { policy, podTemplates, today, ignoreSuppressions: args.ignoreSuppressions };
  };
}

function admissionConfig(admission: Admission | undefined): AdmissionConfig | undefined {
  return admission && 'config' in admission ? admission.config : undefined;
}

/** `--level` means exactly that pair, in enforce mode, for every object. */
function levelPolicy(level: LevelVersion): Policy {
  return { enforce: level, warn: PRIVILEGED, audit: PRIVILEGED, sources: { enforce: { description: '--level flag' } } };
}

/** Without `--level`: flags as settings, and the inputs' Namespace manifests and kustomizations. */
function policyContext(args: CheckArgs, inputs: readonly Input[], admission: AdmissionConfig | undefined): PolicyContext {
  const index = new WorkspaceIndex();
  for (const input of inputs) if (!('error' in input)) index.set(inputUri(input.path), fileFacts(inputUri(input.path), input.text));
  const settings: Settings = { ...DEFAULT_SETTINGS, ...args.modes };
  return { settings, index, admission };
}

function loadAdmissionConfig(path: string, maxFileSize: number): Admission {
  const [input] = collectInputs([path], () => Buffer.alloc(0), maxFileSize);
  if (!input) return { error: 'cannot read' };
  if ('error' in input) return { error: input.error, code: input.code };
  return { ...parseAdmissionConfig(input.text, inputUri(path)), text: input.text };
}

function unreadable(path: string, error: string, code: 'file-too-large' | undefined = undefined): CheckedFile {
  // A file over --max-file-size is an error too: "nothing violates" cannot be said of a file
  // nobody checked, and the flag is there to raise the limit.
  const problem = code
    ? { message: error, range: [0, 0] as const, severity: 'error' as const, code }
    : { message: `cannot read ${path}: ${error}`, range: [0, 0] as const, severity: 'error' as const, code: 'read-error' };
  return checkedFile(path, '', { objects: [], problems: [], documentCount: 0 }, [problem]);
}

function inputUri(path: string): string {
  return path === '-' ? 'stdin:' : pathToFileURL(resolvePath(path)).toString();
}

function render(args: CheckArgs, files: readonly CheckedFile[], isTTY: boolean): string {
  switch (args.format) {
    case 'json':
      return formatJson(files, args.fixes, args.ignoreSuppressions);
    case 'sarif':
      return formatSarif(files, VERSION, args.ignoreSuppressions);
    case 'text':
      return formatText(files, { color: wantsColor(args, isTTY), suppressionsIgnored: args.ignoreSuppressions });
  }
}

function wantsColor(args: CheckArgs, isTTY: boolean): boolean {
  return args.color === 'always' || (args.color === 'auto' && isTTY && !process.env['NO_COLOR']);
}

interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  readStdin: ReadStdin;
  isTTY: boolean;
  isStderrTTY: boolean;
}

function defaultIo(): Io {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    readStdin: readStdinUpTo,
    isTTY: Boolean(process.stdout.isTTY),
    isStderrTTY: Boolean(process.stderr.isTTY),
  };
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
