// Loading a saving's delivery fields (`rag`, `stage`, `slippage`): written → domain values, with a
// `saving-delivery` error for each misuse (on a growth line, neither or both slippage forms, a
// fraction outside (0, 1], a year outside the period). Part of normalising a line.

import { error, type Diagnostic, type Location } from '../diagnostics/diagnostic.js';
import { failed, ok, type Result } from '../diagnostics/result.js';
import type { FiscalYear } from '../model/fiscal-year.js';
import type { Rag, SavingStage, Slippage } from '../model/saving-delivery.js';
import type { WrittenLine } from '../schema/scenario.js';
import type { Path } from '../source/raw-tree.js';
import { rate, year } from './validated.js';

export interface SavingDelivery {
  readonly rag?: Rag;
  readonly stage?: Exclude<SavingStage, 'identified'>;
  readonly slippage?: Slippage;
}

/** The delivery fields of a line, or the `saving-delivery` errors saying why they cannot be used. */
export function savingDelivery(
  w: WrittenLine,
  lat: (p: Path) => Location,
  lkey: (p: Path) => Location,
  inPeriod: (y: FiscalYear) => boolean,
  outside: (y: FiscalYear, loc: Location) => Diagnostic,
): Result<SavingDelivery> {
  const given = (['rag', 'stage', 'slippage'] as const).filter((k) => w[k] !== undefined);
  if (given.length === 0) return ok({});
  if (w.type !== 'saving' || w.reconciling === true) {
    return failed(
      given.map((k) =>
        error(
          'saving-delivery',
          `${w.type === 'saving' ? 'reconciling line' : 'growth line'} ${w.ref} has \`${k}\`; only savings are delivered`,
          lkey([k]),
          'remove it, or make the line a saving',
        ),
      ),
    );
  }
  const out: { -readonly [K in keyof SavingDelivery]: SavingDelivery[K] } = {};
  if (w.rag) out.rag = w.rag;
  if (w.stage && w.stage !== 'identified') out.stage = w.stage;
  const s = w.slippage;
  if (!s) return ok(out);
  const at = lat(['slippage']);
  const note = s.note ? { note: s.note } : {};
  if ((s.years === undefined) === (s.fraction === undefined) || (s.years !== undefined && s.year !== undefined)) {
    return failed([
      error(
        'saving-delivery',
        `the slippage of ${w.ref} needs either \`years\` or \`fraction\` (with an optional \`year\`)`,
        lkey(['slippage']),
        'write `slippage: {years: 1}` (a whole year late) or `slippage: {fraction: 0.5, year: 2019/20}` (half a year late in 2019/20)',
      ),
    ]);
  }
  if (s.years !== undefined) {
    out.slippage = { kind: 'years', years: Number(s.years), origin: at, ...note };
    return ok(out);
  }
  const fraction = rate(s.fraction as string);
  if (fraction.lte(0) || fraction.gt(1)) {
    return failed([
      error(
        'saving-delivery',
        `the slippage fraction of ${w.ref} is ${fraction.toFixed()}; it is a part of a year, more than 0 and at most 1`,
        lat(['slippage', 'fraction']),
        'e.g. 0.5 or 50% for half a year; use `years` for whole years',
      ),
    ]);
  }
  if (s.year !== undefined) {
    const y = year(s.year);
    if (!inPeriod(y)) return failed([outside(y, lat(['slippage', 'year']))]);
    out.slippage = { kind: 'fraction', fraction, year: y, origin: at, ...note };
    return ok(out);
  }
  out.slippage = { kind: 'fraction', fraction, origin: at, ...note };
  return ok(out);
}
