// Projection → the gross expenditure and income table of `--detail`: each line that states gross
// and income (gross, income, net effect = gross − income), their totals, and the department's
// published gross budget and income beside the table's net budget. Pure; renderers round.

import type { FiscalYear } from '../model/fiscal-year.js';
import { INCOME_TYPE_LABEL, netOf, type GrossIncome, type PublishedGrossIncome } from '../model/gross-income.js';
import { ZERO, add, sub, toPlain, type Money } from '../model/money.js';
import { formatPlainGrouped } from '../model/grouped-number.js';
import { stepInUnits } from '../model/published-precision.js';
import type { BudgetLine } from '../model/scenario.js';
import { projectScenario, rowValues, type Projection } from '../project/project.js';
import { ESTIMATE_MARK } from './marks.js';
import { isEstimate } from '../model/level.js';
import { blank, money, text, type TableModel, type TableRow, yearColumns } from './table-model.js';

type Split = BudgetLine & { readonly grossIncome: NonNullable<BudgetLine['grossIncome']> };

const splitLines = (p: Projection): Split[] => p.scenario.lines.filter((l): l is Split => l.grossIncome !== undefined);

/** The lines' gross, income and net effect in each year, and their totals (exact). */
export function grossIncomeTotals(p: Projection): {
  gross: Map<FiscalYear, Money>;
  income: Map<FiscalYear, Money>;
  net: Map<FiscalYear, Money>;
} {
  const gross = new Map<FiscalYear, Money>();
  const income = new Map<FiscalYear, Money>();
  const net = new Map<FiscalYear, Money>();
  for (const y of p.years) {
    let gr = ZERO;
    let inc = ZERO;
    for (const l of splitLines(p)) {
      gr = add(gr, l.grossIncome.gross.get(y)?.amount ?? ZERO);
      inc = add(inc, l.grossIncome.income.get(y)?.amount ?? ZERO);
    }
    gross.set(y, gr);
    income.set(y, inc);
    net.set(y, netOf(gr, inc));
  }
  return { gross, income, net };
}

/** The `--detail` table of gross and income (undefined when no line and no published figure states them). */
export function grossIncomeTable(p: Projection): TableModel | undefined {
  const lines = splitLines(p);
  const published = p.scenario.grossAndIncome;
  if (lines.length === 0 && !published) return undefined;
  const years = p.years;
  const g = formatPlainGrouped;
  const row = (
    id: string,
    ref: string,
    label: string,
    values: (y: FiscalYear) => { v: Money; mark?: boolean } | undefined,
    total = false,
  ): TableRow => ({
    id,
    cells: {
      ref: ref ? text(ref) : blank,
      label: text(label),
      ...Object.fromEntries(
        years.map((y) => {
          const c = values(y);
          // a year the source publishes nothing for is blank in every format, never a nil figure
          return [y, c ? money(c.v, c.mark ? { marker: ESTIMATE_MARK } : {}) : blank];
        }),
      ),
    },
    ...(total ? { emphasis: 'total' as const } : {}),
  });
  const identities: { total: string; parts: string[]; less: string[] }[] = [];
  const rows: TableRow[] = lines.flatMap((l) => {
    const gi = l.grossIncome;
    const id = `gross_income.${l.ref}`;
    identities.push({ total: `${id}.net`, parts: [`${id}.gross`], less: [`${id}.income`] });
    const at = (m: typeof gi.gross) => (y: FiscalYear) => {
      const lv = m.get(y);
      return { v: lv?.amount ?? ZERO, mark: lv ? isEstimate(lv.basis) : false };
    };
    return [
      row(`${id}.gross`, l.ref, `${l.description}: gross expenditure`, at(gi.gross)),
      row(`${id}.income`, '', `income${gi.incomeType ? ` (${INCOME_TYPE_LABEL[gi.incomeType]})` : ''}`, at(gi.income)),
      row(`${id}.net`, '', 'net effect (gross − income)', (y) => ({
        v: netOf(gi.gross.get(y)?.amount ?? ZERO, gi.income.get(y)?.amount ?? ZERO),
      })),
    ];
  });
  if (lines.length > 0) {
    const t = grossIncomeTotals(p);
    identities.push({ total: 'gross_income.lines.net', parts: ['gross_income.lines.gross'], less: ['gross_income.lines.income'] });
    rows.push(
      row(
        'gross_income.lines.gross',
        '',
        'Lines stating gross and income: gross expenditure',
        (y) => ({ v: t.gross.get(y) ?? ZERO }),
        true,
      ),
      row('gross_income.lines.income', '', 'income', (y) => ({ v: t.income.get(y) ?? ZERO })),
      row('gross_income.lines.net', '', 'net effect (gross − income)', (y) => ({ v: t.net.get(y) ?? ZERO })),
    );
  }
  const notes: string[] = [];
  if (lines.length > 0) {
    notes.push(
      "Each line's gross and income are its effect on the department's gross spend and income (more income positive); its net effect on the net budget is gross − income (a saving or income line, which reduces the budget, shows its level as the net effect with the sign turned).",
    );
    const driven = lines.filter((l) => l.grossIncome.drivers.uplift || l.grossIncome.drivers.ends);
    for (const l of driven) {
      const d = l.grossIncome.drivers;
      notes.push(
        `${l.ref}: ${[
          d.uplift ? `income grows by ${toPlain(d.uplift.rate.times(100))}% a year after its last stated year` : '',
          d.ends ? `income is nil from ${d.ends.year}` : '',
        ]
          .filter((x) => x)
          .join('; ')}.`,
      );
    }
    if (lines.some((l) => [...l.grossIncome.gross.values(), ...l.grossIncome.income.values()].some((v) => isEstimate(v.basis))))
      notes.push(`${ESTIMATE_MARK} estimated: the source does not state this year (the line's unstated method).`);
  }
  if (published) {
    const byYear = new Map(published.years.map((py) => [py.year, py]));
    const net = rowValues(p, 'net_budget');
    const pub = (f: (x: PublishedGrossIncome) => Money) => (y: FiscalYear) => {
      const x = byYear.get(y);
      return x ? { v: f(x) } : undefined;
    };
    identities.push({
      total: 'gross_income.published.net',
      parts: ['gross_income.published.gross'],
      less: ['gross_income.published.income'],
    });
    rows.push(
      row(
        'gross_income.published.gross',
        '',
        'Department gross budget (published)',
        pub((x) => x.gross),
        true,
      ),
      row(
        'gross_income.published.income',
        '',
        'Less income (published)',
        pub((x) => x.income),
      ),
      row(
        'gross_income.published.net',
        '',
        'Net: gross − income',
        pub((x) => netOf(x.gross, x.income)),
      ),
      row('gross_income.published.net_budget', '', 'Net budget (this table)', (y) =>
        byYear.has(y) ? { v: net.get(y) ?? ZERO } : undefined,
      ),
      row('gross_income.published.difference', '', 'Difference (net budget − published net)', (y) => {
        const x = byYear.get(y);
        return x ? { v: sub(net.get(y) ?? ZERO, netOf(x.gross, x.income)) } : undefined;
      }),
    );
    notes.push(`Published gross and income: ${published.source}.`);
    // a variant keeps its base's published figures, while its own changes move the net budget
    const variant = p.scenario.variant !== undefined;
    for (const x of published.years) {
      const diff = sub(net.get(x.year) ?? ZERO, netOf(x.gross, x.income));
      if (diff.isZero()) continue;
      const to = published.publishedTo;
      const step = to ? stepInUnits(to, p.scenario.units) : undefined;
      // two figures each rounded to half a step either way: their difference is within one step
      const within = step !== undefined && diff.abs().lessThanOrEqualTo(step);
      notes.push(
        `${x.year}: the published gross less income differs from the net budget by ${g(diff)} (${p.scenario.units})${
          step !== undefined
            ? within
              ? `, within the rounding of figures published to the nearest ${to}`
              : `, more than the rounding of figures published to the nearest ${to} explains`
            : ''
        }${variant ? '; the published figures are those of the scenario this variant changes' : ''}.`,
      );
    }
    if (published.note) notes.push(published.note);
  }
  return {
    id: 'gross_income',
    title: 'Gross expenditure and income',
    units: p.scenario.units,
    columns: [{ key: 'ref', header: 'Ref', align: 'left' }, { key: 'label', header: 'Description', align: 'left' }, ...yearColumns(years)],
    rows,
    notes,
    identities,
  };
}

