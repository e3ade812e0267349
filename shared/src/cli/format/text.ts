import type { Mode } from '../../policy/policy';
import type { Problem } from '../../yaml/range';
import { fileErrors, summarize, type CheckedFile } from '../report';

export interface TextOptions {
  readonly color: boolean;
}

const SEVERITY: Record<Mode, 'error' | 'warning' | 'info'> = { enforce: 'error', warn: 'warning', audit: 'info' };

/**
 * One line per finding, `path:line:col: severity: message [check]` (1-based, the shape editors and
 * terminals turn into links), then a summary line.
 */
export function formatText(files: readonly CheckedFile[], options: TextOptions): string {
  const paint = painter(options.color);
  const out: string[] = [];
  for (const file of files) {
    const label = file.path === '-' ? '<stdin>' : file.path;
    const lines: Array<{ offset: number; text: string }> = [];
    for (const p of [...file.ioProblems, ...file.result.problems]) {
      lines.push({ offset: p.range[0], text: line(label, file, p.range[0], problemSeverity(p), p.message, p.code, paint) });
    }
    for (const o of file.result.objects) {
      for (const v of o.violations) {
        const message = `${v.reason}: ${v.message} (${v.mode} ${v.pair})`;
        lines.push({ offset: v.range[0], text: line(label, file, v.range[0], SEVERITY[v.mode], message, v.checkId, paint) });
      }
    }
    lines.sort((a, b) => a.offset - b.offset);
    out.push(...lines.map((l) => l.text));
  }
  out.push(summaryLine(files, paint));
  return out.join('\n') + '\n';
}

function line(label: string, file: CheckedFile, offset: number, severity: string, message: string, code: string, paint: Paint): string {
  const pos = file.lines.position(offset);
  const colour = severity === 'error' ? 'red' : severity === 'warning' ? 'yellow' : 'blue';
  return `${paint('bold', `${label}:${pos.line + 1}:${pos.character + 1}`)}: ${paint(colour, severity)}: ${message} ${paint('dim', `[${code}]`)}`;
}

function problemSeverity(p: Problem): string {
  return p.severity;
}

function summaryLine(files: readonly CheckedFile[], paint: Paint): string {
  const s = summarize(files);
  const errorFiles = files.filter((f) => fileErrors(f).length > 0).length;
  const parts = [
    `${s.objects} ${s.objects === 1 ? 'workload' : 'workloads'} in ${s.files} ${s.files === 1 ? 'file' : 'files'}`,
    `${s.rejected} rejected by enforce`,
    `${s.violations} ${s.violations === 1 ? 'violation' : 'violations'}`,
  ];
  if (s.errors > 0) parts.push(`${s.errors} ${s.errors === 1 ? 'error' : 'errors'} in ${errorFiles} ${errorFiles === 1 ? 'file' : 'files'}`);
  const ok = s.rejected === 0 && s.errors === 0;
  return `${paint(ok ? 'green' : 'red', ok ? '✓' : '✗')} ${parts.join(', ')}`;
}

type Style = 'bold' | 'dim' | 'red' | 'yellow' | 'blue' | 'green';
type Paint = (style: Style, text: string) => string;

const CODES: Record<Style, [number, number]> = { bold: [1, 22], dim: [2, 22], red: [31, 39], yellow: [33, 39], blue: [34, 39], green: [32, 39] };

function painter(enabled: boolean): Paint {
  return enabled ? (style, text) => `\u001b[${CODES[style][0]}m${text}\u001b[${CODES[style][1]}m` : (_style, text) => text;
}
