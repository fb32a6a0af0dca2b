// Preloaded into the measured CLI (`node --require bench/probe.cjs …`): at exit, writes the process's CPU
// time and peak RSS (worker threads included) to $CLAUDE_MIGRATE_BENCH_PROBE.
'use strict';
const { writeFileSync } = require('node:fs');

const out = process.env.CLAUDE_MIGRATE_BENCH_PROBE;
if (out) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(out, JSON.stringify({ cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, maxRssKb: u.maxRSS }));
  });
}
