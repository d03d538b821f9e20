// The written shape of assumption ranges: how uncertain each estimate is, for `mtfs sensitivity`,
// `mtfs risk` and the report's assumptions appendix. Every range carries a source or reason.

import { z } from 'zod/mini';
import { checkedString, described, docs, lazySchema, optionalOf, strictObject } from './lazy.js';
import { rateSchema, sourceSchema, textSchema, yearSchema } from './common.js';
import { selectorSchema } from './selector.js';

/** low ≤ likely ≤ high; without `likely` the distribution is uniform, with it triangular. */
const factorRangeSchema = lazySchema(() =>
  strictObject({ low: rateSchema(), likely: optionalOf(rateSchema), high: rateSchema() }).register(docs, {
    id: 'FactorRange',
    description: 'Multipliers of the planned figure: 100% is as planned, 60% delivers three fifths.',
  }),
);

/** Values of a driver parameter, in its own grammar (rates 3% or 0.03, people and pounds as amounts). */
const parameterValue = lazySchema(() =>
  z.string().register(docs, { id: 'ParameterValue', description: 'A rate (3% or 0.03), a number of people or pounds.' }),
);
const valueRangeSchema = lazySchema(() =>
  strictObject({ low: parameterValue(), likely: optionalOf(parameterValue), high: parameterValue() }).register(docs, {
    id: 'ValueRange',
    description: 'Values of the parameter: rates as 3% or 0.03, people and pounds as plain amounts.',
  }),
);

/** Either `select` with `factor` (lines), or `parameter` with `range` (a demand driver parameter). */
const assumptionSchema = lazySchema(() =>
  strictObject({
    id: checkedString(
      z.regex(/^[a-z][a-z0-9_-]*$/, 'an assumption id is lower case letters, digits, `_` or `-`, starting with a letter'),
    ).register(docs, { description: 'A stable id, e.g. sr-delivery.' }),
    description: textSchema(),
    select: optionalOf(selectorSchema).register(docs, {
      description: 'The lines this range applies to. A line takes the first assumption that selects it.',
    }),
    factor: optionalOf(factorRangeSchema),
    parameter: optionalOf(textSchema).register(docs, {
      description:
        'Instead of lines: a driver parameter, e.g. older_people.unit_cost_uplift, inflation.care_fees.pass_through, or index.cpi-september (the series’ annual change).',
    }),
    funding: optionalOf(textSchema).register(docs, {
      description:
        'Instead of lines: a funding item to scale by `factor`: a grant id (e.g. ibcf), business_rates, revenue_support_grant, section_31, business_rates_growth (growth above the retained rates baseline), collection_fund, council_tax (its tax base) or collection_rate (a factor on the council tax collected).',
    }),
    from: optionalOf(yearSchema).register(docs, {
      description: 'With `funding`: the first year the factor applies to (earlier years as planned).',
    }),
    range: optionalOf(valueRangeSchema),
    source: described(sourceSchema(), { description: 'Why this range: evidence, a previous year’s delivery, or a judgement and whose.' }),
  }).register(docs, { id: 'Assumption' }),
);

export const assumptionsSchema = lazySchema(() =>
  z.array(assumptionSchema()).register(docs, {
    description: 'Ranges on lines (e.g. delivery of SR savings 60%–100%) for sensitivity, risk and the report.',
  }),
);

export type WrittenAssumption = z.infer<ReturnType<typeof assumptionSchema>>;
