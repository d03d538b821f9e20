// The written shape of gross expenditure and income: a line's `gross:` and `income:` with its kind
// of income and income drivers, and a department's published `gross_and_income:`. Strict zod.

import { z } from 'zod/mini';
import { docs, lazySchema, optionalOf, strictObject } from './lazy.js';
import { INCOME_TYPES } from '../model/gross-income.js';
import { PUBLISHED_TO } from '../model/published-precision.js';
import { amountSchema, amountsByYearSchema, rateSchema, sourceSchema, textSchema, yearSchema } from './common.js';

/** The fields a line adds to state its gross expenditure and income (see docs/scenario-format.md). */
export const grossIncomeLineShape = lazySchema(() => ({
  gross: optionalOf(amountsByYearSchema).register(docs, {
    description:
      "The line's gross expenditure in each stated year, as its effect on the department's gross spend (a cut is negative). With `income`, the line's net effect is gross − income.",
  }),
  income: optionalOf(amountsByYearSchema).register(docs, {
    description:
      "The line's income in each stated year, as its effect on the department's income (more income positive, income lost negative). Years are filled like `levels` (`unstated`).",
  }),
  income_type: optionalOf(() => z.enum(INCOME_TYPES)).register(docs, {
    description:
      'The kind of income: fees_and_charges, client_contributions, health_income, pooled_budget_contributions or specific_grants.',
  }),
  income_uplift: optionalOf(rateSchema).register(docs, {
    description: "After the last stated income, each year's income is the year before's × (1 + this rate), e.g. 2%.",
  }),
  income_ends: optionalOf(yearSchema).register(docs, {
    description: 'Income is nil from this year, e.g. a grant that ends.',
  }),
}));

/** One year of a department's published gross budget, income and (where stated) net. */
const grossIncomeYearSchema = lazySchema(() =>
  strictObject({
    gross: amountSchema(),
    income: amountSchema(),
    net: optionalOf(amountSchema).register(docs, {
      description: 'The net the source states beside them; checked to equal gross − income.',
    }),
  }).register(docs, { id: 'GrossIncomeYear' }),
);

export const grossAndIncomeSchema = lazySchema(() =>
  strictObject({
    years: z.record(yearSchema(), grossIncomeYearSchema()),
    published_to: optionalOf(() => z.enum(PUBLISHED_TO)).register(docs, {
      description: 'The precision the figures were published to, e.g. £0.1m.',
    }),
    source: sourceSchema(),
    note: optionalOf(textSchema),
  }).register(docs, {
    id: 'GrossAndIncome',
    description:
      "The department's gross budget and income as published for some years; `mtfs project --detail` shows them beside the net budget.",
  }),
);
