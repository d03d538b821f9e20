// What-ifs on council tax rules and reserves from the command line: `--set council_tax.<rule>=…`
// and `--set reserves.[<reserve>.]<item>[.<year>]=…` → the scenario with those figures changed.
// Pure; amounts are in the scenario's units; a bad path or value is a `usage` diagnostic (exit 2).

import { error, type Diagnostic, type Location } from '../diagnostics/diagnostic.js';
import { parseAmountText, parseRateText } from '../model/amount-text.js';
import { parseFiscalYear, type FiscalYear } from '../model/fiscal-year.js';
import type { EarmarkedReserve, Funding, Reserves, TaxBase } from '../model/funding.js';
import type { SourcedAmount } from '../model/level.js';
import { add, moneyFromText, roundTo, type Dec, type Money, type Rate } from '../model/money.js';
import type { Scenario } from '../model/scenario.js';
import { closest } from '../schema/diagnose.js';
import { earmarkedBelowNil } from '../load/funding.js';

/** The first part of a path this module handles. */
export const FUNDING_PATH_ROOTS = ['council_tax', 'reserves'] as const;

/** True when `--set` text names a council tax rule or a reserve (`council_tax.…` or `reserves.…`). */
export const isFundingPath = (text: string): boolean => FUNDING_PATH_ROOTS.some((r) => text.trim().startsWith(`${r}.`));

const COUNCIL_TAX_PATHS = ['collection_rate', 'tax_base_growth', 'dwellings'] as const;

type Outcome = { ok: true; scenario: Scenario; was: string } | { ok: false; message: string; hint: string };

const fail = (message: string, hint: string): Outcome => ({ ok: false, message, hint });

function rateValue(text: string, what: string, max?: number): { ok: true; value: Rate } | { ok: false; message: string; hint: string } {
  const r = parseRateText(text);
  if (!r.ok) return { ok: false, message: r.message, hint: r.hint };
  const v = moneyFromText(r.canonical) as Dec as Rate;
  if (v.isNegative() || (max !== undefined && v.greaterThan(max)) || v.lessThanOrEqualTo(-1))
    return { ok: false, message: `${text.trim()} is not a possible ${what}`, hint: `write a ${what} such as 98.5% or 0.985` };
  return { ok: true, value: v };
}

function amountValue(text: string): { ok: true; value: Money } | { ok: false; message: string; hint: string } {
  const a = parseAmountText(text);
  if (!a.ok) return { ok: false, message: a.message, hint: 'write the amount in the scenario units, e.g. 1500 or 1,500' };
  const v = moneyFromText(a.canonical);
  if (v.isNegative() && !v.isZero())
    return { ok: false, message: `${text.trim()} is negative`, hint: 'reserves figures are written positive' };
  return { ok: true, value: v };
}

/** The tax base with every grown year worked out again from the year before (by `rate` or `dwellings`). */
function regrow(t: TaxBase, years: readonly FiscalYear[], step: (before: Dec) => Dec): TaxBase {
  const counts = new Map(t.counts);
  let before: Dec | undefined;
  for (const y of years) {
    const c = counts.get(y);
    if (!c) continue;
    const count = c.basis === 'growth' && before !== undefined ? step(before) : c.count;
    counts.set(y, { ...c, count });
    before = count;
  }
  return { ...t, counts };
}

