// Issue 7: results do not depend on the order in which files are listed. mtfs never lists a folder
// (no readdir: every file it reads is named by the user or by a scenario), so directory order
// cannot reach an output. Where the user lists several files the totals are the same in any order;
// what follows the order given, by design, is only the order of presentation:
//   - `line_files:` — the growth and savings schedules list lines as written (files in the order
//     given, rows in file order), like the report's appendices, and so do the notes naming lines;
//   - `departments:` — the department rows of a council table, in the order written;
//   - `check a b c` — one line per scenario, in the order given;
//   - `compare base x y` — one column (or block) per scenario, in the order given.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseDocument, isSeq } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mtfs-order-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
fs.cpSync('scenarios', path.join(tmp, 'scenarios'), { recursive: true });
fs.cpSync('data', path.join(tmp, 'data'), { recursive: true });
const at = (f: string): string => path.join(tmp, 'scenarios', f);

interface Row {
  readonly id: string;
  readonly values: Record<string, string>;
}
interface Line {
  readonly ref: string;
  readonly origin: string;
  readonly [k: string]: unknown;
}
interface Detail {
  readonly rows: readonly Row[];
  readonly growth: { readonly lines: readonly Line[]; readonly [k: string]: unknown };
  readonly savings: { readonly lines: readonly Line[]; readonly [k: string]: unknown };
  readonly [k: string]: unknown;
}

/** The JSON a command prints; `rename` maps file names, so that two scenarios' outputs compare. */
async function json<T>(argv: readonly string[], rename?: readonly [string, string]): Promise<T> {
  const r = await runCli(argv);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(rename ? r.stdout.replaceAll(rename[0], rename[1]) : r.stdout) as T;
}

