import { format } from 'node:util';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

/**
 * Entry point the editor test harness (scripts/vscode-test/run.mjs, or @vscode/test-electron)
 * loads inside VS Code's extension host: run() resolves when every test passes.
 */
export function run(): Promise<void> {
  // The web workbench joins console.log arguments without applying printf formats.
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(format(...args));
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 60_000 });
  // One file per feature; sorted so the order, and so the output, is the same on every run.
  for (const file of readdirSync(__dirname).filter((f) => f.endsWith('.e2e.js')).sort()) mocha.addFile(join(__dirname, file));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} editor test(s) failed`)) : resolve()));
  });
}
