import { pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  CodeLensRefreshRequest,
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  LSPErrorCodes,
  ProposedFeatures,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type Diagnostic,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_SETTINGS } from '../../shared/src/settings';
import {
  EFFECTIVE_POLICY_REQUEST,
  FIX_ALL_KIND,
  POLICY_CHANGED_NOTIFICATION,
  WORKSPACE_TRUSTED_NOTIFICATION,
  type EffectivePolicyParams,
  type InitializationOptions,
} from '../../shared/src/protocol';
import { Analysis, Analyzed } from './analysis';
import { codeActions, deferredTarget, resolveCodeAction, type CodeActionSupport } from './features/codeActions';
import { codeLenses } from './features/codeLens';
import { DiagnosticsCache } from './features/diagnostics';
import { effectivePolicy } from './features/effectivePolicy';
import { hover } from './features/hover';
import { pspCodeActions } from './features/psp/codeActions';
import { fileReader, type PspContext } from './features/psp/context';
import { pspHover } from './features/psp/hover';
import { pspDiagnostics } from './features/psp/policies';
import { failIfTestMarker, FailureLog } from './failures';
import { fileTooLarge, limitDiagnostics } from './limits';
import { filePath } from './roots';
import { scanRules } from './scanRules';
import { ValidationScheduler } from './scheduler';
import { SettingsStore } from './settings';
import { Workspace, type ScanFolder } from './workspace';
import { whatIfHover, whatIfLenses, type WhatIfEnvironment } from './features/whatIf';
import { WhatIfStore, type FileSource } from './whatIf';
import { parseDocuments } from '../../shared/src/yaml/parse';

/** Wiring only: connection, documents, capabilities, feature registration. */
const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const analysis = new Analysis();
const converted = new DiagnosticsCache();
const workspace = new Workspace();
const whatIf = new WhatIfStore((uri) => workspace.readText(uri));
let folders: string[] = [];
let canPullConfiguration = false;
let canWatchFiles = false;
let canRefreshCodeLens = false;
/** VS Code's Restricted Mode says false; other editors say nothing, and everything applies. */
let trusted = true;
let codeActionSupport: CodeActionSupport = { documentChanges: false, resolve: false };
/**
 * Namespace context is unknown until the first scan of the workspace ends; diagnostics published
 * before would show findings under the wrong policy and then change. The scan validates every
 * open document when it ends.
 */
let indexed = false;
const settings = new SettingsStore(connection, () => canPullConfiguration, {
  trusted: () => trusted,
  folders: () => folders.map(filePath).filter((p): p is string => p !== undefined),
});
/** Problems with files named by settings, shown once each. */
const reported = new Set<string>();
const failures = new FailureLog((message) => connection.console.error(message));
const scheduler = new ValidationScheduler((uri) => validate(uri));
/** Scans run one after the other; `scanKey` says which rules the last one used. */
let scanning: Promise<unknown> = Promise.resolve();
let scanKey: string | undefined;

connection.onInitialize((params) => {
  canPullConfiguration = Boolean(params.capabilities.workspace?.configuration);
  canWatchFiles = Boolean(params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration);
  canRefreshCodeLens = Boolean(params.capabilities.workspace?.codeLens?.refreshSupport);
  const codeAction = params.capabilities.textDocument?.codeAction;
  codeActionSupport = {
    documentChanges: Boolean(params.capabilities.workspace?.workspaceEdit?.documentChanges),
    resolve: Boolean(codeAction?.dataSupport && codeAction.resolveSupport?.properties.includes('edit')),
  };
  trusted = (params.initializationOptions as InitializationOptions | undefined)?.isTrusted !== false;
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
  // files.exclude and search.exclude decide what the workspace scan reads.
  if (canPullConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: ['podsec', 'files.exclude', 'search.exclude'] });
  if (canWatchFiles) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{yaml,yml}' }] });
  await scanWorkspace();
  indexed = true;
  contextChanged();
});

connection.onDidChangeConfiguration(async () => {
  settings.clear();
  workspace.forgetNamed();
  // A change of the exclusions means another scan; the documents are validated once, after it.
  await scanWorkspace();
  contextChanged();
});

connection.onNotification(WORKSPACE_TRUSTED_NOTIFICATION, () => {
  trusted = true;
  settings.clear();
  workspace.forgetNamed();
  contextChanged();
});

connection.onDidChangeWatchedFiles(async ({ changes }) => {
  let changed = false;
  for (const change of changes) {
    whatIf.forget(change.uri);
    if (documents.get(change.uri)) continue;
    changed = (change.type === FileChangeType.Deleted ? workspace.remove(change.uri) : await workspace.readFile(change.uri)) || changed;
  }
  if (changed) contextChanged();
  else whatIfChanged();
});

documents.onDidChangeContent((change) => {
  if (workspace.updateOpen(change.document.uri, change.document.getText())) contextChanged();
  else {
    scheduler.request(change.document.uri);
    whatIfChanged();
  }
});

