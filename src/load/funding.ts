// Normalising a scenario's `funding:` and `apportionment:` sections: years checked against the MTFS
// period and each stream's start and end, unstated years filled by a named method, and the Band D
// chain checked so that every year has a Band D. Pure; every problem is a located diagnostic.

import { error, warning, type Diagnostic, type Location } from '../diagnostics/diagnostic.js';
import type { Result } from '../diagnostics/result.js';
import { ASC_PRECEPT_FROM } from '../model/band-d.js';
import { compareYears, previousYear, type FiscalYear } from '../model/fiscal-year.js';
import type {
  Apportionment,
  BandD,
  BandDYear,
  Cited,
  CollectionRate,
  CouncilTaxBill,
  Preceptor,
  EarmarkedReserve,
  OneOffSpend,
  ReserveMovements,
  RiskItem,
  CitedAmount,
  CitedRate,
  CouncilTax,
  CouncilTaxRequirement,
  EarlierAscPrecept,
  Funding,
  FundingStream,
  Reserves,
  RetainedBusinessRates,
  StreamKind,
  TaxBase,
} from '../model/funding.js';
import type { CouncilTaxPrinciples } from '../model/council-tax-principles.js';
import type { StatedLevel } from '../model/levels.js';
import type { Level } from '../model/level.js';
import { GENERAL_FUND } from '../model/funding.js';
import { add, sum, type Money, type Rate } from '../model/money.js';
import type { SourcedAmount } from '../model/scenario.js';
import { fillStream } from '../model/stream-levels.js';
import { formatPlainGrouped } from '../model/grouped-number.js';
import { amountIn, firstYearBelow, rollReserve } from '../model/reserves.js';
import type { WrittenApportionment, WrittenFunding, WrittenGrant, WrittenRetainedBusinessRates, WrittenStream } from '../schema/funding.js';
import type { Path, RawDocument } from '../source/raw-tree.js';
import { closest } from '../schema/diagnose.js';
import { outsidePeriod } from './period.js';
import { money, rate, year } from './validated.js';

type WrittenCitation = {
  provenance: Cited['provenance'];
  source: string;
  note?: string | undefined;
  calibrated_to?: string[] | undefined;
};

interface Context {
  readonly doc: RawDocument;
  readonly years: readonly FiscalYear[];
  readonly diagnostics: Diagnostic[];
  /** The referendum principles `council_tax: principles:` names, read before normalising. */
  readonly principles?: CouncilTaxPrinciples;
}

const at = (c: Context, p: Path): Location => c.doc.locator.value(p);
const keyAt = (c: Context, p: Path): Location => c.doc.locator.key(p);

const cited = (c: Context, w: WrittenCitation, p: Path): Cited => ({
  provenance: w.provenance,
  source: w.source,
  ...(w.note ? { note: w.note } : {}),
  ...(w.calibrated_to ? { calibratedTo: w.calibrated_to } : {}),
  origin: at(c, p),
});

/**
 * The funding section as domain values. Diagnostics: `year-outside-period`, `funding-years`
 * (amounts outside a stream's `from`–`to`, or a stream ending before the period), `level-missing`,
 * `band-d` (a year with no Band D, or no previous Band D to derive it from), `duplicate-ref`,
 * `missing-key`, `invalid-value`.
 */
/**
 * The keys of `funding:` as the file writes them (its raw tree keeps their order), with
 * `council_tax:` split into `council_tax` and `collection_fund` in the order those are written in it.
 */
function writtenOrder(doc: RawDocument): string[] {
  const keys = (v: unknown): string[] => (v && typeof v === 'object' && !Array.isArray(v) ? Object.keys(v) : []);
  const funding = doc.tree && typeof doc.tree === 'object' ? (doc.tree as Record<string, unknown>)['funding'] : undefined;
  return keys(funding).flatMap((k) => {
    if (k !== 'council_tax') return [k];
    const inner = keys((funding as Record<string, unknown>)[k]).map((i) => (i === 'collection_fund' ? i : k));
    return inner.filter((i, n) => inner.indexOf(i) === n);
  });
}

export function normaliseFunding(
  w: WrittenFunding,
  doc: RawDocument,
  years: readonly FiscalYear[],
  principles?: CouncilTaxPrinciples,
): Result<Funding> {
  const c: Context = { doc, years, diagnostics: [], ...(principles ? { principles } : {}) };
  const base: Path = ['funding'];
  if (!w.council_tax && !w.business_rates && !w.revenue_support_grant && !w.retained_business_rates && !(w.grants && w.grants.length > 0)) {
    c.diagnostics.push(
      error(
        'missing-key',
        '`funding` names no source of funding',
        keyAt(c, base),
        'add `council_tax:`, `business_rates:`, `retained_business_rates:`, `revenue_support_grant:` or `grants:`',
      ),
    );
  }
  const ct = w.council_tax ? normaliseCouncilTax(c, w.council_tax, [...base, 'council_tax']) : undefined;
  const councilTax = ct?.councilTax;
  const councilTaxRequirement = ct?.requirement;
  const streams: FundingStream[] = [];
  const named: [keyof WrittenFunding & ('business_rates' | 'revenue_support_grant'), string][] = [
    ['business_rates', 'Business rates'],
    ['revenue_support_grant', 'Revenue support grant'],
  ];
  for (const [key, label] of named) {
    const s = w[key];
    if (!s) continue;
    const stream = normaliseStream(c, s, [...base, key], key, key, s.label ?? label);
    if (stream) streams.push(stream);
  }
  const seen = new Map<string, Location>();
  (w.grants ?? []).forEach((g: WrittenGrant, i) => {
    const p: Path = [...base, 'grants', i];
    const first = seen.get(g.id);
    if (first) {
      c.diagnostics.push(
        error(
          'duplicate-ref',
          `grant ${g.id} is defined twice`,
          at(c, [...p, 'id']),
          `the first ${g.id} is at ${first.file}:${first.line}:${first.column}; give each grant its own id`,
        ),
      );
      return;
    }
    seen.set(g.id, at(c, [...p, 'id']));
    const stream = normaliseStream(c, g, p, g.id, 'grant', g.label);
    if (stream)
      streams.push(
        g.conditional ? { ...stream, conditional: { funds: g.conditional.funds, origin: at(c, [...p, 'conditional', 'funds']) } } : stream,
      );
  });
  const rates = w.retained_business_rates
    ? normaliseRetainedBusinessRates(c, w.retained_business_rates, [...base, 'retained_business_rates'])
    : undefined;
  if (rates?.sectionThirtyOne) streams.push(rates.sectionThirtyOne);
  const reserves = w.reserves ? normaliseReserves(c, w.reserves, [...base, 'reserves']) : undefined;
  if (w.before_council_tax && !w.council_tax)
    c.diagnostics.push(
      error(
        'missing-key',
        '`before_council_tax` is the funding other than council tax, but `funding` has no `council_tax:`',
        keyAt(c, [...base, 'before_council_tax']),
        'add `council_tax:` (tax base × Band D, or a requirement), or remove `before_council_tax`',
      ),
    );
  const written = w.council_tax;
  const bill =
    written?.bill &&
    normaliseBill(
      c,
      written.bill,
      [...base, 'council_tax', 'bill'],
      !written.requirement || (written.tax_base !== undefined && written.band_d !== undefined),
    );
  if (c.diagnostics.length > 0 || (ct && !ct.ok) || (rates && !rates.value)) return { diagnostics: c.diagnostics };
  return {
    value: {
      ...(councilTax ? { councilTax } : {}),
      ...(councilTaxRequirement ? { councilTaxRequirement } : {}),
      streams,
      ...(rates?.value ? { retainedBusinessRates: rates.value } : {}),
      ...(reserves ? { reserves } : {}),
      ...(bill ? { bill } : {}),
      ...(w.before_council_tax ? { beforeCouncilTax: { label: w.before_council_tax.label } } : {}),
      ...(w.source ? { source: w.source } : {}),
      order: writtenOrder(doc),
    },
    diagnostics: c.diagnostics,
  };
}

