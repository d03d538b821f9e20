// What a control names → the projected figures it is compared with, and the inputs that feed them:
// any row of the projection (the layout's rows, e.g. `base_budget`, `levies`, and the funding rows),
// level totals (`growth.total`), subtotals by classification (`savings.nature.Eff`) and funding
// components (`funding.council_tax`). Pure.

import type { Location } from '../../diagnostics/diagnostic.js';
import type { FiscalYear } from '../../model/fiscal-year.js';
import { NET_ROW, type LayoutRow } from '../../model/layout.js';
import { KIND_ROW_ID, KIND_SIGN, LINE_KINDS } from '../../model/line-kind.js';
import { ZERO, add, neg, type Money } from '../../model/money.js';
import { rowSelects } from '../../model/row-select.js';
import { lineClass, type BudgetLine, type Scenario } from '../../model/scenario.js';
import { BEFORE_COUNCIL_TAX, type FundingComponent } from '../../project/funding.js';
import type { Projection } from '../../project/project.js';
import { BAND_D_CONTROL, BILL_BAND_D_CONTROL, BILL_TOTAL_CONTROL } from '../../model/published-precision.js';
import type { Units } from '../../model/units.js';

/** A row a control can be compared with. */
export interface ControlledRow {
  readonly values: ReadonlyMap<FiscalYear, Money>;
  /** The inputs that make the figure in `year`, with where they are written: the mismatch hint. */
  readonly feeds: (year: FiscalYear) => string;
  /** The units of `values` when not the scenario's (Band D is in £). */
  readonly units?: Units;
  /** Years whose figure the scenario gives as an input: a control there would be true by construction. */
  readonly given?: ReadonlySet<FiscalYear>;
}

const where = (l: Location): string => `${l.file}:${l.line}`;

const lineList = (lines: readonly BudgetLine[]): string => {
  const shown = lines.slice(0, 6).map((l) => `${l.ref} (${where(l.origin)})`);
  return lines.length > 6 ? `${shown.join(', ')} and ${lines.length - 6} more` : shown.join(', ');
};

/**
 * The total level of some lines in each year. Lines that all reduce the net budget (savings,
 * income, contributions from reserves) total as written, positive, as the schedules print them;
 * any other mix totals its effect on the net budget.
 */
function levelTotal(lines: readonly BudgetLine[], years: readonly FiscalYear[], what: string): ControlledRow {
  const asWritten = lines.every((l) => KIND_SIGN[l.type] < 0);
  const values = new Map(
    years.map((y) => [
      y,
      lines.reduce((t, l) => {
        const level = l.levels.get(y)?.amount ?? ZERO;
        return add(t, asWritten || KIND_SIGN[l.type] > 0 ? level : neg(level));
      }, ZERO),
    ]),
  );
  return {
    values,
    feeds: () =>
      lines.length === 0 ? `${what} has no lines` : `${what} is the sum of the levels of ${lineList(lines)}: check their \`levels\``,
  };
}

function componentFeeds(c: FundingComponent, s: Scenario): string {
  const ct = s.funding?.councilTax;
  const req = s.funding?.councilTaxRequirement;
  if (c.id === 'council_tax' && req)
    return `council tax = the council tax requirement: check \`requirement\` at ${where(req.requirement.origin)}`;
  if (c.id === 'council_tax' && ct) {
    return `council tax = tax base × Band D: check \`tax_base\` at ${where(ct.taxBase.origin)} and \`band_d\` (its increases and rounding rule, \`${ct.bandD.rounding}\`) at ${where(ct.bandD.origin)}`;
  }
  if (c.stream) return `${c.label}: check \`amounts\` at ${where(c.stream.origin)}`;
  const r = s.funding?.reserves;
  if (c.id === 'reserves_use' && r?.plannedUseCited) return `${c.label}: check \`planned_use\` at ${where(r.plannedUseCited.origin)}`;
  return c.label;
}

/** The lines a layout row of kind `lines` chooses. */
const chosenLines = (s: Scenario, row: Extract<LayoutRow, { kind: 'lines' }>): BudgetLine[] =>
  s.lines.filter((l) => rowSelects(row.select, l));

/**
 * What feeds a row of a department's layout in `year`, following sums down to the base, transfers
 * and lines. A base row after the first year is last year's net budget, so what feeds that.
 */