function setCouncilTax(s: Scenario, f: Funding, rule: string, value: string): Outcome {
  const ct = f.councilTax;
  if (!ct) return fail('this scenario gives no council tax as tax base × Band D', 'add `funding: council_tax: {tax_base: …, band_d: …}`');
  const with_ = (councilTax: NonNullable<Funding['councilTax']>, was: string): Outcome => ({
    ok: true,
    scenario: { ...s, funding: { ...f, councilTax } },
    was,
  });
  switch (rule) {
    case 'collection_rate': {
      if (!ct.collection)
        return fail('this scenario gives no collection rate', 'add `collection: {rate: …, basis: applied}` under `council_tax:`');
      const v = rateValue(value, 'collection rate', 1);
      if (!v.ok || v.value.isZero()) return v.ok ? fail('a collection rate of nil is not possible', 'write e.g. 98.5%') : v;
      // the what-if sets every year: a year's own rate gives way to it
      const { years: _own, ...general } = ct.collection;
      const was = `${ct.collection.rate.times(100).toFixed()}%${ct.collection.years?.size ? ' and rates of its own in some years' : ''}`;
      return with_({ ...ct, collection: { ...general, rate: v.value } }, was);
    }
    case 'tax_base_growth': {
      if (!ct.taxBase.growth)
        return fail('the tax base is not grown by a rate', 'write `unstated: growth` with `growth:` under `tax_base:`');
      const v = rateValue(value, 'growth rate');
      if (!v.ok) return v;
      const grown = regrow(ct.taxBase, s.years, (b) => roundTo(b.times(v.value.plus(1)), 0, 'half-away-from-zero'));
      return with_({ ...ct, taxBase: { ...grown, growth: v.value } }, `${ct.taxBase.growth.times(100).toFixed()}%`);
    }
    case 'dwellings': {
      if (!ct.taxBase.dwellings)
        return fail('the tax base is not grown by dwellings', 'write `unstated: dwellings` with `dwellings:` under `tax_base:`');
      const v = amountValue(value);
      if (!v.ok) return v;
      const grown = regrow(ct.taxBase, s.years, (b) => add(b as Money, v.value));
      return with_({ ...ct, taxBase: { ...grown, dwellings: v.value } }, ct.taxBase.dwellings.toFixed());
    }
    default: {
      const guess = closest(rule, [...COUNCIL_TAX_PATHS]);
      return fail(
        `council tax has no \`${rule}\``,
        `${guess ? `did you mean \`${guess}\`? ` : ''}council tax paths are ${COUNCIL_TAX_PATHS.join(', ')}`,
      );
    }
  }
}

/** A by-year map with one year's amount replaced (its origin kept, or `at` for a year not written). */
function withYear(m: ReadonlyMap<FiscalYear, SourcedAmount>, y: FiscalYear, amount: Money, at: Location): Map<FiscalYear, SourcedAmount> {
  const out = new Map(m);
  out.set(y, { amount, origin: m.get(y)?.origin ?? at });
  return out;
}

function yearOf(
  text: string | undefined,
  years: readonly FiscalYear[],
): { ok: true; year: FiscalYear } | { ok: false; message: string; hint: string } {
  if (text === undefined)
    return { ok: false, message: 'this figure is given by year', hint: `add the year, e.g. .${years[0] ?? '2018/19'}` };
  const y = parseFiscalYear(text);
  if (!y.ok) return { ok: false, message: y.message, hint: y.hint };
  if (!years.includes(y.year))
    return { ok: false, message: `${y.year} is not a year of this scenario`, hint: `years are ${years.join(', ')}` };
  return { ok: true, year: y.year };
}

function setReserves(s: Scenario, f: Funding, parts: readonly string[], value: string): Outcome {
  const r = f.reserves;
  if (!r) return fail('this scenario has no `reserves:`', 'add `reserves:` under `funding:`');
  const v = amountValue(value);
  if (!v.ok) return v;
  const done = (reserves: Reserves, was: string): Outcome => ({ ok: true, scenario: { ...s, funding: { ...f, reserves } }, was });
  const [first = '', second, third, ...rest] = parts;
  const ids = (r.earmarked ?? []).map((e) => e.id);
  const forms = `reserves.opening, reserves.planned_use.<year>, reserves.contributions.<year>, reserves.<earmarked id>.opening, reserves.<earmarked id>.uses.<year> or reserves.<earmarked id>.contributions.<year>${ids.length ? ` (earmarked: ${ids.join(', ')})` : ''}`;
  if (first === 'opening' && second === undefined) {
    if (!r.opening) return fail('this scenario gives no opening balance', 'add `opening:` under `reserves:`');
    return done({ ...r, opening: { ...r.opening, amount: v.value } }, r.opening.amount.toFixed());
  }
  if ((first === 'planned_use' || first === 'contributions') && third === undefined) {
    const y = yearOf(second, s.years);
    if (!y.ok) return y;
    const m = first === 'planned_use' ? r.plannedUse : r.contributions;
    const at = (first === 'planned_use' ? r.plannedUseCited?.origin : r.contributionsCited?.origin) ?? r.opening?.origin;
    if (!at) return fail(`this scenario writes no \`${first}\``, `add \`${first}:\` under \`reserves:\``);
    const changed = withYear(m, y.year, v.value, at);
    return done(
      first === 'planned_use' ? { ...r, plannedUse: changed } : { ...r, contributions: changed },
      m.get(y.year)?.amount.toFixed() ?? 'none',
    );
  }
  const e = r.earmarked?.find((x) => x.id === first);
  if (!e) {
    const guess = closest(first, ['opening', 'planned_use', 'contributions', ...ids]);
    return fail(`no reserve or reserves figure \`${first}\``, `${guess ? `did you mean \`${guess}\`? ` : ''}write ${forms}`);
  }
  const replace = (changed: EarmarkedReserve, was: string): Outcome =>
    done({ ...r, earmarked: (r.earmarked ?? []).map((x) => (x.id === e.id ? changed : x)) }, was);
  if (second === 'opening' && third === undefined)
    return replace({ ...e, opening: { ...e.opening, amount: v.value } }, e.opening.amount.toFixed());
  if ((second === 'uses' || second === 'contributions') && rest.length === 0) {
    const y = yearOf(third, s.years);
    if (!y.ok) return y;
    const m = e[second];
    return replace(
      { ...e, [second]: { ...m, amounts: withYear(m.amounts, y.year, v.value, e.origin) } },
      m.amounts.get(y.year)?.amount.toFixed() ?? 'none',
    );
  }
  return fail(`\`${parts.join('.')}\` is not a reserves path`, `write ${forms}`);
}

