// The executive summary that opens the committee report: plain-English sentences generated from the
// projection (and the risk run when there is one). Pure and deterministic: the same projection gives
// the same words; amounts are rounded once here, to £0.1m or to the pound, half away from zero.

import type { FiscalYear } from '../model/fiscal-year.js';
import { group } from '../model/grouped-number.js';
import { dec, type Dec, ZERO, roundTo, sub, type Money } from '../model/money.js';
import { toPounds, type Units } from '../model/units.js';
import type { LineSchedule, Projection } from '../project/project.js';
import type { RiskResult } from '../reports/risk/monte-carlo.js';
import type { Sensitivity } from '../reports/risk/sensitivity.js';

/** An amount in the scenario's units as a committee writes it: £13.0m, or £250,000 under £1m. */
export function amountInWords(d: Dec, units: Units): string {
  const pounds = toPounds(d.abs(), units);
  if (pounds.gte(1_000_000)) return `£${roundTo(pounds.dividedBy(1_000_000), 1, 'half-away-from-zero').toFixed(1)}m`;
  return `£${group(roundTo(pounds, 0, 'half-away-from-zero').toFixed(0))}`;
}

/** `a`, `a and b`, `a, b and c`. */
export function joinWords(xs: readonly string[]): string {
  if (xs.length <= 1) return xs[0] ?? '';
  return `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1] ?? ''}`;
}

const value = (m: ReadonlyMap<FiscalYear, Money> | undefined, y: FiscalYear | undefined): Money => (y ? m?.get(y) : undefined) ?? ZERO;

/** The largest lines by their level in the last year, largest first; ties in scenario order. */
function largest(schedules: readonly LineSchedule[], last: FiscalYear, n: number): LineSchedule[] {
  return schedules
    .map((s, i) => ({ s, i }))
    .filter(({ s }) => value(s.levels, last).gt(0))
    .sort((a, b) => value(b.s.levels, last).comparedTo(value(a.s.levels, last)) || a.i - b.i)
    .slice(0, n)
    .map(({ s }) => s);
}

function netBudgetSentence(p: Projection, first: FiscalYear, last: FiscalYear): string | undefined {
  const net = p.rows.find((r) => r.id === 'net_budget');
  if (!net) return undefined;
  const u = p.scenario.units;
  const a = value(net.values, first);
  const b = value(net.values, last);
  const change = sub(b, a);
  const direction = change.isZero() ? 'unchanged' : change.gt(0) ? `up ${amountInWords(change, u)}` : `down ${amountInWords(change, u)}`;
  const pct = a.isZero() ? '' : `, ${roundTo(change.abs().dividedBy(a.abs()).times(100), 1, 'half-away-from-zero').toFixed(1)}%`;
  return `The net budget is ${amountInWords(a, u)} in ${first} and ${amountInWords(b, u)} in ${last} (${direction}${change.isZero() ? '' : pct}).`;
}

function gapSentences(p: Projection, last: FiscalYear): string[] {
  const f = p.funding;
  if (!f) return ['This scenario has no funding side, so it shows the budget the department needs but no funding gap.'];
  const u = p.scenario.units;
  const balanced = p.years.filter((y) => value(f.gap, y).lte(0));
  const short = p.years.filter((y) => value(f.gap, y).gt(0));
  const out: string[] = [];
  const shortText = joinWords(short.map((y) => `${amountInWords(value(f.gap, y), u)} in ${y}`));
  if (short.length === 0) out.push(`Funding covers the net budget in every year to ${last}: there is no gap to close.`);
  else if (balanced.length === 0) out.push(`Funding falls short of the net budget in every year: a gap of ${shortText}.`);
  else out.push(`Funding covers the net budget in ${joinWords(balanced)}; it falls short by ${shortText}.`);
  const cumulative = value(f.cumulativeGap, last);
  if (short.length > 0)
    out.push(
      cumulative.gt(0)
        ? `Added up over the years, the gap is ${amountInWords(cumulative, u)} by the end of ${last}.`
        : `Added up over the years, the surpluses cover the shortfalls by the end of ${last}.`,
    );
  const lastGap = value(f.gap, last);
  if (lastGap.gt(0))
    out.push(
      `To balance ${last}, further savings or income of ${amountInWords(lastGap, u)} a year are needed beyond those already in the plan.`,
    );
  const r = f.reserves;
  if (r?.exhausted) out.push(`If each year's gap were met from reserves, they would run out in ${r.exhausted}.`);
  else if (r?.belowMinimum)
    out.push(`If each year's gap were met from reserves, they would fall below the minimum balance in ${r.belowMinimum}.`);
  return out;
}

