// The floor under a command of mtfs that the libraries mtfs is built on leave: bundled by `npm run
// bench` (bench/run.mjs) and run by bench/floor-run.cjs from a V8 code cache, as bin/mtfs.js runs
// mtfs. It loads commander, zod (zod/mini, as mtfs), decimal.js, yaml and csv-parse, reads the files
// the command reads and splits each into lines, less than any reading of them (mtfs reads a YAML file
// written as scenarios are, and a table whose records are each on one line, without the yaml
// library's parser or csv-parse), validates one value and adds one pair of decimals; it validates,
// projects and prints nothing else, so the command cannot start faster.
import fs from 'node:fs';
import { Command } from 'commander';
import { parse } from 'csv-parse/sync';
import { Decimal } from 'decimal.js';
import { Parser } from 'yaml';
import { z } from 'zod/mini';

const files = new Command('floor').argument('<files...>').parse(process.argv).args;
let lines = 0;
for (const file of files) {
  const text = fs.readFileSync(file, 'utf8');
  lines += text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}
// yaml and csv-parse are loaded with the rest, as mtfs loads them, and given nothing to read
let tokens = 0;
for (const token of new Parser().parse('')) if (token) tokens++;
const valid = z.strictObject({ file: z.string() }).safeParse({ file: files[0] }, { jitless: true }).success;
const sum = new Decimal('0.5').plus(lines + parse('', {}).length);
if (process.env.FLOOR_SHOW === '1') process.stdout.write(`${tokens} ${lines} ${valid} ${sum.toString()}\n`);
