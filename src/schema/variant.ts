// The written shape of a scenario variant: a file that `extends:` another scenario and removes,
// adds, sets or scales lines. Strict like every schema; published as part of `mtfs schema`.

import { z } from 'zod/mini';
import { described, docs, lazySchema, optionalOf, strictObject } from './lazy.js';
import { amountsByYearSchema, dateSchema, rateSchema, sourceSchema, textSchema, yearSchema } from './common.js';
import { provenanceSchema } from './funding.js';
import { controlsSchema, lineSchema, UNSTATED_METHODS } from './scenario.js';
import { refSchema } from './line-fields.js';
import { selectorSchema } from './selector.js';

export { selectorSchema };

export const variantSchema = lazySchema(() =>
  strictObject({
    extends: described(textSchema(), { description: 'The scenario this one changes, relative to this file.' }),
    title: optionalOf(textSchema),
    status: optionalOf(textSchema).register(docs, {
      description: "The variant's standing, e.g. Draft; the base's otherwise.",
    }),
    date: optionalOf(dateSchema).register(docs, {
      description: "The variant's date, YYYY-MM-DD; the base's otherwise.",
    }),
    description: optionalOf(textSchema).register(docs, {
      description: 'The question this variant asks, e.g. "What if AC14 is rejected?"',
    }),
    source: optionalOf(sourceSchema),
    remove: optionalOf(() => z.array(strictObject({ ref: refSchema(), reason: textSchema() }))).register(docs, {
      description: 'Lines of the base to drop, each with a reason.',
    }),
    add: optionalOf(() => z.array(lineSchema())).register(docs, {
      description: 'New lines, written like the lines of a scenario.',
    }),
    set: optionalOf(() =>
      z.array(
        strictObject({
          ref: refSchema(),
          levels: amountsByYearSchema(),
          unstated: optionalOf(() => z.enum(UNSTATED_METHODS)),
          source: sourceSchema(),
        }),
      ),
    ).register(docs, { description: "Replace a line's levels (all of them: years not given follow `unstated`)." }),
    scale: optionalOf(() => z.array(strictObject({ select: selectorSchema(), factor: rateSchema(), reason: textSchema() }))).register(
      docs,
      {
        description: 'Multiply the levels of the chosen lines, e.g. factor 75% (deliver three quarters) or 110% (+10%).',
      },
    ),
    funding: optionalOf(() =>
      strictObject({
        set: optionalOf(() =>
          z.array(
            strictObject({
              item: described(textSchema(), {
                description:
                  'A funding stream by id: revenue_support_grant, business_rates, section_31, business_rates_growth, collection_fund or a grant id.',
              }),
              label: optionalOf(textSchema).register(docs, {
                description: "The stream's row label in this scenario.",
              }),
              amounts: amountsByYearSchema(),
              unstated: optionalOf(() => z.enum(['hold', 'linear'])),
              provenance: provenanceSchema(),
              source: sourceSchema(),
              note: optionalOf(textSchema),
            }),
          ),
        ).register(docs, {
          description: "Replace a funding stream's amounts (every year: years not given follow `unstated`), with their provenance.",
        }),
        scale: optionalOf(() =>
          z.array(
            strictObject({
              item: textSchema(),
              label: optionalOf(textSchema).register(docs, {
                description: "The stream's row label in this scenario.",
              }),
              factor: rateSchema(),
              from: optionalOf(yearSchema).register(docs, { description: 'The first year scaled (every year when absent).' }),
              reason: textSchema(),
            }),
          ),
        ).register(docs, {
          description: 'Multiply a funding stream from a year on, e.g. revenue support grant × 80% from 2020/21.',
        }),
      }),
    ).register(docs, {
      description:
        'Settlement scenarios: set or scale funding streams of the base (a fair funding review, a business rates reset). A changed figure is marked as the variant says (usually an estimate).',
    }),
    parameters: optionalOf(() =>
      z.array(
        strictObject({
          set: described(textSchema(), {
            description:
              'PATH=VALUE, as `--set` takes it: council_tax.collection_rate=97.5%, reserves.opening=15000, inflation.<name>.rate=3%, index.<series>.2019/20=2.5%, <driver>.<parameter>=…, <ref>.income_uplift=2%, funding.<stream>.<year>=….',
          }),
          reason: textSchema(),
        }),
      ),
    ).register(docs, {
      description:
        'Parameters the variant changes, each written as `--set` takes it (council tax rules, reserves, inflation and index series, demand and income drivers, the settlement), applied in order after the line and funding operations.',
    }),
    controls: optionalOf(controlsSchema).register(docs, {
      description:
        "The variant's own controls. Without them, `check` uses the base's controls on the figures the variant does not change and reports the rest as not applicable.",
    }),
  }).register(docs, { id: 'ScenarioVariant', title: 'mtfs scenario variant' }),
);

export type WrittenVariant = z.infer<ReturnType<typeof variantSchema>>;
