// The written shape of a line selector, used by variants (`scale`) and assumption ranges.

import { z } from 'zod';
import { lazySchema, strictObject } from './lazy.js';
import { textSchema } from './common.js';
import { LINE_TYPES, RAG_RATINGS, refSchema, SAVING_STAGES } from './line-fields.js';

/** Chooses lines: every condition given must hold. Reconciling lines are chosen only by ref. */
export const selectorSchema = lazySchema(() =>
  strictObject({
    refs: z.array(refSchema()).min(1).optional().register(z.globalRegistry, { description: 'These lines, e.g. [G6, G7].' }),
    type: z.enum(LINE_TYPES).optional(),
    nature: textSchema()
      .optional()
      .register(z.globalRegistry, { description: 'Lines whose nature includes this, e.g. SR also picks Eff/SR.' }),
    category: textSchema().optional(),
    service_area: textSchema().optional(),
    status: textSchema()
      .optional()
      .register(z.globalRegistry, { description: 'unchanged, amended or new, or its mark (* and ** by default).' }),
    rag: z.enum(RAG_RATINGS).optional().register(z.globalRegistry, { description: 'Savings rated red, amber or green for delivery.' }),
    stage: z
      .enum(SAVING_STAGES)
      .optional()
      .register(z.globalRegistry, { description: 'Savings at this stage: identified (the default), unidentified or under-development.' }),
  }).register(z.globalRegistry, { id: 'LineSelector' }),
);
