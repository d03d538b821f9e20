// `node replay.mjs JOBS RESULTS`: runs each job of JOBS (a JSON array of {argv, env}) through the built
// CLI, dist/cli/main.js (what bin/mtfs.js runs), in this one process with the real file system, and
// writes [{code, stdout, stderr}] to RESULTS. One process per environment instead of one per
// command keeps test/determinism.test.ts quick; TZ, the locale, the clock (fake-clock.mjs) and
// the working folder are those of this process, exactly as for bin/mtfs.js.

import fs from 'node:fs';

const [jobsFile, resultsFile] = process.argv.slice(2);
const { run } = await import(new URL('../../dist/cli/main.js', import.meta.url).href);
const { nodeIo } = await import(new URL('../../dist/cli/io.js', import.meta.url).href);

const results = [];
for (const { argv, env } of JSON.parse(fs.readFileSync(jobsFile, 'utf8'))) {
  let stdout = '';
  let stderr = '';
  const io = {
    ...nodeIo(),
    env: { ...process.env, ...env },
    stdout: (s) => {
      stdout += s;
    },
    stderr: (s) => {
      stderr += s;
    },
  };
  const code = await run(argv, io);
  results.push({ code, stdout, stderr });
}
fs.writeFileSync(resultsFile, JSON.stringify(results));
