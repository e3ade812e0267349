// Preloaded (`node --require`) into both sides of bench/peer.mjs: at exit, writes the process's
// own CPU time to standard error as `podsec-bench-cpu {"user":µs,"system":µs}`. On a machine
// shared with other work, CPU time moves far less than wall time. (Writes to a pipe are
// synchronous on Linux, so the line is not lost when the program calls process.exit.)
'use strict';
process.on('exit', () => {
  process.stderr.write(`\npodsec-bench-cpu ${JSON.stringify(process.cpuUsage())}\n`);
});
