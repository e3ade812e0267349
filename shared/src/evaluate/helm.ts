import type { Problem, Range } from '../yaml/range';
import type { EvaluationResult } from './evaluate';

/**
 * Helm chart templates (`{{ .Values.x }}`, `{{- if … }}` lines) are not YAML until Helm renders
 * them, and what they render to depends on values podsec does not have. A file that does not
 * parse and holds template actions gets one information note instead of its syntax errors, and
 * nothing in it is evaluated or fixed: a flood of errors would only say that a template is not
 * YAML. A templated file that happens to parse is evaluated as written.
 */
export function asHelmTemplate(text: string, result: EvaluationResult): EvaluationResult | undefined {
  if (!hasSyntaxError(result.problems)) return undefined;
  const action = templateAction(text);
  if (!action) return undefined;
  const problem: Problem = {
    message: 'This file looks like a Helm template: it is not valid YAML until Helm renders it, so Pod Security did not evaluate it. Check the rendered manifests instead (helm template … | podsec check -).',
    range: action,
    severity: 'info',
    code: 'helm-template',
  };
  return { objects: [], problems: [problem], documentCount: result.documentCount };
}

/** True when `asHelmTemplate` would set the file aside: fix-all leaves such a file alone. */
export function isHelmTemplate(text: string, problems: readonly Problem[]): boolean {
  return hasSyntaxError(problems) && templateAction(text) !== undefined;
}

function hasSyntaxError(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.code === 'yaml-syntax');
}

/**
 * The first Go template action (`{{` … `}}` on one line, outside a YAML comment line and outside
 * quotes), found in one pass over the text: each search for `}}` starts where the last one could
 * not have matched, so ten million `{` cost one scan, not ten million.
 */
export function templateAction(text: string): Range | undefined {
  let from = 0;
  for (;;) {
    const open = text.indexOf('{{', from);
    if (open < 0) return undefined;
    const close = text.indexOf('}}', open + 2);
    if (close < 0) return undefined;
    const lineEnd = lineEndAt(text, open);
    if (close < lineEnd) {
      if (!isCommentLine(text, open) && !isQuoted(text, open)) return [open, close + 2];
      // Only a line's first action is looked at, so each line is read once.
      from = lineEnd;
    } else {
      // No `}}` before `close`: a `{{` can close on its own line only from `close`'s line on.
      from = text.lastIndexOf('\n', close) + 1;
    }
  }
}

function lineEndAt(text: string, pos: number): number {
  const nl = text.indexOf('\n', pos);
  return nl < 0 ? text.length : nl;
}

/**
 * True when the action sits inside a quoted string (an odd number of quotes before it on its
 * line): there it cannot be what makes a file invalid YAML, as in Argo Workflows' "{{inputs.x}}".
 */
function isQuoted(text: string, pos: number): boolean {
  const before = text.slice(text.lastIndexOf('\n', pos - 1) + 1, pos);
  const double = before.replace(/\\./g, '').split('"').length - 1;
  const single = before.split("'").length - 1;
  return double % 2 === 1 || single % 2 === 1;
}

function isCommentLine(text: string, pos: number): boolean {
  const start = text.lastIndexOf('\n', pos - 1) + 1;
  return text.slice(start, pos).trimStart().startsWith('#');
}