function normaliseCollectionFund(c: Context, cf: WrittenStream | undefined, p: Path): { ok: boolean; value?: FundingStream } {
  if (!cf) return { ok: true };
  const value = normaliseStream(
    c,
    cf,
    [...p, 'collection_fund'],
    'collection_fund',
    'collection_fund',
    cf.label ?? 'Collection fund surplus (deficit)',
  );
  return value ? { ok: true, value } : { ok: false };
}

/**
 * Council tax as tax base × Band D, or as a requirement (with an optional tax base, from which
 * Band D is derived). Diagnostics: `missing-key`, `band-d` (Band D increases beside a requirement).
 */
function normaliseCouncilTax(
  c: Context,
  w: NonNullable<WrittenFunding['council_tax']>,
  p: Path,
): { councilTax?: CouncilTax; requirement?: CouncilTaxRequirement; ok: boolean } {
  const cf = normaliseCollectionFund(c, w.collection_fund, p);
  if (w.requirement) {
    const requirement = normaliseStream(
      c,
      w.requirement,
      [...p, 'requirement'],
      'council_tax',
      'council_tax',
      w.requirement.label ?? 'Council tax requirement',
    );
    const taxBase = w.tax_base ? normaliseTaxBase(c, w.tax_base, [...p, 'tax_base']) : undefined;
    let ok = requirement !== undefined && (!w.tax_base || taxBase !== undefined) && cf.ok;
    if (w.band_d?.years || w.band_d?.base) {
      c.diagnostics.push(
        error(
          'band-d',
          'with a council tax `requirement`, Band D is requirement ÷ tax base: it takes no `years` or `base`',
          keyAt(c, [...p, 'band_d', w.band_d.years ? 'years' : 'base']),
          'keep only `band_d: {rounding: …, provenance: …, source: …}`, or give tax base × Band D without `requirement`',
        ),
      );
      ok = false;
    }
    if (w.band_d && !w.tax_base) {
      c.diagnostics.push(
        error(
          'missing-key',
          'Band D can be derived from the council tax requirement only with a tax base',
          keyAt(c, [...p, 'band_d']),
          'add `tax_base:`, or remove `band_d:` where the source publishes no tax base',
        ),
      );
      ok = false;
    }
    if (w.collection) {
      c.diagnostics.push(
        error(
          'collection-rate',
          'a council tax `requirement` is the yield itself: a collection rate cannot be applied to it',
          keyAt(c, [...p, 'collection']),
          'remove `collection:`, or give the council tax as tax base × Band D with `collection:`',
        ),
      );
      ok = false;
    }
    for (const k of ['principles', 'asc_department'] as const) {
      if (w[k] === undefined) continue;
      c.diagnostics.push(
        error(
          'band-d',
          `\`${k}\` needs Band D increases (core and ASC precept), which a council tax \`requirement\` does not give`,
          keyAt(c, [...p, k]),
          "give the council tax as tax base × Band D with each year's increase, or remove it",
        ),
      );
      ok = false;
    }
    if (!ok || !requirement) return { ok: false };
    return {
      ok: true,
      requirement: {
        requirement,
        ...(taxBase ? { taxBase } : {}),
        ...(w.band_d ? { rounding: w.band_d.rounding } : {}),
        ...(cf.value ? { collectionFund: cf.value } : {}),
      },
    };
  }
  const missing = (['tax_base', 'band_d'] as const).filter((k) => !w[k]);
  for (const k of missing) {
    c.diagnostics.push(
      error(
        'missing-key',
        `council tax needs \`${k}\` (yield = tax base × Band D), or a \`requirement\``,
        keyAt(c, p),
        'add `tax_base:` and `band_d:`, or give the council tax requirement as `requirement: {amounts: …}`',
      ),
    );
  }
  if (!w.tax_base || !w.band_d) return { ok: false };
  const taxBase = normaliseTaxBase(c, w.tax_base, [...p, 'tax_base']);
  const bandD = normaliseBandD(c, w.band_d, [...p, 'band_d']);
  const collection = w.collection ? normaliseCollection(c, w.collection, [...p, 'collection']) : undefined;
  if (!taxBase || !bandD || !cf.ok || (w.collection && !collection)) return { ok: false };
  return {
    ok: true,
    councilTax: {
      taxBase,
      bandD,
      ...(cf.value ? { collectionFund: cf.value } : {}),
      ...(collection ? { collection } : {}),
      ...(c.principles ? { principles: c.principles } : {}),
      ...(w.asc_department ? { ascDepartment: { name: w.asc_department, origin: at(c, [...p, 'asc_department']) } } : {}),
    },
  };
}

type WrittenBill = NonNullable<NonNullable<WrittenFunding['council_tax']>['bill']>;

/**
 * The council tax bill: each preceptor's Band D (£) or precept (scenario units) in every MTFS year,
 * all of one kind; Band D only where the council's own Band D is known (`ownBandD`). Diagnostics:
 * `council-tax-bill`, `year-outside-period`, `level-missing`.
 */