function driverSentences(p: Projection, last: FiscalYear): string[] {
  const u = p.scenario.units;
  const out: string[] = [];
  const named = (s: LineSchedule): string => `${s.line.description} (${s.line.ref}, ${amountInWords(value(s.levels, last), u)})`;
  const growth = largest(
    p.growth.filter((s) => !s.line.reconciling),
    last,
    3,
  );
  const totalGrowth = p.growth.reduce((a, s) => a.plus(value(s.levels, last)), dec(0));
  if (growth.length)
    out.push(
      `Growth in the plan reaches ${amountInWords(totalGrowth, u)} a year by ${last}; the largest lines are ${joinWords(growth.map(named))}.`,
    );
  const savings = largest(p.savings, last, 3);
  const totalSavings = p.savings.reduce((a, s) => a.plus(value(s.levels, last)), dec(0));
  if (p.savings.length) {
    out.push(
      `The plan relies on ${p.savings.length} saving${p.savings.length === 1 ? '' : 's'} worth ${amountInWords(totalSavings, u)} a year by ${last}; the largest are ${joinWords(savings.map(named))}.`,
    );
    const reductions = p.savings.filter((s) => s.line.nature.includes('SR'));
    if (reductions.length) {
      const worth = reductions.reduce((a, s) => a.plus(value(s.levels, last)), dec(0));
      out.push(
        `${reductions.length} of the savings (${amountInWords(worth, u)} by ${last}) are wholly or partly service reductions rather than efficiencies or income.`,
      );
    }
  }
  const first = p.years[0];
  if (first) {
    const departments = largestChanges(
      p.departments ?? [],
      (d) => d.department.name,
      (d) => d.values,
      first,
      last,
      3,
      u,
    );
    if (departments) out.push(`From ${first} to ${last} the largest changes are in ${departments}.`);
    const funding = largestChanges(
      p.funding?.components ?? [],
      (c) => c.label,
      (c) => c.values,
      first,
      last,
      2,
      u,
    );
    if (funding) out.push(`On the funding side, the largest changes from ${first} to ${last} are ${funding}.`);
  }
  return out;
}

/** The `n` items whose value changes most from `first` to `last`, in words ("X (up £4.1m)"); ties in order. */
function largestChanges<T>(
  items: readonly T[],
  name: (t: T) => string,
  values: (t: T) => ReadonlyMap<FiscalYear, Money>,
  first: FiscalYear,
  last: FiscalYear,
  n: number,
  u: Units,
): string {
  const moves = items
    .map((t, i) => ({ t, i, change: sub(value(values(t), last), value(values(t), first)) }))
    .filter((x) => !x.change.isZero())
    .sort((a, b) => b.change.abs().comparedTo(a.change.abs()) || a.i - b.i)
    .slice(0, n);
  return joinWords(moves.map((x) => `${name(x.t)} (${x.change.gt(0) ? 'up' : 'down'} ${amountInWords(x.change, u)})`));
}

function riskSentences(p: Projection, last: FiscalYear, risk?: RiskResult, sens?: Sensitivity): string[] {
  if (!risk) return ['The scenario states no ranges for its assumptions, so this report shows no risk analysis.'];
  const u = p.scenario.units;
  const d = risk.rows.find((x) => x.id === 'gap') ?? risk.rows[0];
  const out: string[] = [];
  if (d) {
    const what = d.id === 'gap' ? 'gap' : 'net budget';
    const p10 = value(d.percentiles.get(10), last);
    const p90 = value(d.percentiles.get(90), last);
    const planned = value(d.planned, last);
    const signed = (x: Dec): string => (d.id === 'gap' && x.lt(0) ? `a surplus of ${amountInWords(x, u)}` : amountInWords(x, u));
    out.push(
      `Drawing every assumption from its stated range ${risk.draws} times, the ${last} ${what} lies between ${signed(p10)} and ${signed(p90)} in eight draws out of ten, against ${signed(planned)} as written.`,
    );
    if (d.id === 'gap') {
      const share = roundTo(
        dec(d.aboveZero.get(last) ?? 0)
          .dividedBy(risk.draws)
          .times(100),
        0,
        'half-away-from-zero',
      ).toFixed(0);
      out.push(`A shortfall in ${last} occurs in ${share}% of the draws.`);
    }
  }
  const top = (sens?.entries ?? []).filter((e) => !e.swing.isZero()).slice(0, 3);
  if (top.length)
    out.push(
      `The assumptions that move the figures most are ${joinWords(top.map((e) => `${lowerFirst(e.assumption.description)} (up to ${amountInWords(e.swing, u)})`))}.`,
    );
  return out;
}

const lowerFirst = (s: string): string => (/^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s);

export interface SummaryParagraphs {
  readonly budget: readonly string[];
  readonly drivers: readonly string[];
  readonly risks: readonly string[];
}

/** The key messages, grouped as the report shows them: the budget and gap, what drives it, the risks. */
export function executiveSummary(p: Projection, risk?: RiskResult, sens?: Sensitivity): SummaryParagraphs {
  const first = p.years[0];
  const last = p.years[p.years.length - 1];
  if (!first || !last) return { budget: [], drivers: [], risks: [] };
  const net = netBudgetSentence(p, first, last);
  return {
    budget: [...(net ? [net] : []), ...gapSentences(p, last)],
    drivers: driverSentences(p, last),
    risks: riskSentences(p, last, risk, sens),
  };
}
