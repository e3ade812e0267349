import type { Mode } from '../../policy/policy';
import type { Problem } from '../../yaml/range';
import { INVALID_NAMESPACE_LABEL } from '../../whatif/namespaceLabels';
import { fileErrors, summarize, type CheckedFile } from '../report';

export interface TextOptions {
  readonly color: boolean;
  /** `--no-suppressions`: the summary says that `# podsec-ignore` comments were ignored. */
  readonly suppressionsIgnored?: boolean;
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
  out.push(summaryLine(files, paint, options.suppressionsIgnored === true));
  return out.join('\n') + '\n';
}

function line(label: string, file: CheckedFile, offset: number, severity: string, message: string, code: string, paint: Paint): string {
  const pos = file.lines.position(offset);
  const colour = severity === 'error' ? 'red' : severity === 'warning' ? 'yellow' : 'blue';
  return `${paint('bold', `${printable(label)}:${pos.line + 1}:${pos.character + 1}`)}: ${paint(colour, severity)}: ${printable(message)} ${paint('dim', `[${code}]`)}`;
}

/**
 * Messages quote names and values from the manifest as PSA does, unescaped, and paths come from
 * the file system. Control characters (a terminal escape sequence, a line break that would fake
 * another finding) and bidirectional overrides are shown as escapes, so a manifest cannot
 * rewrite the terminal or the report it is shown in.
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (ch) => {
    const cp = ch.charCodeAt(0);
    return cp < 0x100 ? `\\x${cp.toString(16).padStart(2, '0')}` : `\\u${cp.toString(16).padStart(4, '0')}`;
  });
}

const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function problemSeverity(p: Problem): string {
  return p.severity;
}

function summaryLine(files: readonly CheckedFile[], paint: Paint, suppressionsIgnored: boolean): string {
  const s = summarize(files);
  const errorFiles = files.filter((f) => fileErrors(f).some((p) => p.code !== INVALID_NAMESPACE_LABEL)).length;
  const parts = [
    `${s.objects} ${s.objects === 1 ? 'workload' : 'workloads'} in ${s.files} ${s.files === 1 ? 'file' : 'files'}`,
    `${s.rejected} rejected by enforce`,
    `${s.violations} ${s.violations === 1 ? 'violation' : 'violations'}`,
  ];
  if (s.invalidLabels > 0) parts.push(`${s.invalidLabels} invalid namespace ${s.invalidLabels === 1 ? 'label' : 'labels'} (Namespace rejected)`);
  if (s.suppressed > 0) parts.push(`${s.suppressed} suppressed`);
  if (s.errors > 0) parts.push(`${s.errors} ${s.errors === 1 ? 'error' : 'errors'} in ${errorFiles} ${errorFiles === 1 ? 'file' : 'files'}`);
  if (suppressionsIgnored) parts.push('podsec-ignore comments ignored (--no-suppressions)');
  const ok = s.rejected === 0 && s.errors === 0 && s.invalidLabels === 0;
  return `${paint(ok ? 'green' : 'red', ok ? '✓' : '✗')} ${parts.join(', ')}`;
}

type Style = 'bold' | 'dim' | 'red' | 'yellow' | 'blue' | 'green';
type Paint = (style: Style, text: string) => string;

const CODES: Record<Style, [number, number]> = { bold: [1, 22], dim: [2, 22], red: [31, 39], yellow: [33, 39], blue: [34, 39], green: [32, 39] };

function painter(enabled: boolean): Paint {
  return enabled ? (style, text) => `\u001b[${CODES[style][0]}m${text}\u001b[${CODES[style][1]}m` : (_style, text) => text;
}
