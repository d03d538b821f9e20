import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeDemand,
  driverLineLevels,
  unitCostsByYear,
  type DemandDriver,
  type DriverUsers,
  type PerYear,
  type Provenance,
} from '../../src/model/demand.js';
import { fiscalYear, yearRange, type FiscalYear } from '../../src/model/fiscal-year.js';
import { Dec, type Money, type Rate } from '../../src/model/money.js';

const here = { file: 't.yaml', line: 1, column: 1, endLine: 1, endColumn: 2 };
const prov: Provenance = { status: 'assumed', source: 'test', origin: here };
const years = yearRange(fiscalYear(2018), fiscalYear(2021));
const all = [fiscalYear(2017), ...years];
const d = (s: string | number) => new Dec(s);
const every = <T>(v: T): PerYear<T> => ({ every: v });

const driver = (
  users: DriverUsers,
  unitCost = '20000',
  uplift: PerYear<Rate> = every(d('0') as Rate),
  per: 'year' | 'week' = 'year',
  priceYear = fiscalYear(2017),
  weeks = '52',
): DemandDriver => ({
  name: 'x',
  description: 'x',
  users,
  unitCost: {
    amount: d(unitCost) as Money,
    ...(per === 'week' ? { per, weeksPerYear: d(weeks) } : { per }),
    priceYear,
    provenance: prov,
  },
  uplift: { value: uplift, provenance: prov },
  origin: here,
});

const populationUsers = (pop: readonly Dec[], rate: Rate, extra?: Rate): DriverUsers => ({
  kind: 'population',
  population: {
    file: 'p.csv',
    area: 'A',
    band: '65+',
    source: 'test',
    origin: here,
    points: [],
    values: new Map(all.map((y, i) => [y, { value: pop[i] ?? d(0), basis: 'stated' as const }])),
  },
  useRate: { value: every(rate), provenance: prov },
  ...(extra ? { extraGrowth: { value: every(extra), provenance: prov } } : {}),
});

const cohort = (arrivals: readonly Dec[], part: Rate): DriverUsers => ({
  kind: 'cohort',
  arrivals: { value: { byYear: new Map(years.map((y, i) => [y, arrivals[i] ?? d(0)])) }, provenance: prov },
  partYear: { value: part, provenance: prov },
});

describe('unit costs', () => {
  it('annualises a weekly cost over the stated weeks a year, exactly', () => {
    const at = (weeks: string) =>
      unitCostsByYear(
        driver(cohort([], d('0.5') as Rate), '579', every(d('0') as Rate), 'week', fiscalYear(2017), weeks).unitCost,
        { every: d('0') as Rate },
        all,
      )
        .get(fiscalYear(2017))!
        .value.toFixed();
    // 579 × 52 = 30,108; 579 × 52.14 = 30,189.06
    expect([at('52'), at('52.14')]).toEqual(['30108', '30189.06']);
  });

  it('annualises a weekly cost over 52 weeks and compounds uplifts exactly', () => {
    const costs = unitCostsByYear(
      driver(cohort([], d('0.5') as Rate), '579', every(d('0.02') as Rate), 'week').unitCost,
      { byYear: new Map(years.map((y, i) => [y, d(['0.02', '0.03', '0', '-0.015'][i]!) as Rate])) },
      all,
    );
    // 579 × 52 = 30,108; × 1.02 = 30,710.16; × 1.03 = 31,631.4648; × 1; × 0.985 = 31,156.99282800
    expect(all.map((y) => costs.get(y)!.value.toFixed())).toEqual(['30108', '30710.16', '31631.4648', '31631.4648', '31156.992828']);
    expect(costs.get(fiscalYear(2017))!.basis).toBe('stated');
  });

  it('carries a cost back before its price year, rounded to the penny half away from zero', () => {
    const u = driver(cohort([], d('0.5') as Rate), '30108', every(d('0.03') as Rate), 'year', fiscalYear(2019)).unitCost;
    const costs = unitCostsByYear(u, every(d('0.03') as Rate), all);
    // 30,108 / 1.03 = 29,231.067… → 29,231.07; / 1.03² = 28,379.67…
    expect(costs.get(fiscalYear(2018))).toEqual({ value: d('29231.07'), basis: 'deflated' });
    expect(costs.get(fiscalYear(2017))!.value.toFixed()).toBe('28379.68');
    expect(costs.get(fiscalYear(2020))!.value.toFixed()).toBe('31011.24');
  });
});