function layoutFeeds(p: Projection, row: LayoutRow, year: FiscalYear, seen: Set<string> = new Set()): string {
  const s = p.scenario;
  seen.add(row.id);
  switch (row.kind) {
    case 'base': {
      const stated = s.baseBudget?.amounts.get(year);
      if (stated && row.shows === 'base') return `${row.label}: the base stated for ${year} at ${where(stated.origin)}`;
      const net = s.layout.rows.find((r) => r.id === NET_ROW);
      const i = p.years.indexOf(year);
      if (i > 0 && net && !seen.has(NET_ROW)) {
        return `${row.label} ${year} = the net budget of ${p.years[i - 1]}; ${layoutFeeds(p, net, p.years[i - 1] as FiscalYear, seen)}`;
      }
      return s.originalBudget
        ? `${row.label}: the first year is \`original_budget\` at ${where(s.originalBudget.origin)}`
        : `${row.label}: the first year's stated base`;
    }
    case 'transfers': {
      const t = s.transfers.get(year) ?? [...s.transfers.values()][0];
      return t ? `${row.label}: check \`transfers\` at ${where(t.origin)}` : `${row.label}: the scenario states none`;
    }
    case 'lines': {
      const lines = chosenLines(s, row);
      return lines.length === 0
        ? `${row.label}: no line of the scenario falls in this row`
        : `${row.label} = the change in the total level of ${lineList(lines)}: check their \`levels\``;
    }
    case 'sum': {
      const parts = row.parts.flatMap((id) => {
        const part = s.layout.rows.find((r) => r.id === id);
        return part && !seen.has(id) ? [layoutFeeds(p, part, year, seen)] : [];
      });
      return `${row.label} = ${row.parts.join(' + ')}${parts.length ? `: ${parts.join('; ')}` : ''}`;
    }
  }
}

const fundingFeeds: Record<string, (p: Projection) => string> = {
  funding: (p) => `total funding = ${(p.funding?.components ?? []).map((c) => componentFeeds(c, p.scenario)).join('; ')}`,
  gap: (p) => `gap = net budget requirement − total funding; ${fundingFeeds.funding?.(p)}`,
  cumulative_gap: () => "the call on reserves = the sum of each year's gap to date",
  reserves_bf: (p) => reservesFeeds(p),
  reserves_use: (p) => reservesFeeds(p),
  reserves_contributions: (p) => reservesFeeds(p),
  reserves_cf: (p) => reservesFeeds(p),
  reserves_after_gap: (p) => `${reservesFeeds(p)}; less the call on reserves`,
};

function reservesFeeds(p: Projection): string {
  const r = p.scenario.funding?.reserves;
  if (!r) return 'reserves';
  const parts = [
    ...(r.opening ? [`\`opening\` at ${where(r.opening.origin)}`] : []),
    ...(r.plannedUseCited ? [`\`planned_use\` at ${where(r.plannedUseCited.origin)}`] : []),
    ...(r.contributionsCited ? [`\`contributions\` at ${where(r.contributionsCited.origin)}`] : []),
  ];
  const from = r.opening ? '' : ' (no opening balance: the rows are movements since the start of the first year)';
  return parts.length ? `reserves${from}: check ${parts.join(', ')}` : `reserves${from}`;
}

function rowFeeds(p: Projection, id: string, label: string, year: FiscalYear): string {
  const f = fundingFeeds[id];
  if (f) return f(p);
  if (p.departments) {
    return id === 'net_budget'
      ? `net budget = the sum of the departments: ${p.departments.map((d) => d.department.name).join('; ')}`
      : `${label}: check this department's net budget`;
  }
  const row = p.scenario.layout.rows.find((r) => r.id === id);
  return row ? layoutFeeds(p, row, year) : label;
}

/**
 * Band D in £ each year: requirement ÷ tax base rounded by the council's rule, or the Band D that
 * tax base × Band D uses (derived from last year's by the increases, or given). A control on a
 * year's Band D that the scenario gives would prove nothing, so those years are `given` (check
 * refuses a control on them).
 */
function bandDRow(p: Projection): ControlledRow | { readonly missing: string } {
  const f = p.funding;
  const req = f?.requirementBandD;
  const reqWritten = p.scenario.funding?.councilTaxRequirement;
  if (req && req.size > 0 && reqWritten)
    return {
      values: new Map([...req].map(([y, r]) => [y, r.bandD.amount])),
      units: '£',
      feeds: (y) =>
        `Band D = council tax requirement ÷ tax base, rounded by \`${reqWritten.rounding ?? ''}\`: check \`requirement\` at ${where(reqWritten.requirement.origin)} and the tax base ${req.get(y)?.taxBase.toFixed() ?? ''}`,
    };
  const ct = f?.councilTax;
  const written = p.scenario.funding?.councilTax;
  if (ct && written)
    return {
      values: new Map([...ct].map(([y, c]) => [y, c.bandD.used])),
      units: '£',
      given: new Set([...ct].filter(([, c]) => c.bandD.basis === 'given').map(([y]) => y)),
      feeds: (y) =>
        ct.get(y)?.bandD.basis === 'given'
          ? `Band D ${y} is written in \`band_d\` at ${where(written.bandD.origin)}`
          : `Band D = last year's Band D × (1 + the increase), rounded by \`${written.bandD.rounding}\`: check \`band_d\` at ${where(written.bandD.origin)}`,
    };
  return { missing: 'this scenario has no Band D: give council tax as tax base × Band D, or a requirement with a tax base' };
}

