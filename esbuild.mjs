// One esbuild context per bundle: the CLI now, the server and the client as they land.
import * as esbuild from 'esbuild';
import { chmodSync, existsSync, readdirSync, readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const bundles = [
  { entry: 'shared/src/cli/main.ts', out: 'dist/cli.js', banner: '#!/usr/bin/env node' },
  { entry: 'server/src/server.ts', out: 'dist/server.js' },
  { entry: 'client/src/extension.ts', out: 'dist/client.js', external: ['vscode'] },
].filter((b) => existsSync(b.entry));

/** Prints errors in the `file:line:col: error: …` shape VS Code's $esbuild-watch matcher reads. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        if (location) console.error(`${location.file}:${location.line}:${location.column}: error: ${text}`);
        else console.error(`error: ${text}`);
      }
    });
  },
};

/**
 * `podsec:check-docs`: each docs/checks/<id>.md "Allowed values" section, embedded at build time
 * so hovers can say what a check allows without reading files or the network.
 */
const checkDocs = {
  name: 'check-docs',
  setup(build) {
    build.onResolve({ filter: /^podsec:check-docs$/ }, () => ({ path: 'check-docs', namespace: 'podsec' }));
    build.onLoad({ filter: /.*/, namespace: 'podsec' }, () => {
      const dir = new URL('./docs/checks/', import.meta.url);
      const docs = {};
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.md')).sort()) {
        const text = readFileSync(new URL(file, dir), 'utf8');
        const match = /^## Allowed values\s*\n([\s\S]*?)(?=^## )/m.exec(text);
        if (match) docs[file.slice(0, -3)] = match[1].trim();
      }
      return { contents: `export default ${JSON.stringify(docs)};`, loader: 'js', watchFiles: readdirSync(dir).map((f) => new URL(f, dir).pathname) };
    });
  },
};

/**
 * The CLI is run as a program (`npx podsec`, the package's `bin`), which needs the executable bit
 * that esbuild does not set.
 */
const executable = (outfile) => ({
  name: 'executable',
  setup(build) {
    build.onEnd((result) => {
      if (result.errors.length === 0 && existsSync(outfile)) chmodSync(outfile, 0o755);
    });
  },
});

const contexts = await Promise.all(
  bundles.map((b) =>
    esbuild.context({
      entryPoints: [b.entry],
      outfile: b.out,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      minify: production,
      sourcemap: !production,
      external: b.external ?? [],
      banner: b.banner ? { js: b.banner } : undefined,
      define: { PODSEC_VERSION: JSON.stringify(pkg.version) },
      logLevel: 'silent',
      plugins: [problemMatcher, checkDocs, ...(b.banner ? [executable(b.out)] : [])],
    }),
  ),
);

if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  const results = await Promise.allSettled(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
  if (results.some((r) => r.status === 'rejected')) process.exit(1);
}
