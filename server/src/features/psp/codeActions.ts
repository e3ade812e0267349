import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit as LspTextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from '../../../../shared/src/fix/types';
import { appendToFile, commentedSnippet, ENFORCE_LABEL, labelNamespace, lineEnding, namespaceManifest } from '../../../../shared/src/psp/labels';
import type { Migration } from '../../../../shared/src/psp/migration';
import type { Analyzed } from '../../analysis';
import { toRange, type EditSupport } from '../../convert';
import { migrationOf, type PspContext } from './context';
import { policiesOf, PSP_REMOVED } from './policies';

/** A file's current text: the open editor's (with its version) or the one on disk (null). */
export interface FileText {
  readonly text: string;
  readonly version: number | null;
}
export type ReadText = (uri: string) => Promise<FileText | undefined>;

/**
 * On a PodSecurityPolicy's `kind:` line: one action that labels the Namespace manifests of the
 * bound namespaces (minimal proven edits in their files) and appends a Namespace manifest to this
 * file for bound namespaces that have none; one separate action per namespace whose manifest
 * carries other Pod Security labels (never overwritten otherwise); and, when no binding names a
 * namespace, a commented snippet.
 */
export async function pspCodeActions(doc: TextDocument, analyzed: Analyzed, params: CodeActionParams, ctx: PspContext, readText: ReadText, support: EditSupport): Promise<CodeAction[]> {
  const only = params.context.only;
  if (only && !only.some((k) => CodeActionKind.QuickFix === k || CodeActionKind.QuickFix.startsWith(`${k}.`))) return [];
  const out: CodeAction[] = [];
  for (const { policy } of policiesOf(analyzed)) {
    const line = doc.positionAt(policy.kindRange[0]).line;
    if (line < params.range.start.line || line > params.range.end.line) continue;
    const diagnostics = params.context.diagnostics.filter((d) => d.code === PSP_REMOVED && d.range.start.line === line);
    out.push(...(await actionsFor(doc, analyzed, migrationOf(policy, ctx), diagnostics, readText, support)));
  }
  return out;
}

async function actionsFor(doc: TextDocument, analyzed: Analyzed, m: Migration, diagnostics: Diagnostic[], readText: ReadText, support: EditSupport): Promise<CodeAction[]> {
  const { target } = m;
  const label = `${ENFORCE_LABEL}: ${target.level}`;
  const edit = new EditBuilder(support);
  const labelled: string[] = [];
  const conflicts: CodeAction[] = [];
  for (const step of m.namespaces) {
    if (!step.manifest) continue;
    const file = step.manifest.uri === doc.uri ? { text: analyzed.text, version: doc.version } : await readText(step.manifest.uri);
    if (!file) continue;
    const plan = labelNamespace(file.text, step.name, target);
    if (plan.status === 'edit') {
      edit.add(step.manifest.uri, file, plan.edits);
      labelled.push(step.name);
    } else if (plan.status === 'conflict' && plan.overwrite) {
      const overwrite = new EditBuilder(support).add(step.manifest.uri, file, plan.overwrite);
      conflicts.push({ title: `Overwrite the Pod Security labels of namespace ${step.name} (${plan.current}) with ${label}`, kind: CodeActionKind.QuickFix, diagnostics, edit: overwrite.build() });
    }
  }
  const created = m.namespaces.filter((s) => s.state === 'create').map((s) => s.name);
  const eol = lineEnding(analyzed.text);
  if (created.length > 0) {
    const append = appendToFile(analyzed.text, created.map((n) => namespaceManifest(n, target, eol)).join(`---${eol}`), { asDocument: true });
    if (append) edit.add(doc.uri, { text: analyzed.text, version: doc.version }, [append]);
    else created.length = 0;
  }
  const out: CodeAction[] = [];
  if (!edit.isEmpty) {
    const parts = [labelled.length > 0 ? `label namespace${labelled.length > 1 ? 's' : ''} ${labelled.join(', ')}` : '', created.length > 0 ? `add Namespace manifest${created.length > 1 ? 's' : ''} for ${created.join(', ')}` : ''].filter(Boolean);
    const title = `${capitalize(parts.join(' and '))} with ${label} (replaces PodSecurityPolicy ${m.name})`;
    out.push({ title, kind: CodeActionKind.QuickFix, diagnostics, edit: edit.build() });
  }
  out.push(...conflicts);
  if (m.namespaces.length === 0) {
    const snippet = appendToFile(analyzed.text, commentedSnippet(m.name, target, eol), { asDocument: false });
    if (snippet) {
      const edit = new EditBuilder(support).add(doc.uri, { text: analyzed.text, version: doc.version }, [snippet]);
      out.push({ title: `Add a commented Namespace snippet with ${label} (no namespace is bound to PodSecurityPolicy ${m.name})`, kind: CodeActionKind.QuickFix, diagnostics, edit: edit.build() });
    }
  }
  return out;
}

/** One WorkspaceEdit over several files; versioned where the client supports it. */
class EditBuilder {
  private readonly files = new Map<string, { doc: TextDocument; version: number | null; edits: LspTextEdit[] }>();

  constructor(private readonly support: EditSupport) {}

  get isEmpty(): boolean {
    return this.files.size === 0;
  }

  add(uri: string, file: FileText, edits: readonly TextEdit[]): this {
    let entry = this.files.get(uri);
    if (!entry) {
      entry = { doc: TextDocument.create(uri, 'yaml', file.version ?? 0, file.text), version: file.version, edits: [] };
      this.files.set(uri, entry);
    }
    const doc = entry.doc;
    entry.edits.push(...edits.map((e) => ({ range: toRange(doc, e.range), newText: e.newText })));
    return this;
  }

  build(): WorkspaceEdit {
    const files = [...this.files].map(([uri, f]) => ({ uri, ...f }));
    if (this.support.documentChanges) return { documentChanges: files.map((f) => ({ textDocument: { uri: f.uri, version: f.version }, edits: f.edits })) };
    return { changes: Object.fromEntries(files.map((f) => [f.uri, f.edits])) };
  }
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
