// Every number in data/ carries a source and says whether it is verbatim, derived, assumed or
// calibrated; derived figures that are plain arithmetic are recomputed here.

import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PARAMETER_STATUSES } from '../../src/model/demand.js';
import { Dec } from '../../src/model/money.js';
import { parseCsv } from '../../src/source/csv.js';

const files = fs
  .readdirSync('data')
  .filter((f) => f.endsWith('.csv'))
  .sort();

const rows = (file: string): Record<string, string>[] => {
  const csv = parseCsv(file, fs.readFileSync(`data/${file}`, 'utf8'));
  expect(csv.diagnostics).toEqual([]);
  const header = csv.table!.header.map((c) => c.value);
  return csv.table!.rows.map((r) => Object.fromEntries(r.cells.map((c, i) => [header[i]!, c.value])));
};

describe.each(files)('data/%s', (file) => {
  it('gives every row a status and a source', () => {
    for (const row of rows(file)) {
      expect(PARAMETER_STATUSES).toContain(row.status);
      expect(row.source?.trim().length ?? 0).toBeGreaterThan(10);
    }
  });
});

describe('derived figures recompute exactly', () => {
  const figures = new Map(rows('leicestershire-asc-figures.csv').map((r) => [r.id!, new Dec(r.value!)]));
  const f = (id: string): Dec => {
    const v = figures.get(id);
    if (!v) throw new Error(`no figure ${id}`);
    return v;
  };
  it.each([
    ['demand_led_net_to_gross', () => f('demand_led_net_budget').dividedBy(f('demand_led_gross_spend'))],
    [
      'under65_net_unit_cost',
      () => f('under65_disabled_spend').times(f('demand_led_net_to_gross')).dividedBy(f('under65_disabled_supported')),
    ],
    ['older_people_net_cost', () => f('demand_led_gross_spend').minus(f('under65_disabled_spend')).times(f('demand_led_net_to_gross'))],
    ['transitions_arrivals_per_year', () => f('transitions_young_people').dividedBy(4)],
    ['fee_older_residential_base_annual', () => f('fee_older_residential_base').times(52)],
    ['fee_older_residential_plus_annual', () => f('fee_older_residential_plus').times(52)],
    ['fee_working_age_residential_annual', () => f('fee_working_age_residential').times(52)],
    ['reviews_total', () => f('reviews_planned').plus(f('reviews_unplanned'))],
    ['reviews_cost_per_fte', () => f('reviews_growth_g10').dividedBy(18).toDecimalPlaces(2, Dec.ROUND_HALF_UP)],
  ] as const)('%s', (id, compute) => {
    expect(compute().equals(f(id))).toBe(true);
  });

  it('population sums: 65+ in 2037 and the 65-84 band are the sums of published bands', () => {
    const pop = rows('leicestershire-population.csv');
    const at = (band: string, year: string) => pop.filter((r) => r.age_band === band && r[year] !== '').map((r) => new Dec(r[year]!))[0]!;
    expect(at('65+', '2037').equals(at('65-84', '2037').plus(at('85+', '2037')))).toBe(true);
    for (const y of ['2019', '2020']) {
      expect(at('65-84', y).equals(at('65-74', y).plus(at('75-84', y)))).toBe(true);
      expect(at('65+', y).equals(at('65-84', y).plus(at('85+', y)))).toBe(true);
      expect(at('75+', y).equals(at('75-84', y).plus(at('85+', y)))).toBe(true);
    }
  });
});
