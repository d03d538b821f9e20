// Assumption ranges: written → Assumption. A range on lines (`select` + `factor`) applies to the
// lines it selects: a line takes the first such assumption (in file order), so a mixed Eff/SR saving
// is never discounted twice, and one left with no line is an error. A range on a demand driver
// parameter (`parameter` + `range`) is read with the parameter's own grammar and limits.

import { error, type Diagnostic, type Location } from '../diagnostics/diagnostic.js';
import { parseRateText } from '../model/amount-text.js';
import type { FiscalYear } from '../model/fiscal-year.js';
import { rateFromText, type Dec } from '../model/money.js';
import type { DemandDriver } from '../model/demand.js';
import type { Funding } from '../model/funding.js';
import type { Classifications } from '../model/classification.js';
import type { Assumption, BudgetLine, FactorRange, FundingTarget, ParameterTarget } from '../model/scenario.js';
import { closest } from '../schema/diagnose.js';
import { outsidePeriod } from './period.js';
import { year } from './validated.js';
import type { WrittenAssumption } from '../schema/assumptions.js';
import type { Path, RawDocument } from '../source/raw-tree.js';
import { parseParameterValue } from './driver-parameters.js';
import { parseParameterPath, type InflationSet } from './parameter-path.js';
import { selects } from './select-lines.js';