/**
 * The council tax bill's total each year (derived: the council's own plus every preceptor's): its
 * Band D in £ (`funding.bill.band_d`) or its amount in the scenario's units (`funding.bill.total`).
 */
function billRow(p: Projection, basis: 'band_d' | 'precept'): ControlledRow | { readonly missing: string } {
  const b = p.funding?.bill;
  const written = p.scenario.funding?.bill;
  const other = basis === 'band_d' ? BILL_TOTAL_CONTROL : BILL_BAND_D_CONTROL;
  if (!b || !written)
    return { missing: 'this scenario has no council tax bill: list the other preceptors under `funding: council_tax: bill: preceptors:`' };
  if (b.bill.basis !== basis)
    return {
      missing: `this bill gives the preceptors' ${b.bill.basis === 'band_d' ? 'Band D' : 'precepts'}: control \`${other}\` instead`,
    };
  return {
    values: b.total,
    ...(basis === 'band_d' ? { units: '£' as const } : {}),
    feeds: (y) =>
      `the bill = ${p.scenario.authority}'s ${basis === 'band_d' ? 'Band D' : 'council tax'} ${y} + ${b.bill.preceptors.map((pr) => `${pr.name} (${where(pr.values.get(y)?.origin ?? pr.origin)})`).join(' + ')}: check \`bill\` at ${where(written.origin)}`,
  };
}

/**
 * The lines a level total or subtotal is taken over: a `lines` row of the layout by its id (e.g.
 * `savings`, `levies`), else every line of a kind by its neutral row id.
 */
function linesOfHead(s: Scenario, head: string): BudgetLine[] | undefined {
  const row = s.layout.rows.find((r) => r.id === head);
  if (row?.kind === 'lines') return chosenLines(s, row);
  const kind = LINE_KINDS.find((k) => KIND_ROW_ID[k] === head);
  return kind ? s.lines.filter((l) => l.type === kind) : undefined;
}

/**
 * The projected figures a control names, or why there are none (`missing`, naming what exists).
 * Level totals and subtotals are levels, as the schedules print them (see `levelTotal`).
 */
export function controlledRow(p: Projection, id: string): ControlledRow | { readonly missing: string } {
  const row = p.rows.find((r) => r.id === id);
  if (row) return { values: row.values, feeds: (year) => rowFeeds(p, id, row.label, year) };
  if (id === BAND_D_CONTROL) return bandDRow(p);
  if (id === BILL_BAND_D_CONTROL || id === BILL_TOTAL_CONTROL) return billRow(p, id === BILL_BAND_D_CONTROL ? 'band_d' : 'precept');
  const [head = '', group, ...rest] = id.split('.');
  if (head === 'funding' && group !== undefined && p.funding) {
    const cid = [group, ...rest].join('.');
    const before = p.funding.beforeCouncilTax;
    if (cid === BEFORE_COUNCIL_TAX && before)
      return {
        values: before,
        feeds: () =>
          `funding before council tax = ${p
            .funding!.components.filter((x) => x.id !== 'council_tax')
            .map((x) => componentFeeds(x, p.scenario))
            .join('; ')}`,
      };
    const c = p.funding.components.find((x) => x.id === cid);
    if (c) return { values: c.values, feeds: () => componentFeeds(c, p.scenario) };
    return { missing: `funding components here: ${p.funding.components.map((x) => `funding.${x.id}`).join(', ')}` };
  }
  const lines = group !== undefined && !p.departments ? linesOfHead(p.scenario, head) : undefined;
  if (lines) {
    if (group === 'total' && rest.length === 0) return levelTotal(lines, p.years, `${head}.total`);
    const value = rest.join('.');
    const chosen = lines.filter((l) => lineClass(l, group as string) === value);
    if (chosen.length > 0) return levelTotal(chosen, p.years, id);
    const known = [...new Set(lines.map((l) => lineClass(l, group as string)))].filter(Boolean);
    return { missing: `no line of \`${head}\` has ${group} ${value}; values here: ${known.join(', ') || 'none'}` };
  }
  return { missing: `rows here: ${p.rows.map((r) => r.id).join(', ')}` };
}
