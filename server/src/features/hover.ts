import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { checkById } from '../../../shared/src/checks/registry';
import { checkDocUrl } from '../../../shared/src/checks/docs';
import type { EvaluationResult, ObjectResult, Violation } from '../../../shared/src/evaluate/evaluate';
import { renderLevelVersion } from '../../../shared/src/policy/levelVersion';
import { MODES } from '../../../shared/src/policy/policy';
import allowedValues from 'podsec:check-docs';
import { toRange } from '../convert';
import { describeSource } from '../describe';

/**
 * Hover on a workload's `kind:` shows its effective policy, where each level came from and the API
 * server's message; hover on a finding explains the check. `result` need only hold the objects
 * around `position` (Placement.objectsAt).
 */
export function hover(doc: TextDocument, result: Pick<EvaluationResult, 'objects'>, position: Position, folders: readonly string[]): Hover | null {
  const offset = doc.offsetAt(position);
  for (const object of result.objects) {
    if (offset >= object.kindRange[0] && offset <= object.kindRange[1]) {
      return { contents: { kind: MarkupKind.Markdown, value: objectHover(object, folders) }, range: toRange(doc, object.kindRange) };
    }
  }
  for (const object of result.objects) {
    const v = object.violations.find((x) => offset >= x.range[0] && offset <= x.range[1]);
    if (v) return { contents: { kind: MarkupKind.Markdown, value: violationHover(object, v, folders) }, range: toRange(doc, v.range) };
  }
  return null;
}

function objectHover(object: ObjectResult, folders: readonly string[]): string {
  const lines = [`**Pod Security** · ${object.kind} \`${object.name ?? ''}\` in namespace \`${object.policy.namespace ?? 'default'}\` (${object.policy.namespaceOrigin ?? 'default'})`, ''];
  if (object.policy.exemption) {
    lines.push(`Exempt by ${object.policy.exemption} in the admission configuration: not evaluated.`);
    return lines.join('\n');
  }
  for (const mode of MODES) {
    lines.push(`- **${mode}** \`${renderLevelVersion(object.policy[mode])}\`: ${describeSource(object.policy.sources?.[mode], folders)}`);
  }
  lines.push('');
  if (object.message) lines.push('```text', object.message, '```');
  else lines.push(`✓ Allowed: satisfies \`${object.levels.satisfies}\`.`);
  return lines.join('\n');
}

function violationHover(object: ObjectResult, v: Violation, folders: readonly string[]): string {
  const check = checkById(v.checkId);
  return [
    `**${check?.title ?? v.checkId}** (\`${v.checkId}\`, ${v.level})`,
    '',
    v.message,
    '',
    `PSA reports: \`${v.reason}${v.detail ? ` (${v.detail})` : ''}\``,
    '',
    `${v.mode} \`${v.pair}\` from ${describeSource(object.policy.sources?.[v.mode], folders)}`,
    '',
    ...(allowedValues[v.checkId] ? ['**Allowed values**', '', allowedValues[v.checkId] ?? '', ''] : []),
    `[Documentation: allowed values and examples](${checkDocUrl(v.checkId)})`,
  ].join('\n');
}
