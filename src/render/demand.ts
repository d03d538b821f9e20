// Demand → the tables `mtfs demand` shows (one per driver: population, users, unit cost, cost, the
// growth line level and its volume/price split; then the driver-built lines beside the compared
// scenario) and → JSON. Pure. Money is in £ here (shown in £000 in text); rounding is the renderers'.

import {
  ADJUSTED_POPULATION_ROUNDING,
  DEFLATED_ROUNDING,
  type Demand,
  type DemandDriver,
  type DriverDemand,
  type Parameter,
  type Provenance,
} from '../model/demand.js';
import type { FiscalYear } from '../model/fiscal-year.js';
import { toPlain, type Dec } from '../model/money.js';
import { isEstimate, type Scenario } from '../model/scenario.js';
import { SERIES_ROUNDING } from '../model/series.js';
import type { LineComparison } from '../project/demand-comparison.js';
import { ESTIMATE_MARK, scenarioTitle } from './projection.js';
import { group } from '../model/grouped-number.js';
import { blank, money, number, text, type Column, type TableModel, type TableRow, yearColumns } from './table-model.js';
import { cite, parameterNote, percent } from './parameter-text.js';

export interface DemandView {
  readonly scenario: Scenario;
  readonly demand: Demand;
  readonly lines: readonly LineComparison[];
  /** The compared scenario's file as the user would name it, when `compare_with:` is given. */
  readonly comparedFile?: string;
}

const ROUNDING_WORDS = { 'half-away-from-zero': 'half away from zero' } as const;

const columns = (d: Demand): Column[] => [{ key: 'label', header: '', align: 'left' }, ...yearColumns([d.baseYear, ...d.years])];

const pounds = (d: Dec): string => `£${group(d.abs().toFixed())}${d.isNegative() ? ' (negative)' : ''}`;

/** The notes under a driver's table: where each figure comes from and how it was computed. */
function driverNotes(dd: DriverDemand, base: FiscalYear): string[] {
  const d = dd.driver;
  const notes: string[] = [];
  const u = d.users;
  switch (u.kind) {
    case 'population': {
      const p = u.population;
      const years = p.points.map((x) => x.year).sort((a, b) => a - b);
      const bases = new Set([...p.values.values()].map((v) => v.basis));
      const rounds = bases.has('compound') || bases.has('linear') || bases.has('trend');
      const how = [
        p.method && [...bases].some((b) => b === p.method) ? `${p.method} between published years` : '',
        bases.has('trend') ? 'the growth of the nearest two published years continued (extend: trend)' : '',
        p.extend === 'hold' && bases.has('hold') ? 'the nearest published year held (extend: hold)' : '',
      ]
        .filter(Boolean)
        .join('; ');
      notes.push(
        `Population: ${p.band}, ${p.area}, in ${p.file}, published for mid-${years.join(', ')}; mid-year Y is used for the year starting in April Y. Source: ${p.source}.` +
          (bases.size > 1 || !bases.has('stated')
            ? ` ${ESTIMATE_MARK} computed: ${how}${rounds ? `, rounded to whole people ${ROUNDING_WORDS[SERIES_ROUNDING.mode]}` : ''}.`
            : ''),
      );
      notes.push(parameterNote('Use rate (users per head)', u.useRate, percent, '; users = population × use rate, not rounded'));
      if (u.extraGrowth) {
        notes.push(
          parameterNote(
            'Extra population growth',
            u.extraGrowth,
            percent,
            `: population × (1 + r) for each year since ${base}, rounded to whole people ${ROUNDING_WORDS[ADJUSTED_POPULATION_ROUNDING.mode]} (${ESTIMATE_MARK})`,
          ),
        );
      }
      break;
    }
    case 'given':
      notes.push(parameterNote('Users (given)', u.users, (v) => group(toPlain(v))));
      break;
    case 'cohort':
      notes.push(parameterNote('Arrivals (people a year)', u.arrivals, (v) => group(toPlain(v))));
      notes.push(`Part year in the year of arrival: ${toPlain(u.partYear.value)}. ${cite(u.partYear.provenance)}`);
      notes.push(
        `Users = earlier arrivals + this year's arrivals × ${toPlain(u.partYear.value)} (full-year equivalents); none in ${base} (the base budget) and none leave within the period.`,
      );
      break;
  }
  const uc = d.unitCost;
  const written =
    uc.per === 'week' ? `${pounds(uc.amount)} a week (× ${toPlain(uc.weeksPerYear)} weeks a year)` : `${pounds(uc.amount)} a year`;
  notes.push(`Unit cost: ${written} at ${uc.priceYear} prices. ${cite(uc.provenance)}`);
  notes.push(parameterNote('Unit cost uplift', d.uplift, percent, ', compounded exactly: the product of (1 + uplift) over the years'));
  if (dd.years.some((y) => y.unitCostBasis === 'deflated')) {
    notes.push(
      `Years before ${uc.priceYear} divide the unit cost by the uplifts, rounded to the penny ${ROUNDING_WORDS[DEFLATED_ROUNDING.mode]}.`,
    );
  }
  return notes;
}

