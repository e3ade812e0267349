import { format } from 'node:util';
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
  mocha.addFile(join(__dirname, 'extension.e2e.js'));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} editor test(s) failed`)) : resolve()));
  });
}
