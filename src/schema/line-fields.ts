// The fields a line is described by (ref, type, status, category, nature, unstated method), shared
// by the line schema, variant selectors and assumption selectors.

import { z } from 'zod';
import { LINE_KINDS } from '../model/line-kind.js';

export const STATUS_WORDS = ['unchanged', 'amended', 'new', '*', '**'] as const;
export const UNSTATED_METHODS = ['hold', 'linear'] as const;
export const LINE_TYPES = LINE_KINDS;
export const CATEGORIES = ['Transformation', 'Departmental'] as const;
export const RAG_RATINGS = ['red', 'amber', 'green'] as const;
export const SAVING_STAGES = ['identified', 'unidentified', 'under-development'] as const;

/** `Eff`, `SR`, `Inc` or a mix written with `/`, such as `SR/Eff`. */
export const natureSchema = z
  .string()
  .regex(/^(Eff|SR|Inc)(\/(Eff|SR|Inc)){0,2}$/, 'nature must be Eff, SR, Inc or a mix such as SR/Eff')
  .meta({ description: 'Eff (efficiency), SR (service reduction), Inc (income) or a mix such as SR/Eff.' });

export const refSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.\/-]*$/, 'a ref is letters and digits, with `_`, `.`, `/` or `-` inside, e.g. G6, AC14 or 1047')
  .meta({ description: 'The line reference as the council writes it, e.g. G6, AC14 or a bid number such as 1047.' });
