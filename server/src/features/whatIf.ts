import { MarkupKind, type CodeAction, type CodeLens, type Diagnostic, type Hover, type Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { renderLevelVersion } from '../../../shared/src/policy/levelVersion';
import type { LevelVersion } from '../../../shared/src/policy/levelVersion';
import type { Label } from '../../../shared/src/policy/namespaceLabels';
import type { PolicyContext } from '../../../shared/src/policy/resolve';
import { COMMANDS, type WhatIfPick } from '../../../shared/src/protocol';
import { noDryRunReason } from '../../../shared/src/whatif/dryRun';
import { INVALID_NAMESPACE_LABEL, isNamespace, labelFixPlans, psaLabels, type NamespaceLabel } from '../../../shared/src/whatif/namespaceLabels';
import { count, lensTitle, summarize, summaryWarnings, whatIfTarget, type WhatIfSummary } from '../../../shared/src/whatif/whatIf';
import { objectMeta } from '../../../shared/src/workloads/extract';
import type { Range } from '../../../shared/src/yaml/range';
import { DocContext } from '../../../shared/src/yaml/view';
import type { Analyzed } from '../analysis';
import { fixAction, SOURCE, toRange, type EditSupport } from '../convert';
import type { FileSource, LocatedWorkload, WhatIfStore } from '../whatIf';

/**
 * What-if on a Namespace manifest's PSA labels: a code lens and a hover with what the workspace's
 * workloads would meet under these labels, and quick fixes for invalid label values. Workloads
 * are evaluated only when a Namespace document asks (WhatIfStore).
 */

/** What a what-if needs from the server. */
export interface WhatIfEnvironment {
  readonly store: WhatIfStore;
  /** The policy context of the Namespace document (its settings, the workspace, the configuration). */
  readonly context: PolicyContext;
  /** Changes exactly when where workloads land may change (kustomizations, settings, configuration). */
  readonly placement: string;
  files(): Iterable<[string, FileSource]>;
  isCancelled(): boolean;
}

/** A Namespace manifest of the document, with its PSA labels placed in the document's text. */
interface NamespaceDoc {
  readonly name: string;
  readonly labels: readonly NamespaceLabel[];
  /** Where the lens goes: the enforce label's key, else the `labels:` key. */
  readonly lensAt: Range;
  /** Where the hover answers: every PSA label's key and value, and the `labels:` key. */
  readonly hoverAt: readonly Range[];
}

export async function whatIfLenses(doc: TextDocument, analyzed: Analyzed, env: () => Promise<WhatIfEnvironment>): Promise<CodeLens[]> {
  const out: CodeLens[] = [];
  for (const ns of namespaceDocs(analyzed)) {
    const computed = await compute(ns, await env());
    if (!computed) continue;
    const range = toRange(doc, ns.lensAt);
    if ('invalid' in computed) {
      out.push({ range, command: { title: '✗ the API server rejects this Namespace: invalid pod-security labels', command: '' } });
      continue;
    }
    const { summary } = computed;
    const picks = [...summary.rejected, ...summary.warned].map((w) => pick(w));
    const title = lensTitle(summary);
    out.push({ range, command: picks.length > 0 ? { title, command: COMMANDS.showWhatIf, arguments: [{ title: `${title} (namespace "${summary.namespace}")`, picks }] } : { title, command: '' } });
  }
  return out;
}

export async function whatIfHover(doc: TextDocument, analyzed: Analyzed, position: Position, env: () => Promise<WhatIfEnvironment>): Promise<Hover | null> {
  const offset = doc.offsetAt(position);
  for (const ns of namespaceDocs(analyzed)) {
    const at = ns.hoverAt.find((r) => offset >= r[0] && offset <= r[1]);
    if (!at) continue;
    const computed = await compute(ns, await env());
    if (!computed) return null;
    const value = 'invalid' in computed ? `**Pod Security what-if** · namespace \`${ns.name}\`\n\nThe API server rejects this Namespace (invalid pod-security labels): no dry run, nothing changes.` : hoverText(computed.summary, computed.before);
    return { contents: { kind: MarkupKind.Markdown, value }, range: toRange(doc, at) };
  }
  return null;
}

/** Quick fixes for the invalid-label diagnostics sent with a code action request. */
export function labelQuickFixes(doc: TextDocument, analyzed: Analyzed, diagnostics: readonly Diagnostic[], support: EditSupport): CodeAction[] {
  const out: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== SOURCE || diagnostic.code !== INVALID_NAMESPACE_LABEL) continue;
    const start = doc.offsetAt(diagnostic.range.start);
    const end = doc.offsetAt(diagnostic.range.end);
    const label = namespaceDocs(analyzed).flatMap((ns) => ns.labels).find((l) => l.range[0] === start && l.range[1] === end);
    for (const plan of label ? labelFixPlans(label) : []) {
      const fix = analyzed.render(plan);
      if (fix) out.push(fixAction(doc, fix, [diagnostic], support));
    }
  }
  return out;
}

