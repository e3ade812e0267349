import { evaluate, type EvaluateOptions, type EvaluationResult } from '../evaluate/evaluate';
import { unifiedDiff } from '../fix/diff';
import { fixAll } from '../fix/fixAll';
import { parseDocuments } from '../yaml/parse';
import type { Problem } from '../yaml/range';
import { fileIdentity, type Input } from './files';
import { writeFixedText } from './writeFixed';

/** What `--fix` (or `--fix-dry-run`) did to the inputs. */
export interface FixRun {
  /** The inputs as the report must see them: the fixed text where a fix was written. */
  readonly inputs: readonly Input[];
  /** Notes and errors of the fix step, by index into `inputs`. */
  readonly problems: ReadonlyMap<number, readonly Problem[]>;
  /** `diff -u` of every change, in input order (empty when nothing would change). */
  readonly diff: string;
  readonly files: number;
  readonly findings: number;
}

/** One file's safe fixes: the new text and how many violations it resolves. */
export type FileFix = { readonly kind: 'unchanged' } | { readonly kind: 'not-valid-yaml' } | { readonly kind: 'fixed'; readonly text: string; readonly findings: number };

/**
 * Applies every safe fix to every readable input, with the options its check uses, so a fix
 * never aims at another policy than the report's. `write` replaces the files (see
 * writeFixedText for the safety rules); `dry-run` only collects the diff. A file reached twice
 * (given twice, or through a link) is fixed once.
 */
export function fixInputs(inputs: readonly Input[], optionsFor: (path: string) => EvaluateOptions, mode: 'write' | 'dry-run'): FixRun {
  const out: Input[] = [];
  const problems = new Map<number, Problem[]>();
  const done = new Map<string, string>();
  let diff = '';
  let files = 0;
  let findings = 0;
  inputs.forEach((input, index) => {
    if ('error' in input || (mode === 'write' && input.path === '-')) {
      out.push(input);
      return;
    }
    const key = input.path === '-' ? '-' : fileIdentity(input.path);
    const already = done.get(key);
    if (already !== undefined) {
      out.push(mode === 'write' ? { ...input, text: already } : input);
      return;
    }
    const fix = fixFileText(input.text, optionsFor(input.path));
    done.set(key, fix.kind === 'fixed' && mode === 'write' ? fix.text : input.text);
    if (fix.kind === 'not-valid-yaml') problems.set(index, [note('info', 'fix-skipped', 'not fixed: the file has YAML syntax errors; --fix writes only files that parse')]);
    if (fix.kind !== 'fixed') {
      out.push(input);
      return;
    }
    if (mode === 'dry-run') {
      diff += unifiedDiff(diffPath(input.path), input.text, fix.text);
    } else {
      const error = writeFixedText({ path: input.path, bytes: input.bytes }, fix.text);
      if (error) {
        done.set(key, input.text);
        problems.set(index, [note('error', 'fix-error', `not fixed: ${error}`)]);
        out.push(input);
        return;
      }
      out.push({ ...input, text: fix.text });
    }
    files++;
    findings += fix.findings;
  });
  return { inputs: out, problems, diff, files, findings };
}

/**
 * The text `--fix` would write for one file. A file with a syntax error anywhere is left alone:
 * the written file must parse, and a broken document cannot be proven unharmed.
 */
export function fixFileText(text: string, options: EvaluateOptions): FileFix {
  const fixed = fixAll(text, options);
  if (fixed === text) return { kind: 'unchanged' };
  if (parseDocuments(text).some((d) => d.errors.length > 0)) return { kind: 'not-valid-yaml' };
  const findings = violations(evaluate(text, options)) - violations(evaluate(fixed, options));
  return { kind: 'fixed', text: fixed, findings: Math.max(0, findings) };
}

/** `fixed 3 findings in 2 files` (or `would fix …` for a dry run). */
export function fixSummary(run: FixRun, mode: 'write' | 'dry-run'): string {
  const findings = `${run.findings} ${run.findings === 1 ? 'finding' : 'findings'}`;
  const files = `${run.files} ${run.files === 1 ? 'file' : 'files'}`;
  return `${mode === 'write' ? 'fixed' : 'would fix'} ${findings} in ${files}`;
}

function violations(result: EvaluationResult): number {
  return result.objects.reduce((n, o) => n + o.violations.length, 0);
}

function note(severity: Problem['severity'], code: string, message: string): Problem {
  return { message, range: [0, 0], severity, code };
}

/**
 * Paths in the diff as `git diff` writes them, so `git apply` and `patch -p1` take the output:
 * forward slashes, and an absolute path loses its leading slash under `a/` and `b/`.
 */
function diffPath(path: string): string {
  const slashed = path.split('\\').join('/');
  return path === '-' ? '<stdin>' : slashed.replace(/^\/+/, '');
}
