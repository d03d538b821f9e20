// Bundles bench/floor.mjs into the file named by its argument, as scripts/bundle.mjs bundles mtfs
// (minified CommonJS, ASCII-only). A process of its own, so that the benchmark's own process never
// loads the bundler: Linux carries a process's peak memory into the programs it starts.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

await build({
  input: path.join(path.dirname(fileURLToPath(import.meta.url)), 'floor.mjs'),
  platform: 'node',
  logLevel: 'warn',
  output: { file: process.argv[2], format: 'cjs', codeSplitting: false, minify: true, charset: 'ascii' },
});
