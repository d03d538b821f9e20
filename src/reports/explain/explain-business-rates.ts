// Explaining retained business rates down to the settlement's inputs: baseline × uprating + top-up
// − tariff + growth − levy (+ a safety net payment where it bites), each part with where it is
// written and its source; and a ring-fenced or conditional grant with the spend it is matched to. Pure.

import type { FiscalYear } from '../../model/fiscal-year.js';
import type { BusinessRatesYear } from '../../model/business-rates.js';
import type { Cited, RetainedBusinessRates } from '../../model/funding.js';
import { formatPlainGrouped } from '../../model/grouped-number.js';
import { ZERO, type Dec, type Money } from '../../model/money.js';
import type { FundingProjection } from '../../project/funding.js';
import type { Step } from './step.js';

const g = formatPlainGrouped;
const pct = (r: Dec): string => `${r.times(100).toFixed()}%`;
const yid = (y: FiscalYear): string => y.replace('/', '-');

/** The rows of the retained rates calculation `explain` can reach, as the detail table names them (without `funding.`). */
export function businessRatesItemIds(f: FundingProjection): string[] {
  const r = f.funding.retainedBusinessRates;
  if (!r) return [];
  return [
    'multiplier_change',
    'baseline',
    ...(r.topUp ? ['top_up'] : []),
    ...(r.tariff ? ['tariff'] : []),
    'baseline_funding_level',
    'growth',
    'levy',
    ...(r.safetyNet ? ['safety_net_threshold', 'safety_net'] : []),
  ].map((id) => `business_rates.${id}`);
}

const cite = (c: Cited): Pick<Step, 'origin' | 'source' | 'note'> => ({
  origin: c.origin,
  source: `${c.source} (${c.provenance})`,
  ...(c.note ? { note: c.note } : {}),
});

/** The uprating of year `y`: the product of (1 + multiplier change) over the years to it, with each change as a step. */
function upratingStep(
  r: RetainedBusinessRates,
  years: readonly FiscalYear[],
  y: FiscalYear,
  v: BusinessRatesYear,
  id: string,
  brief = false,
): Step {
  const upTo = years.slice(0, years.indexOf(y) + 1);
  return {
    id,
    label: `uprating ${r.baseYear} to ${y}`,
    amount: v.uprating as Money,
    measure: 'count',
    formula:
      upTo.map((t) => `(1 + ${pct(r.multiplierChange.rates.get(t)?.rate ?? ZERO)})`).join(' × ') + (brief ? ' (as for the baseline)' : ''),
    ...(r.multiplierChange.note && !brief ? { note: r.multiplierChange.note } : {}),
    children: brief
      ? []
      : upTo.map((t) => {
          const m = r.multiplierChange.rates.get(t);
          return {
            id: `${id}/${yid(t)}`,
            label: `multiplier change ${t} (%)`,
            amount: (m?.rate.times(100) ?? ZERO) as Money,
            measure: 'percent' as const,
            formula: m?.basis === 'hold' ? 'not written for this year: the year before held (an estimate)' : 'as written',
            origin: m?.origin ?? r.multiplierChange.origin,
            source: `${r.multiplierChange.source} (${r.multiplierChange.provenance})`,
            children: [],
          };
        }),
  };
}

/** A base-year amount uprated to `y`: amount × uprating. */
function upratedStep(
  r: RetainedBusinessRates,
  years: readonly FiscalYear[],
  y: FiscalYear,
  v: BusinessRatesYear,
  id: string,
  what: string,
  written: { amount: Money } & Cited,
  amount: Money,
  brief = false,
): Step {
  return {
    id,
    label: `${what} ${y}`,
    amount,
    formula: `${what} ${r.baseYear} ${g(written.amount)} × uprating ${v.uprating.toFixed()}`,
    children: [
      {
        id: `${id}/${yid(r.baseYear)}`,
        label: `${what} ${r.baseYear}`,
        amount: written.amount,
        formula: 'as written',
        ...cite(written),
        children: [],
      },
      upratingStep(r, years, y, v, `${id}/uprating`, brief),
    ],
  };
}

/**
 * The step behind retained business rates in `y` (item `retained_business_rates`) or one of its
 * parts (`business_rates.<part>`); undefined when the scenario has no such row.
 */
