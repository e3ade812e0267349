import type { EvaluationResult, ObjectResult } from '../evaluate/evaluate';
import type { Problem } from '../yaml/range';
import { INVALID_NAMESPACE_LABEL } from '../whatif/namespaceLabels';
import { LineIndex } from './lines';

/** One input as the formatters see it: its text (for positions) and what the engine said. */
export interface CheckedFile {
  /** The path as given on the command line (`-` for standard input). */
  readonly path: string;
  /** The text the result was computed on (fixes are rendered against it). */
  readonly text: string;
  readonly lines: LineIndex;
  readonly result: EvaluationResult;
  /** Problems outside the engine: unreadable file, not UTF-8, … */
  readonly ioProblems: readonly Problem[];
}

export interface Summary {
  readonly files: number;
  readonly objects: number;
  readonly violations: number;
  readonly errors: number;
  /** Objects the enforce level rejects for a finding that is not suppressed: what fails the run. */
  readonly rejected: number;
  /**
   * Invalid PSA labels on Namespace manifests (not in `errors`): the API server rejects the
   * Namespace, a policy failure like a rejected pod (exit 1), not input podsec cannot read.
   */
  readonly invalidLabels: number;
  /** Findings hidden by `# podsec-ignore` comments. */
  readonly suppressed: number;
}

export function checkedFile(path: string, text: string, result: EvaluationResult, ioProblems: readonly Problem[] = []): CheckedFile {
  return { path, text, lines: new LineIndex(text), result, ioProblems };
}

export function fileErrors(file: CheckedFile): Problem[] {
  return [...file.ioProblems, ...file.result.problems].filter((p) => p.severity === 'error');
}

export function summarize(files: readonly CheckedFile[]): Summary {
  let objects = 0;
  let violations = 0;
  let errors = 0;
  let rejected = 0;
  let invalidLabels = 0;
  let suppressed = 0;
  for (const file of files) {
    objects += file.result.objects.length;
    for (const o of file.result.objects) {
      violations += o.violations.length;
      suppressed += o.suppressed.length;
      if (isRejectedAsReported(o)) rejected++;
    }
    const labels = file.result.problems.filter((p) => p.code === INVALID_NAMESPACE_LABEL);
    invalidLabels += labels.length;
    errors += fileErrors(file).length - labels.length;
  }
  return { files: files.length, objects, violations, errors, rejected, invalidLabels, suppressed };
}

/**
 * The API server rejects the object (`allowed` is false), and not only for findings that
 * `# podsec-ignore` comments suppress: suppressed findings do not fail a run.
 */
export function isRejectedAsReported(o: ObjectResult): boolean {
  if (o.allowed) return false;
  return o.violations.some((v) => v.mode === 'enforce') || !o.suppressed.some((v) => v.mode === 'enforce');
}

/** 0 when nothing violates enforce, 1 when something does (or a Namespace has invalid labels), 2 when an input could not be read or parsed. */
export function exitCode(files: readonly CheckedFile[]): 0 | 1 | 2 {
  const summary = summarize(files);
  if (summary.errors > 0) return 2;
  return summary.rejected > 0 || summary.invalidLabels > 0 ? 1 : 0;
}