describe('line_files in a different order', () => {
  // 2018-savings.csv split in two: the same lines, in two files listed either way round
  const [header, ...rows] = fs.readFileSync(at('2018-savings.csv'), 'utf8').trimEnd().split('\n');
  const half = Math.ceil(rows.length / 2);
  fs.writeFileSync(at('first.csv'), [header, ...rows.slice(0, half), ''].join('\n'));
  fs.writeFileSync(at('second.csv'), [header, ...rows.slice(half), ''].join('\n'));
  const base = fs.readFileSync(at('2018.yaml'), 'utf8');
  expect(base).toContain('\n  - 2018-savings.csv\n');
  const scenario = (name: string, files: readonly string[]): string => {
    fs.writeFileSync(at(name), base.replace('\n  - 2018-savings.csv\n', `\n${files.map((f) => `  - ${f}\n`).join('')}`));
    return at(name);
  };
  const ab = scenario('ab.yaml', ['first.csv', 'second.csv']);
  const ba = scenario('ba.yaml', ['second.csv', 'first.csv']);

  it('gives the same budget table and controls', async () => {
    const a = await runCli(['project', ab, '--format', 'csv', '--detail']);
    const b = await runCli(['project', ba, '--format', 'csv', '--detail']);
    expect(b.code).toBe(0);
    // the detail rows are the same, each line's row where its file puts it
    expect(b.stdout.split('\n').sort()).toEqual(a.stdout.split('\n').sort());
    const table = async (f: string) => (await runCli(['project', f, '--format', 'csv'])).stdout;
    expect(await table(ba)).toBe(await table(ab));
    const check = await runCli(['check', ab, ba]);
    expect(check.code).toBe(0);
    expect(check.stdout).toBe(`${ab}: 21 controls match\n${ba}: 21 controls match\n`);
  });

  it('gives the same lines, totals and subtotals; only the order of the listed lines follows the files', async () => {
    const a = await json<Detail>(['project', ab, '--format', 'json', '--detail']);
    const b = await json<Detail>(['project', ba, '--format', 'json', '--detail'], ['ba.yaml', 'ab.yaml']);
    expect(b.rows).toEqual(a.rows);
    // the note naming estimated lines names them in schedule order too
    expect(b.notes).toHaveLength((a.notes as unknown[]).length);
    const fromFiles = (d: Detail) => d.savings.lines.filter((l) => /(first|second)\.csv/.test(l.origin));
    const byRef = (ls: readonly Line[]) => [...ls].sort((x, y) => (x.ref < y.ref ? -1 : 1));
    expect(byRef(b.savings.lines)).toEqual(byRef(a.savings.lines));
    expect(b.growth).toEqual(a.growth);
    const { lines: la, ...savingsA } = a.savings;
    const { lines: lb, ...savingsB } = b.savings;
    expect(savingsB).toEqual(savingsA); // totals and subtotals by nature and category
    expect(lb.length).toBe(la.length);
    // as written: first.csv's rows before second.csv's in ab.yaml, after them in ba.yaml
    const files = (d: Detail) => fromFiles(d).map((l) => l.origin.replace(/:.*/, '').replace(/.*\//, ''));
    expect(files(a)).toEqual([...Array(half).fill('first.csv'), ...Array(rows.length - half).fill('second.csv')]);
    expect(files(b)).toEqual([...Array(rows.length - half).fill('second.csv'), ...Array(half).fill('first.csv')]);
  });
});

describe('departments in a different order', () => {
  const doc = parseDocument(fs.readFileSync(at('2018-council.yaml'), 'utf8'));
  const departments = doc.get('departments');
  if (!isSeq(departments)) throw new Error('2018-council.yaml has no departments list');
  departments.items.reverse();
  const reversed = at('council-reversed.yaml');
  fs.writeFileSync(reversed, doc.toString());

  it('gives the same net budget, funding, gap and reserves; the department rows follow the order written', async () => {
    const a = await json<{ rows: Row[] }>(['project', at('2018-council.yaml'), '--format', 'json']);
    const b = await json<{ rows: Row[] }>(['project', reversed, '--format', 'json']);
    const isDept = (r: Row) => r.id.startsWith('department.');
    expect(b.rows.filter((r) => !isDept(r))).toEqual(a.rows.filter((r) => !isDept(r)));
    expect(b.rows.filter(isDept)).toEqual(a.rows.filter(isDept).reverse());
    expect(a.rows.filter(isDept).length).toBe(3);
  });
});

describe('scenarios listed in a different order', () => {
  it('check: the same line for each scenario, in the order given', async () => {
    const withControls = ['2018.yaml', '2018-council.yaml', '2018-demand.yaml'].map(at);
    const a = await runCli(['check', ...withControls]);
    const b = await runCli(['check', ...[...withControls].reverse()]);
    expect([a.code, b.code, a.stderr, b.stderr]).toEqual([0, 0, '', '']);
    expect(b.stdout.trimEnd().split('\n').reverse()).toEqual(a.stdout.trimEnd().split('\n'));
    expect(a.stdout.trimEnd().split('\n')).toHaveLength(3);
  });

  it('compare: the same differences and attribution for each scenario', async () => {
    type Compared = { rows: { id: string; differences: Record<string, unknown> }[]; attribution: Record<string, unknown> };
    const [base, ...others] = ['2018.yaml', '2018-without-ac14.yaml', '2018-with-dols.yaml'].map(at);
    const a = await json<Compared>(['compare', base!, ...others, '--format', 'json']);
    const b = await json<Compared>(['compare', base!, ...[...others].reverse(), '--format', 'json']);
    expect(b.attribution).toEqual(a.attribution);
    expect(b.rows.map((r) => r.id)).toEqual(a.rows.map((r) => r.id));
    for (const [i, row] of a.rows.entries()) expect(b.rows[i]!.differences).toEqual(row.differences);
  });
});

describe('source review', () => {
  const sources = (dir: string): string[] =>
    fs
      .readdirSync(dir, { withFileTypes: true })
      .flatMap((d) => (d.isDirectory() ? sources(path.join(dir, d.name)) : d.name.endsWith('.ts') ? [path.join(dir, d.name)] : []));
  const code = sources('src')
    .sort()
    .map((f) => ({ f, text: fs.readFileSync(f, 'utf8').replace(/^\s*(\/\/|\*|\/\*).*$/gm, '') }));
  const uses = (re: RegExp) => code.filter(({ text }) => re.test(text)).map(({ f }) => f);

  it('never lists a folder, so no output can depend on directory order', () => {
    expect(uses(/\b(readdir|opendir|glob)\w*\s*\(/)).toEqual([]);
  });

  it('never reads the clock, the locale or the time zone (the workbook has one fixed date)', () => {
    expect(uses(/\bDate\.now\b|new Date\(\s*\)|\bperformance\.now\b|\bhrtime\b/)).toEqual([]);
    expect(uses(/\bnew Date\(/)).toEqual(['src/render/xlsx-report.ts']);
    expect(uses(/\btoLocale\w*\(|\bIntl\.|\blocaleCompare\(|getTimezoneOffset|\bMath\.random\b/)).toEqual([]);
    expect(uses(/process\.cwd\(|os\.homedir|userInfo\(/)).toEqual([]);
  });
});