export function explainBusinessRates(
  f: FundingProjection,
  years: readonly FiscalYear[],
  key: string,
  y: FiscalYear,
  parent: string,
): Step | undefined {
  const r = f.funding.retainedBusinessRates;
  const v = f.businessRates?.get(y);
  if (!r || !v) return undefined;
  const id = (part: string): string => `${parent}/${part}`;
  const baseline = upratedStep(r, years, y, v, id('baseline'), 'business rates baseline', r.baseline, v.baseline);
  const brief = key === 'retained_business_rates' || key === 'business_rates.baseline_funding_level';
  const topUp = r.topUp && upratedStep(r, years, y, v, id('top_up'), 'top-up', r.topUp, v.topUp, brief);
  const tariff = r.tariff && upratedStep(r, years, y, v, id('tariff'), 'tariff', r.tariff, v.tariff, brief);
  const growthLevel = r.growth.levels.get(y);
  const growth: Step = {
    id: id('growth'),
    label: `growth above the baseline ${y}`,
    amount: v.growth,
    formula: `${growthLevel?.basis === 'stated' ? 'as written' : `not written for this year: ${growthLevel?.basis ?? ''}`} (${r.growth.provenance})`,
    ...cite(r.growth),
    ...(growthLevel?.origins[0] ? { origin: growthLevel.origins[0] } : {}),
    children: [],
  };
  const levy: Step = {
    id: id('levy'),
    label: `levy on growth ${y}`,
    amount: v.levy,
    formula: r.levyRate
      ? v.growth.isPositive() && !v.growth.isZero()
        ? `levy rate ${pct(r.levyRate.rate)} × growth ${g(v.growth)}`
        : `nil: growth ${g(v.growth)} is not above nil`
      : 'nil: no levy rate is given',
    ...(r.levyRate ? cite(r.levyRate) : {}),
    children: [],
  };
  const bfl: Step = {
    id: id('baseline_funding_level'),
    label: `baseline funding level ${y}`,
    amount: v.baselineFundingLevel,
    formula: `baseline ${g(v.baseline)}${topUp ? ` + top-up ${g(v.topUp)}` : ''}${tariff ? ` − tariff ${g(v.tariff)}` : ''}`,
    children: [baseline, ...(topUp ? [topUp] : []), ...(tariff ? [tariff] : [])],
  };
  const threshold: Step | undefined = r.safetyNet &&
    v.safetyNetThreshold && {
      id: id('safety_net_threshold'),
      label: `safety net threshold ${y}`,
      amount: v.safetyNetThreshold,
      formula: `safety net ${pct(r.safetyNet.rate)} × baseline funding level ${g(v.baselineFundingLevel)}`,
      ...cite(r.safetyNet),
      children: [
        key === 'business_rates.safety_net_threshold' || key === 'business_rates.safety_net'
          ? bfl
          : { ...bfl, formula: `${bfl.formula ?? ''} (as above)`, children: [] },
      ],
    };
  const safetyNet: Step | undefined = threshold && {
    id: id('safety_net'),
    label: `safety net payment ${y}`,
    amount: v.safetyNetPayment,
    formula: v.safetyNetPayment.isZero()
      ? `nil: income before the safety net ${g(v.beforeSafetyNet)} is not below the threshold ${g(threshold.amount)}`
      : `threshold ${g(threshold.amount)} − income before the safety net ${g(v.beforeSafetyNet)}`,
    children: [threshold],
  };
  const multiplier: Step = upratingStep(r, years, y, v, id('multiplier_change'));
  switch (key) {
    case 'retained_business_rates': {
      const bites = safetyNet && !v.safetyNetPayment.isZero();
      return {
        id: id('retained_business_rates'),
        label: `${r.label} ${y}`,
        amount: v.retained,
        formula:
          `baseline ${g(v.baseline)}${topUp ? ` + top-up ${g(v.topUp)}` : ''}${tariff ? ` − tariff ${g(v.tariff)}` : ''} + growth ${g(v.growth)} − levy ${g(v.levy)}` +
          (bites ? ` + safety net ${g(v.safetyNetPayment)}` : '') +
          (safetyNet && !bites ? ' (the safety net does not bite)' : ''),
        children: [baseline, ...(topUp ? [topUp] : []), ...(tariff ? [tariff] : []), growth, levy, ...(safetyNet ? [safetyNet] : [])],
      };
    }
    case 'business_rates.multiplier_change': {
      const m = r.multiplierChange.rates.get(y);
      return {
        ...multiplier,
        label: `multiplier change ${y} (%)`,
        amount: (m?.rate.times(100) ?? ZERO) as Money,
        measure: 'percent',
        formula: m?.basis === 'hold' ? 'not written for this year: the year before held (an estimate)' : 'as written',
        ...cite(r.multiplierChange),
        ...(m ? { origin: m.origin } : {}),
        children: [],
      };
    }
    case 'business_rates.baseline':
      return baseline;
    case 'business_rates.top_up':
      return topUp;
    case 'business_rates.tariff':
      return tariff;
    case 'business_rates.baseline_funding_level':
      return bfl;
    case 'business_rates.growth':
      return growth;
    case 'business_rates.levy':
      return levy;
    case 'business_rates.safety_net_threshold':
      return threshold;
    case 'business_rates.safety_net':
      return safetyNet;
    default:
      return undefined;
  }
}

/** A conditional grant in `y` (item `conditional.<id>`): as written, and the spend it is matched to. */
export function explainConditionalGrant(f: FundingProjection, key: string, y: FiscalYear, parent: string): Step | undefined {
  const c = f.conditional.find((x) => `conditional.${x.id}` === key);
  const s = c?.stream;
  if (!c || !s) return undefined;
  const level = s.levels.get(y);
  const basis = c.bases.get(y) ?? 'stated';
  return {
    id: `${parent}/${key}`,
    label: `${c.label} ${y}`,
    amount: c.values.get(y) ?? ZERO,
    formula: `${basis === 'stated' ? 'as written' : basis === 'ended' ? `nil: ended ${s.to ?? ''}` : `not written for this year: ${basis}`} (${c.provenance}); conditional: funds ${s.conditional?.funds ?? ''}, so it is matched to that spend and not counted in total funding or the gap`,
    ...cite(s),
    ...(level?.origins[0] ? { origin: level.origins[0] } : {}),
    children: [],
  };
}
