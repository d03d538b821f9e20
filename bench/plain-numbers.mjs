// The baseline for "the cost of exactness" in `npm run bench`: the same projection as
// `mtfs project <scenario> --format csv` of a generated scenario, done with plain JS numbers and
// no validation, locations or diagnostics. Usage: node bench/plain-numbers.mjs <scenario.yaml> [--output FILE]
// Reads the same files as mtfs reads them (a YAML file written as scenarios are from its text, or any
// other with the yaml library; a line table by searching for its commas and quotes, or with csv-parse
// for one that is not of that shape) and writes the same CSV rows.

import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import YAML from 'yaml';
import { plainRecords, recordStarts } from '../dist/source/csv.js';
import { treeFromText } from '../dist/source/yaml-text.js';

/** A line table's records, as mtfs reads them (src/source/csv.ts). */
const readCsv = (text) => plainRecords(text, recordStarts(text).starts) ?? parse(text, { skip_empty_lines: true });

/** A YAML file's values, as mtfs reads them (src/source/yaml.ts), without their locations. */
function readYaml(file, text) {
  const nowhere = () => ({ file, line: 1, column: 1 });
  return treeFromText(file, text, nowhere, nowhere, [], 63)?.doc.tree ?? YAML.parse(text);
}

const [file, flag, out] = process.argv.slice(2);
const doc = readYaml(file, fs.readFileSync(file, 'utf8'));
const years = ['2018/19', '2019/20', '2020/21', '2021/22'];
const growth = years.map(() => 0);
const saving = years.map(() => 0);
for (const rel of doc.line_files ?? []) {
  const [header, ...rows] = readCsv(fs.readFileSync(path.join(path.dirname(file), rel), 'utf8'));
  const type = header.indexOf('type');
  const cols = years.map((y) => header.indexOf(y));
  for (const row of rows) {
    const total = row[type] === 'saving' ? saving : growth;
    cols.forEach((c, i) => (total[i] += Number(row[c])));
  }
}
const original = Number(doc.original_budget.amount);
const table = [['id', 'label', ...years]];
const rows = { original_budget: [], transfers: [], subtotal: [], growth: [], savings: [], net_budget: [] };
let net = original;
years.forEach((_, i) => {
  const g = growth[i] - (growth[i - 1] ?? 0);
  const s = -(saving[i] - (saving[i - 1] ?? 0));
  rows.original_budget.push(net);
  rows.transfers.push(0);
  rows.subtotal.push(net);
  rows.growth.push(g);
  rows.savings.push(s);
  net = net + g + s;
  rows.net_budget.push(net);
});
for (const [id, values] of Object.entries(rows)) table.push([id, id, ...values]);
const csv = stringify(table);
if (flag === '--output') fs.writeFileSync(out, csv);
else process.stdout.write(csv);
