// The fields a line is described by (ref, type, unstated method), shared by the line schema,
// variant selectors and assumption selectors.

import { z } from 'zod/mini';
import { checkedString, docs, lazySchema } from './lazy.js';
import { LINE_KINDS } from '../model/line-kind.js';

export const UNSTATED_METHODS = ['hold', 'linear'] as const;
export const LINE_TYPES = LINE_KINDS;
export const RAG_RATINGS = ['red', 'amber', 'green'] as const;
export const SAVING_STAGES = ['identified', 'unidentified', 'under-development'] as const;

export const refSchema = lazySchema(() =>
  checkedString(
    z.regex(/^[A-Za-z0-9][A-Za-z0-9_.\/-]*$/, 'a ref is letters and digits, with `_`, `.`, `/` or `-` inside, e.g. G6, AC14 or 1047'),
  ).register(docs, {
    description: 'The line reference as the council writes it, e.g. G6, AC14 or a bid number such as 1047.',
  }),
);
