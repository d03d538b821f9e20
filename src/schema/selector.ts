// The written shape of a line selector, used by variants (`scale`) and assumption ranges.

import { z } from 'zod/mini';
import { checkedArray, docs, lazySchema, optionalOf, strictObject } from './lazy.js';
import { textSchema } from './common.js';
import { LINE_TYPES, RAG_RATINGS, refSchema, SAVING_STAGES } from './line-fields.js';

/** Chooses lines: every condition given must hold. Reconciling lines are chosen only by ref. */
export const selectorSchema = lazySchema(() =>
  strictObject({
    refs: optionalOf(() => checkedArray(refSchema(), z.minLength(1))).register(docs, {
      description: 'These lines, e.g. [G6, G7].',
    }),
    type: optionalOf(() => z.enum(LINE_TYPES)),
    nature: optionalOf(textSchema).register(docs, {
      description: 'Lines whose nature includes this, e.g. SR also picks Eff/SR.',
    }),
    category: optionalOf(textSchema),
    service_area: optionalOf(textSchema),
    status: optionalOf(textSchema).register(docs, {
      description: 'unchanged, amended or new, or its mark (* and ** by default).',
    }),
    rag: optionalOf(() => z.enum(RAG_RATINGS)).register(docs, {
      description: 'Savings rated red, amber or green for delivery.',
    }),
    stage: optionalOf(() => z.enum(SAVING_STAGES)).register(docs, {
      description: 'Savings at this stage: identified (the default), unidentified or under-development.',
    }),
  }).register(docs, { id: 'LineSelector' }),
);
