// Preloaded (`node -r`) into each benchmarked process: on exit, appends the process's peak resident
// memory (KiB) and its CPU time (user + system, µs, every thread) to the file named by BENCH_RSS_FILE.
const fs = require('node:fs');
process.on('exit', () => {
  if (!process.env.BENCH_RSS_FILE) return;
  const u = process.resourceUsage();
  fs.appendFileSync(process.env.BENCH_RSS_FILE, `${u.maxRSS} ${u.userCPUTime + u.systemCPUTime}\n`);
});