function normaliseBill(c: Context, w: WrittenBill, p: Path, ownBandD: boolean): CouncilTaxBill | undefined {
  const problem = (message: string, loc: Location, hint: string): undefined => {
    c.diagnostics.push(error('council-tax-bill', message, loc, hint));
    return undefined;
  };
  let first: { basis: 'band_d' | 'precept'; name: string } | undefined;
  const preceptors = w.preceptors.map((pr, i): Preceptor | undefined => {
    const pp: Path = [...p, 'preceptors', i];
    if ((pr.band_d === undefined) === (pr.precept === undefined))
      return problem(
        `${pr.name}: give its \`band_d\` (£ and pence) or its \`precept\` (in the scenario units), ${pr.band_d ? 'not both' : 'one of them'}`,
        keyAt(c, pr.band_d ? [...pp, 'precept'] : pp),
        'a leaflet that prints each authority’s Band D gives `band_d`; a budget that prints the precept in £000 gives `precept`',
      );
    const basis = pr.band_d ? 'band_d' : 'precept';
    const key: Path = [...pp, basis];
    if (basis === 'band_d' && !ownBandD)
      return problem(
        `${pr.name}: a bill by Band D needs the council’s own Band D, and this council tax is a requirement with no tax base`,
        keyAt(c, key),
        'give each preceptor’s `precept` (the council’s own is then its requirement), or add `tax_base:` and `band_d: {rounding: …}`',
      );
    if (first && first.basis !== basis)
      return problem(
        `${pr.name} gives its ${basis === 'band_d' ? 'Band D' : 'precept'}, but ${first.name} gives its ${first.basis === 'band_d' ? 'Band D' : 'precept'}: a bill adds figures of one kind`,
        keyAt(c, key),
        `give every preceptor’s \`${first.basis}\`, as the source prints them`,
      );
    first ??= { basis, name: pr.name };
    const stated = statedAmounts(c, (pr.band_d ?? pr.precept) as Record<string, string>, key, pr.name);
    if (!stated) return undefined;
    const missing = c.years.filter((y) => !stated.some((s) => s.year === y));
    if (missing.length > 0)
      return problem(
        `${pr.name}: no ${basis === 'band_d' ? 'Band D' : 'precept'} for ${missing.join(', ')}`,
        keyAt(c, key),
        `add ${missing.map((y) => `\`${y}: …\``).join(', ')}: the bill is shown only for years every preceptor states`,
      );
    return {
      name: pr.name,
      values: new Map(stated.map((s) => [s.year, { amount: s.amount, origin: s.origin }])),
      ...cited(c, pr, pp),
    };
  });
  if (!first || preceptors.some((x) => x === undefined)) return undefined;
  return {
    ...(w.label ? { label: w.label } : {}),
    basis: first.basis,
    preceptors: preceptors as Preceptor[],
    origin: keyAt(c, p),
  };
}

/** Stated amounts of a by-year map, each checked against the period and the stream's own years. */
function statedAmounts(
  c: Context,
  amounts: Record<string, string>,
  p: Path,
  label: string,
  window: { from?: FiscalYear | undefined; to?: FiscalYear | undefined } = {},
): StatedLevel[] | undefined {
  let ok = true;
  const stated: StatedLevel[] = [];
  for (const [text, amount] of Object.entries(amounts)) {
    const y = year(text);
    if (!c.years.includes(y)) {
      c.diagnostics.push(outsidePeriod(y, c.years, keyAt(c, [...p, text])));
      ok = false;
      continue;
    }
    const { from, to } = window;
    if ((from && compareYears(y, from) < 0) || (to && compareYears(y, to) > 0)) {
      c.diagnostics.push(
        error(
          'funding-years',
          `${label}: an amount is stated for ${y}, outside its years (${from ?? 'first stated year'} to ${to ?? 'end of period'})`,
          keyAt(c, [...p, text]),
          'remove the amount, or change `from:` or `to:`',
        ),
      );
      ok = false;
      continue;
    }
    stated.push({ year: y, amount: money(amount), origin: at(c, [...p, text]) });
  }
  if (Object.keys(amounts).length === 0) {
    c.diagnostics.push(
      error('level-missing', `${label} states no amounts`, keyAt(c, p), 'give the amount in at least one year, e.g. `{2018/19: 1500}`'),
    );
    ok = false;
  }
  return ok ? stated : undefined;
}

/** The growth rate of a stream or tax base, checked against its `unstated:` method. */
function growthRate(
  c: Context,
  w: { unstated?: string | undefined; growth?: string | undefined },
  p: Path,
  label: string,
): { ok: boolean } {
  if (w.growth !== undefined && rate(w.growth).abs().greaterThanOrEqualTo(1)) {
    c.diagnostics.push(
      error(
        'invalid-value',
        `${label}: growth of ${rate(w.growth).times(100).toFixed()}% a year is not plausible`,
        at(c, [...p, 'growth']),
        `a rate is a fraction or a percentage: write ${w.growth}% for ${w.growth} per cent`,
      ),
    );
    return { ok: false };
  }
  if (w.growth !== undefined && w.unstated !== 'growth') {
    c.diagnostics.push(
      error(
        'invalid-value',
        `${label}: \`growth\` is only used with \`unstated: growth\``,
        keyAt(c, [...p, 'growth']),
        'add `unstated: growth`, or remove `growth`',
      ),
    );
    return { ok: false };
  }
  if (w.unstated === 'growth' && w.growth === undefined) {
    c.diagnostics.push(
      error('missing-key', `${label}: \`unstated: growth\` needs a \`growth\` rate`, keyAt(c, [...p, 'unstated']), 'add e.g. `growth: 1%`'),
    );
    return { ok: false };
  }
  return { ok: true };
}

function unstatedYears(c: Context, label: string, unstated: readonly FiscalYear[], loc: Location): void {
  if (unstated.length === 0) return;
  c.diagnostics.push(
    error(
      'level-missing',
      `${label} does not state ${unstated.join(', ')} and names no method for unstated years`,
      loc,
      'add the amounts, or `unstated: hold` (ongoing), `linear` or `growth` (with a rate); a stream that stops needs `to:`',
    ),
  );
}

function normaliseStream(
  c: Context,
  w: WrittenStream | WrittenGrant,
  p: Path,
  id: string,
  kind: StreamKind,
  label: string,
): FundingStream | undefined {
  const from = w.from ? year(w.from) : undefined;
  const to = w.to ? year(w.to) : undefined;
  const first = c.years[0];
  const last = c.years[c.years.length - 1];
  let ok = true;
  const window = (message: string, key: 'from' | 'to', hint: string): void => {
    c.diagnostics.push(error('funding-years', `${label} ${message}`, at(c, [...p, key]), hint));
    ok = false;
  };
  if (from && to && compareYears(to, from) < 0) window(`ends (${to}) before it starts (${from})`, 'to', 'swap `from` and `to`');
  else if (to && first && compareYears(to, first) < 0)
    window(`ends in ${to}, before the MTFS period (${first} to ${last})`, 'to', 'remove it: it brings in nothing in the MTFS years');
  else if (from && last && compareYears(from, last) > 0)
    window(`starts in ${from}, after the MTFS period (${first} to ${last})`, 'from', 'remove it, or widen `period:`');
  const stated = statedAmounts(c, w.amounts, [...p, 'amounts'], label, { from, to });
  ok = growthRate(c, w, p, label).ok && ok;
  if (!ok || !stated) return undefined;
  const filled = fillStream(c.years, stated, w.unstated, w.growth ? rate(w.growth) : undefined, to);
  unstatedYears(c, label, filled.unstated, keyAt(c, [...p, 'amounts']));
  if (filled.unstated.length > 0) return undefined;
  return {
    id,
    kind,
    label,
    levels: filled.levels,
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(w.unstated === 'growth' && w.growth ? { growth: rate(w.growth) } : {}),
    ...cited(c, w, p),
  };
}

