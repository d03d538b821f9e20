// The written shape of a line selector, used by variants (`scale`) and assumption ranges.

import { z } from 'zod';
import { textSchema } from './common.js';
import { CATEGORIES, LINE_TYPES, RAG_RATINGS, refSchema, SAVING_STAGES, STATUS_WORDS } from './line-fields.js';

/** Chooses lines: every condition given must hold. Reconciling lines are chosen only by ref. */
export const selectorSchema = z
  .strictObject({
    refs: z.array(refSchema).min(1).optional().meta({ description: 'These lines, e.g. [G6, G7].' }),
    type: z.enum(LINE_TYPES).optional(),
    nature: z.enum(['Eff', 'SR', 'Inc']).optional().meta({ description: 'Savings whose nature includes this, e.g. SR also picks Eff/SR.' }),
    category: z.enum(CATEGORIES).optional(),
    service_area: textSchema.optional(),
    status: z.enum(STATUS_WORDS).optional(),
    rag: z.enum(RAG_RATINGS).optional().meta({ description: 'Savings rated red, amber or green for delivery.' }),
    stage: z
      .enum(SAVING_STAGES)
      .optional()
      .meta({ description: 'Savings at this stage: identified (the default), unidentified or under-development.' }),
  })
  .meta({ id: 'LineSelector' });
