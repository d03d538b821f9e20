import { describe, expect, it } from 'vitest';
import { findBand, nameKey, populationTable } from '../../src/load/population-table.js';
import { parseCsv } from '../../src/source/csv.js';

const table = (text: string) => {
  const csv = parseCsv('p.csv', text);
  expect(csv.diagnostics).toEqual([]);
  return populationTable(csv.table!);
};

describe('population CSV (wide: area, age band, one column per mid-year)', () => {
  it('reads ONS-style headers and merges the rows of one band', () => {
    const t = table('AREA_NAME,AGE_GROUP,2014,2019,mid-2020\nLeicestershire,65+,130084,,\nLeicestershire,65+,,144892,"146,675"\n');
    expect(t.diagnostics).toEqual([]);
    const b = findBand(t.table!, 'leicestershire', '65+');
    expect(b.ok && [...b.band.points].map(([y, c]) => `${y}:${c.value.toFixed()}:${c.location.line}:${c.location.column}`)).toEqual([
      '2014:130084:2:20',
      '2019:144892:3:21',
      '2020:146675:3:28',
    ]);
  });

  it('matches names ignoring case, spaces and the kind of dash', () => {
    expect(nameKey(' 18–64  with a  Learning disability ')).toBe(nameKey('18-64 with a learning disability'));
  });

  it('locates every bad figure and a figure given twice', () => {
    const t = table('area,age_band,2019,2020\nA,65+,12x,-3\nA,65+,5,\nA,65+,6,\n');
    expect(t.diagnostics.map((d) => `${d.code}@${d.location?.line}:${d.location?.column}`)).toEqual([
      'amount-format@2:7',
      'negative-count@2:11',
      'population-duplicate@4:7',
    ]);
    expect(t.diagnostics[2]!.hint).toContain('p.csv:3:7');
  });

  it('refuses financial-year and unknown columns, and says what is missing', () => {
    const t = populationTable(parseCsv('p.csv', 'area,agegroup,2019/20\nA,65+,1\n').table!);
    expect(t.diagnostics.map((d) => `${d.code}: ${d.message} (${d.hint})`)).toEqual([
      'csv-header: unknown column `agegroup` (did you mean `age_group`?)',
      'csv-header: `2019/20` is a financial year: population columns are mid-years (write the mid-year, such as 2018 (mtfs uses the mid-2018 population for 2018/19))',
      'csv-header: missing column `age_band` (a population file has columns area, age_band and one per mid-year, such as 2019)',
      'csv-header: no year columns: a population file has one column per mid-year, such as 2019 (undefined)',
    ]);
  });

  it('suggests the closest area or band', () => {
    const t = table('area,age_band,2019\nLeicestershire,65+,1\nLeicestershire,85+,1\n').table!;
    expect(findBand(t, 'Leicestershir', '65+')).toMatchObject({ ok: false, hint: 'did you mean `Leicestershire`?' });
    expect(findBand(t, 'Leicestershire', '85 +')).toMatchObject({ ok: false, hint: 'did you mean `85+`?' });
    expect(findBand(t, 'Leicestershire', '75+')).toMatchObject({ ok: false, hint: 'its bands are: 65+, 85+' });
    expect(findBand(t, 'Leicestershire', 'all ages')).toMatchObject({ ok: false, hint: 'its bands are: 65+, 85+' });
  });
});
