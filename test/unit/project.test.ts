import type { Layout } from '../../src/model/layout.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fiscalYear, yearRange, type FiscalYear } from '../../src/model/fiscal-year.js';
import { Dec, ZERO, add, sub, sum, toPlain, type Money } from '../../src/model/money.js';
import type { BudgetLine, Level, Scenario } from '../../src/model/scenario.js';
import { projectScenario, rowValues, totalLevels } from '../../src/project/project.js';

const here = { file: 't.yaml', line: 1, column: 1, endLine: 1, endColumn: 2 };
const years = yearRange(fiscalYear(2018), fiscalYear(2021));

const line = (ref: string, type: 'growth' | 'saving', amounts: readonly Money[]): BudgetLine => ({
  ref,
  type,
  description: ref,
  status: 'new',
  nature: type === 'saving' ? ['Eff'] : [],
  natureWritten: type === 'saving' ? ['Eff'] : [],
  ...(type === 'saving' ? { category: 'Departmental' as const } : {}),
  serviceArea: 'Adult Social Care',
  levels: new Map<FiscalYear, Level>(years.map((y, i) => [y, { amount: amounts[i]!, basis: 'stated', origins: [here] }])),
  reconciling: false,
  source: 'test',
  origin: here,
});

/** The rows of seed 004 para 14, as scenarios/2018.yaml declares them. */
const para14: Layout = {
  declared: true,
  rows: [
    { kind: 'base', id: 'original_budget', label: 'Original prior year budget', shows: 'brought_forward', deduction: false },
    { kind: 'transfers', id: 'transfers', label: 'Budget Transfers and Adjustments', deduction: false },
    { kind: 'sum', id: 'subtotal', label: 'Sub total', parts: ['original_budget', 'transfers'], deduction: false },
    { kind: 'lines', id: 'growth', label: 'Add proposed growth (Appendix B)', select: { kinds: ['growth'] }, deduction: false },
    { kind: 'lines', id: 'savings', label: 'Less proposed savings (Appendix C)', select: { kinds: ['saving'] }, deduction: true },
    { kind: 'sum', id: 'net_budget', label: 'Proposed/Provisional net budget', parts: ['subtotal', 'growth', 'savings'], deduction: false },
  ],
};

const scenario = (original: Money, transfers: readonly Money[], lines: readonly BudgetLine[]): Scenario => ({
  file: 't.yaml',
  authority: 'A',
  department: 'D',
  units: '£000',
  years,
  originalBudget: { amount: original, source: 's', origin: here },
  transfers: new Map(years.map((y, i) => [y, { amount: transfers[i]!, origin: here }])),
  lines,
  controls: [],
  inputs: ['t.yaml'],
  layout: para14,
});

const amount = fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n }).map((b) => new Dec(b.toString()).dividedBy(100) as Money);
const fourAmounts = fc.array(amount, { minLength: 4, maxLength: 4 });

describe('projectScenario', () => {
  it('applies the budget identity every year (property)', () => {
    fc.assert(
      fc.property(amount, fourAmounts, fc.array(fc.tuple(fc.boolean(), fourAmounts), { maxLength: 12 }), (original, transfers, specs) => {
        const lines = specs.map(([g, levels], i) => line(`L${i}`, g ? 'growth' : 'saving', levels));
        const p = projectScenario(scenario(original, transfers, lines));
        const get = (id: Parameters<typeof rowValues>[1], y: FiscalYear) => rowValues(p, id).get(y)!;
        let opening = original;
        for (const y of years) {
          expect(get('original_budget', y).equals(opening)).toBe(true);
          expect(get('subtotal', y).equals(add(get('original_budget', y), get('transfers', y)))).toBe(true);
          expect(get('net_budget', y).equals(add(add(get('subtotal', y), get('growth', y)), get('savings', y)))).toBe(true);
          opening = get('net_budget', y);
        }
        // the growth row sums to the final growth level; the savings row to minus the final savings level
        const last = years[years.length - 1]!;
        expect(sum(years.map((y) => get('growth', y))).equals(totalLevels(p.growth, years).get(last)!)).toBe(true);
        expect(sum(years.map((y) => get('savings', y))).equals(sub(ZERO, totalLevels(p.savings, years).get(last)!))).toBe(true);
      }),
    );
  });

  it('treats line levels as levels, not changes', () => {
    const l = line(
      'AC1',
      'saving',
      ['250', '350', '350', '350'].map((t) => new Dec(t) as Money),
    );
    const p = projectScenario(scenario(new Dec(1000) as Money, [ZERO, ZERO, ZERO, ZERO], [l]));
    expect(years.map((y) => toPlain(rowValues(p, 'savings').get(y)!))).toEqual(['-250', '-100', '0', '0']);
    expect(years.map((y) => toPlain(rowValues(p, 'net_budget').get(y)!))).toEqual(['750', '650', '650', '650']);
  });
});
