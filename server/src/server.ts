import { createConnection, DidChangeConfigurationNotification, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { policyFromSettings } from '../../shared/src/settings';
import { Analysis } from './analysis';
import { diagnosticsFor } from './features/diagnostics';
import { SettingsStore } from './settings';

/** Wiring only: connection, documents, capabilities, feature registration. */
const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const analysis = new Analysis();
let canPullConfiguration = false;
const settings = new SettingsStore(connection, () => canPullConfiguration);

connection.onInitialize((params) => {
  canPullConfiguration = Boolean(params.capabilities.workspace?.configuration);
  return {
    capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental },
    serverInfo: { name: 'podsec' },
  };
});

connection.onInitialized(() => {
  if (canPullConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'podsec' });
});

connection.onDidChangeConfiguration(() => {
  settings.clear();
  analysis.invalidate();
  for (const doc of documents.all()) void validate(doc);
});

documents.onDidChangeContent((change) => void validate(change.document));
documents.onDidClose((e) => {
  analysis.forget(e.document.uri);
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

async function validate(doc: TextDocument): Promise<void> {
  const version = doc.version;
  const policy = policyFromSettings(await settings.forDocument(doc.uri));
  // A newer edit arrived while settings loaded: its own validation publishes.
  if (documents.get(doc.uri)?.version !== version) return;
  try {
    const result = analysis.get(doc.uri, version, doc.getText(), policy);
    await connection.sendDiagnostics({ uri: doc.uri, version, diagnostics: diagnosticsFor(doc, result) });
  } catch (e) {
    connection.console.error(`podsec: evaluating ${doc.uri} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  }
}

documents.listen(connection);
connection.listen();
