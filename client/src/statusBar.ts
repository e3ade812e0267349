import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { parseLevelVersion, renderLevelVersion } from '../../shared/src/policy/levelVersion';
import { COMMANDS, EFFECTIVE_POLICY_REQUEST, POLICY_CHANGED_NOTIFICATION, type EffectivePolicyParams, type EffectivePolicyResult } from '../../shared/src/protocol';

const DEBOUNCE_MS = 300;
const SCHEMES = ['file', 'untitled'];

/**
 * The status bar item for YAML editors: the enforce pair the server reports for the active
 * document (`$(shield) restricted:latest`), with a warning background when it rejects a workload.
 */
export class PolicyStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('podsec.status', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[] = [this.item];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pending: vscode.CancellationTokenSource | undefined;
  /** Bumped on every refresh, so a late answer for an older state is dropped. */
  private generation = 0;

  constructor(private readonly client: LanguageClient) {
    this.item.name = 'Pod Security';
    this.item.command = COMMANDS.chooseTargetLevel;
    const isActive = (doc: vscode.TextDocument) => doc === vscode.window.activeTextEditor?.document;
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => void this.refresh()),
      vscode.workspace.onDidOpenTextDocument((doc) => isActive(doc) && this.schedule()),
      vscode.workspace.onDidChangeTextDocument((e) => isActive(e.document) && this.schedule()),
      vscode.workspace.onDidSaveTextDocument((doc) => isActive(doc) && this.schedule()),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('podsec') && this.schedule()),
      client.onNotification(POLICY_CHANGED_NOTIFICATION, () => this.schedule()),
    );
  }

  /** Re-queries the server for the active editor now. */
  async refresh(): Promise<void> {
    clearTimeout(this.timer);
    this.pending?.cancel();
    const generation = ++this.generation;
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || doc.languageId !== 'yaml' || !SCHEMES.includes(doc.uri.scheme)) {
      this.item.hide();
      return;
    }
    const pending = (this.pending = new vscode.CancellationTokenSource());
    const params: EffectivePolicyParams = { uri: this.client.code2ProtocolConverter.asUri(doc.uri) };
    let result: EffectivePolicyResult | Error;
    try {
      result = await this.client.sendRequest<EffectivePolicyResult>(EFFECTIVE_POLICY_REQUEST, params, pending.token);
    } catch (e) {
      result = e instanceof Error ? e : new Error(String(e));
    } finally {
      pending.dispose();
    }
    if (generation !== this.generation) return;
    if (result instanceof Error || result === null) this.showSetting(doc, result === null ? 'no workloads in this file' : 'the Pod Security server is not running');
    else this.showResult(result);
    this.item.show();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.pending?.cancel();
    for (const d of this.disposables) d.dispose();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), DEBOUNCE_MS);
  }

  private showResult(result: NonNullable<EffectivePolicyResult>): void {
    this.item.text = `$(shield) ${result.enforce}`;
    this.item.backgroundColor = result.rejected > 0 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    const workloads = `${result.workloads} ${result.workloads === 1 ? 'workload' : 'workloads'}`;
    const rejected = result.rejected === 0 ? 'none rejected' : `${result.rejected} rejected at enforce`;
    this.item.tooltip = tooltip(`Pod Security: enforce level from ${result.source}`, `${workloads}, ${rejected}`);
  }

  /** No answer from the server: the configured level, normalized as the server reads it. */
  private showSetting(doc: vscode.TextDocument, why: string): void {
    const raw = vscode.workspace.getConfiguration('podsec', doc.uri).get<unknown>('enforce');
    const parsed = typeof raw === 'string' ? parseLevelVersion(raw.trim()).value : undefined;
    const enforce = parsed ? renderLevelVersion(parsed) : 'baseline:latest';
    this.item.text = `$(shield) ${enforce}`;
    this.item.backgroundColor = undefined;
    this.item.tooltip = tooltip('Pod Security: enforce level from setting podsec.enforce', why);
  }
}

/** Plain lines (escaped: sources hold paths and quotes), then the click hint. */
function tooltip(...lines: string[]): vscode.MarkdownString {
  return new vscode.MarkdownString().appendText([...lines, 'Click to choose the target level'].join('\n'));
}
