// The written shape of a budget table's layout (`layout:`) and of a base budget stated each year
// (`base_budget:`). Strict zod schemas; the rules between rows are checked in load/layout.ts.

import { z } from 'zod/mini';
import { checkedArray, checkedString, docs, lazySchema, optionalOf, strictObject } from './lazy.js';
import { LINE_KINDS } from '../model/line-kind.js';
import { amountsByYearSchema, sourceSchema, textSchema } from './common.js';
import { refSchema } from './line-fields.js';

export const rowIdSchema = lazySchema(() =>
  checkedString(
    z.regex(/^[a-z][a-z0-9_]*$/, 'a row id is lower case letters, digits and `_`, starting with a letter, e.g. net_budget'),
  ).register(docs, { description: 'A row id, used by `sum`, controls, CSV and JSON, e.g. net_budget.' }),
);

const kindSchema = lazySchema(() => z.enum(LINE_KINDS));

/** Which lines a row sums: every condition given must hold. */
export const rowLinesSchema = lazySchema(() =>
  strictObject({
    kind: optionalOf(() => z.union([kindSchema(), checkedArray(kindSchema(), z.minLength(1))])).register(docs, {
      description: 'Line kinds, e.g. saving or [growth, inflation].',
    }),
    refs: optionalOf(() => checkedArray(refSchema(), z.minLength(1))).register(docs, {
      description: 'These lines, e.g. [T1, T2].',
    }),
    category: optionalOf(textSchema),
    nature: optionalOf(textSchema),
    service_area: optionalOf(textSchema),
    growth_type: optionalOf(textSchema),
    status: optionalOf(textSchema),
  }).register(docs, { id: 'RowLines' }),
);

export const layoutRowSchema = lazySchema(() =>
  strictObject({
    id: rowIdSchema(),
    label: textSchema(),
    base: optionalOf(() => z.enum(['brought_forward', 'base', 'restatement'])).register(docs, {
      description:
        'A base row: brought_forward (last year’s net budget), base (the base budget: stated with `base_budget:` or rolled forward) or restatement (stated base less last year’s net budget).',
    }),
    transfers: optionalOf(() => z.literal(true)).register(docs, { description: 'The `transfers:` amounts of the scenario.' }),
    lines: optionalOf(rowLinesSchema).register(docs, {
      description: 'The year-on-year change of the lines chosen, signed as their effect on the net budget.',
    }),
    sum: optionalOf(() => checkedArray(rowIdSchema(), z.minLength(1))).register(docs, {
      description: 'The sum of these rows, each listed above this one.',
    }),
    deduction: optionalOf(() => z.boolean()).register(docs, { description: 'Print a nil figure as (0), like a "Less …" row.' }),
    schedule: optionalOf(textSchema).register(docs, {
      description:
        'A lines row choosing one kind: the name the source gives the schedule of those lines, e.g. Appendix B (shown in the schedule’s title).',
    }),
  }).register(docs, { id: 'LayoutRow', description: 'One row: exactly one of base, transfers, lines or sum.' }),
);

export const layoutSchema = lazySchema(() =>
  strictObject({
    rows: checkedArray(layoutRowSchema(), z.minLength(1)),
  }).register(docs, {
    id: 'Layout',
    description:
      'The rows of the budget table in order. One row must be `net_budget`, a sum counting the base, transfers and every line once.',
  }),
);

export const baseBudgetSchema = lazySchema(() =>
  strictObject({ amounts: amountsByYearSchema(), source: sourceSchema() }).register(docs, {
    description: 'The base budget stated (restated) for every year, instead of rolling last year’s net budget forward.',
  }),
);

export type WrittenLayout = z.infer<ReturnType<typeof layoutSchema>>;
export type WrittenLayoutRow = z.infer<ReturnType<typeof layoutRowSchema>>;
