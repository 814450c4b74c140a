'use strict';
// Preloaded (`node --require`) into a process whose peak memory a benchmark reports: as the process
// exits, writes its peak resident set (VmHWM, Linux) to stderr. Plain JavaScript, so that measuring
// loads no transpiler into the process measured.
process.on('exit', () => {
  const status = require('node:fs').readFileSync('/proc/self/status', 'utf8');
  const kib = /^VmHWM:\s+(\d+) kB/m.exec(status);
  if (kib) process.stderr.write(`\npeak-memory-kib ${kib[1]}\n`);
});
