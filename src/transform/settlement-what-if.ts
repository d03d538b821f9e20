// What-ifs on the settlement from the command line: `--set funding.<stream>.<year>=<amount>` (a
// funding stream's amount in one year) and `--set funding.retained_business_rates.<input>[.<year>]=<value>`
// (levy_rate, safety_net, multiplier_change.<year>, baseline, top_up, tariff). Pure; a bad path or
// value is a `usage` diagnostic (exit 2) with a "did you mean".

import { error, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Result } from '../diagnostics/result.js';
import { parseAmountText, parseRateText } from '../model/amount-text.js';
import { parseFiscalYear, type FiscalYear } from '../model/fiscal-year.js';
import type { Funding, FundingStream, RetainedBusinessRates } from '../model/funding.js';
import { moneyFromText, rateFromText, toPlain, type Money, type Rate } from '../model/money.js';
import type { Scenario } from '../model/scenario.js';
import { closest } from '../schema/diagnose.js';
import { settlementItems } from './variant-funding.js';
import { WHAT_IF, type SourceLabel } from './transform.js';

const RATES_INPUTS = ['levy_rate', 'safety_net', 'multiplier_change', 'baseline', 'top_up', 'tariff'] as const;
type RatesInput = (typeof RATES_INPUTS)[number];

/** True when a `--set` names the funding side (`funding.…`) rather than a demand driver. */
export const isSettlementPath = (text: string): boolean => text.trim().startsWith('funding.');

type Change = { ok: true; apply: (f: Funding) => Funding; was: string } | { ok: false; message: string; hint: string };

function year(
  text: string | undefined,
  years: readonly FiscalYear[],
  path: string,
): { ok: true; year: FiscalYear } | { ok: false; message: string; hint: string } {
  if (text === undefined)
    return { ok: false, message: `${path} needs a year`, hint: `write ${path}.<year>=<value>, e.g. ${path}.${years[0] ?? '2019/20'}=…` };
  const y = parseFiscalYear(text);
  if (!y.ok) return { ok: false, message: y.message, hint: y.hint };
  if (!years.includes(y.year))
    return {
      ok: false,
      message: `${y.year} is outside the MTFS period`,
      hint: `use a year from ${years[0] ?? ''} to ${years[years.length - 1] ?? ''}`,
    };
  return { ok: true, year: y.year };
}

function amount(text: string): { ok: true; value: Money } | { ok: false; message: string; hint: string } {
  const a = parseAmountText(text);
  return a.ok
    ? { ok: true, value: moneyFromText(a.canonical) }
    : { ok: false, message: a.message, hint: 'write an amount in the scenario units, such as 1500 or -2,000' };
}

function share(text: string, low: number, name: string): { ok: true; value: Rate } | { ok: false; message: string; hint: string } {
  const r = parseRateText(text);
  if (!r.ok) return { ok: false, message: r.message, hint: r.hint };
  const v = rateFromText(r.canonical);
  if (v.lessThanOrEqualTo(low) && low < 0)
    return { ok: false, message: `${text.trim()} is a fall of 100% or more`, hint: `a ${name} is above -100%, e.g. 2%` };
  if (low >= 0 && (v.isNegative() || v.greaterThan(1)))
    return { ok: false, message: `${text.trim()} is outside 0% to 100%`, hint: `a ${name} is a share, e.g. 50%` };
  return { ok: true, value: v };
}

function streamChange(f: Funding, id: string, y: FiscalYear, value: Money, source: string): Funding {
  const set = (s: FundingStream): FundingStream =>
    s.id !== id
      ? s
      : {
          ...s,
          levels: new Map([...s.levels].map(([k, l]) => [k, k === y ? { ...l, amount: value, basis: 'stated' as const } : l])),
          provenance: 'estimate',
          note: `${s.note ? `${s.note}; ` : ''}${source}`,
        };
  const ct = f.councilTax;
  const req = f.councilTaxRequirement;
  const rates = f.retainedBusinessRates;
  return {
    ...f,
    ...(ct?.collectionFund ? { councilTax: { ...ct, collectionFund: set(ct.collectionFund) } } : {}),
    ...(req?.collectionFund ? { councilTaxRequirement: { ...req, collectionFund: set(req.collectionFund) } } : {}),
    ...(rates ? { retainedBusinessRates: { ...rates, growth: set(rates.growth) } } : {}),
    streams: f.streams.map(set),
  };
}

