// A variant's settlement scenario: its `funding:` operations (set or scale funding streams of the
// base: revenue support grant, business rates, section 31, growth above the business rates
// baseline, the collection fund, grants) as a transform of the base's funding. Pure and exact.

import { error, type Diagnostic, type Location } from '../diagnostics/diagnostic.js';
import type { Result } from '../diagnostics/result.js';
import { parseRateText } from '../model/amount-text.js';
import { compareYears, type FiscalYear } from '../model/fiscal-year.js';
import type { Funding, FundingAdjustment, FundingStream } from '../model/funding.js';
import type { StatedLevel } from '../model/levels.js';
import { rateFromText, type Money } from '../model/money.js';
import type { Level } from '../model/scenario.js';
import { fillStream } from '../model/stream-levels.js';
import { closest } from '../schema/diagnose.js';
import type { WrittenVariant } from '../schema/variant.js';
import type { Path, RawDocument } from '../source/raw-tree.js';
import { money, year } from '../load/validated.js';

/** Every stream a settlement scenario may set or scale, by id. */
export function settlementItems(f: Funding | undefined): string[] {
  if (!f) return [];
  const cf = f.councilTax?.collectionFund ?? f.councilTaxRequirement?.collectionFund;
  return [...(cf ? [cf.id] : []), ...(f.retainedBusinessRates ? [f.retainedBusinessRates.growth.id] : []), ...f.streams.map((s) => s.id)];
}

/** `f` with `change` applied to the stream `id` (wherever it sits). */
function mapStream(f: Funding, id: string, change: (s: FundingStream) => FundingStream): Funding {
  const on = (s: FundingStream | undefined): FundingStream | undefined => (s && s.id === id ? change(s) : s);
  const ct = f.councilTax;
  const req = f.councilTaxRequirement;
  const rates = f.retainedBusinessRates;
  const cfCt = on(ct?.collectionFund);
  const cfReq = on(req?.collectionFund);
  return {
    ...f,
    ...(ct ? { councilTax: { ...ct, ...(cfCt ? { collectionFund: cfCt } : {}) } } : {}),
    ...(req ? { councilTaxRequirement: { ...req, ...(cfReq ? { collectionFund: cfReq } : {}) } } : {}),
    ...(rates ? { retainedBusinessRates: { ...rates, growth: on(rates.growth) ?? rates.growth } } : {}),
    streams: f.streams.map((s) => on(s) ?? s),
  };
}

const adjusted = (s: FundingStream, a: FundingAdjustment): FundingStream => ({ ...s, adjustments: [...(s.adjustments ?? []), a] });

/**
 * The base's funding with a variant's `funding:` operations applied: `set` (amounts replaced,
 * with the variant's provenance and source) then `scale` (amounts × factor from a year; the result
 * is an estimate). Diagnostics, located in the variant file: `unknown-ref` (no such stream, or the
 * base has no funding), `year-outside-period`, `level-missing`.
 */
export function applyFundingOps(
  base: Funding | undefined,
  w: WrittenVariant['funding'],
  doc: RawDocument,
  years: readonly FiscalYear[],
  baseFile: string,
): Result<Funding | undefined> {
  if (!w) return { value: base, diagnostics: [] };
  const diagnostics: Diagnostic[] = [];
  const at = (p: Path): Location => doc.locator.value(p);
  const first = years[0] ?? '';
  const last = years[years.length - 1] ?? '';
  const outside = (y: FiscalYear, loc: Location): Diagnostic =>
    error(
      'year-outside-period',
      `${y} is outside the MTFS period of ${baseFile} (${first} to ${last})`,
      loc,
      `use a year from ${first} to ${last}`,
    );
  let funding = base;
  const known = (item: string, loc: Location): boolean => {
    const items = settlementItems(funding);
    if (items.includes(item)) return true;
    const guess = closest(item, items);
    diagnostics.push(
      error(
        'unknown-ref',
        items.length ? `${baseFile} has no funding stream ${item}` : `${baseFile} has no funding streams to change`,
        loc,
        guess
          ? `did you mean \`${guess}\`?`
          : items.length
            ? `funding streams are ${items.join(', ')}`
            : 'a settlement scenario extends a scenario with `funding:`',
      ),
    );
    return false;
  };
  (w.set ?? []).forEach((s, i) => {
    const p: Path = ['funding', 'set', i];
    if (!funding || !known(s.item, at([...p, 'item']))) return;
    const stated: StatedLevel[] = [];
    for (const [text, amount] of Object.entries(s.amounts)) {
      const y = year(text);
      if (!years.includes(y)) diagnostics.push(outside(y, doc.locator.key([...p, 'amounts', text])));
      else stated.push({ year: y, amount: money(amount), origin: at([...p, 'amounts', text]) });
    }
    const filled = fillStream(years, stated, s.unstated, undefined, undefined);
    if (filled.unstated.length > 0) {
      diagnostics.push(
        error(
          'level-missing',
          `set ${s.item} does not state ${filled.unstated.join(', ')} and names no method for unstated years`,
          doc.locator.key([...p, 'amounts']),
          'give every year, or `unstated: hold` or `unstated: linear`',
        ),
      );
      return;
    }
    funding = mapStream(funding, s.item, (stream) => {
      const { from: _from, to: _to, growth: _growth, note: _note, calibratedTo: _calibrated, ...rest } = stream;
      return adjusted(
        {
          ...rest,
          ...(s.label ? { label: s.label } : {}),
          levels: filled.levels,
          provenance: s.provenance,
          source: s.source,
          ...(s.note ? { note: s.note } : {}),
          origin: at(p),
        },
        { kind: 'set', variantFile: doc.file, origin: at(p), reason: s.source },
      );
    });
  });
  (w.scale ?? []).forEach((sc, i) => {
    const p: Path = ['funding', 'scale', i];
    if (!funding || !known(sc.item, at([...p, 'item']))) return;
    const r = parseRateText(sc.factor);
    if (!r.ok) return; // the schema has already reported it
    const factor = rateFromText(r.canonical);
    const from = sc.from ? year(sc.from) : undefined;
    if (from && !years.includes(from)) {
      diagnostics.push(outside(from, at([...p, 'from'])));
      return;
    }
    const applies = (y: FiscalYear): boolean => !from || compareYears(y, from) >= 0;
    funding = mapStream(funding, sc.item, (stream) => {
      const levels = new Map<FiscalYear, Level>(
        [...stream.levels].map(([y, l]) => [y, applies(y) ? { ...l, amount: l.amount.times(factor) as Money } : l]),
      );
      const note = `× ${factor.times(100).toFixed()}%${from ? ` from ${from}` : ''} in this settlement scenario: ${sc.reason}`;
      return adjusted(
        // a scaled year is an illustration (marked † by year); a calibrated base year stays calibrated
        {
          ...stream,
          ...(sc.label ? { label: sc.label } : {}),
          levels,
          provenance: stream.provenance === 'calibrated' ? 'calibrated' : 'estimate',
          note: stream.note ? `${stream.note}; ${note}` : note,
        },
        { kind: 'scale', variantFile: doc.file, origin: at(p), reason: sc.reason, factor, ...(from ? { from } : {}) },
      );
    });
  });
  return diagnostics.length ? { diagnostics } : { value: funding, diagnostics };
}
