// The written shape of inflation drivers (`inflation:` in a scenario) and of index series (`index_series:`
// in a scenario, or a series file such as data/index-series.yaml). Strict zod schemas: unknown keys
// are errors; every figure carries its status and source.

import { z } from 'zod/mini';
import { described, docs, lazySchema, optionalOf, strictObject } from './lazy.js';
import { PARAMETER_STATUSES } from '../model/demand.js';
import { INFLATION_KINDS, SERIES_FORMS } from '../model/inflation.js';
import { amountSchema, rateSchema, sourceSchema, textSchema, yearSchema } from './common.js';
import { driverNameSchema } from './drivers.js';
import { calibratedToSchema } from './funding.js';

const statusSchema = lazySchema(() =>
  z.enum(PARAMETER_STATUSES as [string, ...string[]]).register(docs, {
    description:
      'verbatim (quoted from the source), derived (computed from quoted figures: say how), assumed (a judgement or estimate: say why) or calibrated (chosen so a result matches a published figure: say which).',
  }),
);

const provenance = lazySchema(() => ({ status: statusSchema(), source: sourceSchema(), note: optionalOf(textSchema) }));

/** A figure of a series: its value with status and source; `external` when the document is not among the project's sources. */
const indexPointSchema = lazySchema(() =>
  strictObject({
    value: z.string().register(docs, { description: 'A rate (2% or 0.02) for a `rate` series; an amount (7.83) for a `level` series.' }),
    ...provenance(),
    external: optionalOf(() => z.boolean()).register(docs, {
      description: "True when the source is not among the project's source documents: check the figure against it.",
    }),
    calibrated_to: optionalOf(calibratedToSchema),
  }).register(docs, { id: 'IndexPoint' }),
);

export const indexSeriesSchema = lazySchema(() =>
  strictObject({
    description: textSchema(),
    form: z.enum(SERIES_FORMS as [string, ...string[]]).register(docs, {
      description:
        "rate: each year's figure is the annual change (CPI, a pay award); level: each year's figure is a level (the National Living Wage in £ an hour), whose change mtfs works out.",
    }),
    unit: optionalOf(textSchema).register(docs, { description: 'The unit of a level series, e.g. "£ an hour".' }),
    values: z.record(yearSchema(), indexPointSchema()).register(docs, { description: 'A figure for each financial year it applies to.' }),
  }).register(docs, {
    id: 'IndexSeries',
    description: 'A named index: a figure for each year, each with its status and source.',
  }),
);

/** A series name: also part of a `--set index.<series>.<year>` path, so it has no dots. */
export const seriesNameSchema = lazySchema(() => driverNameSchema)();

export const indexSeriesFileSchema = lazySchema(() =>
  strictObject({
    title: textSchema(),
    series: z.record(seriesNameSchema(), indexSeriesSchema()),
  }).register(docs, { id: 'IndexSeriesFile', description: 'Index series by name (e.g. data/index-series.yaml).' }),
);

export const indexSeriesSectionSchema = lazySchema(() =>
  strictObject({
    file: optionalOf(textSchema).register(docs, {
      description: 'A series file relative to this scenario, e.g. ../data/index-series.yaml; its series are used by name.',
    }),
    series: optionalOf(() => z.record(seriesNameSchema(), indexSeriesSchema())).register(docs, {
      description: "The scenario's own series, besides the file's (a name may not be in both).",
    }),
  }).register(docs, {
    id: 'IndexSeriesSection',
    description: 'The index series the inflation lines use: a file of series, and the scenario’s own.',
  }),
);

const perYearRate = (description: string) =>
  strictObject({
    value: optionalOf(rateSchema).register(docs, { description: 'The same value in every year.' }),
    values: optionalOf(() => z.record(yearSchema(), rateSchema())).register(docs, { description: 'A value for each year.' }),
    ...provenance(),
  }).register(docs, { description: `${description} Give \`value\` or \`values\`, with \`status\` and \`source\`.` });

export const inflationItemSchema = lazySchema(() =>
  strictObject({
    description: textSchema(),
    kind: z.enum(INFLATION_KINDS as [string, ...string[]]).register(docs, {
      description:
        'pay (a pay bill × the award, with on-costs and pension steps), care-fees (commissioned spend × the fee uplift), contract-prices (spend × an index), general (pay and prices together: a whole budget × one rate) or income (income × an index: reduces net spend).',
    }),
    base: strictObject({
      amount: described(amountSchema(), { description: 'In the scenario units; for pay, the pay bill before on-costs.' }),
      year: described(yearSchema(), { description: 'The base year: the year before the first MTFS year.' }),
      ...provenance(),
    }).register(docs, { description: 'The budget inflated, at base-year prices.' }),
    index: optionalOf(seriesNameSchema).register(docs, {
      description: 'The index series whose annual change is the rate.',
    }),
    rate: optionalOf(() => perYearRate('The annual rate given directly, instead of `index`.')),
    pass_through: optionalOf(() => strictObject({ value: rateSchema(), ...provenance() })).register(docs, {
      description: "With `index`: the share of the index's change passed into the line (e.g. 60% of the NLW increase into fees).",
    }),
    on_costs: optionalOf(() =>
      perYearRate('Pay only: employer on-costs (national insurance and the like) as a share of pay, base year and every MTFS year.'),
    ),
    pension: optionalOf(() =>
      perYearRate('Pay only: the employer pension contribution rate as a share of pay, base year and every MTFS year.'),
    ),
  }).register(docs, {
    id: 'InflationDriver',
    description: 'A line computed from a base and an index, compounding year by year.',
  }),
);

export const inflationSchema = lazySchema(() =>
  z.record(driverNameSchema(), inflationItemSchema()).register(docs, {
    description:
      'Inflation drivers by name. A growth line with `inflation: <name>` takes its levels from one: inflated cost − base-year cost (negated for income).',
  }),
);

export type WrittenIndexSeries = z.infer<ReturnType<typeof indexSeriesSchema>>;
export type WrittenInflationItem = z.infer<ReturnType<typeof inflationItemSchema>>;
