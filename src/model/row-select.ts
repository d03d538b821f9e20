// Which lines a layout row chooses: by kind, by ref and by classification. Pure; shared by the
// layout checks when loading and by the projection.

import type { RowSelector } from './layout.js';
import { lineClass, type BudgetLine } from './scenario.js';

/** True when a row's selector chooses the line (every condition given holds). */
export function rowSelects(select: RowSelector, line: BudgetLine): boolean {
  if (select.kinds && !select.kinds.includes(line.type)) return false;
  if (select.refs && !select.refs.includes(line.ref)) return false;
  for (const [name, value] of select.classes ?? []) if (lineClass(line, name) !== value) return false;
  return true;
}