documents.onDidClose(async (e) => {
  scheduler.forget(e.document.uri);
  failures.forget(e.document.uri);
  analysis.forget(e.document.uri);
  whatIf.forget(e.document.uri);
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  // The editor's unsaved text no longer counts: go back to the file on disk.
  if (await workspace.readFile(e.document.uri)) contextChanged();
});

connection.onHover(async ({ textDocument, position }, token) => {
  const target = await analyzeForRequest(textDocument.uri, token);
  if (!target) return null;
  return (
    pspHover(target.doc, target.analyzed, position, pspContext()) ??
    hover(target.doc, { objects: target.analyzed.placement.objectsAt(target.doc.offsetAt(position)) }, position, folders) ??
    (await whatIfHover(target.doc, target.analyzed, position, () => whatIfEnvironment(target.doc, token)))
  );
});

connection.onCodeLens(async ({ textDocument }, token) => {
  const target = await analyzeForRequest(textDocument.uri, token);
  if (!target) return [];
  return [...codeLenses(target.doc, target.analyzed.placement), ...(await whatIfLenses(target.doc, target.analyzed, () => whatIfEnvironment(target.doc, token)))];
});

connection.onRequest(EFFECTIVE_POLICY_REQUEST, async ({ uri }: EffectivePolicyParams, token: CancellationToken) => {
  const target = await analyzeForRequest(uri, token);
  return target ? effectivePolicy({ objects: target.analyzed.placement.pieces.flatMap((p) => p.result.objects) }, folders) : null;
});

// Code actions are computed on the document's current version only; a request that raced an
// edit gets nothing rather than edits for text that is gone.
connection.onCodeAction(async (params, token) => {
  const target = await analyzeForRequest(params.textDocument.uri, token);
  if (!target || target.analyzed.version !== target.doc.version) return [];
  const psp = await pspCodeActions(target.doc, target.analyzed, params, pspContext(), fileReader((uri) => documents.get(uri), DEFAULT_SETTINGS.maxFileSize), codeActionSupport);
  return [...codeActions(target.doc, target.analyzed, params, codeActionSupport), ...psp];
});

/** What the PodSecurityPolicy features read from the workspace. */
function pspContext(): PspContext {
  return { rbac: workspace.rbac, index: workspace.index, folders };
}

connection.onCodeActionResolve(async (action, token) => {
  const target = deferredTarget(action.data);
  const doc = target && documents.get(target.uri);
  if (!doc || doc.version !== target?.version) return action;
  const analyzed = await analyze(doc, token);
  throwIfCancelled(token);
  return analyzed?.version === doc.version ? resolveCodeAction(doc, analyzed, action, codeActionSupport) : action;
});

/**
 * Scans the workspace folders, unless the rules are those of the last scan. Never rejects: a scan
 * that fails (it skips what it cannot read, so only a bug makes it fail) leaves the index as it got.
 */
