// Preloaded into the language server by bench/lsp-workspace.mjs (`node --require`): counts the
// files the server opens and the folders it lists below BENCH_COUNT_ROOT, so the bench can prove
// which files a re-index reads. Costs one string comparison per call; nothing is printed until
// the bench asks with SIGUSR2, which writes `podsec-bench-reads {json}` to standard error and
// starts counting afresh.
'use strict';
const fsp = require('node:fs/promises');

const root = process.env.BENCH_COUNT_ROOT ?? '/';
let opened = [];
let listed = 0;
const { open, readdir } = fsp;
fsp.open = function countedOpen(path, ...rest) {
  if (String(path).startsWith(root)) opened.push(String(path));
  return open.call(this, path, ...rest);
};
fsp.readdir = function countedReaddir(path, ...rest) {
  if (String(path).startsWith(root)) listed++;
  return readdir.call(this, path, ...rest);
};
process.on('SIGUSR2', () => {
  process.stderr.write(`podsec-bench-reads ${JSON.stringify({ opened, listed })}\n`);
  opened = [];
  listed = 0;
});
