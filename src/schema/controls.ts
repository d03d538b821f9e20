// The written shape of `controls:`: published figures by row and year, each optionally with the
// precision it was published to, and the rounding rule the comparison uses. Strict; which rows a
// projection can show is checked when the controls are checked (reports/check/).

import { z } from 'zod/mini';
import { checkedString, docs, lazySchema, optionalOf, strictObject } from './lazy.js';
import { ROUNDING_MODES } from '../model/money.js';
import { PUBLISHED_TO } from '../model/published-precision.js';
import { amountSchema, sourceSchema, yearSchema } from './common.js';
import { FUNDING_ROWS } from './funding.js';

/** Rows of Leicestershire's table and the funding rows: named in hints (a layout adds its own rows). */
export const CONTROL_ROWS = ['original_budget', 'transfers', 'subtotal', 'growth', 'savings', 'net_budget', ...FUNDING_ROWS] as const;

/** Classifications a subtotal control may group lines by: `savings.nature.Eff`. */
export const CONTROL_GROUPS = ['category', 'nature', 'service_area', 'growth_type', 'status'] as const;

// a row id of the layout (or a funding row), a level total or subtotal of a lines row, or a funding
// component; whether the scenario's projection has that row is checked by `mtfs check` (control-row)
const ROW_ID = '[a-z][a-z0-9_]*';
const CONTROL_ROW_PATTERN = new RegExp(
  `^(?:${ROW_ID}|${ROW_ID}\\.total|${ROW_ID}\\.(?:${CONTROL_GROUPS.join('|')})\\..+|funding\\.[a-z][a-z0-9_.-]*)$`,
);

export const controlRowSchema = lazySchema(() =>
  checkedString(
    z.superRefine((id, ctx) => {
      if (CONTROL_ROW_PATTERN.test(id)) return;
      ctx.addIssue({
        code: 'custom',
        message: `\`${id}\` is not a row a control can name`,
        params: {
          mtfs: 'unknown-key',
          hint: `name a row of the table by its id (e.g. ${CONTROL_ROWS.join(', ')}, or a row of the scenario's layout), a level total (growth.total, savings.total), a subtotal (e.g. savings.nature.Eff) or a funding row (e.g. funding.council_tax, funding.grant.ibcf)`,
        },
      });
    }),
  ).register(docs, {
    description:
      'A row id: a row of the budget table (the layout’s ids, e.g. net_budget, base_budget, levies) or a funding row, `<lines row>.total`, `<lines row>.<classification>.<value>` or `funding.<component>`.',
  }),
);

export const publishedToSchema = lazySchema(() =>
  z.enum(PUBLISHED_TO).register(docs, {
    description: 'The precision the source published the figure to: £0.01, £1, £100, £000, £0.01m, £0.1m or £m.',
  }),
);

const controlValueSchema = lazySchema(() =>
  z.union([
    amountSchema(),
    strictObject({ amount: amountSchema(), published_to: publishedToSchema() }).register(docs, {
      description: 'A published figure with its own precision, e.g. {amount: 13.0, published_to: £0.1m}.',
    }),
  ]),
);

export const controlsSchema = lazySchema(() =>
  strictObject({
    source: sourceSchema(),
    published_to: optionalOf(publishedToSchema).register(docs, {
      description:
        'The precision every figure here was published to (default: exactly as written). `check` passes when the exact figure rounds to the published one.',
    }),
    rounding: optionalOf(() =>
      z.enum(Object.keys(ROUNDING_MODES) as [keyof typeof ROUNDING_MODES, ...(keyof typeof ROUNDING_MODES)[]]),
    ).register(docs, {
      description: 'How the exact figure is rounded to the published precision (default half-away-from-zero, as Excel’s ROUND).',
    }),
    rows: z.record(controlRowSchema(), z.record(yearSchema(), controlValueSchema())).register(docs, {
      description:
        'Published figures by row id and year, signed as the table prints them (savings negative; planned use of reserves positive).',
    }),
  }).register(docs, { id: 'Controls' }),
);

export type WrittenControls = z.infer<ReturnType<typeof controlsSchema>>;
