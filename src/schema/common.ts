// Building blocks of the on-disk format shared by every schema: amounts, rates, years, citations.
// Values arrive as text (YAML numbers keep their source), so the grammar is checked here.

import { z } from 'zod/mini';
import { checkedString, docs, lazySchema } from './lazy.js';
import { isCanonicalAmount, parseAmountText, parseRateText } from '../model/amount-text.js';
import { parseFiscalYear } from '../model/fiscal-year.js';
import { parseDateText } from '../model/calendar-date.js';

/** An amount as written: `1275`, `135,053`, `(4,755)`. YAML numbers reach zod as their source text. */
export const amountSchema = lazySchema(() =>
  checkedString(
    z.superRefine((text, ctx) => {
      if (isCanonicalAmount(text)) return;
      const r = parseAmountText(text);
      if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message, params: { mtfs: 'amount-format', hint: r.hint } });
    }),
  ).register(docs, { id: 'Amount', description: 'An exact amount in the scenario units: 1275, -4755.5, 135,053 or (4,755).' }),
);

/** A rate as written: `0.035` or `3.5%`. */
export const rateSchema = lazySchema(() =>
  checkedString(
    z.superRefine((text, ctx) => {
      const r = parseRateText(text);
      if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message, params: { mtfs: 'rate-format', hint: r.hint } });
    }),
  ).register(docs, { id: 'Rate', description: 'A rate: a fraction such as 0.035 or a percentage such as 3.5%.' }),
);

/** A UK financial year such as `2018/19`. */
export const yearSchema = lazySchema(() =>
  checkedString(
    z.superRefine((text, ctx) => {
      const r = parseFiscalYear(text);
      if (r.ok) return;
      if (/^\d{3}\)?$/.test(text.trim())) {
        ctx.addIssue({
          code: 'custom',
          message: `\`${text.trim()}\` looks like the end of an amount split at its thousands comma`,
          params: {
            mtfs: 'year-format',
            hint: 'inside `{ … }` a comma separates entries: write 135053, quote it as "135,053", or put each `year: amount` on its own line',
          },
        });
        return;
      }
      ctx.addIssue({ code: 'custom', message: r.message, params: { mtfs: 'year-format', hint: r.hint } });
    }),
  ).register(docs, { id: 'FiscalYear', description: 'A UK financial year written 2018/19.' }),
);

/** The date of a paper, `2018-01-16`: shown in the report, which never reads the clock. */
export const dateSchema = lazySchema(() =>
  checkedString(
    z.superRefine((text, ctx) => {
      const r = parseDateText(text);
      if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message, params: { mtfs: 'date-format', hint: r.hint } });
    }),
  ).register(docs, { id: 'Date', description: 'A calendar date written YYYY-MM-DD, e.g. 2018-01-16.' }),
);

/** Amounts by financial year: `{2018/19: 688}`. */
export const amountsByYearSchema = lazySchema(() => z.record(yearSchema(), amountSchema()));

/** Where a figure comes from: a document and place, e.g. `Medium Term Financial Strategy 2018/19-2021/22, report to the Adults and Communities Overview and Scrutiny Committee, 16 January 2018, para 14`. */
export const sourceSchema = lazySchema(() =>
  checkedString(z.trim(), z.minLength(1, 'a source citation cannot be empty')).register(docs, {
    description: 'Where the figure comes from: the document by title and date, its paragraph, table or page, and the quoted text.',
  }),
);

export const textSchema = lazySchema(() => checkedString(z.trim(), z.minLength(1, 'this text cannot be empty')));
