// Assumption ranges: written → Assumption. A range on lines (`select` + `factor`) applies to the
// lines it selects: a line takes the first such assumption (in file order), so a mixed Eff/SR saving
// is never discounted twice, and one left with no line is an error. A range on a demand driver
// parameter (`parameter` + `range`) is read with the parameter's own grammar and limits.

import { error, type Diagnostic, type Location } from '../diagnostics/diagnostic.js';
import { parseRateText } from '../model/amount-text.js';
import type { FiscalYear } from '../model/fiscal-year.js';
import { Dec } from '../model/money.js';
import type { DemandDriver } from '../model/demand.js';
import type { Assumption, BudgetLine, FactorRange, ParameterTarget } from '../model/scenario.js';
import type { WrittenAssumption } from '../schema/assumptions.js';
import type { Path, RawDocument } from '../source/raw-tree.js';
import { parseParameterValue } from './driver-parameters.js';
import { parseParameterPath } from './overrides.js';
import { selects } from './select-lines.js';

export function normaliseAssumptions(
  written: readonly WrittenAssumption[] | undefined,
  doc: RawDocument,
  lines: readonly BudgetLine[],
  drivers: readonly DemandDriver[],
  years: readonly FiscalYear[],
  diagnostics: Diagnostic[],
): Assumption[] {
  const out: Assumption[] = [];
  const ids = new Set<string>();
  (written ?? []).forEach((w, i) => {
    const at = (p: Path = []): Location => doc.locator.value(['assumptions', i, ...p]);
    if (ids.has(w.id)) {
      diagnostics.push(error('duplicate-ref', `assumption ${w.id} is defined twice`, at(['id']), 'give each assumption its own id'));
      return;
    }
    ids.add(w.id);
    const onLines = w.select !== undefined || w.factor !== undefined;
    const onParameter = w.parameter !== undefined || w.range !== undefined;
    if (onLines === onParameter || (onLines && (!w.select || !w.factor)) || (onParameter && (!w.parameter || !w.range))) {
      diagnostics.push(
        error(
          'assumption-form',
          `assumption ${w.id} needs either \`select\` and \`factor\` (a range on lines) or \`parameter\` and \`range\` (a range on a driver parameter)`,
          at(),
          'e.g. select: {nature: SR} with factor: {low: 60%, high: 100%}, or parameter: older_people.unit_cost_uplift with range: {low: 0%, high: 3%}',
        ),
      );
      return;
    }
    let range: FactorRange;
    let parameter: ParameterTarget | undefined;
    const rangeKey = onLines ? 'factor' : 'range';
    if (w.select && w.factor) {
      range = { low: rate(w.factor.low), ...(w.factor.likely !== undefined ? { likely: rate(w.factor.likely) } : {}), high: rate(w.factor.high) };
      if (range.low.isNegative()) {
        diagnostics.push(error('range-order', `assumption ${w.id}: a factor cannot be negative`, at(['factor', 'low']), 'use 0% for nothing delivered'));
        return;
      }
    } else {
      const path = parseParameterPath(w.parameter ?? '', drivers, years);
      if (!path.ok) {
        diagnostics.push(error('unknown-driver', `assumption ${w.id}: ${path.message}`, at(['parameter']), path.hint));
        return;
      }
      if (path.year) {
        diagnostics.push(error('assumption-form', `assumption ${w.id}: a range replaces the parameter in every year, so it names no year`, at(['parameter']), `write ${path.driver}.${path.spec.name}`));
        return;
      }
      const values = (['low', 'likely', 'high'] as const).map((k) => {
        const text = w.range?.[k];
        if (text === undefined) return undefined;
        const v = parseParameterValue(path.spec.kind, text);
        if (!v.ok) diagnostics.push(error(v.code, `assumption ${w.id}: ${v.message}`, at(['range', k]), v.hint));
        return v.ok ? v.value : null;
      });
      if (values.includes(null)) return;
      const [low, likely, high] = values as (Dec | undefined)[];
      if (!low || !high) return;
      range = { low, ...(likely ? { likely } : {}), high };
      parameter = { driver: path.driver, parameter: path.spec.name, shownAs: path.spec.kind === 'share' || path.spec.kind === 'change' ? 'percent' : 'number' };
    }
    const ordered = range.low.lte(range.likely ?? range.low) && (range.likely ?? range.high).lte(range.high) && range.low.lte(range.high);
    if (!ordered) {
      diagnostics.push(error('range-order', `assumption ${w.id}: the range must run low ≤ likely ≤ high`, at([rangeKey]), 'e.g. {low: 60%, likely: 90%, high: 100%}'));
      return;
    }
    out.push({
      id: w.id,
      description: w.description,
      ...(w.select ? { select: w.select } : {}),
      ...(parameter ? { parameter } : {}),
      factor: range,
      source: w.source,
      origin: at(),
      lines: [],
    });
  });
  const assigned = assignLines(out, lines);
  for (const a of assigned) {
    if (a.select && a.lines.length === 0) {
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

/** Gives each line to the first line assumption that selects it; returns the assumptions with their lines. */
export function assignLines(assumptions: readonly Assumption[], lines: readonly BudgetLine[]): Assumption[] {
  const taken = new Set<string>();
  return assumptions.map((a) => {
    const sel = a.select;
    if (!sel) return a;
    const mine = lines.filter((l) => !taken.has(l.ref) && selects(sel, l)).map((l) => l.ref);
    for (const r of mine) taken.add(r);
    return { ...a, lines: mine };
  });
}

/** What an assumption ranges over, for tables: its lines, or its parameter. */
export const appliesTo = (a: Assumption): string => (a.parameter ? `${a.parameter.driver}.${a.parameter.parameter}` : a.lines.join(', '));

function rate(text: string): Dec {
  const r = parseRateText(text);
  if (!r.ok) throw new Error(`unvalidated rate ${text}`);
  return new Dec(r.canonical);
}