/**
 * The scenario with each council tax or reserves `--set` applied in order, and each recorded as a
 * what-if. Diagnostics: `usage` only.
 */
export function applyFundingOverrides(scenario: Scenario, texts: readonly string[]): { value?: Scenario; diagnostics: Diagnostic[] } {
  let s = scenario;
  const diagnostics: Diagnostic[] = [];
  const whatIf: string[] = [];
  const seen = new Set<string>();
  for (const text of texts) {
    const eq = text.indexOf('=');
    const path = eq < 0 ? text.trim() : text.slice(0, eq).trim();
    if (eq < 0) {
      diagnostics.push(
        error(
          'usage',
          `--set ${text}: expected a path, \`=\` and a value`,
          undefined,
          'e.g. council_tax.collection_rate=97.5% or reserves.opening=15000',
        ),
      );
      continue;
    }
    if (seen.has(path)) {
      diagnostics.push(error('usage', `--set ${text}: ${path} is set twice`, undefined, 'give each figure once'));
      continue;
    }
    seen.add(path);
    const f = s.funding;
    const [root, ...parts] = path.split('.');
    const value = text.slice(eq + 1);
    const out: Outcome = !f
      ? fail('this scenario has no `funding:` section', 'add `funding:` with council tax and reserves')
      : root === 'council_tax'
        ? parts.length === 1
          ? setCouncilTax(s, f, parts[0] ?? '', value)
          : fail(`\`${path}\` is not a council tax path`, `write council_tax.${COUNCIL_TAX_PATHS.join(', council_tax.')}`)
        : setReserves(s, f, parts, value);
    if (!out.ok) {
      diagnostics.push(error('usage', `--set ${text}: ${out.message}`, undefined, out.hint));
      continue;
    }
    s = out.scenario;
    whatIf.push(`${text} (the scenario has ${out.was})`);
  }
  if (diagnostics.length > 0) return { diagnostics };
  return {
    value: whatIf.length ? { ...s, whatIf: [...(s.whatIf ?? []), ...whatIf] } : s,
    diagnostics: reservesAfter(scenario, s, texts),
  };
}

/**
 * The `reserve-negative` warnings the what-ifs bring about: an earmarked reserve the file as written
 * keeps above nil but the changed reserves take below it (the file's own are reported as it loads).
 */
function reservesAfter(before: Scenario, after: Scenario, texts: readonly string[]): Diagnostic[] {
  if (before.funding?.reserves === after.funding?.reserves) return [];
  const years = after.years;
  const was = new Set(earmarkedBelowNil(before.funding?.reserves, years).map((b) => b.id));
  const sets = texts.filter((t) => t.trim().startsWith('reserves.')).join(' --set ');
  return earmarkedBelowNil(after.funding?.reserves, years)
    .filter((b) => !was.has(b.id))
    .map(({ warning: d }) => ({ ...d, message: `--set ${sets}: ${d.message}` }));
}