export function normaliseAssumptions(
  written: readonly WrittenAssumption[] | undefined,
  doc: RawDocument,
  lines: readonly BudgetLine[],
  drivers: readonly DemandDriver[],
  years: readonly FiscalYear[],
  funding: Funding | undefined,
  classes?: Classifications,
  inflation?: InflationSet,
): { value: Assumption[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const items = fundingItems(funding);
  const out: Assumption[] = [];
  const ids = new Set<string>();
  (written ?? []).forEach((w, i) => {
    const at = (p: Path = []): Location => doc.locator.value(['assumptions', i, ...p]);
    if (ids.has(w.id)) {
      diagnostics.push(error('duplicate-ref', `assumption ${w.id} is defined twice`, at(['id']), 'give each assumption its own id'));
      return;
    }
    ids.add(w.id);
    const targets = [w.select, w.parameter, w.funding].filter((t) => t !== undefined).length;
    const form =
      targets === 1 &&
      (w.select ? w.factor && !w.range : w.funding ? w.factor && !w.range : w.range && !w.factor) &&
      (w.from === undefined || w.funding !== undefined);
    if (!form) {
      diagnostics.push(
        error(
          'assumption-form',
          `assumption ${w.id} needs one of: \`select\` with \`factor\` (lines), \`funding\` with \`factor\` and an optional \`from\` (a funding item), or \`parameter\` with \`range\` (a demand driver parameter)`,
          at(),
          'e.g. select: {nature: SR} with factor: {low: 60%, high: 100%}; funding: ibcf with factor: {low: 0%, high: 100%} and from: 2020/21; parameter: older_people.unit_cost_uplift with range: {low: 0%, high: 3%}',
        ),
      );
      return;
    }
    let fundingTarget: FundingTarget | undefined;
    if (w.funding !== undefined) {
      if (!items.includes(w.funding)) {
        const guess = closest(w.funding, items);
        diagnostics.push(
          error(
            'invalid-value',
            `assumption ${w.id}: ${items.length ? `the scenario has no funding item \`${w.funding}\`` : 'the scenario has no `funding:` section'}`,
            at(['funding']),
            guess
              ? `did you mean \`${guess}\`?`
              : items.length
                ? `the items are: ${items.join(', ')}`
                : 'add a `funding:` section, or range over lines or a driver parameter',
          ),
        );
        return;
      }
      const from = w.from === undefined ? undefined : year(w.from);
      if (from && !years.includes(from)) {
        diagnostics.push(outsidePeriod(from, years, at(['from'])));
        return;
      }
      fundingTarget = { item: w.funding, ...(from ? { from } : {}) };
    }
    let range: FactorRange;
    let parameter: ParameterTarget | undefined;
    const rangeKey = w.factor ? 'factor' : 'range';
    if (w.factor) {
      range = {
        low: rate(w.factor.low),
        ...(w.factor.likely !== undefined ? { likely: rate(w.factor.likely) } : {}),
        high: rate(w.factor.high),
      };
      if (range.low.isNegative()) {
        diagnostics.push(
          error('range-order', `assumption ${w.id}: a factor cannot be negative`, at(['factor', 'low']), 'use 0% for nothing delivered'),
        );
        return;
      }
    } else {
      const path = parseParameterPath(w.parameter ?? '', drivers, years, inflation);
      if (!path.ok) {
        diagnostics.push(error('unknown-driver', `assumption ${w.id}: ${path.message}`, at(['parameter']), path.hint));
        return;
      }
      if (path.year) {
        diagnostics.push(
          error(
            'assumption-form',
            `assumption ${w.id}: a range replaces the parameter in every year, so it names no year`,
            at(['parameter']),
            path.driver.startsWith('index.') ? `write ${path.driver}` : `write ${path.driver}.${path.spec.name}`,
          ),
        );
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
      parameter = {
        driver: path.driver,
        parameter: path.spec.name,
        shownAs: path.spec.kind === 'share' || path.spec.kind === 'change' ? 'percent' : 'number',
      };
    }
    const ordered = range.low.lte(range.likely ?? range.low) && (range.likely ?? range.high).lte(range.high) && range.low.lte(range.high);
    if (!ordered) {
      diagnostics.push(
        error(
          'range-order',
          `assumption ${w.id}: the range must run low ≤ likely ≤ high`,
          at([rangeKey]),
          'e.g. {low: 60%, likely: 90%, high: 100%}',
        ),
      );
      return;
    }
    out.push({
      id: w.id,
      description: w.description,
      ...(w.select ? { select: w.select } : {}),
      ...(parameter ? { parameter } : {}),
      ...(fundingTarget ? { funding: fundingTarget } : {}),
      factor: range,
      source: w.source,
      origin: at(),
      lines: [],
    });
  });
  const assigned = assignLines(out, lines, classes);
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
  return { value: assigned, diagnostics };
}

/** Gives each line to the first line assumption that selects it; returns the assumptions with their lines. */
export function assignLines(assumptions: readonly Assumption[], lines: readonly BudgetLine[], classes?: Classifications): Assumption[] {
  const taken = new Set<string>();
  return assumptions.map((a) => {
    const sel = a.select;
    if (!sel) return a;
    const mine = lines.filter((l) => !taken.has(l.ref) && selects(sel, l, classes)).map((l) => l.ref);
    for (const r of mine) taken.add(r);
    return { ...a, lines: mine };
  });
}

/** The funding items an assumption may scale: `council_tax` (its tax base), `collection_rate`, then each stream by id, then business rates growth. */
export function fundingItems(f: Funding | undefined): string[] {
  if (!f) return [];
  return [
    ...(f.councilTax ? ['council_tax'] : []),
    ...(f.councilTax?.collection ? ['collection_rate'] : []),
    ...(f.councilTax?.collectionFund ? ['collection_fund'] : []),
    ...f.streams.map((s) => s.id),
    ...(f.retainedBusinessRates ? [f.retainedBusinessRates.growth.id] : []),
  ];
}

/** The path of a parameter as written: `older_people.use_rate`, `inflation.pay.rate`, `index.cpi-september`. */
export const parameterPath = (t: { readonly driver: string; readonly parameter: string }): string =>
  t.driver.startsWith('index.') ? t.driver : `${t.driver}.${t.parameter}`;

/** What an assumption ranges over, for tables: its lines, its funding item, or its parameter. */
export const appliesTo = (a: Assumption): string =>
  a.parameter
    ? parameterPath(a.parameter)
    : a.funding
      ? `funding: ${a.funding.item}${a.funding.from ? ` from ${a.funding.from}` : ''}`
      : a.lines.join(', ');

function rate(text: string): Dec {
  const r = parseRateText(text);
  if (!r.ok) throw new Error(`unvalidated rate ${text}`);
  return rateFromText(r.canonical);
}
