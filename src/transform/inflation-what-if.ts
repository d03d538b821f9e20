// What-ifs on inflation: an inflation driver's parameter (`inflation.<name>.<parameter>[.<year>]`) or
// an index series' annual change (`index.<series>[.<year>]`) replaced, from `--set` or a risk draw.
// Pure: the projection builds the lines from the changed drivers.

import { valueIn, type Parameter, type PerYear, type Provenance } from '../model/demand.js';
import type { FiscalYear } from '../model/fiscal-year.js';
import { rateIn, seriesChange, type IndexPoint, type IndexSeries, type InflationItem } from '../model/inflation.js';
import { toPlain, ZERO, type Dec, type Money, type Rate } from '../model/money.js';
import type { Scenario } from '../model/scenario.js';
import { inflationYears, INFLATION_PARAMETERS } from '../load/parameter-path.js';
import { WHAT_IF } from './transform.js';

/** One change: `target` is `inflation.<name>` or `index.<series>`. */
export interface InflationOverride {
  readonly text: string;
  readonly target: string;
  readonly parameter: string;
  readonly year?: FiscalYear;
  readonly value: Dec;
  /** The changed figure's source, when not a command-line what-if (a variant's parameter). */
  readonly source?: string;
}

export const isInflationTarget = (target: string): boolean => target.startsWith('inflation.') || target.startsWith('index.');

const whatIf = (o: InflationOverride, origin?: Provenance['origin']): Provenance => ({
  status: 'assumed',
  source: o.source ?? WHAT_IF(o.text),
  ...(origin ? { origin } : {}),
});

/** A per-year parameter with one year (or every year) replaced. */
function replaced(
  p: Parameter<Rate> | undefined,
  o: InflationOverride,
  needed: readonly FiscalYear[],
  before: (y: FiscalYear) => Dec,
): Parameter<Rate> {
  const value: PerYear<Rate> = o.year
    ? { byYear: new Map(needed.map((y) => [y, (y === o.year ? o.value : p ? valueIn(p.value, y) : before(y)) as Rate])) }
    : { every: o.value as Rate };
  return { value, provenance: whatIf(o, p?.provenance.origin) };
}

/** The scenario with one inflation what-if applied. */
export function withInflationOverride(s: Scenario, o: InflationOverride): Scenario {
  const name = o.target.slice(o.target.indexOf('.') + 1);
  if (o.target.startsWith('index.')) return withSeries(s, name, o);
  const items = (s.inflation ?? []).map((i) => (i.name === name ? overrideItem(i, o, s.years) : i));
  return { ...s, inflation: items };
}

function overrideItem(i: InflationItem, o: InflationOverride, years: readonly FiscalYear[]): InflationItem {
  const spec = INFLATION_PARAMETERS.find((p) => p.name === o.parameter);
  if (!spec) throw new Error(`unchecked parameter ${o.parameter}`);
  const needed = inflationYears(spec, years);
  switch (o.parameter) {
    case 'base':
      return { ...i, base: { ...i.base, amount: o.value as Money, provenance: whatIf(o, i.base.provenance.origin) } };
    case 'rate': {
      // the rate replaces the index and its pass-through: other years keep the rate they had
      const { passThrough: _p, ...rest } = i;
      const given = i.rate.kind === 'given' ? i.rate.rate : undefined;
      return { ...rest, rate: { kind: 'given', rate: replaced(given, o, needed, (y) => rateIn(i, y).rate) } };
    }
    case 'pass_through':
      return { ...i, passThrough: { value: o.value as Rate, provenance: whatIf(o, i.passThrough?.provenance.origin) } };
    case 'on_costs':
      return { ...i, onCosts: replaced(i.onCosts, o, needed, () => ZERO) };
    case 'pension':
      return { ...i, pension: replaced(i.pension, o, needed, () => ZERO) };
    default:
      throw new Error(`unhandled parameter ${o.parameter}`);
  }
}

/** The series as annual changes, one year (or every year) replaced; every driver using it follows. */
function withSeries(s: Scenario, name: string, o: InflationOverride): Scenario {
  const series = (s.indexSeries ?? []).find((x) => x.name === name);
  if (!series) throw new Error(`unchecked series ${name}`);
  const points = new Map<FiscalYear, IndexPoint>();
  for (const y of s.years) {
    const known = series.form === 'rate' ? series.points.has(y) : safeChange(series, y) !== undefined;
    if (o.year === undefined || o.year === y) {
      points.set(y, { value: o.value, provenance: whatIf(o, series.points.get(y)?.provenance.origin) });
    } else if (known) {
      const p = series.points.get(y) as IndexPoint;
      const change = seriesChange(series, y);
      points.set(y, {
        value: change,
        provenance: series.form === 'rate' ? p.provenance : { ...p.provenance, note: `the annual change of the level, ${toPlain(change)}` },
      });
    }
  }
  const changed: IndexSeries = { ...series, form: 'rate', points };
  return {
    ...s,
    indexSeries: (s.indexSeries ?? []).map((x) => (x.name === name ? changed : x)),
    inflation: (s.inflation ?? []).map((i) =>
      i.rate.kind === 'index' && i.rate.series.name === name ? { ...i, rate: { ...i.rate, series: changed } } : i,
    ),
  };
}

function safeChange(series: IndexSeries, y: FiscalYear): Dec | undefined {
  try {
    return seriesChange(series, y);
  } catch {
    return undefined;
  }
}

/** What the scenario itself says for the parameter an override changes. */
export function describeInflation(s: Scenario, o: InflationOverride): string {
  const name = o.target.slice(o.target.indexOf('.') + 1);
  const one = (p: PerYear<Dec> | undefined): string => {
    if (!p) return 'none';
    if (o.year) return toPlain(valueIn(p, o.year));
    return 'every' in p ? toPlain(p.every) : 'a value per year';
  };
  if (o.target.startsWith('index.')) {
    const series = (s.indexSeries ?? []).find((x) => x.name === name);
    if (!series) return 'nothing';
    return o.year ? toPlain(safeChange(series, o.year) ?? ZERO) : `the series ${name}`;
  }
  const i = (s.inflation ?? []).find((x) => x.name === name);
  if (!i) return 'nothing';
  switch (o.parameter) {
    case 'base':
      return toPlain(i.base.amount);
    case 'rate':
      return i.rate.kind === 'given' ? one(i.rate.rate.value) : o.year ? toPlain(rateIn(i, o.year).rate) : `index ${i.rate.series.name}`;
    case 'pass_through':
      return i.passThrough ? toPlain(i.passThrough.value) : 'none';
    case 'on_costs':
      return one(i.onCosts?.value);
    case 'pension':
      return one(i.pension?.value);
    default:
      return 'none';
  }
}
