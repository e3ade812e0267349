import { pathToFileURL } from 'node:url';
import { isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CodeActionKind,
  CodeLensRefreshRequest,
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { EFFECTIVE_POLICY_REQUEST, FIX_ALL_KIND, POLICY_CHANGED_NOTIFICATION, type EffectivePolicyParams } from '../../shared/src/protocol';
import type { Settings } from '../../shared/src/settings';
import { Analysis, type Analyzed } from './analysis';
import { codeActions, deferredTarget, resolveCodeAction, type CodeActionSupport } from './features/codeActions';
import { codeLenses } from './features/codeLens';
import { diagnosticsFor } from './features/diagnostics';
import { effectivePolicy } from './features/effectivePolicy';
import { hover } from './features/hover';
import { SettingsStore } from './settings';
import { Workspace } from './workspace';

/** Wiring only: connection, documents, capabilities, feature registration. */
const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const analysis = new Analysis();
const workspace = new Workspace();
let folders: string[] = [];
let canPullConfiguration = false;
let canWatchFiles = false;
let canRefreshCodeLens = false;
let codeActionSupport: CodeActionSupport = { documentChanges: false, resolve: false };
/**
 * Namespace context is unknown until the first scan of the workspace ends; diagnostics published
 * before would show findings under the wrong policy and then change. The scan validates every
 * open document when it ends.
 */
let indexed = false;
const settings = new SettingsStore(connection, () => canPullConfiguration);
/** Problems with files named by settings, shown once each. */
const reported = new Set<string>();

connection.onInitialize((params) => {
  canPullConfiguration = Boolean(params.capabilities.workspace?.configuration);
  canWatchFiles = Boolean(params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration);
  canRefreshCodeLens = Boolean(params.capabilities.workspace?.codeLens?.refreshSupport);
  const codeAction = params.capabilities.textDocument?.codeAction;
  codeActionSupport = {
    documentChanges: Boolean(params.capabilities.workspace?.workspaceEdit?.documentChanges),
    resolve: Boolean(codeAction?.dataSupport && codeAction.resolveSupport?.properties.includes('edit')),
  };
  folders = (params.workspaceFolders ?? []).map((f) => f.uri);
  if (folders.length === 0 && params.rootUri) folders = [params.rootUri];
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      codeLensProvider: { resolveProvider: false },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: codeActionSupport.resolve },
    },
    serverInfo: { name: 'podsec' },
  };
});

connection.onInitialized(async () => {
  if (canPullConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'podsec' });
  if (canWatchFiles) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{yaml,yml}' }] });
  try {
    const progress = await connection.window.createWorkDoneProgress();
    progress.begin('Pod Security: indexing namespaces', undefined, 'scanning workspace YAML files');
    const files = await workspace.scan(folders, (n) => progress.report(`${n} files`));
    // Open documents win over their files on disk.
    for (const doc of documents.all()) workspace.update(doc.uri, doc.getText());
    progress.done();
    connection.console.info(`podsec: indexed ${files} YAML files`);
  } finally {
    indexed = true;
    contextChanged();
  }
});

connection.onDidChangeConfiguration(() => {
  settings.clear();
  workspace.forgetNamed();
  contextChanged();
});

connection.onDidChangeWatchedFiles(async ({ changes }) => {
  let changed = false;
  for (const change of changes) {
    if (documents.get(change.uri)) continue;
    changed = (change.type === FileChangeType.Deleted ? workspace.remove(change.uri) : await workspace.readFile(change.uri)) || changed;
  }
  if (changed) contextChanged();
});

documents.onDidChangeContent((change) => {
  if (workspace.update(change.document.uri, change.document.getText())) contextChanged();
  else void validate(change.document);
});

documents.onDidClose(async (e) => {
  analysis.forget(e.document.uri);
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  // The editor's unsaved text no longer counts: go back to the file on disk.
  if (await workspace.readFile(e.document.uri)) contextChanged();
});