/**
 * Retained business rates from the settlement's parts. Diagnostics: `business-rates` (a base year
 * that is not the year before the period, both a top-up and a tariff, a negative baseline, top-up
 * or tariff, a levy rate or safety net outside 0% to 100%, a year with no multiplier change), and
 * those of a funding stream for `growth` and `section_31`.
 */
function normaliseRetainedBusinessRates(
  c: Context,
  w: WrittenRetainedBusinessRates,
  p: Path,
): { value?: RetainedBusinessRates; sectionThirtyOne?: FundingStream } {
  const before = c.diagnostics.length;
  const first = c.years[0];
  const baseYear = year(w.base_year);
  const fail = (message: string, loc: Location, hint: string): void => {
    c.diagnostics.push(error('business-rates', message, loc, hint));
  };
  if (first && baseYear !== previousYear(first))
    fail(
      `the business rates base year is ${baseYear}, but the baseline, top-up and tariff are those of the year before the period (${previousYear(first)})`,
      at(c, [...p, 'base_year']),
      `write \`base_year: ${previousYear(first)}\` with that year's baseline and top-up or tariff`,
    );
  if (w.top_up && w.tariff)
    fail(
      'an authority receives a top-up or pays a tariff, not both',
      keyAt(c, [...p, 'tariff']),
      'keep `top_up:` where the baseline funding level is above the baseline, `tariff:` where it is below',
    );
  const amount = (k: 'baseline' | 'top_up' | 'tariff'): CitedAmount | undefined => {
    const v = w[k];
    if (!v) return undefined;
    const m = money(v.amount);
    if (m.isNegative() && !m.isZero()) {
      fail(
        `the business rates ${k.replace('_', '-')} is negative (${m.toFixed()})`,
        at(c, [...p, k, 'amount']),
        k === 'baseline'
          ? 'write the baseline as a positive amount'
          : `write it positive: a ${k === 'tariff' ? 'tariff is paid, a top-up received' : 'top-up is received, a tariff paid'} (use \`${k === 'tariff' ? 'top_up' : 'tariff'}:\` for the other)`,
      );
      return undefined;
    }
    return { amount: m, ...cited(c, v, [...p, k]) };
  };
  const baseline = amount('baseline');
  const topUp = amount('top_up');
  const tariff = amount('tariff');
  const share = (k: 'levy_rate' | 'safety_net'): CitedRate | undefined => {
    const v = w[k];
    if (!v) return undefined;
    const text = 'rate' in v ? v.rate : v.percent;
    const r = rate(text);
    if (r.isNegative() || r.greaterThan(1)) {
      fail(
        `a ${k === 'levy_rate' ? 'levy rate' : 'safety net'} of ${r.times(100).toFixed()}% is outside 0% to 100%`,
        at(c, [...p, k, k === 'levy_rate' ? 'rate' : 'percent']),
        k === 'levy_rate'
          ? 'write the share of growth paid over as levy, e.g. `rate: 50%`'
          : 'write the share of the baseline funding level below which income is topped up, e.g. `percent: 92.5%`',
      );
      return undefined;
    }
    return { rate: r, ...cited(c, v, [...p, k]) };
  };
  const levyRate = share('levy_rate');
  const safetyNet = share('safety_net');
  const mp: Path = [...p, 'multiplier_change'];
  const rates = new Map<FiscalYear, { rate: Rate; basis: 'stated' | 'hold'; origin: Location }>();
  for (const [text, r] of Object.entries(w.multiplier_change.rates)) {
    const y = year(text);
    if (!c.years.includes(y)) c.diagnostics.push(outsidePeriod(y, c.years, keyAt(c, [...mp, 'rates', text])));
    else if (rate(r).lessThanOrEqualTo(-1))
      fail(
        `a multiplier change of ${rate(r).times(100).toFixed()}% in ${y} would leave no rates at all`,
        at(c, [...mp, 'rates', text]),
        'write the yearly change in the multiplier, e.g. 3% or 0.03',
      );
    else rates.set(y, { rate: rate(r), basis: 'stated', origin: at(c, [...mp, 'rates', text]) });
  }
  const missing: FiscalYear[] = [];
  let previous: { rate: Rate; origin: Location } | undefined;
  for (const y of c.years) {
    const r = rates.get(y);
    if (r) previous = r;
    else if (previous && w.multiplier_change.unstated === 'hold') rates.set(y, { ...previous, basis: 'hold' });
    else missing.push(y);
  }
  if (missing.length > 0)
    fail(
      `the business rates multiplier change is not given for ${missing.join(', ')}`,
      keyAt(c, [...mp, 'rates']),
      missing[0] === first
        ? `give the change of every year from ${first ?? ''} (write 0% for no change)`
        : 'give the change of each year, or `unstated: hold` to repeat the year before (an estimate)',
    );
  const label = w.label ?? 'Retained business rates';
  const growth = normaliseStream(
    c,
    w.growth,
    [...p, 'growth'],
    'business_rates_growth',
    'business_rates_growth',
    `${label}: growth above the baseline`,
  );
  const s31 = w.section_31;
  const sectionThirtyOne = s31
    ? normaliseStream(c, s31, [...p, 'section_31'], 'section_31', 'section_31', s31.label ?? 'Section 31 grants for business rates reliefs')
    : undefined;
  if (c.diagnostics.length > before || !baseline || !growth) return {};
  return {
    value: {
      label,
      baseYear,
      baseline,
      ...(topUp ? { topUp } : {}),
      ...(tariff ? { tariff } : {}),
      multiplierChange: { rates, ...cited(c, w.multiplier_change, mp) },
      growth,
      ...(levyRate ? { levyRate } : {}),
      ...(safetyNet ? { safetyNet } : {}),
      origin: keyAt(c, p),
    },
    ...(sectionThirtyOne ? { sectionThirtyOne } : {}),
  };
}

