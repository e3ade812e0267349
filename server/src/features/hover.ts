import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { checkById } from '../../../shared/src/checks/registry';
import { checkDocUrl } from '../../../shared/src/checks/docs';
import type { EvaluationResult, ObjectResult, SuppressedViolation, Violation } from '../../../shared/src/evaluate/evaluate';
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
  for (const object of result.objects) {
    const hidden = object.suppressed.filter((x) => offset >= x.suppression.range[0] && offset <= x.suppression.range[1]);
    const first = hidden[0];
    if (first) return { contents: { kind: MarkupKind.Markdown, value: suppressionHover(object, hidden) }, range: toRange(doc, first.suppression.range) };
  }
  return null;
}

/** What a `# podsec-ignore` comment hides, and that the API server is not told. */
function suppressionHover(object: ObjectResult, hidden: readonly SuppressedViolation[]): string {
  const s = hidden[0]?.suppression;
  const where = s?.scope === 'object' ? `this ${object.kind}` : 'this field and everything under it';
  return [
    `**podsec-ignore** suppresses ${hidden.length === 1 ? '1 finding' : `${hidden.length} findings`} in ${where}${s?.until ? `, until ${s.until}` : ''}:`,
    '',
    ...hidden.map((v) => `- \`${v.checkId}\` (${v.mode} \`${v.pair}\`): ${v.message}`),
    '',
    s?.reason ? `Reason: ${s.reason}` : 'No reason given.',
    '',
    'podsec no longer reports these; the API server still applies the policy (the workload\'s hover shows its message).',
  ].join('\n');
}

function objectHover(object: ObjectResult, folders: readonly string[]): string {
  const lines = [`**Pod Security** · ${object.kind} \`${object.name ?? ''}\` in namespace \`${object.policy.namespace ?? 'default'}\` (${object.policy.namespaceOrigin ?? 'default'})`, ''];
  const custom = object.customResource;
  if (custom) lines.push(customResourceNote(object.kind, custom), '');
  if (object.policy.exemption) {
    lines.push(`Exempt by ${object.policy.exemption} in the admission configuration: not evaluated.`);
    return lines.join('\n');
  }
  if (custom && !custom.found) {
    lines.push(`No pod template at \`${custom.path}\`: nothing to evaluate here.`);
    return lines.join('\n');
  }
  for (const mode of MODES) {
    lines.push(`- **${mode}** \`${renderLevelVersion(object.policy[mode])}\`: ${describeSource(object.policy.sources?.[mode], folders)}`);
  }
  lines.push('');
  if (object.message) lines.push(...(custom ? [`Each pod would get:`] : []), '```text', object.message, '```');
  else lines.push(`✓ Allowed: satisfies \`${object.levels.satisfies}\`.`);
  if (object.suppressed.length > 0) lines.push('', `${object.suppressed.length} ${object.suppressed.length === 1 ? 'finding is' : 'findings are'} suppressed by \`# podsec-ignore\` comments: podsec does not report them, the API server still applies the policy to them.`);
  return lines.join('\n');
}

/**
 * PSA never evaluates a custom resource (pod-security-admission.md §6.1): its results predict
 * what the API server says to the pods its controller creates, not to the object itself.
 */
function customResourceNote(kind: string, custom: { readonly path: string; readonly source: string }): string {
  return `Custom resource (${custom.source}): Pod Security Admission does not check a ${kind} itself; podsec checks the pods its controller creates from \`${custom.path}\`.`;
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