function ratesChange(
  r: RetainedBusinessRates,
  input: RatesInput,
  rest: string[],
  value: string,
  years: readonly FiscalYear[],
  source: string,
): Change {
  const path = `funding.retained_business_rates.${input}`;
  const cite = { provenance: 'estimate' as const, source };
  const swap =
    (next: RetainedBusinessRates): ((f: Funding) => Funding) =>
    (f) => ({ ...f, retainedBusinessRates: next });
  if (input === 'multiplier_change') {
    const y = year(rest[0], years, path);
    if (!y.ok) return y;
    const v = share(value, -1, 'multiplier change');
    if (!v.ok) return v;
    const rates = new Map(r.multiplierChange.rates);
    const was = rates.get(y.year);
    rates.set(y.year, { rate: v.value, basis: 'stated', origin: was?.origin ?? r.multiplierChange.origin });
    return {
      ok: true,
      apply: swap({ ...r, multiplierChange: { ...r.multiplierChange, ...cite, rates } }),
      was: was ? toPlain(was.rate) : 'none',
    };
  }
  if (rest.length > 0) return { ok: false, message: `${input} is one value for every year`, hint: `write ${path}=<value>` };
  if (input === 'levy_rate' || input === 'safety_net') {
    const v = share(value, 0, input === 'levy_rate' ? 'levy rate' : 'safety net');
    if (!v.ok) return v;
    const key = input === 'levy_rate' ? 'levyRate' : 'safetyNet';
    const was = r[key];
    return {
      ok: true,
      apply: swap({ ...r, [key]: { rate: v.value, ...cite, origin: was?.origin ?? r.origin } }),
      was: was ? toPlain(was.rate) : 'none',
    };
  }
  const a = amount(value);
  if (!a.ok) return a;
  if (a.value.isNegative())
    return { ok: false, message: `a ${input.replace('_', '-')} cannot be negative`, hint: 'write it as a positive amount' };
  const key = input === 'baseline' ? 'baseline' : input === 'top_up' ? 'topUp' : 'tariff';
  const was = r[key];
  if (key !== 'baseline' && !was) {
    const other = key === 'topUp' ? r.tariff : r.topUp;
    if (other)
      return {
        ok: false,
        message: `this authority ${key === 'topUp' ? 'pays a tariff' : 'receives a top-up'}`,
        hint: `set funding.retained_business_rates.${key === 'topUp' ? 'tariff' : 'top_up'} instead`,
      };
  }
  return {
    ok: true,
    apply: swap({ ...r, [key]: { amount: a.value, ...cite, origin: was?.origin ?? r.origin } }),
    was: was ? toPlain(was.amount) : 'none',
  };
}

function parse(text: string, s: Scenario, source: string): Change {
  const eq = text.indexOf('=');
  const form = 'funding.<stream>.<year>=<amount> or funding.retained_business_rates.<input>[.<year>]=<value>';
  if (eq < 0) return { ok: false, message: 'expected a path, `=` and a value', hint: `write ${form}` };
  const [, item = '', ...rest] = text.slice(0, eq).trim().split('.');
  const value = text.slice(eq + 1);
  const f = s.funding;
  if (!f)
    return {
      ok: false,
      message: 'this scenario has no `funding:` section',
      hint: 'add one (see "Funding and the gap" in the documentation)',
    };
  if (item === 'retained_business_rates') {
    const r = f.retainedBusinessRates;
    if (!r)
      return {
        ok: false,
        message: 'this scenario has no `retained_business_rates:`',
        hint: 'set a stream instead, e.g. funding.business_rates.<year>=…',
      };
    const [input = '', ...more] = rest;
    if (!(RATES_INPUTS as readonly string[]).includes(input)) {
      const guess = closest(input, [...RATES_INPUTS]);
      return {
        ok: false,
        message: `retained business rates have no input \`${input}\``,
        hint: guess ? `did you mean \`${guess}\`? (inputs: ${RATES_INPUTS.join(', ')})` : `inputs: ${RATES_INPUTS.join(', ')}`,
      };
    }
    return ratesChange(r, input as RatesInput, more, value, s.years, source);
  }
  const items = settlementItems(f);
  if (!items.includes(item)) {
    const guess = closest(item, [...items, 'retained_business_rates']);
    return {
      ok: false,
      message: `no funding stream \`${item}\``,
      hint: guess ? `did you mean \`${guess}\`?` : `funding streams are ${items.join(', ')}`,
    };
  }
  const y = year(rest[0], s.years, `funding.${item}`);
  if (!y.ok) return y;
  if (rest.length > 1) return { ok: false, message: `\`${text.slice(0, eq)}\` is not a funding path`, hint: `write ${form}` };
  const a = amount(value);
  if (!a.ok) return a;
  const stream = [
    ...f.streams,
    f.councilTax?.collectionFund,
    f.councilTaxRequirement?.collectionFund,
    f.retainedBusinessRates?.growth,
  ].find((x) => x?.id === item);
  const was = stream?.levels.get(y.year)?.amount;
  return { ok: true, apply: (g) => streamChange(g, item, y.year, a.value, source), was: was ? toPlain(was) : 'none' };
}

/**
 * Applies every `--set funding.…` to the scenario's funding, in order (a what-if is an estimate).
 * Diagnostics: `usage` only.
 */
export function applySettlementOverrides(s: Scenario, texts: readonly string[], label: SourceLabel = WHAT_IF): Result<Scenario> {
  if (texts.length === 0) return { value: s, diagnostics: [] };
  const diagnostics: Diagnostic[] = [];
  let scenario = s;
  const whatIf: string[] = [];
  for (const text of texts) {
    const c = parse(text, scenario, label(text));
    if (!c.ok) {
      diagnostics.push(error('usage', `--set ${text}: ${c.message}`, undefined, c.hint));
      continue;
    }
    scenario = { ...scenario, funding: c.apply(scenario.funding as Funding) };
    whatIf.push(`${text} (the scenario has ${c.was})`);
  }
  if (diagnostics.length > 0) return { diagnostics };
  return { value: { ...scenario, whatIf: [...(scenario.whatIf ?? []), ...whatIf] }, diagnostics };
}