type WrittenTaxBase = NonNullable<NonNullable<WrittenFunding['council_tax']>['tax_base']>;
type WrittenBandD = NonNullable<NonNullable<WrittenFunding['council_tax']>['band_d']>;

function normaliseTaxBase(c: Context, w: WrittenTaxBase, p: Path): TaxBase | undefined {
  const label = 'the tax base';
  const stated = statedAmounts(c, w.band_d_equivalents, [...p, 'band_d_equivalents'], label);
  const byDwellings = w.unstated === 'dwellings';
  const growth = byDwellings
    ? dwellingsGrowth(c, w, p)
    : growthRate(c, { ...(w.unstated ? { unstated: w.unstated } : {}), ...(w.growth ? { growth: w.growth } : {}) }, p, label);
  if (!byDwellings && w.dwellings !== undefined) {
    c.diagnostics.push(
      error(
        'invalid-value',
        'the tax base: `dwellings` is only used with `unstated: dwellings`',
        keyAt(c, [...p, 'dwellings']),
        'add `unstated: dwellings`, or remove `dwellings`',
      ),
    );
    return undefined;
  }
  if (!stated || !growth.ok) return undefined;
  const bad = stated.filter((s) => !s.amount.isPositive() || s.amount.isZero());
  for (const s of bad)
    c.diagnostics.push(
      error(
        'invalid-value',
        `the tax base must be more than nil, found ${s.amount.toFixed()}`,
        s.origin,
        'write the number of Band D equivalent dwellings',
      ),
    );
  if (bad.length > 0) return undefined;
  const dwellings = byDwellings && w.dwellings !== undefined ? money(w.dwellings) : undefined;
  const filled = dwellings
    ? addDwellings(fillStream(c.years, stated, 'hold', undefined, undefined), dwellings, c.years)
    : fillStream(c.years, stated, w.unstated === 'dwellings' ? undefined : w.unstated, w.growth ? rate(w.growth) : undefined, undefined);
  const notStarted = c.years.filter((y) => filled.levels.get(y)?.basis === 'not-started');
  if (notStarted.length > 0) {
    c.diagnostics.push(
      error(
        'level-missing',
        `the tax base does not state ${notStarted.join(', ')}, before its first stated year`,
        keyAt(c, [...p, 'band_d_equivalents']),
        'state the tax base of the first MTFS year',
      ),
    );
    return undefined;
  }
  unstatedYears(c, label, filled.unstated, keyAt(c, [...p, 'band_d_equivalents']));
  if (filled.unstated.length > 0) return undefined;
  return {
    counts: new Map(
      c.years.map((y) => {
        const l = filled.levels.get(y);
        if (!l) throw new Error(`no tax base for ${y}`);
        return [y, { count: l.amount, basis: l.basis }];
      }),
    ),
    ...(w.unstated === 'growth' && w.growth ? { growth: rate(w.growth) } : {}),
    ...(dwellings ? { dwellings } : {}),
    ...cited(c, w, p),
  };
}

/** `unstated: dwellings` needs a `dwellings` count, and no `growth` rate. */
function dwellingsGrowth(c: Context, w: WrittenTaxBase, p: Path): { ok: boolean } {
  if (w.growth !== undefined) {
    c.diagnostics.push(
      error(
        'invalid-value',
        'the tax base: `growth` is a rate for `unstated: growth`; `unstated: dwellings` adds `dwellings` a year instead',
        keyAt(c, [...p, 'growth']),
        'remove `growth`, or write `unstated: growth`',
      ),
    );
    return { ok: false };
  }
  if (w.dwellings === undefined) {
    c.diagnostics.push(
      error(
        'missing-key',
        'the tax base: `unstated: dwellings` needs `dwellings`, the Band D equivalents added a year',
        keyAt(c, [...p, 'unstated']),
        'add e.g. `dwellings: 1,150`',
      ),
    );
    return { ok: false };
  }
  return { ok: true };
}

/** A held tax base with `dwellings` added in each year after the last stated one before it (basis `growth`). */
function addDwellings(held: ReturnType<typeof fillStream>, dwellings: Money, years: readonly FiscalYear[]): ReturnType<typeof fillStream> {
  const levels = new Map(held.levels);
  let previous: Level | undefined;
  for (const y of years) {
    const l = levels.get(y);
    if (l && previous && l.basis !== 'stated' && l.basis !== 'not-started') {
      const grown: Level = { amount: add(previous.amount, dwellings), basis: 'growth', origins: l.origins };
      levels.set(y, grown);
      previous = grown;
    } else previous = l;
  }
  return { levels, unstated: held.unstated };
}

/** The collection rate: more than nil and at most 100%. Diagnostics: `collection-rate`. */
function normaliseCollection(
  c: Context,
  w: NonNullable<NonNullable<WrittenFunding['council_tax']>['collection']>,
  p: Path,
): CollectionRate | undefined {
  const before = c.diagnostics.length;
  const possible = (text: string, loc: Path): Rate | undefined => {
    const r = rate(text);
    if (r.isPositive() && !r.isZero() && !r.greaterThan(1)) return r;
    c.diagnostics.push(
      error(
        'collection-rate',
        `a collection rate of ${r.times(100).toFixed()}% is not possible: it is the share of the tax due that is collected`,
        at(c, loc),
        'write a rate above nil and at most 100%, e.g. `rate: 98.5%`',
      ),
    );
    return undefined;
  };
  const r = possible(w.rate, [...p, 'rate']);
  const years = new Map<FiscalYear, Rate>();
  for (const [text, v] of Object.entries(w.years ?? {})) {
    const y = year(text);
    if (!c.years.includes(y)) {
      c.diagnostics.push(outsidePeriod(y, c.years, keyAt(c, [...p, 'years', text])));
      continue;
    }
    const own = possible(v, [...p, 'years', text]);
    if (own) years.set(y, own);
  }
  if (!r || c.diagnostics.length > before) return undefined;
  return {
    rate: r,
    ...(years.size ? { years } : {}),
    basis: w.basis === 'applied' ? 'applied' : 'in-tax-base',
    ...cited(c, w, p),
  };
}