/** A line's gross, income and net effect by year for JSON: exact strings, with the kind of income and drivers. */
export function grossIncomeJson(gi: GrossIncome, years: readonly FiscalYear[]): Record<string, unknown> {
  const of = (m: ReadonlyMap<FiscalYear, { readonly amount: Money }>) =>
    Object.fromEntries(years.map((y) => [y, toPlain(m.get(y)?.amount ?? ZERO)]));
  return {
    gross: of(gi.gross),
    income: of(gi.income),
    net_effect: Object.fromEntries(
      years.map((y) => [y, toPlain(netOf(gi.gross.get(y)?.amount ?? ZERO, gi.income.get(y)?.amount ?? ZERO))]),
    ),
    income_type: gi.incomeType ?? null,
    income_uplift: gi.drivers.uplift ? toPlain(gi.drivers.uplift.rate) : null,
    income_ends: gi.drivers.ends?.year ?? null,
  };
}

/** The department's published gross and income beside the net budget, for JSON. */
export function publishedGrossIncomeJson(p: Projection): unknown {
  const published = p.scenario.grossAndIncome;
  if (!published) return null;
  const net = rowValues(p, 'net_budget');
  return {
    source: published.source,
    published_to: published.publishedTo ?? null,
    note: published.note ?? null,
    years: Object.fromEntries(
      published.years.map((x) => {
        const n = netOf(x.gross, x.income);
        const budget = net.get(x.year) ?? ZERO;
        return [
          x.year,
          {
            gross: toPlain(x.gross),
            income: toPlain(x.income),
            net: toPlain(n),
            net_budget: toPlain(budget),
            difference: toPlain(sub(budget, n)),
          },
        ];
      }),
    ),
  };
}

/**
 * A whole council's `--detail` tables of gross and income: one for each department whose own
 * scenario states them, titled with the department's name, in its own units.
 */
export function departmentGrossIncomeTables(p: Projection): TableModel[] {
  return (p.scenario.departments ?? []).flatMap((d, i) => {
    if (d.kind !== 'scenario') return [];
    const t = grossIncomeTable(projectScenario(d.scenario));
    return t ? [{ ...t, id: `gross_income_${i + 1}`, title: `Gross expenditure and income: ${d.name}` }] : [];
  });
}

/** A whole council's departments' published gross and income for JSON, by department name (none: nothing). */
export function departmentGrossIncomeJson(p: Projection): Record<string, unknown> {
  const entries = (p.scenario.departments ?? []).flatMap((d) =>
    d.kind === 'scenario' && d.scenario.grossAndIncome ? [[d.name, publishedGrossIncomeJson(projectScenario(d.scenario))] as const] : [],
  );
  return entries.length ? { gross_and_income_by_department: Object.fromEntries(entries) } : {};
}
