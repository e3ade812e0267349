import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ENFORCE_LABEL } from '../../../../shared/src/psp/labels';
import { kubectlDryRun, PSP_DOC_URL, type Migration, type NamespaceStep } from '../../../../shared/src/psp/migration';
import { PSP_API_VERSIONS } from '../../../../shared/src/psp/objects';
import type { Analyzed } from '../../analysis';
import { toRange } from '../../convert';
import { migrationOf, relative, type PspContext } from './context';
import { policiesOf } from './policies';

/** Hover on a PodSecurityPolicy's `kind:` or `apiVersion:`: its level, why, and what to do. */
export function pspHover(doc: TextDocument, analyzed: Analyzed, position: Position, ctx: PspContext): Hover | null {
  const offset = doc.offsetAt(position);
  for (const { policy } of policiesOf(analyzed)) {
    const on = [policy.kindRange, policy.apiVersionRange].find((r) => offset >= r[0] && offset <= r[1]);
    if (on) return { contents: { kind: MarkupKind.Markdown, value: pspMarkdown(migrationOf(policy, ctx), ctx.folders) }, range: toRange(doc, on) };
  }
  return null;
}

export function pspMarkdown(m: Migration, folders: readonly string[]): string {
  const { mapping, target } = m;
  const lines = [
    `**PodSecurityPolicy \`${m.name}\`** → Pod Security Standards **${mapping.level}** (\`${mapping.level}:${mapping.version}\`)`,
    '',
    `\`${m.policy.apiVersion}\` was removed in Kubernetes ${PSP_API_VERSIONS[m.policy.apiVersion] ?? '1.25'}. Equivalent namespace label: \`${ENFORCE_LABEL}: ${mapping.level}\`.`,
    '',
  ];
  const deciding = mapping.fields.filter((f) => f.decides);
  if (deciding.length === 0) lines.push('Every field is compatible with `restricted`.', '');
  else lines.push('**Deciding fields**', '', ...deciding.map((f) => `- \`${f.field}\` = \`${f.value}\` → ${f.level}: ${f.why}`), '');
  const others = mapping.fields.filter((f) => !f.decides);
  if (others.length > 0) lines.push('**Also below restricted**', '', ...others.map((f) => `- \`${f.field}\` = \`${f.value}\` → ${f.level}: ${f.why}`), '');
  if (mapping.mutating.length > 0) {
    lines.push('**Mutating fields**: Pod Security Admission never changes pods; set these in the pod specs before turning PodSecurityPolicy off', '');
    lines.push(...mapping.mutating.map((f) => `- \`${f.field}\` = \`${f.value}\`: ${f.effect}; pods must now set ${f.podsMustSet}`), '');
  }
  lines.push('**Bound namespaces** (service accounts granted `use`)', '');
  if (m.all.length > 0) lines.push(`- every namespace: ${m.all.map((g) => `${g.via} (${relative(g.uri, folders)})`).join('; ')}`);
  if (m.namespaces.length === 0 && m.all.length === 0) lines.push('- none found: no RoleBinding or ClusterRoleBinding in the workspace grants `use` on it');
  lines.push(...m.namespaces.map((s) => `- \`${s.name}\`: ${stepText(s, target.level)} · via ${s.grants.map((g) => g.via).join('; ')}`));
  if (m.namespaces.length > 0) lines.push('', '```sh', ...m.namespaces.map((s) => kubectlDryRun(s.name, target)), '```');
  lines.push('');
  if (mapping.verify.length > 0) lines.push(`**Verify on workloads** (PSS checks no PodSecurityPolicy expresses): ${mapping.verify.map((v) => `\`${v.check}\``).join(', ')}`, '');
  for (const a of mapping.advice) lines.push(`_Note_: ${a}`, '');
  for (const p of mapping.problems) lines.push(`_Invalid_: ${p} (counted as unset)`, '');
  lines.push(`[PodSecurityPolicy migration](${PSP_DOC_URL})`);
  return lines.join('\n');
}

function stepText(s: NamespaceStep, level: string): string {
  switch (s.state) {
    case 'create':
      return 'no Namespace manifest in the workspace';
    case 'label':
      return `label its manifest with enforce=${level}`;
    case 'labelled':
      return 'already labelled';
    case 'conflict':
      return `its manifest has ${s.current ?? 'other labels'}: not changed`;
    case 'invalid-name':
      return 'not a valid namespace name';
  }
}