function usersLabel(d: DemandDriver): string {
  switch (d.users.kind) {
    case 'population':
      return 'Users (population × use rate)';
    case 'given':
      return 'Users (given)';
    case 'cohort':
      return 'Users (full-year equivalent)';
  }
}

/** People and £ per user share columns with money: their digits line up with it. */
const aligned = { alignWithMoney: true } as const;

/** The table of one driver: a row per measure, a column per year from the base year. */
function driverTable(dd: DriverDemand, demand: Demand, scenario: Scenario): TableModel {
  const d = dd.driver;
  const base = demand.baseYear;
  const id = (m: string): string => `${d.name}.${m}`;
  const row = (
    m: string,
    label: string,
    cell: (y: DriverDemand['years'][number]) => ReturnType<typeof money>,
    emphasis?: 'total',
  ): TableRow => ({
    id: id(m),
    cells: { label: text(label), ...Object.fromEntries(dd.years.map((y) => [y.year, cell(y)])) },
    ...(emphasis ? { emphasis } : {}),
  });
  const rows: TableRow[] = [];
  if (d.users.kind === 'population') {
    const p = d.users.population;
    rows.push(
      row('population', `Population ${p.band} (mid-year)`, (y) =>
        y.population
          ? number(y.population.value, {
              ...aligned,
              ...(y.population.basis !== 'stated' || y.population.adjusted ? { marker: ESTIMATE_MARK } : {}),
            })
          : blank,
      ),
    );
  }
  if (d.users.kind === 'cohort') rows.push(row('arrivals', 'Arrivals (people)', (y) => (y.arrivals ? number(y.arrivals, aligned) : blank)));
  rows.push(
    row('users', usersLabel(d), (y) => number(y.users, aligned)),
    row('unit_cost', 'Unit cost (£ a year per user)', (y) => number(y.unitCost, aligned)),
    row('cost', 'Cost (users × unit cost)', (y) => money(y.cost)),
    row('level', `Growth line level (cost − ${base} cost)`, (y) => money(y.level), 'total'),
    row('volume', 'of which volume effect (change in users × base unit cost)', (y) => money(y.volume)),
    row('price', 'of which price effect (users × change in unit cost)', (y) => money(y.price)),
  );
  const builds = scenario.lines.filter((l) => l.drivers?.includes(d.name)).map((l) => l.ref);
  return {
    id: `driver.${d.name}`,
    title: `${d.name}: ${d.description}${builds.length ? ` (builds ${builds.join(', ')})` : ' (builds no line)'}`,
    units: '£',
    columns: columns(demand),
    rows,
    notes: driverNotes(dd, base),
    caption: (shown) => `costs and levels in ${shown}, people and £ per user as labelled`,
    identities: [{ total: id('level'), parts: [id('volume'), id('price')] }],
  };
}

