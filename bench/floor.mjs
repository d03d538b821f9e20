// The floor under `mtfs project scenarios/2018.yaml` that the libraries mtfs is built on leave:
// bundled by `npm run bench` (bench/run.mjs) and run by bench/floor-run.cjs from a V8 code cache, as
// bin/mtfs.js runs mtfs. It loads commander, zod (zod/mini, as mtfs), decimal.js, yaml and csv-parse, reads the scenario
// with the yaml library's parser and its line table with csv-parse, validates one value and adds one
// pair of decimals; it validates, projects and prints nothing else, so mtfs cannot start faster.
import fs from 'node:fs';
import { Command } from 'commander';
import { parse } from 'csv-parse/sync';
import { Decimal } from 'decimal.js';
import { Parser } from 'yaml';
import { z } from 'zod/mini';

const [yamlFile, csvFile] = new Command('floor').argument('<yaml>').argument('<csv>').parse(process.argv).args;
let tokens = 0;
for (const token of new Parser().parse(fs.readFileSync(yamlFile, 'utf8'))) if (token) tokens++;
const rows = parse(fs.readFileSync(csvFile, 'utf8'), { relax_column_count: true });
const valid = z.strictObject({ file: z.string() }).safeParse({ file: yamlFile }, { jitless: true }).success;
const sum = new Decimal('0.5').plus(rows.length);
if (process.env.FLOOR_SHOW === '1') process.stdout.write(`${tokens} ${rows.length} ${valid} ${sum.toString()}\n`);
