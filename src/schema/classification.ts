// The written shape of `classifications:`: the vocabularies a scenario declares for its lines
// (codes with labels, which kinds need a value). Strict zod; the values of lines are checked in
// load/classification.ts.

import { z } from 'zod/mini';
import { checkedArray, checkedRecord, checkedString, docs, lazySchema, optionalOf, strictObject } from './lazy.js';
import { LINE_KINDS } from '../model/line-kind.js';
import { STATUS_CODES } from '../model/classification.js';
import { textSchema } from './common.js';

const kindsSchema = lazySchema(() => checkedArray(z.enum(LINE_KINDS), z.minLength(1)));

/** A code as lines write it: text without a leading or trailing space, and no `/` (which joins a mix). */
const codeSchema = lazySchema(() =>
  checkedString(
    z.regex(
      /^[^\s/](?:[^/]*[^\s/])?$/,
      'a code is text without `/` (which joins a mix) and without spaces at either end, e.g. SR or Demand management',
    ),
  ),
);

const commonShape = lazySchema(() => ({
  label: optionalOf(textSchema).register(docs, {
    description: 'The heading of its subtotals, e.g. Nature; by default the name, e.g. "Service area".',
  }),
  required_for: optionalOf(kindsSchema).register(docs, {
    description: 'Line kinds whose lines must carry a value, e.g. [saving]. Reconciling lines need none. None is required otherwise.',
  }),
  applies_to: optionalOf(kindsSchema).register(docs, {
    description: 'Line kinds whose lines may carry a value, e.g. [saving]; any kind when absent.',
  }),
  shown: optionalOf(() => z.enum(['code', 'label'])).register(docs, {
    description: "Whether tables print a value's code (as the report's own tables do, e.g. SR/Eff) or its label (the default).",
  }),
}));

const valuesSchema = lazySchema(() =>
  checkedRecord(
    codeSchema(),
    textSchema(),
    z.refine((v) => Object.keys(v).length > 0, 'declare at least one value'),
  ).register(docs, {
    description: 'Each code as lines write it, with its label, in the order subtotals show them, e.g. {Eff: Efficiency}.',
  }),
);

const vocabularySchema = lazySchema(() => strictObject({ values: valuesSchema(), ...commonShape() }));

const natureVocabularySchema = lazySchema(() =>
  strictObject({
    values: valuesSchema(),
    mixes: optionalOf(() => z.boolean()).register(docs, {
      description:
        'True when a line may combine values with `/`, e.g. SR/Eff; a mix is shown in the declared order of its parts and subtotalled as one group.',
    }),
    ...commonShape(),
  }),
);

const statusValueSchema = lazySchema(() =>
  z.union([
    textSchema(),
    strictObject({
      label: textSchema(),
      mark: optionalOf(() =>
        checkedString(
          z.regex(
            /^[^\sA-Za-z0-9]{0,3}$/,
            'a mark is up to three symbols (not letters, digits or spaces), printed before the ref, e.g. * or **',
          ),
        ),
      ).register(docs, { description: 'Printed before the ref, e.g. * ; a line may write the mark instead of the code.' }),
    }),
  ]),
);

const statusVocabularySchema = lazySchema(() =>
  strictObject({
    values: z
      .partialRecord(z.enum(STATUS_CODES), statusValueSchema())
      .check(z.refine((v) => Object.keys(v).length > 0, 'declare at least one value'))
      .register(docs, {
        description:
          'The line statuses the scenario uses (unchanged, amended, new: the comparison `mtfs diff` checks), each with its label and mark.',
      }),
    ...commonShape(),
  }),
);

export const classificationsSchema = lazySchema(() =>
  strictObject({
    category: optionalOf(vocabularySchema).register(docs, {
      description: 'e.g. Transformation or Departmental savings.',
    }),
    nature: optionalOf(natureVocabularySchema).register(docs, {
      description: 'e.g. Eff (efficiency), SR (service reduction), Inc (income).',
    }),
    service_area: optionalOf(vocabularySchema),
    growth_type: optionalOf(vocabularySchema).register(docs, {
      description: 'e.g. committed growth or service improvement.',
    }),
    status: optionalOf(statusVocabularySchema),
  }).register(docs, {
    id: 'Classifications',
    description:
      'The vocabularies of line classifications this scenario uses. A classification not declared takes any text (and `status` unchanged, amended, new, * or **); none is required unless `required_for` says so.',
  }),
);

export type WrittenClassifications = z.infer<ReturnType<typeof classificationsSchema>>;