/** The driver-built lines, with the compared scenario's levels and the difference when there is one. */
export function comparisonTable(view: DemandView): TableModel {
  const { demand } = view;
  const rows: TableRow[] = [];
  const notes: string[] = [];
  let estimates = false;
  for (const c of view.lines) {
    const ref = c.line.ref;
    const cells = (values: ReadonlyMap<FiscalYear, Dec>, marked?: (y: FiscalYear) => boolean) =>
      Object.fromEntries(
        demand.years.map((y) => {
          const v = values.get(y);
          return [y, v ? money(v, marked?.(y) ? { marker: ESTIMATE_MARK } : {}) : blank];
        }),
      );
    rows.push({
      id: `${ref}.drivers`,
      cells: { label: text(`${ref} ${c.line.description}: from ${c.drivers.join(' + ')}`), [demand.baseYear]: blank, ...cells(c.built) },
    });
    if (!view.comparedFile) continue;
    if (!c.other) {
      notes.push(`${ref} is not in ${view.comparedFile}.`);
      continue;
    }
    const other = c.other;
    const est = (y: FiscalYear): boolean => {
      const b = other.levels.get(y)?.basis;
      return b !== undefined && isEstimate(b);
    };
    estimates ||= demand.years.some(est);
    rows.push(
      {
        id: `${ref}.compared`,
        cells: {
          label: text(`${ref} in ${view.comparedFile}`),
          [demand.baseYear]: blank,
          ...cells(new Map([...other.levels].map(([y, l]) => [y, l.amount])), est),
        },
      },
      {
        id: `${ref}.difference`,
        cells: { label: text(`${ref} difference (drivers − ${view.comparedFile})`), [demand.baseYear]: blank, ...cells(other.difference) },
      },
    );
  }
  if (estimates)
    notes.push(`${ESTIMATE_MARK} not published: ${view.comparedFile} estimates this year (the source states only some years of the line).`);
  if (!view.comparedFile) notes.push('No `compare_with:` scenario: add one to see each line beside its published levels.');
  return {
    id: 'lines',
    title: view.comparedFile ? `Driver-built lines beside ${view.comparedFile}` : 'Driver-built lines',
    units: '£',
    columns: columns(demand),
    rows,
    notes: [...notes, ...generalNotes(view)],
  };
}

/** Notes that apply to the whole command: the base year, exactness, what-ifs, calibrated figures. */
function generalNotes(view: DemandView): string[] {
  const notes = [
    `The base year is ${view.demand.baseYear}, the year before the MTFS: a line's level is its cost in a year less its ${view.demand.baseYear} cost. Cost = users × unit cost and level = volume effect + price effect exactly (see --format csv or json for the exact figures).`,
  ];
  for (const v of view.scenario.variantSets ?? []) notes.push(`Set by the variant ${v.file}: ${v.text} (${v.reason}).`);
  for (const w of view.scenario.whatIf ?? []) notes.push(`What-if: --set ${w}.`);
  const calibrated = (view.scenario.drivers ?? []).flatMap((d) =>
    provenances(d)
      .filter(([, p]) => p.status === 'calibrated')
      .map(([k]) => `${d.name}.${k}`),
  );
  if (calibrated.length) notes.push(`Calibrated to a published figure (not independent evidence): ${calibrated.join(', ')}.`);
  return notes;
}

/** Every sourced parameter of a driver, by its name in the file. */
export function provenances(d: DemandDriver): [string, Provenance][] {
  const out: [string, Provenance][] = [];
  const u = d.users;
  switch (u.kind) {
    case 'population':
      out.push(['use_rate', u.useRate.provenance]);
      if (u.extraGrowth) out.push(['extra_population_growth', u.extraGrowth.provenance]);
      break;
    case 'given':
      out.push(['users', u.users.provenance]);
      break;
    case 'cohort':
      out.push(['arrivals', u.arrivals.provenance], ['part_year', u.partYear.provenance]);
      break;
  }
  out.push(['unit_cost', d.unitCost.provenance], ['unit_cost_uplift', d.uplift.provenance]);
  return out;
}

export function demandTables(view: DemandView): TableModel[] {
  return [...view.demand.drivers.map((dd) => driverTable(dd, view.demand, view.scenario)), comparisonTable(view)];
}

/** The heading printed above the tables in text and Markdown. */
export const demandHeading = (view: DemandView): string => `Demand drivers. ${scenarioTitle(view.scenario)}`;