function normaliseBandD(c: Context, w: WrittenBandD, p: Path): BandD | undefined {
  const before = c.diagnostics.length;
  const years = new Map<FiscalYear, BandDYear>();
  const written = w.years ?? {};
  for (const [text, e] of Object.entries(written)) {
    const y = year(text);
    const yp: Path = [...p, 'years', text];
    if (!c.years.includes(y)) {
      c.diagnostics.push(outsidePeriod(y, c.years, keyAt(c, yp)));
      continue;
    }
    if (e.increase !== undefined && (e.core !== undefined || e.asc_precept !== undefined)) {
      c.diagnostics.push(
        error(
          'band-d',
          `Band D ${y}: give \`increase\` (the whole increase) or \`core\` and \`asc_precept\`, not both`,
          keyAt(c, [...yp, 'increase']),
          'write `increase: 4.99%` where the source gives one figure, or the split `core: 2.99%` and `asc_precept: 2%`',
        ),
      );
      continue;
    }
    if (e.asc_precept !== undefined && compareYears(y, ASC_PRECEPT_FROM as FiscalYear) < 0) {
      c.diagnostics.push(
        error(
          'band-d',
          `Band D ${y}: the adult social care precept began in ${ASC_PRECEPT_FROM}`,
          keyAt(c, [...yp, 'asc_precept']),
          'remove `asc_precept` and give the increase as `core:` (or `increase:`)',
        ),
      );
      continue;
    }
    if (e.asc_precept !== undefined && e.core === undefined) {
      c.diagnostics.push(
        error(
          'band-d',
          `Band D ${y}: an adult social care precept is on top of a core increase`,
          keyAt(c, yp),
          'add `core:` (write `core: 0%` for a freeze), or give the whole increase as `increase:`',
        ),
      );
      continue;
    }
    const core = e.core ?? e.increase;
    if (e.amount === undefined && core === undefined) {
      c.diagnostics.push(
        error(
          'band-d',
          `Band D ${y} gives neither an amount nor an increase`,
          keyAt(c, yp),
          'add `amount:` (Band D as set), `increase:`, or `core:` (and `asc_precept:` from 2016/17)',
        ),
      );
      continue;
    }
    const implausible = (['core', 'asc_precept', 'increase'] as const).flatMap((k) => {
      const t = e[k];
      return t !== undefined && rate(t).abs().greaterThanOrEqualTo(1) ? [{ k, t }] : [];
    });
    for (const { k, t } of implausible) {
      c.diagnostics.push(
        error(
          'invalid-value',
          `Band D ${y}: a ${k === 'asc_precept' ? 'precept' : k === 'core' ? 'core increase' : 'increase'} of ${rate(t).times(100).toFixed()}% is not plausible`,
          at(c, [...yp, k]),
          `a rate is a fraction or a percentage: write ${t}% for ${t} per cent`,
        ),
      );
    }
    if (implausible.length > 0) continue;
    const amount = e.amount === undefined ? undefined : money(e.amount);
    if (amount && (amount.isNegative() || amount.isZero())) {
      c.diagnostics.push(
        error('invalid-value', `Band D ${y} must be more than nil`, at(c, [...yp, 'amount']), 'write Band D in £ and pence, e.g. 1242.60'),
      );
      continue;
    }
    years.set(y, {
      ...(amount ? { given: { amount, origin: at(c, [...yp, 'amount']) } } : {}),
      ...(core !== undefined
        ? {
            increase: {
              core: rate(core),
              ascPrecept: rate(e.asc_precept ?? '0'),
              origin: at(c, yp),
              ...(e.increase !== undefined ? { whole: true as const } : {}),
              coreOrigin: at(c, [...yp, e.increase !== undefined ? 'increase' : 'core']),
              ascPreceptOrigin: e.asc_precept !== undefined ? at(c, [...yp, 'asc_precept']) : keyAt(c, yp),
            },
          }
        : {}),
    });
  }
  const first = c.years[0];
  const base = w.base ? { year: year(w.base.year), amount: money(w.base.amount), origin: at(c, [...p, 'base']) } : undefined;
  if (base && first && base.year !== previousYear(first)) {
    c.diagnostics.push(
      error(
        'band-d',
        `the Band D base is for ${base.year}, but a base is the Band D of the year before the period (${previousYear(first)})`,
        at(c, [...p, 'base', 'year']),
        `write \`year: ${previousYear(first)}\` with that year's Band D`,
      ),
    );
  }
  if (base && (base.amount.isNegative() || base.amount.isZero())) {
    c.diagnostics.push(
      error(
        'invalid-value',
        'the Band D base must be more than nil',
        at(c, [...p, 'base', 'amount']),
        'write Band D in £ and pence, e.g. 1172.38',
      ),
    );
  }
  let previousKnown = base !== undefined;
  for (const y of c.years) {
    const e = years.get(y);
    if (!e) {
      if (!Object.keys(written).some((t) => year(t) === y)) {
        c.diagnostics.push(
          error(
            'band-d',
            `no Band D for ${y}`,
            keyAt(c, [...p, 'years']),
            `add \`${y}: {increase: …}\`, \`${y}: {core: …, asc_precept: …}\` or \`${y}: {amount: …}\``,
          ),
        );
      }
    } else if (!e.given && !previousKnown) {
      c.diagnostics.push(
        error(
          'band-d',
          `Band D ${y} is derived from ${previousYear(y)}, which has no Band D here`,
          keyAt(c, [...p, 'years', y]),
          `add \`base: {year: ${previousYear(y)}, amount: …}\`, or give ${y}'s \`amount\``,
        ),
      );
    }
    previousKnown = true; // report a broken chain once, not again for every later year
  }
  const earlierAscPrecept = w.earlier_asc_precept && normaliseEarlierAscPrecept(c, w.earlier_asc_precept, [...p, 'earlier_asc_precept']);
  if (c.diagnostics.length > before) return undefined;
  return { ...(base ? { base } : {}), years, ...(earlierAscPrecept ? { earlierAscPrecept } : {}), rounding: w.rounding, ...cited(c, w, p) };
}

/** ASC precepts of years before the period (`band-d` for a year inside it; `invalid-value` for a nil or negative Band D). */
function normaliseEarlierAscPrecept(
  c: Context,
  w: NonNullable<WrittenBandD['earlier_asc_precept']>,
  p: Path,
): NonNullable<BandD['earlierAscPrecept']> {
  const first = c.years[0];
  const years = new Map<FiscalYear, EarlierAscPrecept>();
  for (const [text, e] of Object.entries(w.years).sort(([a], [b]) => compareYears(year(a), year(b)))) {
    const y = year(text);
    const yp: Path = [...p, 'years', text];
    if (first && compareYears(y, first) >= 0) {
      c.diagnostics.push(
        error(
          'band-d',
          `earlier_asc_precept gives ${y}, which is not before the period (${first} onwards)`,
          keyAt(c, yp),
          `give the precept of a year in the period under \`years: ${y}:\` as \`asc_precept\``,
        ),
      );
      continue;
    }
    const bandDBefore = money(e.band_d_before);
    if (!bandDBefore.isPositive() || bandDBefore.isZero()) {
      c.diagnostics.push(
        error(
          'invalid-value',
          `the Band D before ${y} must be more than nil`,
          at(c, [...yp, 'band_d_before']),
          'write Band D in £ and pence',
        ),
      );
      continue;
    }
    years.set(y, { rate: rate(e.rate), bandDBefore, origin: at(c, [...yp, 'rate']) });
  }
  return { years, ...cited(c, w, p) };
}

