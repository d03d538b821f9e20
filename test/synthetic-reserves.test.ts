// Golden transcripts of the synthetic reserves fixtures (movements only, without an opening
// balance; a minimum balance as a percentage of the net budget), and the rules of the reserves
// rows: planned use and contributions positive as written, and contributions never move the gap.

import fs, { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeReader } from '../src/cli/io.js';
import { memoryReader, type FileReader } from '../src/load/reader.js';
import { Dec } from '../src/model/money.js';
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

describe('--set on council tax rules and reserves', () => {
  const file = `${DIR}/earmarked.yaml`;
  const json = async (...sets: string[]) => {
    const r = await runCli(['project', file, '--format', 'json', ...sets.flatMap((s) => ['--set', s])]);
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout);
  };

  it('changes the figure, moves what depends on it exactly, and names the what-if', async () => {
    const before = await json();
    const after = await json('reserves.transformation.uses.2026/27=100', 'reserves.opening=2000', 'council_tax.dwellings=0');
    const t = (j: { funding: { reserves: { earmarked: { id: string; carried_forward: Record<string, string> }[] } } }) =>
      j.funding.reserves.earmarked.find((e) => e.id === 'transformation')!.carried_forward['2026/27'];
    expect(t(before)).toBe('-50');
    expect(t(after)).toBe('50');
    expect(after.funding.reserves.opening).toBe('2000');
    // no new dwellings: the tax base holds at 5,000
    expect(after.funding.council_tax.years['2026/27'].tax_base).toBe('5000');
    expect(before.funding.council_tax.years['2026/27'].tax_base).toBe('5080');
    const text = await runCli(['project', file, '--set', 'council_tax.collection_rate=97%']);
    expect(text.stdout).toContain('What-if: --set council_tax.collection_rate=97% (the scenario has 98.5%).');
  });

  it('warns when a what-if takes an earmarked reserve below nil, and not again for one the file already does', async () => {
    const r = await runCli(['project', file, '--set', 'reserves.insurance.opening=100']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      'warning[reserve-negative]: --set reserves.insurance.opening=100: earmarked reserve insurance (Insurance reserve) would be 20 below nil at the end of 2025/26',
    );
    // the transformation reserve is below nil as written: warned once, as the file loads
    expect(r.stderr.match(/earmarked reserve transformation/g)).toHaveLength(1);
    const fine = await runCli(['project', file, '--set', 'reserves.insurance.opening=120']);
    expect(fine.stderr).not.toContain('earmarked reserve insurance');
  });

  it('a collection rate of its own in one year: that year’s yield uses it, exactly, and a what-if sets every year', async () => {
    const withYears = (t: string): string => t.replace('      rate: 98.5%\n', '      rate: 98.5%\n      years: {2026/27: 98%}\n');
    const text = withYears(readFileSync(file, 'utf8'));
    expect(text).toContain('years: {2026/27: 98%}');
    const changed = memoryReader(new Map([[file, text]]));
    const read: FileReader = (f, max) => (f === file ? changed(f, max) : nodeReader(f, max));
    const r = await runCli(['project', file, '--format', 'json'], { readFile: read });
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.funding.council_tax.collection.years).toEqual({ '2026/27': '0.98' });
    const y = j.funding.council_tax.years['2026/27'];
    // tax base × Band D × 98%, not × 98.5%
    expect(y.yield_pounds).toBe(new Dec(y.tax_base).times(y.band_d).times('0.98').toFixed());
    const earlier = j.funding.council_tax.years['2025/26'];
    expect(earlier.yield_pounds).toBe(new Dec(earlier.tax_base).times(earlier.band_d).times('0.985').toFixed());
    const detail = await runCli(['project', file, '--detail'], { readFile: read });
    expect(detail.stdout).toMatch(/^Collection rate \(%\).* 98\.50 +98\.50 +98\.00$/m);
    const set = await runCli(['project', file, '--set', 'council_tax.collection_rate=97%'], { readFile: read });
    expect(set.stdout).toContain(
      'What-if: --set council_tax.collection_rate=97% (the scenario has 98.5% and rates of its own in some years).',
    );
    const bad = withYears(readFileSync(file, 'utf8')).replace('2026/27: 98%}', '2026/27: 101%, 2031/32: 98%}');
    const refused = await runCli(['project', file], { readFile: memoryReader(new Map([[file, bad]])) });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/:39:24: error\[collection-rate\]: a collection rate of 101% is not possible/);
    expect(refused.stderr).toMatch(/:39:30: error\[year-outside-period\]: 2031\/32 is outside the MTFS period/);
  });

  it('refuses a path or value it cannot use, with a usage error (exit 2)', async () => {
    const cases: [string, string][] = [
      ['reserves.transfrmation.opening=1', 'did you mean `transformation`?'],
      ['council_tax.collection_rate=105%', 'is not a possible collection rate'],
      ['council_tax.tax_base_growth=1%', 'the tax base is not grown by a rate'],
      ['reserves.transformation.uses.2030/31=1', '2030/31 is not a year of this scenario'],
      ['reserves.opening=-5', 'is negative'],
    ];
    for (const [set, message] of cases) {
      const r = await runCli(['project', file, '--set', set]);
      expect(r.code, set).toBe(2);
      expect(r.stderr, set).toContain('error[usage]');
      expect(r.stderr, set).toContain(message);
    }
  });
});

