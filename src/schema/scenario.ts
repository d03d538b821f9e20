// The written shape of a scenario file (YAML) and of a line-table row (CSV): strict zod schemas,
// so every unknown key is an error. Also the source of `mtfs schema` (JSON Schema for editors).

import { z } from 'zod/mini';
import { checkedString, docs, type FieldsShape, lazySchema, optional, optionalOf, required, shapeOf, strictObject } from './lazy.js';
import { UNITS } from '../model/units.js';
import { assumptionsSchema } from './assumptions.js';
import { amountSchema, amountsByYearSchema, dateSchema, rateSchema, sourceSchema, textSchema, yearSchema } from './common.js';
import { LINE_TYPES, RAG_RATINGS, refSchema, SAVING_STAGES, UNSTATED_METHODS } from './line-fields.js';
import { classificationsSchema } from './classification.js';
import { driverNameSchema, driversSchema, lineDriverSchema } from './drivers.js';
import { indexSeriesSectionSchema, inflationSchema } from './inflation.js';
import { fundingHeaderFields } from './funding.js';
import { grossAndIncomeSchema, grossIncomeLineShape } from './gross-income.js';
import { baseBudgetSchema, layoutSchema } from './layout.js';
import { CONTROL_ROWS, controlsSchema } from './controls.js';

export { CONTROL_ROWS, controlsSchema };

/** How a line's amounts are written: each year's level, or each year's change. */
export const AMOUNT_FORMS = ['levels', 'changes'] as const;
export type AmountForm = (typeof AMOUNT_FORMS)[number];

export { LINE_TYPES, refSchema, UNSTATED_METHODS };

/** A delay in delivering a saving: whole years, or part of a year (in every year, or in one). */
export const slippageSchema = lazySchema(() =>
  strictObject({
    years: optionalOf(() => checkedString(z.regex(/^[1-9]$/, 'years is a whole number of years from 1 to 9'))).register(docs, {
      description: 'Every level arrives this many whole years late, e.g. 1.',
    }),
    fraction: optionalOf(rateSchema).register(docs, {
      description:
        "Each year's step up in level arrives this part of a year late (0.5 or 50%): only the rest of the step is delivered in its year.",
    }),
    year: optionalOf(yearSchema).register(docs, { description: 'With `fraction`: only this year’s step slips.' }),
    note: optionalOf(textSchema).register(docs, { description: 'Why the saving slips, with its source.' }),
  }).register(docs, { id: 'Slippage', description: 'Give `years`, or `fraction` with an optional `year`.' }),
);

/** One growth or saving line. Its levels are the line's total level in each year, not changes. */
export const lineSchema = lazySchema(() =>
  strictObject({
    ref: refSchema(),
    type: z.enum(LINE_TYPES).register(docs, {
      description:
        'The kind of line: growth, inflation, saving, income, adjustment, to_reserves, from_reserves, levy or capital_financing. Amounts are written as the amount of the kind (a saving of 250 saves 250); see "Line kinds and signs".',
    }),
    description: textSchema(),
    status: optionalOf(textSchema).register(docs, {
      description:
        "unchanged from the previous MTFS, amended, or new, or the mark the scenario's `classifications:` gives it (* and ** by default).",
    }),
    category: optionalOf(textSchema).register(docs, {
      description: 'A code of the `category` the scenario declares (e.g. Transformation), or any text where it declares none.',
    }),
    nature: optionalOf(textSchema).register(docs, {
      description:
        'A code of the `nature` the scenario declares, or a mix such as SR/Eff where it allows mixes; any text where it declares none.',
    }),
    service_area: optionalOf(textSchema).register(docs, {
      description: 'e.g. Adult Social Care, Communities and Wellbeing.',
    }),
    growth_type: optionalOf(textSchema).register(docs, {
      description: 'The kind of growth, e.g. committed or service improvement.',
    }),
    changes: optionalOf(amountsByYearSchema).register(docs, {
      description:
        'The change in the line in each stated year, e.g. {2024/25: 100, 2026/27: -30}, instead of `levels`; years not stated change by nil.',
    }),
    one_off: optionalOf(() => z.boolean()).register(docs, {
      description: 'True for a one-off line: each stated amount applies in its year only and falls out the following year.',
    }),
    levels: optionalOf(amountsByYearSchema).register(docs, {
      description: 'The level of the line in each stated year, e.g. {2018/19: 250, 2019/20: 350}. Give `levels`, `changes` or `driver`.',
    }),
    driver: optionalOf(lineDriverSchema),
    inflation: optionalOf(driverNameSchema).register(docs, {
      description: 'The inflation driver (under `inflation:`) that builds this growth line’s levels, instead of `levels`.',
    }),
    unstated: optionalOf(() => z.enum(UNSTATED_METHODS)).register(docs, {
      description:
        'How years not in `levels` are filled: hold (carry the last stated level forward) or linear (straight line between stated levels, rounded to whole units half away from zero). Years before the first stated level are 0 in both.',
    }),
    reconciling: optionalOf(() => z.boolean()).register(docs, {
      description: 'True for a line that is not described in the source text but reconciles to a published total.',
    }),
    rag: optionalOf(() => z.enum(RAG_RATINGS)).register(docs, {
      description: 'Savings only: the RAG rating of delivery (red, amber or green).',
    }),
    stage: optionalOf(() => z.enum(SAVING_STAGES)).register(docs, {
      description:
        'Savings only: identified (the default); unidentified (a sum the budget assumes will be found: counted in the budget); under-development (an initiative not yet in the budget: an option for closing the gap).',
    }),
    slippage: optionalOf(slippageSchema),
    ...grossIncomeLineShape(),
    source: sourceSchema(),
    note: optionalOf(textSchema),
  }).register(docs, { id: 'BudgetLine' }),
);

