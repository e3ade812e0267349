import * as vscode from 'vscode';
import { CloseAction, ErrorAction, LanguageClient, TransportKind, type ErrorHandler, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { COMMANDS } from '../../shared/src/protocol';
import { chooseTargetLevelCommand } from './commands';
import { fixAllCommand } from './fixAll';
import { RestartBudget } from './restartBudget';
import { PolicyStatus } from './statusBar';

/**
 * The extension starts the bundled language server and adds a status bar item and three commands.
 * It runs no code from the workspace, sends nothing over the network and collects no telemetry.
 */

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel('Pod Security', { log: true });
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
    ],
    synchronize: { configurationSection: 'podsec' },
    outputChannel: output,
    traceOutputChannel: output,
    initializationOptions: {},
    errorHandler: crashHandler(output),
  };
  // The id 'podsec' makes the client read the `podsec.trace.server` setting.
  const languageClient = new LanguageClient('podsec', 'Pod Security', serverOptions, clientOptions);
  client = languageClient;
  const status = new PolicyStatus(languageClient);

  context.subscriptions.push(
    output,
    status,
    vscode.commands.registerCommand(COMMANDS.chooseTargetLevel, chooseTargetLevelCommand),
    vscode.commands.registerCommand(COMMANDS.showOutput, () => output.show()),
    vscode.commands.registerCommand(COMMANDS.fixAll, fixAllCommand),
  );

  languageClient.start().then(
    () => status.refresh(),
    (e: unknown) => output.error(`the language server did not start: ${e instanceof Error ? e.message : String(e)}`),
  );
}

export async function deactivate(): Promise<void> {
  const running = client;
  client = undefined;
  await running?.stop();
}

/**
 * Restarts a crashed server up to 4 times within 3 minutes; after that it stays down and says so,
 * with a way to the log that explains why.
 */
function crashHandler(output: vscode.LogOutputChannel, budget = new RestartBudget()): ErrorHandler {
  return {
    error: (_error, _message, count) => ({ action: (count ?? 0) <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown }),
    closed: () => {
      if (budget.tryRestart()) return { action: CloseAction.Restart };
      const minutes = budget.windowMs / 60_000;
      const message = `Pod Security: the language server crashed ${budget.max + 1} times in the last ${minutes} minutes and will not be restarted.`;
      void vscode.window.showErrorMessage(message, 'Show Output').then((choice) => choice && output.show());
      return { action: CloseAction.DoNotRestart, message, handled: true };
    },
  };
}
