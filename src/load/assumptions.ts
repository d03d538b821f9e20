// Assumption ranges: written → Assumption, each with the lines it applies to. A line takes the
// first assumption (in file order) that selects it, so a mixed Eff/SR saving is never discounted
// twice; an assumption left with no line is an error.

import { error, type Diagnostic } from '../diagnostics/diagnostic.js';
import { parseRateText } from '../model/amount-text.js';
import { Dec } from '../model/money.js';
import type { Assumption, BudgetLine, FactorRange } from '../model/scenario.js';
import type { WrittenAssumption } from '../schema/assumptions.js';
import type { RawDocument } from '../source/raw-tree.js';
import { selects } from './select-lines.js';

export function normaliseAssumptions(
  written: readonly WrittenAssumption[] | undefined,
  doc: RawDocument,
  lines: readonly BudgetLine[],
  diagnostics: Diagnostic[],
): Assumption[] {
  const out: Assumption[] = [];
  const ids = new Set<string>();
  (written ?? []).forEach((w, i) => {
    const at = doc.locator.value(['assumptions', i]);
    if (ids.has(w.id)) {
      diagnostics.push(error('duplicate-ref', `assumption ${w.id} is defined twice`, doc.locator.value(['assumptions', i, 'id']), 'give each assumption its own id'));
      return;
    }
    ids.add(w.id);
    const factor: FactorRange = {
      low: rate(w.factor.low),
      ...(w.factor.likely !== undefined ? { likely: rate(w.factor.likely) } : {}),
      high: rate(w.factor.high),
    };
    const ordered = factor.low.lte(factor.likely ?? factor.low) && (factor.likely ?? factor.high).lte(factor.high) && factor.low.lte(factor.high);
    if (!ordered) {
      diagnostics.push(
        error('range-order', `assumption ${w.id}: the range must run low ≤ likely ≤ high`, doc.locator.value(['assumptions', i, 'factor']), 'e.g. {low: 60%, likely: 90%, high: 100%}'),
      );
      return;
    }
    if (factor.low.isNegative()) {
      diagnostics.push(error('range-order', `assumption ${w.id}: a factor cannot be negative`, doc.locator.value(['assumptions', i, 'factor', 'low']), 'use 0% for nothing delivered'));
      return;
    }
    out.push({ id: w.id, description: w.description, select: w.select, factor, source: w.source, origin: at, lines: [] });
  });
  const assigned = assignLines(out, lines);
  for (const a of assigned) {
    if (a.lines.length === 0) {
      const i = (written ?? []).findIndex((w) => w.id === a.id);
      diagnostics.push(
        error(
          'empty-selection',
          `assumption ${a.id} applies to no line`,
          doc.locator.value(['assumptions', i, 'select']),
          'check the selector; a line takes the first assumption that selects it, so an earlier one may have taken these lines',
        ),
      );
    }
  }
  return assigned;
}

/** Gives each line to the first assumption that selects it; returns the assumptions with their lines. */
export function assignLines(assumptions: readonly Assumption[], lines: readonly BudgetLine[]): Assumption[] {
  const taken = new Set<string>();
  return assumptions.map((a) => {
    const mine = lines.filter((l) => !taken.has(l.ref) && selects(a.select, l)).map((l) => l.ref);
    for (const r of mine) taken.add(r);
    return { ...a, lines: mine };
  });
}

function rate(text: string): Dec {
  const r = parseRateText(text);
  if (!r.ok) throw new Error(`unvalidated rate ${text}`);
  return new Dec(r.canonical);
}