async function compute(ns: NamespaceDoc, env: WhatIfEnvironment): Promise<{ summary: WhatIfSummary<LocatedWorkload>; before: LevelVersion } | { invalid: true } | undefined> {
  const labels = new Map<string, Label>(ns.labels.map((l) => [l.key, { value: l.value }]));
  const target = whatIfTarget(env.context, ns.name, labels);
  if (target.errors.length > 0) return { invalid: true };
  const forFile = (uri: string): PolicyContext => ({ ...env.context, uri });
  const workloads = await env.store.workloads(env.files(), target, { placement: env.placement, forFile }, () => env.isCancelled());
  if (!workloads) return undefined;
  // Compared with the namespace as it is without these labels: what setting them would trigger.
  const before = whatIfTarget(env.context, ns.name, new Map()).policy.enforce;
  return { summary: summarize(target, workloads), before };
}

function hoverText(s: WhatIfSummary, before: LevelVersion): string {
  const lines = [`**Pod Security what-if** · namespace \`${s.namespace}\` at enforce \`${renderLevelVersion(s.enforce)}\`, warn \`${renderLevelVersion(s.warn)}\``, '', lensTitle(s), ''];
  const reason = noDryRunReason(before, s.enforce, s.exemption);
  if (reason) {
    lines.push(`Setting these labels on the namespace without them (\`${renderLevelVersion(before)}\`) triggers no dry run in the API server: ${reason}.`);
    return lines.join('\n');
  }
  const warnings = summaryWarnings(s);
  if (warnings.length === 0) {
    lines.push('`kubectl label --dry-run=server` would print no warnings.');
    return lines.join('\n');
  }
  lines.push('`kubectl label --dry-run=server` would print:', '', '```text', ...warnings.map((w) => `Warning: ${w}`), '```', '');
  lines.push(
    `Offline podsec sees workloads, not pods: each line names a workload (\`metadata.name\`) and counts it once (${count(s.rejected.length, 'workload')} here), where the API server names a pod (\`shop-7c9d5b-abcde\`), counts every replica, and checks at most 3000 pods.`,
  );
  return lines.join('\n');
}

function pick(w: LocatedWorkload): WhatIfPick {
  return {
    label: `${w.rejected ? '$(error)' : '$(warning)'} ${w.kind} ${w.name ?? '(unnamed)'}`,
    description: w.rejected ? `rejected: ${w.shortForm}` : 'would warn',
    uri: w.uri,
    line: w.position.line,
    character: w.position.character,
  };
}

/** The Namespace manifests of a document with PSA labels, read once per version. */
function namespaceDocs(analyzed: Analyzed): NamespaceDoc[] {
  if (!analyzed.text.includes('Namespace')) return [];
  return analyzed.memo('whatIf:namespaces', () => {
    const out: NamespaceDoc[] = [];
    // Only documents that mention `Namespace` are read: a large file of workloads costs one scan.
    const mentions: number[] = [];
    for (let at = analyzed.text.indexOf('Namespace'); at >= 0; at = analyzed.text.indexOf('Namespace', at + 1)) mentions.push(at);
    let next = 0;
    for (const parsed of analyzed.documents) {
      while (next < mentions.length && (mentions[next] ?? 0) < parsed.range[0]) next++;
      if (next >= mentions.length || (mentions[next] ?? 0) >= parsed.range[1] || parsed.errors.length > 0) continue;
      const ctx = new DocContext(parsed.doc, parsed.source, parsed.base);
      const meta = objectMeta(parsed, ctx);
      if (!meta || !isNamespace(meta) || meta.name === undefined) continue;
      const offset = parsed.base?.offset ?? 0;
      const shift = (r: Range): Range => [r[0] + offset, r[1] + offset];
      const labels = psaLabels(meta).map((l) => ({ ...l, range: shift(l.range) }));
      if (labels.length === 0) continue;
      const labelsKey = meta.root.get('metadata').get('labels').keySite;
      const enforce = labels.find((l) => l.key.endsWith('/enforce')) ?? labels.find((l) => l.key.endsWith('/enforce-version'));
      const keyOf = (l: NamespaceLabel): Range => shift(l.view.keySite ?? l.view.valueSite);
      const lensAt = enforce ? keyOf(enforce) : labelsKey ? shift(labelsKey) : (labels[0]?.range ?? [0, 0]);
      const hoverAt = [...labels.flatMap((l) => [keyOf(l), l.range]), ...(labelsKey ? [shift(labelsKey)] : [])];
      out.push({ name: meta.name, labels, lensAt, hoverAt });
    }
    return out;
  });
}
