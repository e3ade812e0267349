// Test entry point given to the harness as --extensionTestsPath. Same contract as
// @vscode/test-electron: export run(), which resolves when all tests pass and rejects
// otherwise. VS Code turns that into the exit code (0 / 1).
const path = require('path');
const util = require('util');
const Mocha = require('mocha');

// The web workbench hands the extension host's console.log arguments to the harness joined
// by spaces, without applying printf formats ("%d passing (%s) 2 405ms"). Format here so
// mocha's output (failure details above all) prints exactly as in a terminal.
Mocha.reporters.Base.consoleLog = (...args) => console.log(util.format(...args));

exports.run = function run() {
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 20000 });
  mocha.addFile(path.join(__dirname, 'sample.e2e.js'));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} test(s) failed`)) : resolve()));
  });
};
