import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import {
  CodeActionRequest,
  CodeActionResolveRequest,
  CodeLensRefreshRequest,
  CodeLensRequest,
  ConfigurationRequest,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  HoverRequest,
  WorkDoneProgressCreateRequest,
  type ClientCapabilities,
  type CodeAction,
  type CodeActionContext,
  type CodeLens,
  type Command,
  type Range,
  type Hover,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShowMessageNotification,
  ShowMessageRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type CancellationToken,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

import { EFFECTIVE_POLICY_REQUEST, POLICY_CHANGED_NOTIFICATION, type EffectivePolicyResult } from '../../shared/src/protocol';

const SERVER = resolve(__dirname, '../../../dist/server.js');

/** A real LSP client driving the bundled server over stdio, as an editor would. */
export class LspClient {
  /** window/showMessage texts, in order. */
  readonly messages: string[] = [];
  /** window/logMessage texts (the server's log), in order. */
  readonly logs: string[] = [];
  /** Every publishDiagnostics, in order. */
  readonly published: PublishDiagnosticsParams[] = [];
  /** The `podsec` section of workspace/configuration. */
  settings: unknown = {};
  /** Other sections (`files.exclude`, …) by name; missing ones are null, as in an editor without them. */
  sections: Record<string, unknown> = {};
  private readonly proc: ChildProcess;
  private readonly connection: ProtocolConnection;
  private readonly waiters: Array<{ match: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }> = [];
  /** workspace/codeLens/refresh requests received (sent only when `start` declared support). */
  lensRefreshes = 0;
  private lensRefreshWaiters: Array<() => void> = [];
  /** While set, configuration requests wait for it (see holdConfiguration). */
  private configurationGate: Promise<void> | undefined;
  private onConfigurationAsked: (() => void) | undefined;

  /** `env` is added to the server's environment (e.g. PODSEC_TEST_FAIL_ON). */
  constructor(options: { env?: Record<string, string> } = {}) {
    this.proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, ...options.env } });
    if (!this.proc.stdout || !this.proc.stdin) throw new Error('no stdio');
    this.connection = createProtocolConnection(new StreamMessageReader(this.proc.stdout), new StreamMessageWriter(this.proc.stdin));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.published.push(p);
      const i = this.waiters.findIndex((w) => w.match(p));
      if (i >= 0) this.waiters.splice(i, 1)[0]?.resolve(p);
    });
    this.connection.onNotification(LogMessageNotification.type, (p) => {
      this.logs.push(p.message);
    });
    this.connection.onRequest(ConfigurationRequest.type, async (params) => {
      this.onConfigurationAsked?.();
      await this.configurationGate;
      return params.items.map((item) => (item.section === undefined || item.section === 'podsec' ? this.settings : (this.sections[item.section] ?? null)));
    });
    this.connection.onRequest(RegistrationRequest.type, () => undefined);
    this.connection.onRequest(CodeLensRefreshRequest.type, () => {
      this.lensRefreshes++;
      for (const resolve of this.lensRefreshWaiters.splice(0)) resolve();
    });
    this.connection.onNotification(ShowMessageNotification.method, (p: { message: string }) => {
      this.messages.push(p.message);
    });
    this.connection.onRequest(ShowMessageRequest.method, (p: { message: string }) => {
      this.messages.push(p.message);
      return null;
    });
    this.connection.listen();
  }

  /**
   * Initializes; with a folder, resolves once the server has indexed it. `textDocument` and
   * `workspaceEdit` capabilities can be added, as editors differ there.
   */
  async start(
    folderUri?: string,
    extra: {
      textDocument?: ClientCapabilities['textDocument'];
      workspaceEdit?: NonNullable<ClientCapabilities['workspace']>['workspaceEdit'];
      initializationOptions?: unknown;
      codeLensRefresh?: boolean;
    } = {},
  ): Promise<void> {
    const indexed = new Promise<void>((resolve) => this.connection.onNotification(POLICY_CHANGED_NOTIFICATION, () => resolve()));
    this.connection.onRequest(WorkDoneProgressCreateRequest.method, () => null);
    await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: folderUri ?? null,
      capabilities: {
        workspace: {
          configuration: true,
          didChangeConfiguration: { dynamicRegistration: true },
          didChangeWatchedFiles: { dynamicRegistration: true },
          workspaceEdit: extra.workspaceEdit,
          ...(extra.codeLensRefresh ? { codeLens: { refreshSupport: true } } : {}),
        },
        textDocument: extra.textDocument,
        window: { workDoneProgress: true },
      },
      workspaceFolders: folderUri ? [{ uri: folderUri, name: 'w' }] : null,
      initializationOptions: extra.initializationOptions,
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    await indexed;
  }

  hover(uri: string, line: number, character: number, token?: CancellationToken): Promise<Hover | null> {
    return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } }, token);
  }

  /**
   * Makes workspace/configuration requests wait until the returned `release` is called;
   * `asked` resolves when the server sends the next one. Lets a test act while the server is
   * provably in the middle of a request or validation.
   */
  holdConfiguration(): { asked: Promise<void>; release: () => void } {
    let release = () => {};
    this.configurationGate = new Promise<void>((resolve) => (release = resolve));
    const asked = new Promise<void>((resolve) => (this.onConfigurationAsked = resolve));
    return {
      asked,
      release: () => {
        this.configurationGate = undefined;
        this.onConfigurationAsked = undefined;
        release();
      },
    };
  }

  /** Sends a notification as is. */
  notify(method: string, params?: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  /** Replaces a document's text without waiting for anything. */
  change(uri: string, text: string, version: number): Promise<void> {
    return this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** Tells the server files changed on disk, without waiting. */
  filesChanged(uris: readonly string[]): Promise<void> {
    return this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: uris.map((uri) => ({ uri, type: FileChangeType.Changed as FileChangeType })) });
  }

  /** Resolves at the next workspace/codeLens/refresh request. */
  nextLensRefresh(): Promise<void> {
    return new Promise((resolve) => this.lensRefreshWaiters.push(resolve));
  }

  codeLenses(uri: string, token?: CancellationToken): Promise<CodeLens[] | null> {
    return this.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } }, token);
  }

  /** Code actions for a range, as an editor asks for them: with the diagnostics there, maybe a kind filter. */
  async codeActions(uri: string, range: Range, context: CodeActionContext, token?: CancellationToken): Promise<CodeAction[]> {
    const actions: Array<CodeAction | Command> = (await this.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context }, token)) ?? [];
    return actions.filter((a): a is CodeAction => !('command' in a && typeof a.command === 'string'));
  }

  resolveCodeAction(action: CodeAction): Promise<CodeAction> {
    return this.connection.sendRequest(CodeActionResolveRequest.type, action);
  }

  effectivePolicy(uri: string): Promise<EffectivePolicyResult> {
    return this.connection.sendRequest(EFFECTIVE_POLICY_REQUEST, { uri });
  }

  /** Tells the server a file changed on disk and resolves with the next diagnostics of `watch`. */
  async fileChanged(uri: string, watch: string): Promise<Diagnostic[]> {
    const next = this.diagnostics(watch);
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri, type: FileChangeType.Changed }] });
    return next;
  }

  /** Resolves with the next diagnostics for `uri` (and `version`, when given). */
  diagnostics(uri: string, version?: number): Promise<Diagnostic[]> {
    return new Promise((resolve) => {
      this.waiters.push({ match: (p) => p.uri === uri && (version === undefined || p.version === version), resolve: (p) => resolve(p.diagnostics) });
    });
  }

  async open(uri: string, text: string, version = 1): Promise<Diagnostic[]> {
    const next = this.diagnostics(uri, version);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version, text } });
    return next;
  }

  /** Replaces one range of a document, as editors send keystrokes, and resolves with that version's diagnostics. */
  async edit(uri: string, version: number, range: Range, text: string): Promise<Diagnostic[]> {
    const next = this.diagnostics(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ range, text }] });
    return next;
  }

  /** Closes a document and resolves with the (empty) diagnostics that clear it. */
  async close(uri: string): Promise<Diagnostic[]> {
    const next = this.diagnostics(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    return next;
  }

  async replace(uri: string, text: string, version: number): Promise<Diagnostic[]> {
    const next = this.diagnostics(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
    return next;
  }

  /** Changes the podsec settings (and other sections, when given) and resolves with the next diagnostics of `uri`. */
  async changeSettings(settings: unknown, uri: string, sections?: Record<string, unknown>): Promise<Diagnostic[]> {
    this.settings = settings;
    if (sections) this.sections = sections;
    const next = this.diagnostics(uri);
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: {} });
    return next;
  }

  /** Diagnostic messages may be markup in LSP 3.18; these tests only send plain strings. */
  static text(d: Diagnostic): string {
    return typeof d.message === 'string' ? d.message : d.message.value;
  }

  stop(): void {
    this.connection.dispose();
    this.proc.kill();
  }
}