describe('unitCostsByYear against its definition', () => {
  /** Π (1 + r) over the years after `from` up to `to`, year by year in order. */
  const factor = (uplift: ReadonlyMap<FiscalYear, Rate>, from: FiscalYear, to: FiscalYear): Dec =>
    yearRange(from, to)
      .slice(1)
      .reduce((f, y) => f.times(uplift.get(y)!.plus(1)), d(1));

  it('compounds forward and divides back exactly, with a different uplift each year', () => {
    const rate = fc
      .tuple(fc.integer({ min: -200, max: 900 }), fc.integer({ min: 2, max: 6 }))
      .map(([n, p]) => d(n).dividedBy(`1e${p}`) as Rate);
    fc.assert(
      fc.property(
        fc.integer({ min: 2012, max: 2024 }),
        fc.array(rate, { minLength: 14, maxLength: 14 }),
        fc.bigInt({ min: 1n, max: 10n ** 8n }),
        (price, rates, pence) => {
          const priceYear = fiscalYear(price);
          const uplift = new Map(yearRange(fiscalYear(2011), fiscalYear(2024)).map((y, i) => [y, rates[i]!]));
          const cost = d(pence.toString()).dividedBy(100);
          const costs = unitCostsByYear(
            driver(cohort([], d('0.5') as Rate), cost.toFixed(), every(d(0) as Rate), 'year', priceYear).unitCost,
            { byYear: uplift },
            all,
          );
          for (const y of all) {
            const later = y > priceYear;
            const want =
              y === priceYear
                ? cost
                : later
                  ? cost.times(factor(uplift, priceYear, y))
                  : cost.dividedBy(factor(uplift, y, priceYear)).toDecimalPlaces(2, Dec.ROUND_HALF_UP);
            expect([y, costs.get(y)!.value.toFixed()]).toEqual([y, want.toFixed()]);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('computeDemand', () => {
  it('a cohort: earlier arrivals all year, this year’s arrivals for the part year', () => {
    const dem = computeDemand([driver(cohort([d(46), d(46), d(46), d(46)], d('0.5') as Rate), '14200')], years);
    const rows = dem.drivers[0]!.years;
    expect(rows.map((r) => r.users.toFixed())).toEqual(['0', '23', '69', '115', '161']);
    expect(rows.map((r) => r.level.toFixed())).toEqual(['0', '326600', '979800', '1633000', '2286200']);
  });

  it('population × use rate, with no rounding of users', () => {
    const dem = computeDemand(
      [driver(populationUsers([d(138777), d(141801), d(144892), d(146675), d(149825)], d('0.035') as Rate), '13156')],
      years,
    );
    const r = dem.drivers[0]!.years;
    expect(r[0]!.users.toFixed()).toBe('4857.195');
    // (141,801 − 138,777) × 0.035 × 13,156 = 105.84 × 13,156
    expect(r[1]!.level.toFixed()).toBe('1392431.04');
    expect(r[1]!.volume.equals(r[1]!.level)).toBe(true);
    expect(r[1]!.price.isZero()).toBe(true);
  });

  it('extra population growth compounds from the base year and rounds to whole people', () => {
    const dem = computeDemand(
      [
        driver(
          populationUsers(
            all.map(() => d(1000)),
            d('0.1') as Rate,
            d('0.015') as Rate,
          ),
        ),
      ],
      years,
    );
    // 1000 × 1.015 = 1015; × 1.015² = 1030.225 → 1030; 1045.678… → 1046; 1061.36… → 1061
    expect(dem.drivers[0]!.years.map((r) => r.population!.value.toFixed())).toEqual(['1000', '1015', '1030', '1046', '1061']);
  });

  it('builds a line from several drivers in the scenario’s units, exactly', () => {
    const dem = computeDemand(
      [
        { ...driver(cohort([d(1), d(1), d(1), d(1)], d('0.25') as Rate), '1001'), name: 'a' },
        { ...driver(cohort([d(2), d(0), d(0), d(0)], d('1') as Rate), '3'), name: 'b' },
      ],
      years,
    );
    const levels = driverLineLevels(dem, ['a', 'b'], '£000');
    // a: 0.25 × 1001 = 250.25; b: 2 × 3 = 6 → 256.25 £ = 0.25625 £000
    expect(levels.get(fiscalYear(2018))!.toFixed()).toBe('0.25625');
    expect(driverLineLevels(dem, ['a', 'b'], '£').get(fiscalYear(2021))!.toFixed()).toBe(String(3.25 * 1001 + 6));
  });
});

// Random inputs for the identities: exact decimals with up to 6 places, in sensible ranges.
const decimal = (maxUnits: number, places: number) =>
  fc.integer({ min: 0, max: maxUnits * 10 ** places }).map((n) => new Dec(n).dividedBy(10 ** places));
const share = decimal(1, 6).map((x) => x as Rate);
const change = fc.integer({ min: -500_000, max: 500_000 }).map((n) => new Dec(n).dividedBy(1_000_000) as Rate); // −50% to +50%
const perYear = <T>(arb: fc.Arbitrary<T>, ys: readonly FiscalYear[]): fc.Arbitrary<PerYear<T>> =>
  fc.oneof(
    arb.map((v) => ({ every: v })),
    fc.array(arb, { minLength: ys.length, maxLength: ys.length }).map((vs) => ({ byYear: new Map(ys.map((y, i) => [y, vs[i]!])) })),
  );
const users: fc.Arbitrary<DriverUsers> = fc.oneof(
  fc
    .tuple(
      fc.array(decimal(2_000_000, 0), { minLength: 5, maxLength: 5 }),
      perYear(share, all),
      fc.option(perYear(change, years), { nil: undefined }),
    )
    .map(([pop, rate, extra]) => ({
      ...(populationUsers(pop, d(0) as Rate) as DriverUsers & { kind: 'population' }),
      useRate: { value: rate, provenance: prov },
      ...(extra ? { extraGrowth: { value: extra, provenance: prov } } : {}),
    })),
  perYear(decimal(100_000, 3), all).map((u): DriverUsers => ({ kind: 'given', users: { value: u, provenance: prov } })),
  fc.tuple(fc.array(decimal(1_000, 0), { minLength: 4, maxLength: 4 }), share).map(([a, p]) => cohort(a, p)),
);
const drivers: fc.Arbitrary<DemandDriver[]> = fc
  .array(
    fc.tuple(
      users,
      decimal(500_000, 2),
      fc.constantFrom<'year' | 'week'>('year', 'week'),
      fc.integer({ min: 2014, max: 2023 }),
      perYear(change, yearRange(fiscalYear(2014), fiscalYear(2023))),
    ),
    { minLength: 1, maxLength: 4 },
  )
  .map((specs) =>
    specs.map(([u, cost, per, price, uplift], i) => ({ ...driver(u, cost.toFixed(), uplift, per, fiscalYear(price)), name: `d${i}` })),
  );

describe('demand identities (property)', () => {
  it('users × unit cost = cost, level = cost − base cost = volume + price, exactly, every year', () => {
    fc.assert(
      fc.property(drivers, (ds) => {
        const dem = computeDemand(ds, years);
        for (const dd of dem.drivers) {
          const [base] = dd.years;
          expect(base!.level.isZero() && base!.volume.isZero() && base!.price.isZero()).toBe(true);
          for (const r of dd.years) {
            expect(r.users.times(r.unitCost).equals(r.cost)).toBe(true);
            expect(r.cost.minus(base!.cost).equals(r.level)).toBe(true);
            expect(r.volume.plus(r.price).equals(r.level)).toBe(true);
            expect(r.users.isNegative()).toBe(false);
          }
        }
        // a line built from all the drivers is the sum of their levels, ÷ 1,000 exactly in £000
        const names = ds.map((x) => x.name);
        const inPounds = driverLineLevels(dem, names, '£');
        const inThousands = driverLineLevels(dem, names, '£000');
        for (const y of years) expect(inThousands.get(y)!.times(1000).equals(inPounds.get(y)!)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