function sourced(c: Context, w: { amount: string } & WrittenCitation, p: Path): SourcedAmount & Cited {
  return { amount: money(w.amount), ...cited(c, w, p), origin: at(c, [...p, 'amount']) };
}

/** What a negative movement is called, and what to write instead. */
interface SignRule {
  readonly message: (y: FiscalYear) => string;
  readonly hint: string;
}

const SIGN_RULES: Record<'planned_use' | 'contributions' | 'uses' | 'one_off', SignRule> = {
  planned_use: {
    message: (y) => `planned use of reserves ${y} is negative: planned use is a draw, written positive`,
    hint: 'write a draw as a positive amount; a contribution to reserves goes under `contributions:` (it adds to the balance and does not change the gap), or in the budget as a `to_reserves` line',
  },
  contributions: {
    message: (y) => `contribution to reserves ${y} is negative: a contribution is written positive`,
    hint: 'write a contribution as a positive amount; a draw on reserves goes under `planned_use:`',
  },
  uses: {
    message: (y) => `use of an earmarked reserve ${y} is negative: a use is a draw, written positive`,
    hint: 'write a use as a positive amount; money paid into the reserve goes under its `contributions:`',
  },
  one_off: {
    message: (y) => `one-off spend ${y} is negative: spend funded from a reserve is written positive`,
    hint: 'write the spend as a positive amount; money paid into a reserve goes under its `contributions:`',
  },
};

/**
 * Amounts by year of a reserves movement (planned use, contributions, an earmarked reserve's uses,
 * one-off spend) at path `p`, each written positive. Diagnostics: years outside the period;
 * `reserves` for a negative amount (one sign convention).
 */
function positiveAmounts(
  c: Context,
  amounts: Readonly<Record<string, string>>,
  p: Path,
  rule: SignRule,
): Map<FiscalYear, SourcedAmount> | undefined {
  const out = new Map<FiscalYear, SourcedAmount>();
  let ok = true;
  for (const [text, amount] of Object.entries(amounts)) {
    const y = year(text);
    const loc = [...p, text];
    if (!c.years.includes(y)) {
      c.diagnostics.push(outsidePeriod(y, c.years, keyAt(c, loc)));
      ok = false;
      continue;
    }
    const value = money(amount);
    if (value.isNegative() && !value.isZero()) {
      c.diagnostics.push(error('reserves', rule.message(y), at(c, loc), rule.hint));
      ok = false;
      continue;
    }
    out.set(y, { amount: value, origin: at(c, loc) });
  }
  return ok ? out : undefined;
}

type WrittenReserves = NonNullable<WrittenFunding['reserves']>;

/** The general fund's minimum balance. Diagnostics: `reserves` (no opening balance; an implausible percentage). */
function normaliseMinimum(c: Context, w: WrittenReserves, p: Path): { ok: boolean; minimum?: Reserves['minimum'] } {
  const m = w.minimum;
  if (!m) return { ok: true };
  const mp: Path = [...p, 'minimum'];
  if (!w.opening) {
    c.diagnostics.push(
      error(
        'reserves',
        'a minimum balance needs an opening balance to compare with',
        keyAt(c, mp),
        'give `opening: {amount: …}` (the balance at the start of the first year), or remove `minimum:`',
      ),
    );
    return { ok: false };
  }
  if ('percent' in m) {
    const r = rate(m.percent);
    if (r.isNegative() || r.greaterThanOrEqualTo(1)) {
      c.diagnostics.push(
        error(
          'reserves',
          `a minimum balance of ${r.times(100).toFixed()}% of the net budget is not plausible`,
          at(c, [...mp, 'percent']),
          'write the percentage of the net budget, e.g. `percent: 5%`',
        ),
      );
      return { ok: false };
    }
    return { ok: true, minimum: { kind: 'percent', rate: r, ...cited(c, m, mp) } };
  }
  if ('risks' in m) {
    const risks: RiskItem[] = m.risks.map((r, i) => ({
      risk: r.risk,
      amount: money(r.amount),
      origin: at(c, [...mp, 'risks', i, 'amount']),
    }));
    return { ok: true, minimum: { kind: 'risk-assessed', amount: sum(risks.map((r) => r.amount)), risks, ...cited(c, m, mp) } };
  }
  return { ok: true, minimum: { kind: 'amount', amount: money(m.amount), ...cited(c, m, mp) } };
}

/** Movements of an earmarked reserve (`contributions` or `uses`), with their citation. */
function earmarkedMovements(
  c: Context,
  w: { amounts: Record<string, string> } & WrittenCitation,
  p: Path,
  rule: SignRule,
): ReserveMovements | undefined {
  const amounts = positiveAmounts(c, w.amounts, [...p, 'amounts'], rule);
  return amounts && { amounts, cited: cited(c, w, p) };
}

/** Earmarked reserves, each id once and never `general_fund`. Diagnostics: `reserves`, `duplicate-ref`. */
function normaliseEarmarked(c: Context, w: WrittenReserves, p: Path): EarmarkedReserve[] | undefined {
  const out: EarmarkedReserve[] = [];
  const seen = new Map<string, Location>();
  let ok = true;
  (w.earmarked ?? []).forEach((e, i) => {
    const ep: Path = [...p, 'earmarked', i];
    const idAt = at(c, [...ep, 'id']);
    if (e.id === GENERAL_FUND) {
      c.diagnostics.push(
        error(
          'reserves',
          `\`${GENERAL_FUND}\` is the general fund, not an earmarked reserve`,
          idAt,
          'the general fund is `opening:`, `planned_use:` and `contributions:` under `reserves:`; give this reserve its own id',
        ),
      );
      ok = false;
      return;
    }
    const first = seen.get(e.id);
    if (first) {
      c.diagnostics.push(
        error(
          'duplicate-ref',
          `earmarked reserve ${e.id} is defined twice`,
          idAt,
          `the first ${e.id} is at ${first.file}:${first.line}:${first.column}; give each reserve its own id`,
        ),
      );
      ok = false;
      return;
    }
    seen.set(e.id, idAt);
    const none: ReserveMovements = { amounts: new Map() };
    const contributions = e.contributions
      ? earmarkedMovements(c, e.contributions, [...ep, 'contributions'], SIGN_RULES.contributions)
      : none;
    const uses = e.uses ? earmarkedMovements(c, e.uses, [...ep, 'uses'], SIGN_RULES.uses) : none;
    if (!contributions || !uses) {
      ok = false;
      return;
    }
    out.push({ id: e.id, label: e.label, opening: sourced(c, e.opening, [...ep, 'opening']), contributions, uses, origin: idAt });
  });
  return ok ? out : undefined;
}

