// Golden transcripts of the synthetic reserves fixtures (movements only, without an opening
// balance; a minimum balance as a percentage of the net budget), and the rules of the reserves
// rows: planned use and contributions positive as written, and contributions never move the gap.

import fs, { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryReader } from '../src/load/reader.js';
import { runCli, transcript } from './helpers/cli.js';

const DIR = 'test/fixtures/synthetic-reserves';
const cases = [
  { name: 'movements.check', argv: ['check', `${DIR}/movements.yaml`] },
  { name: 'movements.project-detail', argv: ['project', `${DIR}/movements.yaml`, '--detail'] },
  { name: 'movements.project-json', argv: ['project', `${DIR}/movements.yaml`, '--format', 'json'] },
  { name: 'minimum-percent.check', argv: ['check', `${DIR}/minimum-percent.yaml`] },
  { name: 'minimum-percent.project-detail', argv: ['project', `${DIR}/minimum-percent.yaml`, '--detail'] },
  { name: 'earmarked.project-detail', argv: ['project', `${DIR}/earmarked.yaml`, '--detail'] },
  { name: 'earmarked.project-json', argv: ['project', `${DIR}/earmarked.yaml`, '--format', 'json'] },
  { name: 'earmarked.explain-transformation', argv: ['explain', `${DIR}/earmarked.yaml`, 'reserves.transformation.cf', '2026/27'] },
  { name: 'earmarked.explain-headroom', argv: ['explain', `${DIR}/earmarked.yaml`, 'reserves.general_fund.headroom', '2026/27'] },
  { name: 'earmarked.explain-council-tax', argv: ['explain', `${DIR}/earmarked.yaml`, 'council_tax', '2026/27'] },
];

describe('synthetic reserves fixtures', () => {
  it.each(cases)('$name', async ({ name, argv }) => {
    const r = await runCli(argv);
    expect(r.code).toBe(0);
    await expect(transcript(argv, r)).toMatchFileSnapshot(`./golden/synthetic-reserves/${name}.txt`);
  });
});

/** The projection CSV of a fixture with its text changed, as rows id → cells. */
async function csvRows(file: string, change: (text: string) => string): Promise<Map<string, string[]>> {
  const text = change(readFileSync(file, 'utf8'));
  const r = await runCli(['project', file, '--format', 'csv'], { readFile: memoryReader(new Map([[file, text]])) });
  expect(r.code).toBe(0);
  return new Map(
    r.stdout
      .trim()
      .split('\n')
      .map((line) => line.split(','))
      .map(([id = '', , ...cells]) => [id, cells]),
  );
}

describe('reserves', () => {
  const file = `${DIR}/movements.yaml`;

  it('a contribution to reserves changes the balance and not the gap', async () => {
    const withIt = await csvRows(file, (t) => t);
    const without = await csvRows(file, (t) => t.replace('amounts: {2025/26: 100}', 'amounts: {2025/26: 0}'));
    expect(withIt.get('gap')).toEqual(without.get('gap'));
    expect(withIt.get('funding')).toEqual(without.get('funding'));
    expect(withIt.get('reserves_cf')).toEqual(['-200', '-350', '-650']);
    expect(without.get('reserves_cf')).toEqual(['-200', '-450', '-750']);
  });

  it('planned use closes the gap and is shown and controlled positive, as written', async () => {
    const rows = await csvRows(file, (t) => t);
    expect(rows.get('reserves_use')).toEqual(['200', '250', '300']);
    const without = await csvRows(file, (t) => t.replace('amounts: {2024/25: 200, 2025/26: 250, 2026/27: 300}', 'amounts: {}'));
    expect(without.get('gap')).toEqual(['200', '300', '450']);
  });

  it('a minimum balance as a percentage is that share of each year’s net budget, exactly', async () => {
    const r = await runCli(['project', `${DIR}/minimum-percent.yaml`, '--format', 'json']);
    const reserves = JSON.parse(r.stdout).funding.reserves;
    expect(reserves.minimum_percent).toBe('10');
    expect(reserves.minimum_by_year).toEqual({ '2024/25': '520', '2025/26': '540', '2026/27': '560' });
    expect(reserves.below_minimum_year).toBe('2026/27');
  });
});

describe('the report and JSON of earmarked reserves and council tax rules', () => {
  const file = `${DIR}/earmarked.yaml`;

  it('the HTML report has the reserves table with the years-to-exhaustion statement, and the collection rate', async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mtfs-reserves-')), 'report.html');
    expect((await runCli(['report', file, '--html', out])).code).toBe(0);
    const page = fs.readFileSync(out, 'utf8');
    expect(page).toContain('Reserves: the general fund and earmarked reserves');
    expect(page).toContain('it would fall below its minimum balance in 2026/27 (year 3 of 3) and stay above nil to 2026/27.');
    expect(page).toContain('Transformation reserve: carried forward');
    expect(page).toContain('Collection rate (%): the yield is tax base × Band D × this rate');
  });

  it('the JSON gives the collection rate and the tax base growth by dwellings', async () => {
    const r = await runCli(['project', file, '--format', 'json']);
    const ct = JSON.parse(r.stdout).funding.council_tax;
    expect(ct.collection).toMatchObject({ rate: '0.985', basis: 'applied', provenance: 'estimate' });
    expect(ct.tax_base_growth).toEqual({ dwellings: '40' });
  });
});