function scanWorkspace(): Promise<unknown> {
  scanning = scanning.then(async () => {
    const scanFolders: ScanFolder[] = await Promise.all(folders.map(async (uri) => ({ uri, rules: await folderRules(uri) })));
    const key = JSON.stringify(scanFolders.map((f) => [f.uri, f.rules.key]));
    if (key === scanKey) return;
    scanKey = key;
    const progress = await connection.window.createWorkDoneProgress();
    progress.begin('Pod Security: indexing namespaces', undefined, 'scanning workspace YAML files');
    await workspace.configure(scanFolders);
    const files = await workspace.scan((n) => progress.report(`${n} files`));
    // Open documents win over their files on disk.
    for (const doc of documents.all()) workspace.update(doc.uri, doc.getText());
    progress.done();
    connection.console.info(`podsec: indexed ${files} YAML files`);
  }).catch((e: unknown) => connection.console.error(`podsec: scanning the workspace failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));
  return scanning;
}

async function folderRules(folderUri: string) {
  const [filesExclude, searchExclude]: unknown[] = canPullConfiguration
    ? await connection.workspace
        .getConfiguration([
          { scopeUri: folderUri, section: 'files.exclude' },
          { scopeUri: folderUri, section: 'search.exclude' },
        ])
        .catch(() => [])
    : [];
  return scanRules(filesExclude, searchExclude, await settings.forDocument(folderUri));
}

/** Settings or namespace context changed: every open document may have new results. */
function contextChanged(): void {
  analysis.invalidate();
  for (const doc of documents.all()) scheduler.request(doc.uri);
  void connection.sendNotification(POLICY_CHANGED_NOTIFICATION);
  if (canRefreshCodeLens) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
}

/** What the what-if lens and hover of a Namespace document need; built only when one asks. */
async function whatIfEnvironment(doc: TextDocument, token: CancellationToken): Promise<WhatIfEnvironment> {
  const docSettings = await settings.forDocument(doc.uri);
  const admission = workspace.admission(docSettings.admissionConfig ? pathToFileURL(docSettings.admissionConfig).toString() : undefined);
  return {
    store: whatIf,
    context: { settings: docSettings, index: workspace.index, admission },
    placement: [workspace.index.kustomizationsKey(), docSettings.namespaceSource, docSettings.defaultNamespace, admissionId(admission)].join('\u0000'),
    files: () => whatIfFiles(),
    isCancelled: () => token.isCancellationRequested,
  };
}

/** Each admission configuration object gets a number: a new one (re-read, changed) is another placement. */
const admissionIds = new WeakMap<object, number>();
let admissionCount = 0;
function admissionId(admission: object | undefined): string {
  if (!admission) return '';
  let id = admissionIds.get(admission);
  if (id === undefined) admissionIds.set(admission, (id = ++admissionCount));
  return String(id);
}
function* whatIfFiles(): Iterable<[string, FileSource]> {
  for (const uri of workspace.files()) {
    const doc = documents.get(uri);
    if (!doc) {
      yield [uri, { disk: true }];
      continue;
    }
    const { version } = doc;
    const text = doc.getText();
    // An open document's parse is reused when its analysis is current.
    yield [uri, { version, text, documents: () => analysis.peek(uri, version)?.documents ?? parseDocuments(text) }];
  }
}

/** A workload changed: visible what-if lenses recount, once the edits pause. */
let whatIfRefresh: ReturnType<typeof setTimeout> | undefined;
function whatIfChanged(): void {
  if (!canRefreshCodeLens || !whatIf.isInUse) return;
  clearTimeout(whatIfRefresh);
  whatIfRefresh = setTimeout(() => void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined), 500);
}

/** A request's document and its current analysis; a cancelled request ends with RequestCancelled. */
async function analyzeForRequest(uri: string, token: CancellationToken): Promise<{ doc: TextDocument; analyzed: Analyzed } | undefined> {
  const doc = documents.get(uri);
  const analyzed = doc && (await analyze(doc, token));
  throwIfCancelled(token);
  return doc && analyzed ? { doc, analyzed } : undefined;
}

function throwIfCancelled(token: CancellationToken): void {
  if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
}

async function analyze(doc: TextDocument, token?: CancellationToken): Promise<Analyzed | undefined> {
  const outcome = await evaluateCurrent(doc, token);
  return outcome instanceof Analyzed ? outcome : undefined;
}

/**
 * The analysis of the document's current version, or the one diagnostic that stands in for it
 * (the file is over podsec.maxFileSize, or evaluating it failed); undefined when the work is moot
 * (a newer version or context arrived, or the request was cancelled).
 */
async function evaluateCurrent(doc: TextDocument, token?: CancellationToken): Promise<Analyzed | Diagnostic | undefined> {
  const version = doc.version;
  const current = analysis.peek(doc.uri, version);
  if (current) return current;
  const epoch = analysis.currentEpoch;
  const docSettings = await settings.forDocument(doc.uri);
  const configUri = docSettings.admissionConfig ? pathToFileURL(docSettings.admissionConfig).toString() : undefined;
  if (configUri) {
    const problem = await workspace.ensureAdmissionFile(configUri, docSettings.maxFileSize);
    if (problem && !reported.has(problem)) {
      reported.add(problem);
      void connection.window.showWarningMessage(problem);
    }
  }
  // Settings or namespace context changed while we waited: the validation it started wins.
  if (documents.get(doc.uri)?.version !== version || analysis.currentEpoch !== epoch || token?.isCancellationRequested) return undefined;
  const tooLarge = fileTooLarge(doc, docSettings.maxFileSize);
  if (tooLarge) return tooLarge;
  try {
    failIfTestMarker(doc.getText());
    const analyzed = analysis.get(doc.uri, version, doc.getText(), { settings: docSettings, index: workspace.index, admission: workspace.admission(configUri) });
    failures.forget(doc.uri);
    return analyzed;
  } catch (e) {
    return failures.failed(doc, e);
  }
}

/** Publishes the diagnostics of a document's current version; the scheduler decides when. */
async function validate(uri: string): Promise<void> {
  const doc = documents.get(uri);
  if (!indexed || !doc) return;
  const version = doc.version;
  const epoch = analysis.currentEpoch;
  const docSettings = await settings.forDocument(uri);
  const outcome = await evaluateCurrent(doc);
  // A newer edit or context change arrived meanwhile: its own validation publishes.
  if (!outcome || documents.get(uri)?.version !== version || analysis.currentEpoch !== epoch) return;
  let diagnostics: Diagnostic[];
  try {
    diagnostics =
      outcome instanceof Analyzed
        ? limitDiagnostics(doc, [...converted.diagnostics(doc, outcome.placement, folders, workspace.admissionProblems(uri)), ...pspDiagnostics(doc, outcome)], docSettings.maxDiagnostics)
        : [outcome];
  } catch (e) {
    diagnostics = [failures.failed(doc, e)];
  }
  await connection.sendDiagnostics({ uri, version, diagnostics });
}

documents.listen(connection);
connection.listen();
