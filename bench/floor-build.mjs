// Bundles bench/floor.mjs into the file named by its argument, as scripts/bundle.mjs bundles mtfs
// (minified CommonJS, ASCII-only, written inside Node's CommonJS wrapper). A process of its own, so
// that the benchmark's own process never loads the bundler: Linux carries a process's peak memory
// into the programs it starts.
import fs from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

await build({
  input: path.join(path.dirname(fileURLToPath(import.meta.url)), 'floor.mjs'),
  platform: 'node',
  logLevel: 'warn',
  output: { file: process.argv[2], format: 'cjs', codeSplitting: false, minify: true, charset: 'ascii' },
});
fs.writeFileSync(process.argv[2], Module.wrap(fs.readFileSync(process.argv[2], 'latin1')), 'latin1');
