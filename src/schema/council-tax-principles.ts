// The written shape of a council tax referendum principles file (data/council-tax-principles.yaml):
// for each year, the core limit, the adult social care precept limit and any total over a run of
// years, each year with the report that sets it. Strict zod schemas: unknown keys are errors.

import { z } from 'zod/mini';
import { described, docs, lazySchema, optionalOf, strictObject } from './lazy.js';
import { rateSchema, sourceSchema, textSchema, yearSchema } from './common.js';

const principlesYearSchema = lazySchema(() =>
  strictObject({
    // a core increase of this or more is excessive: it needs a referendum (3% allows 2.99%)
    core_limit: rateSchema(),
    asc_precept_limit: optionalOf(rateSchema).register(docs, {
      description: 'The most adult social care precept an authority with social care responsibilities may add in the year.',
    }),
    asc_precept_total: optionalOf(() => strictObject({ from: yearSchema(), to: yearSchema(), limit: rateSchema() })).register(docs, {
      description: 'The most adult social care precept in total over the years `from` to `to`, e.g. 6% over 2017/18 to 2019/20.',
    }),
    source: described(sourceSchema(), { description: 'The report that sets the principles, by title.' }),
    external: z.boolean().register(docs, {
      description: "True when the report is not among the project's source documents: the figures are to be checked against it.",
    }),
    note: optionalOf(textSchema),
  }).register(docs, { id: 'ReferendumPrinciplesYear' }),
);

export const principlesFileSchema = lazySchema(() =>
  strictObject({
    title: textSchema(),
    applies_to: described(textSchema(), { description: 'The authorities these principles apply to.' }),
    years: z.record(yearSchema(), principlesYearSchema()),
  }).register(docs, { id: 'ReferendumPrinciples', description: 'Council tax referendum principles by year.' }),
);

export type WrittenPrinciples = z.infer<ReturnType<typeof principlesFileSchema>>;
