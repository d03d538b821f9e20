// The written shape of demand drivers (`drivers:` in a scenario): strict zod schemas, one driver per
// client group. Every figure is an object with its value, status and source, so none is unexplained.

import { z } from 'zod/mini';
import { checkedArray, checkedString, described, docs, lazySchema, optionalOf, strictObject } from './lazy.js';
import { PARAMETER_STATUSES } from '../model/demand.js';
import { SERIES_EXTENDS, SERIES_METHODS } from '../model/series.js';
import { amountSchema, rateSchema, sourceSchema, textSchema, yearSchema } from './common.js';

/** A driver name: also the first part of a `--set` path, so it has no dots. */
export const driverNameSchema = lazySchema(() =>
  checkedString(
    z.regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'a driver name is a letter followed by letters, digits, `_` or `-`, e.g. older_people'),
  ).register(docs, { description: 'A driver name, e.g. older_people or learning_disability.' }),
);

const provenance = lazySchema(() => ({
  status: z.enum(PARAMETER_STATUSES as [string, ...string[]]).register(docs, {
    description:
      'verbatim (quoted from the source), derived (computed from quoted figures: say how), assumed (a judgement: say why) or calibrated (chosen so a result matches a published figure: say which).',
  }),
  source: sourceSchema(),
  note: optionalOf(textSchema),
}));

/** A parameter with one value for every year (`value`) or one per year (`values`). */
function perYear(value: z.ZodMiniType, description: string) {
  return strictObject({
    value: optionalOf(() => value).register(docs, { description: 'The same value in every year.' }),
    values: optionalOf(() => z.record(yearSchema(), value)).register(docs, {
      description: 'A value for each year, e.g. {2018/19: 46, 2019/20: 46}.',
    }),
    ...provenance(),
  }).register(docs, { description: `${description} Give \`value\` or \`values\`, with \`status\` and \`source\`.` });
}

const populationRefSchema = lazySchema(() =>
  strictObject({
    file: described(textSchema(), {
      description: 'A population CSV (area, age band, one column per mid-year), relative to this scenario.',
    }),
    area: described(textSchema(), { description: 'The area as written in the file, e.g. Leicestershire.' }),
    band: described(textSchema(), { description: 'The age band as written in the file, e.g. 65+.' }),
    method: optionalOf(() => z.enum(SERIES_METHODS as [string, ...string[]])).register(docs, {
      description:
        'How years between two published points are filled: compound (constant growth rate), linear or hold. Computed values are rounded to whole people half away from zero.',
    }),
    extend: optionalOf(() => z.enum(SERIES_EXTENDS as [string, ...string[]])).register(docs, {
      description:
        'How years before the first or after the last published point are filled: hold (the nearest value) or trend (the compound growth of the two nearest points, continued). Without it such years are an error.',
    }),
    source: sourceSchema(),
  }).register(docs, {
    id: 'PopulationRef',
    description: 'The population band a driver follows: users = population × use_rate.',
  }),
);

const unitCostSchema = lazySchema(() =>
  strictObject({
    amount: amountSchema(),
    per: z.enum(['year', 'week']).register(docs, { description: 'year, or week (annualised over `weeks_per_year`).' }),
    weeks_per_year: optionalOf(amountSchema).register(docs, {
      description:
        'Required with `per: week`, and only then: how many weeks make the year the cost is annualised over, e.g. 52 or 52.14 (365/7 to two places). Say in `source:` or `note:` which the council uses.',
    }),
    year: optionalOf(yearSchema).register(docs, { description: 'The year whose prices `amount` is in (required).' }),
    ...provenance(),
  }).register(docs, {
    id: 'UnitCost',
    description: 'The average cost per user: `amount` in pounds (£, whatever `units:` says) per `per`, at the prices of `year`.',
  }),
);

const cohortSchema = lazySchema(() =>
  strictObject({
    arrivals: perYear(amountSchema(), 'People arriving in each MTFS year (none leave within the period).'),
    part_year: strictObject({ value: rateSchema(), ...provenance() }).register(docs, {
      description: 'The share of a year an arrival is in service in the year of arrival, e.g. 0.5.',
    }),
  }).register(docs, {
    id: 'Cohort',
    description: 'Demand that arrives as a cohort, e.g. young people moving from children’s to adult services.',
  }),
);

export const driverSchema = lazySchema(() =>
  strictObject({
    description: textSchema(),
    population: optionalOf(populationRefSchema),
    use_rate: optionalOf(() => perYear(rateSchema(), 'Users per head of the population band, 0 to 1 (0.035 or 3.5%).')),
    extra_population_growth: optionalOf(() =>
      perYear(
        rateSchema(),
        'A what-if: extra annual growth of the population band, compounding from the base year (population × (1 + r) per year, rounded to whole people).',
      ),
    ),
    users: optionalOf(() => perYear(amountSchema(), 'Users given directly, in the base year and every MTFS year.')),
    cohort: optionalOf(cohortSchema),
    unit_cost: unitCostSchema(),
    unit_cost_uplift: perYear(
      rateSchema(),
      'Annual change in the unit cost (0.02 or 2%); the uplift of a year takes the cost from the year before to it.',
    ),
  }).register(docs, {
    id: 'DemandDriver',
    description:
      'One client group: users from population × use_rate, users given directly, or a cohort; a unit cost with its price year and uplift.',
  }),
);

export const driversSchema = lazySchema(() =>
  z.record(driverNameSchema(), driverSchema()).register(docs, {
    description:
      'Demand drivers by name. A growth line with `driver: <name>` (or a list of names) takes its levels from them: projected cost − base-year cost, the base year being the year before the MTFS.',
  }),
);

/** The driver names a line may give: one, or a list whose levels are summed. */
export const lineDriverSchema = lazySchema(() =>
  z.union([driverNameSchema(), checkedArray(driverNameSchema(), z.minLength(1))]).register(docs, {
    description: 'The demand driver (or list of drivers, summed) that builds this line’s levels, instead of `levels`.',
  }),
);

export type WrittenDriver = z.infer<ReturnType<typeof driverSchema>>;
export type WrittenPerYear = { value?: string; values?: Record<string, string>; status: string; source: string; note?: string };
