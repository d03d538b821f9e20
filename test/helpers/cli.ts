// Runs the CLI in-process with a captured Io, so golden tests see exactly what a user would.

import { run } from '../../src/cli/main.js';
import { nodeReader, sameFile, writeFileAtomic, writeFilesAtomic, type Io } from '../../src/cli/io.js';
import type { FileReader } from '../../src/load/reader.js';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  readonly readFile?: FileReader;
  readonly interactive?: boolean;
  readonly env?: Record<string, string | undefined>;
  /** The heap limit the run sees (Node's, `heap_size_limit`, in bytes); none: no memory limit is checked. */
  readonly heapLimit?: number;
}

export async function runCli(argv: readonly string[], opts: CliOptions = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: (s) => {
      stdout += s;
    },
    stderr: (s) => {
      stderr += s;
    },
    readFile: opts.readFile ?? nodeReader,
    writeFileAtomic,
    writeFilesAtomic,
    sameFile,
    color: false,
    interactive: opts.interactive ?? false,
    env: opts.env ?? {},
    ...(opts.heapLimit !== undefined ? { heapLimit: () => opts.heapLimit } : {}),
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}

/** What a golden file records: the command, its exit code and both streams. */
export function transcript(argv: readonly string[], r: CliResult): string {
  return [`$ mtfs ${argv.join(' ')}`, `exit ${r.code}`, '--- stdout', r.stdout, '--- stderr', r.stderr].join('\n');
}