/** One-off spend, each naming a reserve that exists. Diagnostics: `reserves` (an unknown reserve, no general fund balance), `duplicate-ref`. */
function normaliseOneOff(c: Context, w: WrittenReserves, p: Path, earmarked: readonly string[]): OneOffSpend[] | undefined {
  const out: OneOffSpend[] = [];
  const seen = new Map<string, Location>();
  let ok = true;
  (w.one_off ?? []).forEach((o, i) => {
    const op: Path = [...p, 'one_off', i];
    const first = seen.get(o.id);
    if (first) {
      c.diagnostics.push(
        error(
          'duplicate-ref',
          `one-off spend ${o.id} is defined twice`,
          at(c, [...op, 'id']),
          `the first ${o.id} is at ${first.file}:${first.line}:${first.column}; give each item its own id`,
        ),
      );
      ok = false;
      return;
    }
    seen.set(o.id, at(c, [...op, 'id']));
    if (o.reserve !== GENERAL_FUND && !earmarked.includes(o.reserve)) {
      const guess = closest(o.reserve, [GENERAL_FUND, ...earmarked]);
      c.diagnostics.push(
        error(
          'reserves',
          `one-off spend ${o.id} is funded from \`${o.reserve}\`, which is not a reserve of this scenario`,
          at(c, [...op, 'reserve']),
          guess
            ? `did you mean \`${guess}\`? (reserves: ${[GENERAL_FUND, ...earmarked].join(', ')})`
            : `reserves are ${[GENERAL_FUND, ...earmarked].join(', ')}`,
        ),
      );
      ok = false;
      return;
    }
    const amounts = positiveAmounts(c, o.amounts, [...op, 'amounts'], SIGN_RULES.one_off);
    if (!amounts) {
      ok = false;
      return;
    }
    out.push({ id: o.id, label: o.label, reserve: o.reserve, amounts, ...cited(c, o, op) });
  });
  return ok ? out : undefined;
}

function normaliseReserves(c: Context, w: WrittenReserves, p: Path): Reserves | undefined {
  const plannedUse = positiveAmounts(c, w.planned_use?.amounts ?? {}, [...p, 'planned_use', 'amounts'], SIGN_RULES.planned_use);
  const contributions = positiveAmounts(c, w.contributions?.amounts ?? {}, [...p, 'contributions', 'amounts'], SIGN_RULES.contributions);
  const min = normaliseMinimum(c, w, p);
  if (!min.ok) return undefined;
  const earmarked = normaliseEarmarked(c, w, p);
  const oneOff = normaliseOneOff(
    c,
    w,
    p,
    (w.earmarked ?? []).map((e) => e.id),
  );
  if (!plannedUse || !contributions || !earmarked || !oneOff) return undefined;
  return {
    ...(w.opening ? { opening: sourced(c, w.opening, [...p, 'opening']) } : {}),
    ...(min.minimum ? { minimum: min.minimum } : {}),
    plannedUse,
    ...(w.planned_use ? { plannedUseCited: cited(c, w.planned_use, [...p, 'planned_use']) } : {}),
    contributions,
    ...(w.contributions ? { contributionsCited: cited(c, w.contributions, [...p, 'contributions']) } : {}),
    ...(earmarked.length ? { earmarked } : {}),
    ...(oneOff.length ? { oneOff } : {}),
  };
}

/**
 * One `reserve-negative` warning for each earmarked reserve whose planned uses and one-off spend
 * take it below nil, located at a draw of the first such year (or its opening balance).
 */
export const earmarkedWarnings = (r: Reserves | undefined, years: readonly FiscalYear[]): Diagnostic[] =>
  earmarkedBelowNil(r, years).map((b) => b.warning);

/** The earmarked reserves that go below nil, by id, each with its `reserve-negative` warning. */
export function earmarkedBelowNil(
  r: Reserves | undefined,
  years: readonly FiscalYear[],
): { readonly id: string; readonly warning: Diagnostic }[] {
  return (r?.earmarked ?? []).flatMap((e) => {
    const oneOff = (r?.oneOff ?? []).filter((o) => o.reserve === e.id);
    const draws = [e.uses.amounts, ...oneOff.map((o) => o.amounts)];
    const rolled = rollReserve(
      e.opening.amount,
      years,
      (y) => amountIn(y, [e.contributions.amounts]),
      (y) => amountIn(y, draws),
    );
    const y = firstYearBelow(new Map([...rolled].map(([k, v]) => [k, v.carriedForward])));
    const v = y && rolled.get(y);
    if (!y || !v) return [];
    const at = draws.map((d) => d.get(y)?.origin).find((o) => o !== undefined) ?? e.opening.origin;
    return [
      {
        id: e.id,
        warning: warning(
          'reserve-negative',
          `earmarked reserve ${e.id} (${e.label}) would be ${formatPlainGrouped(v.carriedForward.negated())} below nil at the end of ${y}: brought forward ${formatPlainGrouped(v.broughtForward)} + contributions ${formatPlainGrouped(v.contributions)} − uses and one-off spend ${formatPlainGrouped(v.uses)}`,
          at,
          'a reserve cannot fund more than it holds: plan smaller or later uses, a contribution, or fund the spend from another reserve',
        ),
      },
    ];
  });
}

/** The authority's own figures for apportioning national amounts (see `mtfs options`). */
export function normaliseApportionment(w: WrittenApportionment, doc: RawDocument): Result<Apportionment> {
  const c: Context = { doc, years: [], diagnostics: [] };
  const p: Path = ['apportionment'];
  const positive = (text: string, loc: Path, what: string): boolean => {
    const v = money(text);
    if (v.isPositive() && !v.isZero()) return true;
    c.diagnostics.push(
      error('invalid-value', `${what} must be more than nil`, at(c, loc), 'a share of a national total needs a positive figure'),
    );
    return false;
  };
  const spend = w.asc_net_spend;
  const pop = w.population;
  const spendOk = !spend || positive(spend.amount, [...p, 'asc_net_spend', 'amount'], 'the ASC net spend');
  const popOk = !pop || positive(pop.count, [...p, 'population', 'count'], 'the population');
  if (!spendOk || !popOk) return { diagnostics: c.diagnostics };
  return {
    value: {
      ...(spend ? { ascNetSpend: { amount: money(spend.amount), when: spend.when, ...cited(c, spend, [...p, 'asc_net_spend']) } } : {}),
      ...(pop ? { population: { count: money(pop.count), when: pop.when, ...cited(c, pop, [...p, 'population']) } } : {}),
    },
    diagnostics: [],
  };
}
