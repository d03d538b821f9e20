// The floor under a command of mtfs that the libraries mtfs is built on leave: bundled by `npm run
// bench` (bench/run.mjs) and run by bench/floor-run.cjs from a V8 code cache, as bin/mtfs.js runs
// mtfs. It loads commander, zod (zod/mini, as mtfs), decimal.js, yaml and csv-parse, reads the files
// the command reads (YAML with the yaml library's parser; CSV split into lines, less than any reading
// of its fields: mtfs reads a table whose records are each on one line without csv-parse), validates
// one value and adds one pair of decimals; it validates, projects and prints nothing else, so the
// command cannot start faster.
import fs from 'node:fs';
import { Command } from 'commander';
import { parse } from 'csv-parse/sync';
import { Decimal } from 'decimal.js';
import { Parser } from 'yaml';
import { z } from 'zod/mini';

const files = new Command('floor').argument('<files...>').parse(process.argv).args;
let tokens = 0;
let rows = 0;
for (const file of files) {
  const text = fs.readFileSync(file, 'utf8');
  if (file.endsWith('.csv')) rows += text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  else for (const token of new Parser().parse(text)) if (token) tokens++;
}
const valid = z.strictObject({ file: z.string() }).safeParse({ file: files[0] }, { jitless: true }).success;
// csv-parse is loaded with the rest, as mtfs loads it, and given nothing to read
const sum = new Decimal('0.5').plus(rows + parse('', {}).length);
if (process.env.FLOOR_SHOW === '1') process.stdout.write(`${tokens} ${rows} ${valid} ${sum.toString()}\n`);