describe('reserves and tax base errors', () => {
  const file = `${DIR}/earmarked.yaml`;
  const errors = async (change: (t: string) => string): Promise<string> => {
    const text = change(readFileSync(file, 'utf8'));
    const r = await runCli(['check', file], { readFile: memoryReader(new Map([[file, text]])) });
    expect(r.code).toBe(2);
    return r.stderr;
  };

  it('one-off spend from a reserve the scenario does not have', async () => {
    const e = await errors((t) => t.replace('reserve: insurance', 'reserve: insurence'));
    expect(e).toContain('error[reserves]: one-off spend it-system is funded from `insurence`, which is not a reserve of this scenario');
    expect(e).toContain('did you mean `insurance`?');
  });

  it('an earmarked reserve named general_fund, and one defined twice', async () => {
    expect(await errors((t) => t.replace('id: insurance', 'id: general_fund'))).toContain(
      'error[reserves]: `general_fund` is the general fund, not an earmarked reserve',
    );
    expect(await errors((t) => t.replace('id: insurance', 'id: transformation'))).toContain(
      'error[duplicate-ref]: earmarked reserve transformation is defined twice',
    );
  });

  it('dwellings growth needs its count, and the count needs `unstated: dwellings`', async () => {
    expect(await errors((t) => t.replace('      dwellings: 40\n', ''))).toContain(
      'error[missing-key]: the tax base: `unstated: dwellings` needs `dwellings`',
    );
    expect(await errors((t) => t.replace('unstated: dwellings', 'unstated: hold'))).toContain(
      'error[invalid-value]: the tax base: `dwellings` is only used with `unstated: dwellings`',
    );
  });

  it('a negative use of an earmarked reserve or negative one-off spend', async () => {
    const e = await errors((t) =>
      t.replace('2025/26: 250', '2025/26: -250').replace('amounts: {2025/26: 120}', 'amounts: {2025/26: -120}'),
    );
    expect(e).toContain('use of an earmarked reserve 2025/26 is negative');
    expect(e).toContain('one-off spend 2025/26 is negative');
  });
});

describe('a range on the collection rate', () => {
  const file = `${DIR}/earmarked.yaml`;
  const range = (item: string) => `
assumptions:
  - id: collection
    description: Collection rate
    funding: ${item}
    from: 2025/26
    factor: {low: 99%, high: 101%}
    source: synthetic
`;
  const sensitivity = async (item: string): Promise<string> => {
    const text = readFileSync(file, 'utf8') + range(item);
    const r = await runCli(['sensitivity', file, '--format', 'csv'], { readFile: memoryReader(new Map([[file, text]])) });
    expect(r.code).toBe(0);
    return r.stdout.replace(/funding: \w+/g, 'funding: item');
  };

  it('moves the gap as a factor on the council tax collected, from its first year, exactly as one on the tax base', async () => {
    const collection = await sensitivity('collection_rate');
    expect(collection).toBe(await sensitivity('council_tax'));
    // 1% of 2025/26's council tax (8,207.9...) either way; nothing in 2024/25
    expect(collection).toMatch(/gap at low \(99%\),0,82\.\d+,/);
  });
});
