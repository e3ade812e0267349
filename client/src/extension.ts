import * as vscode from 'vscode';
import { CloseAction, ErrorAction, LanguageClient, TransportKind, type ErrorHandler, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { COMMANDS, WORKSPACE_TRUSTED_NOTIFICATION } from '../../shared/src/protocol';
import { chooseTargetLevelCommand } from './commands';
import { fixAllCommand } from './fixAll';
import { afterCrash, RestartBudget } from './restartBudget';
import { PolicyStatus } from './statusBar';
import { showWhatIfCommand } from './whatIf';
import { initializationOptions, withAdmissionConfigScope } from './trust';

/**
 * The extension starts the bundled language server and adds a status bar item and four commands.
 * It runs no code from the workspace, sends nothing over the network and collects no telemetry.
 */

let client: LanguageClient | undefined;

/**
 * V8 lets the heap grow to several times what is live before it collects the old generation, and
 * every keystroke in a large file leaves a flattened copy of the text there (4 MB for 100,000
 * lines): with such a file open the server's memory climbed past 320 MiB on garbage alone.
 * Growing by at most the live size keeps the peak near 240 MiB, for a major collection of a small
 * live heap a little more often. bench/lsp.mjs starts the server with the same flags.
 */
const SERVER_NODE_ARGS = ['--heap-growing-percent=100'];

export function activate(context: vscode.ExtensionContext): void {
  // Issue 5's start-up figure (activation → the server answered `initialize`), for bench/startup.mjs.
  const activatedAt = performance.now();
  const output = vscode.window.createOutputChannel('Pod Security', { log: true });
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: SERVER_NODE_ARGS } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_ARGS, '--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
    ],
    synchronize: { configurationSection: 'podsec' },
    outputChannel: output,
    traceOutputChannel: output,
    // In Restricted Mode the server reads no settings that point at files; a function, so a
    // restart after trust was granted starts trusted.
    initializationOptions: () => initializationOptions(vscode.workspace.isTrusted),
    errorHandler: crashHandler(output),
    middleware: {
      workspace: {
        // The server may read an admission configuration outside the workspace only when the
        // person set the path in their user settings; only VS Code knows where a value was set.
        configuration: async (params, token, next) => {
          const results = await next(params, token);
          if (!Array.isArray(results)) return results;
          return withAdmissionConfigScope(params.items, results, (scopeUri) =>
            vscode.workspace.getConfiguration('podsec', scopeUri ? vscode.Uri.parse(scopeUri) : undefined).inspect('admissionConfig'),
          );
        },
      },
    },
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
    vscode.commands.registerCommand(COMMANDS.showWhatIf, showWhatIfCommand),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      if (languageClient.isRunning()) void languageClient.sendNotification(WORKSPACE_TRUSTED_NOTIFICATION);
    }),
  );

  languageClient.start().then(
    () => {
      output.info(`podsec: server ready in ${Math.round(performance.now() - activatedAt)} ms after activation`);
      return status.refresh();
    },
    (e: unknown) => output.error(`the language server did not start: ${e instanceof Error ? e.message : String(e)}`),
  );
}

export async function deactivate(): Promise<void> {
  const running = client;
  client = undefined;
  await running?.stop();
}

/**
 * Restarts a crashed server up to 4 times within 3 minutes, saying so each time; after that it
 * stays down and says so, with a way to the log that explains why.
 */
function crashHandler(output: vscode.LogOutputChannel, budget = new RestartBudget()): ErrorHandler {
  return {
    error: (_error, _message, count) => ({ action: (count ?? 0) <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown }),
    closed: () => {
      const { restart, message } = afterCrash(budget);
      output.error(message);
      const show = restart ? vscode.window.showWarningMessage(message, 'Show Output') : vscode.window.showErrorMessage(message, 'Show Output');
      void show.then((choice) => choice && output.show());
      return { action: restart ? CloseAction.Restart : CloseAction.DoNotRestart, message, handled: true };
    },
  };
}
