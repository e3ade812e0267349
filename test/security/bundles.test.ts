import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import * as esbuild from 'esbuild';

/**
 * What the extension and the language server can do to the machine, read from what they import.
 * The bundles are built again here with esbuild's metafile, which says which file imports which
 * node module, so a new `child_process` or network import anywhere fails this test.
 */
const ROOT = resolve(__dirname, '../../..');

/** Node modules that reach the network or run programs. */
const NETWORK = ['http', 'https', 'http2', 'net', 'tls', 'dgram', 'dns', 'inspector'];
const EXEC = ['child_process', 'worker_threads', 'cluster', 'vm'];

/**
 * Our own code may read files and paths, nothing else. `node:fs` is for the non-blocking open
 * flag of `readText.ts`.
 */
const OWN_CODE_MAY_IMPORT = new Set(['fs', 'fs/promises', 'path', 'url', 'vscode']);

/**
 * What the protocol libraries import, and why it is not used against the workspace:
 * - vscode-languageclient forks the bundled `dist/server.js` (a path inside the extension) with
 *   `child_process`; `net` backs its pipe and socket transports, unused with IPC.
 * - vscode-languageserver imports `child_process` for `Files.resolveGlobalNodePath` (runs `npm`),
 *   which podsec never calls (checked below), and `net` for the pipe/socket transports.
 */
const LIBRARY_MAY_IMPORT: Record<string, readonly string[]> = {
  'vscode-languageclient': ['child_process'],
  'vscode-languageserver': ['child_process', 'net'],
  'vscode-jsonrpc': ['net'],
};

async function nodeImports(entry: string, external: string[]): Promise<Array<{ importer: string; module: string }>> {
  const result = await esbuild.build({
    entryPoints: [join(ROOT, entry)],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    metafile: true,
    external,
    logLevel: 'silent',
    plugins: [
      {
        name: 'check-docs-stub',
        setup(build) {
          build.onResolve({ filter: /^podsec:check-docs$/ }, () => ({ path: 'check-docs', namespace: 'stub' }));
          build.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'export default {}', loader: 'js' }));
        },
      },
    ],
  });
  const out: Array<{ importer: string; module: string }> = [];
  for (const [file, input] of Object.entries(result.metafile?.inputs ?? {})) {
    for (const i of input.imports) if (i.external) out.push({ importer: file, module: i.path.replace(/^node:/, '') });
  }
  return out;
}

/** The package a bundled file belongs to, or undefined for podsec's own sources. */
function packageOf(file: string): string | undefined {
  const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(file);
  return match?.[1];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('what the extension and the language server can reach', () => {
  for (const [entry, external] of [
    ['server/src/server.ts', []],
    ['client/src/extension.ts', ['vscode']],
  ] as const) {
    it(`${entry}: our code imports only file and path modules; libraries only what they need to start the server`, async () => {
      const imports = await nodeImports(entry, [...external]);
      assert.ok(imports.length > 0);
      for (const { importer, module } of imports) {
        const pkg = packageOf(importer);
        const where = `${importer} imports ${module}`;
        if (!pkg) {
          assert.ok(OWN_CODE_MAY_IMPORT.has(module), where);
          continue;
        }
        if (NETWORK.includes(module) || EXEC.includes(module)) assert.ok(LIBRARY_MAY_IMPORT[pkg]?.includes(module), where);
      }
      assert.ok(!imports.some((i) => ['http', 'https', 'http2', 'tls', 'dgram', 'dns'].includes(i.module)), 'no HTTP, TLS, UDP or DNS anywhere');
    });
  }

  it('our sources run nothing, fetch nothing and report nothing', () => {
    const files = ['client/src', 'server/src', 'shared/src'].flatMap((d) => sourceFiles(join(ROOT, d)));
    assert.ok(files.length > 50);
    const forbidden: Array<[RegExp, string]> = [
      [/\beval\s*\(|\bnew Function\s*\(/, 'evaluates code'],
      [/\brequire\s*\(|\bimport\s*\(/, 'loads a module at run time'],
      [/\bfetch\s*\(|\bXMLHttpRequest\b|\bWebSocket\b/, 'uses the network'],
      [/\.telemetry\b|TelemetryLogger|telemetry\/event/, 'reports telemetry'],
      [/\bFiles\.resolve|resolveGlobalNodePath|resolveModulePath/, 'runs npm to find modules'],
      [/\bprocess\.(binding|dlopen)\b/, 'loads native code'],
    ];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const [pattern, what] of forbidden) assert.doesNotMatch(text, pattern, `${relative(ROOT, file)} ${what}`);
    }
  });

  it('the client starts only the server bundled with the extension', () => {
    const text = readFileSync(join(ROOT, 'client/src/extension.ts'), 'utf8');
    assert.match(text, /const serverModule = context\.asAbsolutePath\('dist\/server\.js'\);/);
    assert.equal([...text.matchAll(/\bmodule: /g)].length, 2, 'run and debug both start serverModule');
    assert.doesNotMatch(text, /\bcommand: /, 'no executable server option');
  });
});
