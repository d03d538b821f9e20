// A reader that closes the pipe early (`mtfs … | head -c 1`) ends the output quietly: no stack trace,
// and the command's own exit code.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../', import.meta.url));

/** What mtfs wrote to stderr and its exit code, its stdout read by `head -c 1` through a shell pipe. */
function throughHead(args: string): { stderr: string; code: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mtfs-pipe-'));
  try {
    const err = path.join(dir, 'err');
    const code = path.join(dir, 'code');
    const node = JSON.stringify(process.execPath);
    execFileSync('sh', ['-c', `{ ${node} bin/mtfs.js ${args} 2>"${err}"; echo $? >"${code}"; } | head -c 1 >/dev/null`], { cwd: REPO });
    return { stderr: fs.readFileSync(err, 'utf8'), code: fs.readFileSync(code, 'utf8').trim() };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('output to a pipe its reader closes early', () => {
  // schema prints about 140 KB, more than a pipe holds, so its write meets the closed pipe
  it.each(['schema', 'project scenarios/2018-demand.yaml --detail --format json', 'explain --help'])('mtfs %s', (args) => {
    const r = throughHead(args);
    expect(r.stderr).toBe('');
    expect(r.code).toBe('0');
  });
});
