// Normalising a line's written gross expenditure and income (`gross:`, `income:`, its kind of
// income and income drivers) and a department's published `gross_and_income:` into domain values,
// with the check that a stated net agrees with gross − income. Pure.

import { error, type Diagnostic, type Location } from '../diagnostics/diagnostic.js';
import type { Result } from '../diagnostics/result.js';
import { compareYears, type FiscalYear } from '../model/fiscal-year.js';
import { formatPlainGrouped } from '../model/grouped-number.js';
import {
  driveIncome,
  netOf,
  type DepartmentGrossIncome,
  type GrossIncome,
  type IncomeDrivers,
  type PublishedGrossIncome,
} from '../model/gross-income.js';
import { fillLevels, type StatedLevel } from '../model/levels.js';
import { isMultipleOf } from '../model/published-precision.js';
import type { Level } from '../model/scenario.js';
import type { Units } from '../model/units.js';
import type { WrittenLine, WrittenScenarioHeader } from '../schema/scenario.js';
import type { Path, RawDocument } from '../source/raw-tree.js';
import { money, rate, year } from './validated.js';

const g = formatPlainGrouped;

/** Where a line's fields are, and the period it is read against. */
export interface LineSite {
  readonly years: readonly FiscalYear[];
  readonly inPeriod: (y: FiscalYear) => boolean;
  readonly outside: (y: FiscalYear, loc: Location) => Diagnostic;
  /** The value of a field of the line. */
  readonly lat: (p: Path) => Location;
  /** The key of a field of the line. */
  readonly lkey: (p: Path) => Location;
}

/** True when a written line states any gross or income field. */
export const writesGrossIncome = (w: WrittenLine): boolean =>
  w.gross !== undefined ||
  w.income !== undefined ||
  w.income_type !== undefined ||
  w.income_uplift !== undefined ||
  w.income_ends !== undefined;

/**
 * A line's gross and income in every year (undefined value when it states none). Both `gross` and
 * `income` are needed; they are filled like levels (`unstated`), then the income drivers apply.
 * Diagnostics: `gross-income` (incomplete, or with `driver`, `changes` or `one_off`),
 * `level-missing` (an unstated year with no method), `year-outside-period`.
 */
export function lineGrossIncome(w: WrittenLine, site: LineSite): Result<GrossIncome | undefined> & { readonly written: boolean } {
  if (!writesGrossIncome(w)) return { value: undefined, diagnostics: [], written: false };
  const { lat, lkey } = site;
  const diagnostics: Diagnostic[] = [];
  const fail = (): Result<GrossIncome | undefined> & { written: boolean } => ({ diagnostics, written: true });
  const other = w.driver !== undefined ? 'driver' : w.changes !== undefined ? 'changes' : w.one_off ? 'one_off' : undefined;
  if (other) {
    diagnostics.push(
      error(
        'gross-income',
        `line ${w.ref} gives gross and income with \`${other}\``,
        lkey([other]),
        "a line's gross and income are written as each year's level, like `levels`: remove one of them",
      ),
    );
  }
  for (const [field, present] of [
    ['gross', w.gross !== undefined],
    ['income', w.income !== undefined],
  ] as const) {
    if (present) continue;
    const said =
      w.gross !== undefined
        ? 'gross'
        : w.income !== undefined
          ? 'income'
          : (Object.keys(w).find((k) => k.startsWith('income_')) ?? 'income');
    diagnostics.push(
      error(
        'gross-income',
        `line ${w.ref} gives \`${said}\` but no \`${field}\``,
        lkey([said]),
        `give both, e.g. \`${field}: {${site.years[0] ?? '2018/19'}: 0}\` where the line has no ${field === 'gross' ? 'gross expenditure' : 'income'}: its net is gross − income`,
      ),
    );
  }
  if (diagnostics.length > 0) return fail();
  const series = (field: 'gross' | 'income'): Map<FiscalYear, Level> | undefined => {
    const stated: StatedLevel[] = [];
    let ok = true;
    for (const [text, amount] of Object.entries(w[field] ?? {})) {
      const y = year(text);
      if (!site.inPeriod(y)) {
        diagnostics.push(site.outside(y, lkey([field, text])));
        ok = false;
        continue;
      }
      stated.push({ year: y, amount: money(amount), origin: lat([field, text]) });
    }
    if (stated.length === 0 && ok) {
      diagnostics.push(
        error(
          'gross-income',
          `line ${w.ref} states no ${field}`,
          lkey([field]),
          `give it in at least one year, e.g. \`${field}: {${site.years[0] ?? '2018/19'}: 0}\``,
        ),
      );
      return undefined;
    }
    const filled = fillLevels(site.years, stated, w.unstated);
    // income the uplift or end year fills needs no method
    const drivenFrom = field === 'income' ? drivenYears(w, stated) : undefined;
    const missing = filled.unstated.filter((y) => !drivenFrom?.(y));
    if (missing.length > 0) {
      diagnostics.push(
        error(
          'level-missing',
          `line ${w.ref} does not state its ${field} for ${missing.join(', ')} and names no method for unstated years`,
          lkey([field]),
          'add the missing years, or `unstated: hold` ("ongoing") or `unstated: linear`' +
            (field === 'income' ? ', or `income_uplift`' : ''),
        ),
      );
      ok = false;
    }
    return ok ? filled.levels : undefined;
  };
  const gross = series('gross');
  const filledIncome = series('income');
  const drivers: { -readonly [K in keyof IncomeDrivers]: IncomeDrivers[K] } = {};
  if (w.income_uplift !== undefined) drivers.uplift = { rate: rate(w.income_uplift), origin: lat(['income_uplift']) };
  if (w.income_ends !== undefined) {
    const y = year(w.income_ends);
    if (!site.inPeriod(y)) diagnostics.push(site.outside(y, lat(['income_ends'])));
    else drivers.ends = { year: y, origin: lat(['income_ends']) };
  }
  if (!gross || !filledIncome || diagnostics.length > 0) return fail();
  const income = driveIncome(site.years, filledIncome, drivers);
  return {
    value: { gross, income, writtenIncome: filledIncome, drivers, ...(w.income_type ? { incomeType: w.income_type } : {}) },
    diagnostics,
    written: true,
  };
}