const byYear = (years: readonly FiscalYear[], f: (y: FiscalYear) => Dec | undefined): Record<string, string | null> =>
  Object.fromEntries(
    years.map((y) => {
      const v = f(y);
      return [y, v === undefined ? null : toPlain(v)];
    }),
  );

function parameterJson<T extends Dec>(p: Parameter<T>): unknown {
  return {
    ...('every' in p.value
      ? { value: toPlain(p.value.every) }
      : { values: Object.fromEntries([...p.value.byYear].map(([y, v]) => [y, toPlain(v)])) }),
    ...provenanceJson(p.provenance),
  };
}

const provenanceJson = (p: Provenance) => ({
  status: p.status,
  source: p.source,
  note: p.note ?? null,
  origin: p.origin ? `${p.origin.file}:${p.origin.line}` : null,
});

/** JSON for `mtfs demand --format json`: exact strings; money in £, unit costs in £ per user a year. */
export function demandAsJson(view: DemandView): unknown {
  const { demand, scenario } = view;
  const all = [demand.baseYear, ...demand.years];
  return {
    scenario: { file: scenario.file, authority: scenario.authority, department: scenario.department, title: scenario.title ?? null },
    units: '£',
    base_year: demand.baseYear,
    years: demand.years,
    what_if: scenario.whatIf ?? [],
    drivers: demand.drivers.map((dd) => {
      const d = dd.driver;
      const u = d.users;
      const at = (y: FiscalYear) => dd.years.find((r) => r.year === y);
      return {
        name: d.name,
        description: d.description,
        kind: u.kind,
        lines: scenario.lines.filter((l) => l.drivers?.includes(d.name)).map((l) => l.ref),
        ...(u.kind === 'population'
          ? {
              population: {
                file: u.population.file,
                area: u.population.area,
                band: u.population.band,
                method: u.population.method ?? null,
                extend: u.population.extend ?? null,
                source: u.population.source,
                published: Object.fromEntries(
                  [...u.population.points].sort((a, b) => a.year - b.year).map((p) => [String(p.year), toPlain(p.value)]),
                ),
              },
              use_rate: parameterJson(u.useRate),
              extra_population_growth: u.extraGrowth ? parameterJson(u.extraGrowth) : null,
            }
          : {}),
        ...(u.kind === 'given' ? { users: parameterJson(u.users) } : {}),
        ...(u.kind === 'cohort'
          ? {
              arrivals: parameterJson(u.arrivals),
              part_year: { value: toPlain(u.partYear.value), ...provenanceJson(u.partYear.provenance) },
            }
          : {}),
        unit_cost: {
          amount: toPlain(d.unitCost.amount),
          per: d.unitCost.per,
          price_year: d.unitCost.priceYear,
          ...provenanceJson(d.unitCost.provenance),
        },
        unit_cost_uplift: parameterJson(d.uplift),
        by_year: Object.fromEntries(
          all.map((y) => {
            const r = at(y);
            return [
              y,
              r && {
                population: r.population ? toPlain(r.population.value) : null,
                population_basis: r.population ? (r.population.adjusted ? 'adjusted' : r.population.basis) : null,
                arrivals: r.arrivals ? toPlain(r.arrivals) : null,
                users: toPlain(r.users),
                unit_cost: toPlain(r.unitCost),
                unit_cost_basis: r.unitCostBasis,
                cost: toPlain(r.cost),
                level: toPlain(r.level),
                volume: toPlain(r.volume),
                price: toPlain(r.price),
              },
            ];
          }),
        ),
      };
    }),
    lines: view.lines.map((c) => ({
      ref: c.line.ref,
      description: c.line.description,
      drivers: c.drivers,
      levels: byYear(demand.years, (y) => c.built.get(y)),
      compared_with: view.comparedFile ?? null,
      compared: c.other ? byYear(demand.years, (y) => c.other?.levels.get(y)?.amount) : null,
      compared_basis: c.other ? Object.fromEntries(demand.years.map((y) => [y, c.other?.levels.get(y)?.basis ?? null])) : null,
      difference: c.other ? byYear(demand.years, (y) => c.other?.difference.get(y)) : null,
    })),
    notes: generalNotes(view),
  };
}
