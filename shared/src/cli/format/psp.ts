import { ENFORCE_LABEL, ENFORCE_VERSION_LABEL } from '../../psp/labels';
import { kubectlDryRun, type Migration, type NamespaceStep } from '../../psp/migration';
import { PSP_API_VERSIONS } from '../../psp/objects';

export interface PspReport {
  readonly policies: Array<{ readonly path: string; readonly line: number; readonly migration: Migration; readonly pathOf: (uri: string) => string }>;
  readonly errors: Array<{ readonly path: string; readonly line: number | undefined; readonly message: string }>;
}

/** The report for people: one block per policy, then the errors and a summary line. */
export function formatPspText(report: PspReport): string {
  const out: string[] = [];
  for (const { path, line, migration: m, pathOf } of report.policies) {
    const { mapping, target } = m;
    out.push(`${path}:${line}: PodSecurityPolicy ${m.name} (${m.policy.apiVersion}, removed in Kubernetes ${PSP_API_VERSIONS[m.policy.apiVersion] ?? '1.25'})`);
    out.push(`  level: ${mapping.level} (${ENFORCE_LABEL}=${mapping.level}, ${ENFORCE_VERSION_LABEL}=${target.version})`);
    const deciding = mapping.fields.filter((f) => f.decides);
    if (deciding.length === 0) out.push('  deciding fields: none (every field is compatible with restricted)');
    else out.push('  deciding fields:', ...deciding.map((f) => `    ${f.field} = ${f.value} → ${f.level}: ${f.why}`));
    const others = mapping.fields.filter((f) => !f.decides);
    if (others.length > 0) out.push('  also below restricted:', ...others.map((f) => `    ${f.field} = ${f.value} → ${f.level}: ${f.why}`));
    if (mapping.mutating.length > 0) {
      out.push('  mutating fields (Pod Security Admission never changes pods; set these in the pod specs):');
      out.push(...mapping.mutating.map((f) => `    ${f.field} = ${f.value}: ${f.effect}; pods must set ${f.podsMustSet}`));
    }
    if (m.all.length > 0) out.push(`  bound to every namespace: ${m.all.map((g) => `${g.via} (${pathOf(g.uri)})`).join('; ')}`);
    if (m.namespaces.length === 0 && m.all.length === 0) out.push('  bound namespaces: none found (no RoleBinding or ClusterRoleBinding among the inputs grants use on it)');
    if (m.namespaces.length > 0) out.push('  bound namespaces:');
    for (const s of m.namespaces) {
      out.push(`    ${s.name}: ${stepText(s, pathOf)} (via ${s.grants.map((g) => g.via).join('; ')})`);
      if (s.state !== 'invalid-name') out.push(`      ${kubectlDryRun(s.name, target)}`);
    }
    if (mapping.verify.length > 0) out.push(`  verify on workloads (PSS checks no PodSecurityPolicy expresses): ${mapping.verify.map((v) => v.check).join(', ')}`);
    for (const a of mapping.advice) out.push(`  note: ${a}`);
    for (const p of mapping.problems) out.push(`  invalid: ${p} (counted as unset)`);
    out.push('');
  }
  for (const e of report.errors) out.push(`${e.path}${e.line ? `:${e.line}` : ''}: error: ${e.message}`);
  const n = report.policies.length;
  const byLevel = ['privileged', 'baseline', 'restricted'].map((l) => [l, report.policies.filter((p) => p.migration.mapping.level === l).length] as const).filter(([, c]) => c > 0);
  out.push(n === 0 ? 'No PodSecurityPolicy found.' : `${n} PodSecurityPolicy object${n > 1 ? 's' : ''}: ${byLevel.map(([l, c]) => `${c} ${l}`).join(', ')}.`);
  return `${out.join('\n')}\n`;
}

function stepText(s: NamespaceStep, pathOf: (uri: string) => string): string {
  const at = s.manifest ? `${pathOf(s.manifest.uri)}:${s.manifest.line}` : '';
  switch (s.state) {
    case 'create':
      return 'no Namespace manifest among the inputs; create one with the label';
    case 'label':
      return `label the Namespace manifest at ${at}`;
    case 'labelled':
      return `already labelled (${at})`;
    case 'conflict':
      return `the Namespace manifest at ${at} has ${s.current ?? 'other labels'}; decide before overwriting`;
    case 'invalid-name':
      return 'not a valid namespace name';
  }
}

/** The same data for programs; stable keys, paths as given on the command line. */
export function formatPspJson(report: PspReport): string {
  const policies = report.policies.map(({ path, line, migration: m, pathOf }) => ({
    path,
    line,
    name: m.name,
    apiVersion: m.policy.apiVersion,
    level: m.mapping.level,
    version: m.mapping.version,
    labels: { [ENFORCE_LABEL]: m.target.level, [ENFORCE_VERSION_LABEL]: m.target.version },
    fields: m.mapping.fields,
    mutating: m.mapping.mutating,
    verify: m.mapping.verify,
    advice: m.mapping.advice,
    problems: m.mapping.problems,
    allNamespaces: m.all.map((g) => ({ via: g.via, path: pathOf(g.uri) })),
    namespaces: m.namespaces.map((s) => ({
      name: s.name,
      state: s.state,
      ...(s.current ? { current: s.current } : {}),
      manifest: s.manifest ? { path: pathOf(s.manifest.uri), line: s.manifest.line } : null,
      via: s.grants.map((g) => ({ via: g.via, path: pathOf(g.uri) })),
      kubectl: s.state === 'invalid-name' ? null : kubectlDryRun(s.name, m.target),
    })),
  }));
  return `${JSON.stringify({ policies, errors: report.errors.map((e) => ({ path: e.path, line: e.line ?? null, message: e.message })) }, null, 2)}\n`;
}