connection.onHover(async ({ textDocument, position }) => {
  const doc = documents.get(textDocument.uri);
  const analyzed = doc && (await analyze(doc));
  return doc && analyzed ? hover(doc, analyzed.result, position, folders) : null;
});

connection.onCodeLens(async ({ textDocument }) => {
  const doc = documents.get(textDocument.uri);
  const analyzed = doc && (await analyze(doc));
  return doc && analyzed ? codeLenses(doc, analyzed.result) : [];
});

connection.onRequest(EFFECTIVE_POLICY_REQUEST, async ({ uri }: EffectivePolicyParams) => {
  const doc = documents.get(uri);
  const analyzed = doc && (await analyze(doc));
  return analyzed ? effectivePolicy(analyzed.result, folders) : null;
});

// Code actions are computed on the document's current version only; a request that raced an
// edit gets nothing rather than edits for text that is gone.
connection.onCodeAction(async (params) => {
  const doc = documents.get(params.textDocument.uri);
  const analyzed = doc && (await analyze(doc));
  return doc && analyzed?.version === doc.version ? codeActions(doc, analyzed, params, codeActionSupport) : [];
});

connection.onCodeActionResolve(async (action) => {
  const target = deferredTarget(action.data);
  const doc = target && documents.get(target.uri);
  if (!doc || doc.version !== target?.version) return action;
  const analyzed = await analyze(doc);
  return analyzed?.version === doc.version ? resolveCodeAction(doc, analyzed, action, codeActionSupport) : action;
});

/** Settings or namespace context changed: every open document may have new results. */
function contextChanged(): void {
  analysis.invalidate();
  for (const doc of documents.all()) void validate(doc);
  void connection.sendNotification(POLICY_CHANGED_NOTIFICATION);
  if (canRefreshCodeLens) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
}

async function analyze(doc: TextDocument): Promise<Analyzed | undefined> {
  const version = doc.version;
  const current = analysis.peek(doc.uri, version);
  if (current) return current;
  const epoch = analysis.currentEpoch;
  const docSettings = await settings.forDocument(doc.uri);
  const configUri = admissionUri(docSettings);
  if (configUri) {
    const problem = await workspace.ensureAdmissionFile(configUri);
    if (problem && !reported.has(problem)) {
      reported.add(problem);
      void connection.window.showWarningMessage(problem);
    }
  }
  // Settings or namespace context changed while we waited: the validation it started wins.
  if (documents.get(doc.uri)?.version !== version || analysis.currentEpoch !== epoch) return undefined;
  try {
    return analysis.get(doc.uri, version, doc.getText(), { settings: docSettings, index: workspace.index, admission: workspace.admission(configUri) });
  } catch (e) {
    connection.console.error(`podsec: evaluating ${doc.uri} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return undefined;
  }
}

async function validate(doc: TextDocument): Promise<void> {
  if (!indexed) return;
  const version = doc.version;
  const epoch = analysis.currentEpoch;
  const analyzed = await analyze(doc);
  // A newer edit or context change arrived meanwhile: its own validation publishes.
  if (!analyzed || documents.get(doc.uri)?.version !== version || analysis.currentEpoch !== epoch) return;
  const diagnostics = diagnosticsFor(doc, analyzed.result, folders, workspace.admissionProblems(doc.uri));
  await connection.sendDiagnostics({ uri: doc.uri, version, diagnostics });
}

/** `podsec.admissionConfig` as a file URI, relative paths against the first workspace folder. */
function admissionUri(s: Settings): string | undefined {
  if (!s.admissionConfig) return undefined;
  if (isAbsolute(s.admissionConfig)) return pathToFileURL(s.admissionConfig).toString();
  const folder = folders[0];
  return folder?.startsWith('file:') ? pathToFileURL(join(fileURLToPath(folder), s.admissionConfig)).toString() : undefined;
}

documents.listen(connection);
connection.listen();