/** The top-level keys of a scenario, each built when first needed. */
const scenarioFields = {
  authority: required(textSchema),
  department: required(textSchema),
  title: optional(textSchema),
  status: optional(textSchema, {
    description: 'The standing of the paper, shown at the top of the report, e.g. Draft, Final, For consultation.',
  }),
  date: optional(dateSchema, { description: 'The date of the paper, shown at the top of the report (the clock is never read).' }),
  source: optional(sourceSchema),
  period: required(() =>
    strictObject({ from: yearSchema(), to: yearSchema() }).register(docs, {
      description: 'The MTFS years, e.g. from 2018/19 to 2021/22.',
    }),
  ),
  units: required(() =>
    z.enum(UNITS).register(docs, {
      description:
        'The unit of every amount in this scenario and its CSV files: £ (pounds), £000 (thousands of pounds) or £m (millions of pounds).',
    }),
  ),
  original_budget: optional(() => strictObject({ amount: amountSchema(), source: sourceSchema() }), {
    description: 'The original budget of the year before the first MTFS year (a department; a whole council has `departments:`).',
  }),
  transfers: optional(() => strictObject({ amounts: amountsByYearSchema(), source: sourceSchema() }), {
    description: 'Budget transfers and adjustments by year.',
  }),
  amounts: optional(() => z.enum(AMOUNT_FORMS), {
    description:
      'Whether the year columns of line tables (`line_files`) give each year’s level (levels, the default) or each year’s change (changes); a row’s `amounts` column may say otherwise.',
  }),
  base_budget: optional(baseBudgetSchema),
  layout: optional(layoutSchema),
  classifications: optional(classificationsSchema),
  line_files: optional(() => z.array(textSchema()), {
    description: 'CSV files of lines, relative to this file; columns as the fields of a line, levels one column per year.',
  }),
  controls: optional(controlsSchema),
  assumptions: optional(assumptionsSchema),
  drivers: optional(driversSchema),
  inflation: optional(inflationSchema),
  index_series: optional(indexSeriesSectionSchema),
  compare_with: optional(textSchema, {
    description:
      'A scenario file, relative to this one, whose lines of the same ref `mtfs demand` shows beside each driver-built line (e.g. the published levels).',
  }),
  ...fundingHeaderFields,
  gross_and_income: optional(grossAndIncomeSchema),
};

/** The whole scenario file, for JSON Schema and documentation. Loading validates lines one by one. */
export const scenarioSchema = lazySchema(() =>
  strictObject({ ...shapeOf(scenarioFields), lines: optionalOf(() => z.array(lineSchema())) }).register(docs, {
    id: 'Scenario',
    title: 'mtfs scenario',
  }),
);

/**
 * The top-level keys as loading validates them: one by one, so that a bad key hides no other; the
 * lines, drivers and inflation items are validated one by one later, so that one bad entry hides nothing.
 */
export const scenarioHeaderFields = {
  ...scenarioFields,
  lines: optional(() => z.array(z.unknown())),
  drivers: optional(() => z.unknown()),
  inflation: optional(() => z.unknown()),
  index_series: optional(() => z.unknown()),
};

export type WrittenLine = z.infer<ReturnType<typeof lineSchema>>;
export type WrittenScenarioHeader = z.infer<z.ZodMiniObject<FieldsShape<typeof scenarioHeaderFields>, z.core.$strict>>;

/** CSV columns of a line table, besides one column per year. */
export const LINE_CSV_COLUMNS = [
  'ref',
  'type',
  'description',
  'status',
  'category',
  'nature',
  'service_area',
  'growth_type',
  'amounts',
  'one_off',
  'unstated',
  'reconciling',
  'rag',
  'stage',
  'source',
  'note',
] as const;
export const REQUIRED_LINE_CSV_COLUMNS = ['ref', 'type', 'description', 'source'] as const;

export { amountSchema, yearSchema };
