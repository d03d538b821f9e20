// The written shape of the national data files in data/: the LGA green paper's options to raise
// money, the costs of its options for change, and the national totals used to share them out.
// Strict zod schemas; every figure carries its provenance and source.

import { z } from 'zod/mini';
import { checkedString, docs, lazySchema, optionalOf, strictObject } from './lazy.js';
import { amountSchema, rateSchema, sourceSchema, textSchema, yearSchema } from './common.js';
import { provenanceSchema } from './funding.js';

const seriesIdSchema = lazySchema(() =>
  checkedString(z.regex(/^[a-z][a-z0-9-]*$/, 'an id is lower-case letters, digits and `-`, e.g. income-tax-basic')),
);

const pointSchema = lazySchema(() =>
  strictObject({
    amount: amountSchema(),
    provenance: provenanceSchema(),
    source: sourceSchema(),
    estimate_basis: optionalOf(seriesIdSchema).register(docs, {
      description: 'Whose estimate this is, e.g. kings-fund-2030-31: points on different bases are never joined by a straight line.',
    }),
  }),
);

const seriesShape = lazySchema(() => ({
  id: seriesIdSchema(),
  label: textSchema(),
  illustrative: optionalOf(() => z.boolean()),
  note: optionalOf(textSchema),
  outside_points: optionalOf(() => z.enum(['held', 'none'])).register(docs, {
    description:
      'After the last published point: `held` (that point, marked; the default) or `none` (no figure). Before the first point there is never a figure.',
  }),
  points: z.record(yearSchema(), pointSchema()),
}));

const header = lazySchema(() => ({ title: textSchema(), source: sourceSchema(), units: z.literal('£m') }));

export const fundingOptionsFileSchema = lazySchema(() =>
  strictObject({
    ...header(),
    options: z.array(
      strictObject({
        ...seriesShape(),
        group: seriesIdSchema(),
        local_council_tax_rate: optionalOf(rateSchema).register(docs, {
          description:
            "Locally, this option is this rate of the authority's own council tax (its tax base × Band D), not a share of the national figure.",
        }),
      }),
    ),
  }),
);

const NEED_GROUPS = ['existing', 'reform'] as const;

export const needsFileSchema = lazySchema(() =>
  strictObject({
    ...header(),
    needs: z.array(
      strictObject({
        ...seriesShape(),
        group: z.enum(NEED_GROUPS),
        excludes: optionalOf(() => z.array(seriesIdSchema())),
        own_gap_overlap: optionalOf(textSchema).register(docs, {
          description: "How this need overlaps an authority's own gap (shown with the local view's own gap row).",
        }),
      }),
    ),
  }),
);

const citation = lazySchema(() => ({
  when: textSchema(),
  provenance: provenanceSchema(),
  source: sourceSchema(),
  note: optionalOf(textSchema),
}));

export const nationalTotalsFileSchema = lazySchema(() =>
  strictObject({
    asc_net_spend: strictObject({ amount: amountSchema(), units: z.literal('£m'), ...citation() }),
    population: strictObject({
      count: amountSchema(),
      ...citation(),
      external: optionalOf(() => z.boolean()).register(docs, {
        description: 'True when the figure was not read from a document in this repository: it is to be checked against its source.',
      }),
    }),
  }),
);

export type WrittenSeries =
  z.infer<ReturnType<typeof fundingOptionsFileSchema>>['options'][number] | z.infer<ReturnType<typeof needsFileSchema>>['needs'][number];