/** The years after the last stated income that an uplift fills, or from an end year: no method needed there. */
function drivenYears(w: WrittenLine, stated: readonly StatedLevel[]): (y: FiscalYear) => boolean {
  const last = stated.reduce<FiscalYear | undefined>((a, s) => (a === undefined || compareYears(s.year, a) > 0 ? s.year : a), undefined);
  const ends = w.income_ends !== undefined ? year(w.income_ends) : undefined;
  return (y) =>
    (ends !== undefined && compareYears(y, ends) >= 0) ||
    (w.income_uplift !== undefined && last !== undefined && compareYears(y, last) > 0);
}

/**
 * Where a line states both levels and gross and income: each stated level must equal
 * sign × (gross − income) for its year. Diagnostics: `gross-income-net`, at the level.
 */
export function checkStatedNet(
  ref: string,
  stated: readonly StatedLevel[],
  derived: ReadonlyMap<FiscalYear, Level>,
  gi: GrossIncome,
  sign: 1 | -1,
): Diagnostic[] {
  return stated.flatMap((s) => {
    const d = derived.get(s.year)?.amount;
    if (!d || d.equals(s.amount)) return [];
    const gross = gi.gross.get(s.year)?.amount;
    const income = gi.income.get(s.year)?.amount;
    const net = gross && income ? netOf(gross, income) : undefined;
    return [
      error(
        'gross-income-net',
        `line ${ref} ${s.year}: level ${g(s.amount)} is not gross ${g(gross ?? d)} − income ${g(income ?? d)} = ${g(net ?? d)}${sign < 0 ? ` (as the amount of the line's kind, ${g(d)})` : ''}`,
        s.origin,
        'correct the level, the gross or the income; or remove `levels`: they are derived from gross and income',
      ),
    ];
  });
}

/**
 * A department's published gross budget and income by year. Diagnostics: `gross-income-net`
 * when a stated net is not gross − income; `gross-income` when a figure is not a whole number of
 * the steps it was published to; `year-outside-period`.
 */
export function normaliseGrossAndIncome(
  written: WrittenScenarioHeader['gross_and_income'],
  doc: RawDocument,
  inPeriod: (y: FiscalYear) => boolean,
  outside: (y: FiscalYear, loc: Location) => Diagnostic,
  units: Units | undefined,
): Result<DepartmentGrossIncome | undefined> {
  if (!written) return { value: undefined, diagnostics: [] };
  const diagnostics: Diagnostic[] = [];
  const years: PublishedGrossIncome[] = [];
  const base: Path = ['gross_and_income'];
  for (const [text, w] of Object.entries(written.years)) {
    const y = year(text);
    const at = (f: string): Location => doc.locator.value([...base, 'years', text, f]);
    if (!inPeriod(y)) {
      diagnostics.push(outside(y, doc.locator.key([...base, 'years', text])));
      continue;
    }
    const gross = money(w.gross);
    const income = money(w.income);
    const net = w.net === undefined ? undefined : money(w.net);
    let ok = true;
    for (const [f, v] of [
      ['gross', gross],
      ['income', income],
      ['net', net],
    ] as const) {
      if (!v || !written.published_to || !units || isMultipleOf(v, written.published_to, units)) continue;
      diagnostics.push(
        error(
          'gross-income',
          `gross_and_income ${y}: ${f} ${g(v)} ${units} is not a figure published to the nearest ${written.published_to}`,
          at(f),
          'write the figure as published, or correct `published_to`',
        ),
      );
      ok = false;
    }
    if (net && !netOf(gross, income).equals(net)) {
      diagnostics.push(
        error(
          'gross-income-net',
          `gross_and_income ${y}: net ${g(net)} is not gross ${g(gross)} − income ${g(income)} = ${g(netOf(gross, income))}`,
          at('net'),
          'write the three figures as the source states them; if the source itself does not cast, leave out `net` and say so in `note`',
        ),
      );
      ok = false;
    }
    if (ok)
      years.push({
        year: y,
        gross,
        income,
        ...(net ? { net } : {}),
        origin: doc.locator.key([...base, 'years', text]),
        grossOrigin: at('gross'),
        incomeOrigin: at('income'),
      });
  }
  if (diagnostics.length > 0) return { diagnostics };
  return {
    value: {
      years,
      source: written.source,
      origin: doc.locator.key(base),
      ...(written.published_to ? { publishedTo: written.published_to } : {}),
      ...(written.note ? { note: written.note } : {}),
    },
    diagnostics,
  };
}
