// The audit workbook: one sheet per table, totals as Excel formulas over the line cells (so an
// officer can change a line and watch the totals move), cached results equal to the exact
// projection, £000 number formats with brackets, and the assumptions. Text that a spreadsheet would
// run as a formula is neutralised. The zip is rewritten with fixed dates so the bytes are stable.

import { poundsPerUnit } from '../model/units.js';
import { riskAssumptions } from '../reports/risk/engine.js';
import type ExcelJS from 'exceljs';
import type { BandDRounding } from '../model/band-d.js';
import { previousYear, type FiscalYear } from '../model/fiscal-year.js';
import type { CitedAmount, FundingStream, Provenance, RetainedBusinessRates } from '../model/funding.js';
import type { BusinessRatesYear } from '../model/business-rates.js';
import type { FundingComponent } from '../project/funding.js';
import { CALIBRATED_MARK, ESTIMATE_MARK } from './marks.js';
import type { LevelBasis } from '../model/level.js';
import { ZERO, roundTo, toPlain, type Dec, type Rate } from '../model/money.js';
import { statusMark } from '../model/classification.js';
import { isEstimate, natureLabel, writtenNature, type BudgetLine, type Scenario } from '../model/scenario.js';
import { KIND_SIGN } from '../model/line-kind.js';
import { valueIn } from '../model/demand.js';
import { computeInflation } from '../model/inflation.js';
import type { LineSchedule, Projection } from '../project/project.js';
import { classifiedLast, natureOrder, NOT_CLASSIFIED, subtotals } from '../project/subtotals.js';
import { appliesTo } from '../load/assumptions.js';
import { spreadsheetText as neutralise } from './safe-text.js';
import { describeScenario, scheduleName, showsSchedule } from './projection.js';
import { budgetRowMark } from './funding.js';
import { NET_ROW, type LayoutRow } from '../model/layout.js';
import { collectionRateIn } from '../model/funding.js';

type Workbook = ExcelJS.Workbook;
type Worksheet = ExcelJS.Worksheet;

/** Fixed workbook and zip dates: the output never depends on the clock. */
const FIXED_DATE = new Date(Date.UTC(2000, 0, 1, 0, 0, 0));
const HEADER_ROW = 4;

/** Excel stores IEEE doubles: amounts with up to 15 significant digits are held exactly. */
const num = (d: Dec): number => Number(toPlain(d));

const col = (i: number): string => {
  let s = '';
  let n = i;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
};

/** Input cells: a pale yellow fill, dark blue figures, unlocked (so a protected sheet still lets them change). */
const INPUT_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
const INPUT_FONT: Partial<ExcelJS.Font> = { color: { argb: 'FF1F3864' } };
const RATE_FORMAT = '0.00##%';
const POUNDS_FORMAT = '#,##0.00';
const COUNT_FORMAT = '#,##0.##';

/** A figure the formulas use: typed in, styled as an input. */
function inputCell(cell: ExcelJS.Cell, value: Dec, numFmt: string): void {
  cell.value = num(value);
  cell.numFmt = numFmt;
  cell.fill = INPUT_FILL;
  cell.font = INPUT_FONT;
  cell.protection = { locked: false };
}

/** A figure worked out by a formula: its cached result is the exact projection; locked. */
function formulaCell(cell: ExcelJS.Cell, formula: string, result: Dec, numFmt: string): void {
  cell.value = { formula, result: num(result) };
  cell.numFmt = numFmt;
  cell.protection = { locked: true };
}

/** A figure fixed by a rule of the model (nil before a stream starts or after it ends): neither input nor formula. */
function fixedCell(cell: ExcelJS.Cell, value: Dec, numFmt: string, note?: string): void {
  cell.value = num(value);
  cell.numFmt = numFmt;
  cell.protection = { locked: true };
  if (note) cell.note = note;
}

/** Row 3 of every sheet: what an input cell looks like and what a change to one does. */
function legend(ws: Worksheet): void {
  const swatch = ws.getCell('A3');
  swatch.value = 'Input';
  swatch.fill = INPUT_FILL;
  swatch.font = INPUT_FONT;
  ws.getCell('B3').value =
    'Shaded cells are inputs: change one and the formulas that use it recalculate. Other figures are formulas or fixed, and are locked if the sheet is protected.';
  ws.getCell('B3').font = { italic: true };
}

/** The header row and the label columns stay in view when scrolling. */
function freeze(ws: Worksheet, labelColumns: number): void {
  ws.views = [{ state: 'frozen', xSplit: labelColumns, ySplit: HEADER_ROW, topLeftCell: `${col(labelColumns + 1)}${HEADER_ROW + 1}` }];
}

/** Cells hold amounts in the scenario's units and show them so: whole £ or £000, £m to £0.1m. */
function moneyFormat(s: Scenario): string {
  return s.units === '£m' ? '#,##0.0;(#,##0.0);0.0' : '#,##0;(#,##0);0';
}

function titleRows(ws: Worksheet, title: string, s: Scenario): void {
  ws.getCell('A1').value = neutralise(title);
  ws.getCell('A1').font = { bold: true, size: 12 };
  ws.getCell('A2').value = neutralise(`${s.authority}, ${s.department} — ${s.units} (cells hold ${s.units})`);
  legend(ws);
}

function headerRow(ws: Worksheet, labels: readonly string[]): void {
  const row = ws.getRow(HEADER_ROW);
  labels.forEach((l, i) => {
    const c = row.getCell(i + 1);
    c.value = neutralise(l);
    c.font = { bold: true };
    c.border = { bottom: { style: 'thin' } };
  });
}

/**
 * Driver-built levels stay values: their population series, use rates, cohorts and unit-cost uplifts
 * are not laid out in the workbook, so a formula would have nothing to refer to.
 */
const DRIVER_NOTE =
  'Built from demand drivers (users × unit cost, less the year before the period): a value here, not a formula. Change the driver parameters in the scenario and write the workbook again.';

/** Where the inflation sheet holds each driver's level: its row (the columns are the MTFS years from C). */
type InflationLayout = ReadonlyMap<string, number>;

const INFLATION_SHEET = 'Inflation';

/**
 * The inflation sheet: for each driver, its index figures (inputs), the rate (× the pass-through),
 * the inflated base as last year's × (1 + rate), for pay the cost with on-costs and pension, and the
 * level as cost − base-year cost. Every figure the projection computes is a formula over the inputs.
 */
function inflationSheet(wb: Workbook, p: Projection): InflationLayout | undefined {
  const s = p.scenario;
  const items = s.inflation ?? [];
  if (items.length === 0 || p.departments) return undefined;
  const ws = wb.addWorksheet(INFLATION_SHEET);
  titleRows(ws, 'Inflation drivers: base × (1 + rate), year by year', s);
  const base = previousYear(p.years[0] ?? fail());
  headerRow(ws, ['', base, ...p.years, 'Source']);
  const fmt = moneyFormat(s);
  const srcCol = p.years.length + 3;
  const yc = (j: number): string => col(3 + j); // column of MTFS year j
  const out = new Map<string, number>();
  let r = HEADER_ROW + 1;
  for (const item of items) {
    const res = computeInflation(item, p.years);
    const at = (fy: FiscalYear) => res.years.find((x) => x.year === fy) ?? fail();
    const head = ws.getRow(r++);
    head.getCell(1).value = neutralise(`${item.name} (${item.kind}): ${item.description}`);
    head.font = { bold: true };
    let changeRow: number | undefined;
    let rateRow: number;
    if (item.rate.kind === 'index') {
      const series = item.rate.series;
      const source = (fy: FiscalYear): string => series.points.get(fy)?.provenance.source ?? '';
      if (series.form === 'level') {
        const levelRow = r++;
        const lr = ws.getRow(levelRow);
        lr.getCell(1).value = neutralise(`Index ${series.name}${series.unit ? ` (${series.unit})` : ''}`);
        [base, ...p.years].forEach((fy, j) => inputCell(lr.getCell(2 + j), series.points.get(fy)?.value ?? ZERO, POUNDS_FORMAT));
        lr.getCell(srcCol).value = neutralise(source(p.years[0] ?? base));
        changeRow = r++;
        const cr = ws.getRow(changeRow);
        cr.getCell(1).value = neutralise(`${series.name}: annual change (level ÷ last year's − 1, to 6 places)`);
        p.years.forEach((fy, j) => {
          const change = at(fy).indexChange ?? ZERO;
          const before = series.points.get(previousYear(fy))?.value;
          const now = series.points.get(fy)?.value;
          const exact = before && now ? roundLikeFormula(now.dividedBy(before).minus(1), 6, 'half-away-from-zero') : undefined;
          if (exact?.equals(change))
            formulaCell(
              cr.getCell(3 + j),
              roundFormula(`${yc(j)}${levelRow}/${col(2 + j)}${levelRow}-1`, 6, 'half-away-from-zero'),
              change,
              RATE_FORMAT,
            );
          else
            fixedCell(cr.getCell(3 + j), change, RATE_FORMAT, 'A value: the rounding of the formula would not give this figure exactly.');
        });
      } else {
        changeRow = r++;
        const cr = ws.getRow(changeRow);
        cr.getCell(1).value = neutralise(`Index ${series.name}: annual change`);
        p.years.forEach((fy, j) => inputCell(cr.getCell(3 + j), at(fy).indexChange ?? ZERO, RATE_FORMAT));
        cr.getCell(srcCol).value = neutralise(source(p.years[0] ?? base));
      }
      let passCell: string | undefined;
      if (item.passThrough) {
        const pr = ws.getRow(r);
        pr.getCell(1).value = 'Pass-through (share of the change)';
        inputCell(pr.getCell(2), item.passThrough.value, RATE_FORMAT);
        pr.getCell(srcCol).value = neutralise(item.passThrough.provenance.source);
        passCell = `$B$${r}`;
        r++;
      }
      rateRow = r++;
      const rr = ws.getRow(rateRow);
      rr.getCell(1).value = 'Rate applied';
      p.years.forEach((fy, j) =>
        formulaCell(rr.getCell(3 + j), `${yc(j)}${changeRow}${passCell ? `*${passCell}` : ''}`, at(fy).rate ?? ZERO, RATE_FORMAT),
      );
    } else {
      rateRow = r++;
      const rr = ws.getRow(rateRow);
      rr.getCell(1).value = 'Rate (given)';
      p.years.forEach((fy, j) => inputCell(rr.getCell(3 + j), at(fy).rate ?? ZERO, RATE_FORMAT));
      rr.getCell(srcCol).value = neutralise(item.rate.rate.provenance.source);
    }
    const inflatedRow = r++;
    const ir = ws.getRow(inflatedRow);
    ir.getCell(1).value = item.kind === 'pay' ? 'Pay bill inflated' : item.kind === 'income' ? 'Income inflated' : 'Spend inflated';
    inputCell(ir.getCell(2), item.base.amount, fmt);
    ir.getCell(srcCol).value = neutralise(item.base.provenance.source);
    p.years.forEach((fy, j) => formulaCell(ir.getCell(3 + j), `${col(2 + j)}${inflatedRow}*(1+${yc(j)}${rateRow})`, at(fy).inflated, fmt));
    let costRow = inflatedRow;
    if (item.onCosts || item.pension) {
      const rateInputs = (label: string, param: NonNullable<typeof item.onCosts> | undefined): number => {
        const row = r++;
        const rw = ws.getRow(row);
        rw.getCell(1).value = label;
        [base, ...p.years].forEach((fy, j) => inputCell(rw.getCell(2 + j), param ? valueIn(param.value, fy) : ZERO, RATE_FORMAT));
        if (param) rw.getCell(srcCol).value = neutralise(param.provenance.source);
        return row;
      };
      const onRow = rateInputs('On-costs (share of pay)', item.onCosts);
      const penRow = rateInputs('Employer pension contribution (share of pay)', item.pension);
      costRow = r++;
      const cr = ws.getRow(costRow);
      cr.getCell(1).value = 'Cost (pay × (1 + on-costs + pension))';
      [base, ...p.years].forEach((fy, j) => {
        const k = col(2 + j);
        formulaCell(cr.getCell(2 + j), `${k}${inflatedRow}*(1+${k}${onRow}+${k}${penRow})`, at(fy).cost, fmt);
      });
    }
    const levelRow = r++;
    const lv = ws.getRow(levelRow);
    lv.getCell(1).value = item.kind === 'income' ? 'Line level (−(income − base-year income))' : 'Line level (cost − base-year cost)';
    lv.font = { bold: true };
    p.years.forEach((fy, j) => {
      const diff = `${yc(j)}${costRow}-$B$${costRow}`;
      formulaCell(lv.getCell(3 + j), item.kind === 'income' ? `-(${diff})` : diff, at(fy).level, fmt);
    });
    out.set(item.name, levelRow);
    r++;
  }
  ws.getColumn(1).width = 50;
  ws.getColumn(srcCol).width = 60;
  freeze(ws, 1);
  return out;
}

function fail(): never {
  throw new Error('an inflation sheet needs the years of the projection');
}

interface ScheduleLayout {
  readonly totalRow: number;
  readonly changeRow: number;
  readonly firstYearCol: number;
}

/** A line sheet: text columns, one column per year of levels, then total and change formulas. */
function scheduleSheet(
  wb: Workbook,
  name: string,
  p: Projection,
  schedules: readonly LineSchedule[],
  savings: boolean,
  grossNetRows?: ReadonlyMap<string, number>,
  inflation?: InflationLayout,
): ScheduleLayout {
  const s = p.scenario;
  const ws = wb.addWorksheet(name);
  titleRows(ws, `${scheduleName(p, savings ? 'saving' : 'growth', true)}: level of each line`, s);
  const text = savings ? ['Ref', 'Description', 'Nature', 'Category', 'Service area'] : ['Ref', 'Description', 'Service area', 'Status'];
  const firstYearCol = text.length + 1;
  headerRow(ws, [...text, ...p.years, 'Source']);
  const fmt = moneyFormat(s);
  const first = HEADER_ROW + 1;
  schedules.forEach((sch, i) => {
    const r = ws.getRow(first + i);
    const l = sch.line;
    const cells = savings
      ? [
          `${statusMark(s.classifications, l.status)}${l.ref}`,
          l.description,
          l.nature.length ? writtenNature(l) : NOT_CLASSIFIED,
          l.category ?? NOT_CLASSIFIED,
          l.serviceArea,
        ]
      : [l.ref, l.description, l.serviceArea, l.reconciling ? 'reconciling' : (l.status ?? '')];
    cells.forEach((v, j) => (r.getCell(j + 1).value = neutralise(v)));
    const split = grossNetRows?.get(l.ref);
    const inflationRow = l.inflation === undefined ? undefined : inflation?.get(l.inflation);
    p.years.forEach((y, j) => {
      const c = r.getCell(firstYearCol + j);
      if (split !== undefined && !l.slippage) {
        // a line that states gross and income: its level is its net effect on that sheet, with its kind's sign
        const sign = KIND_SIGN[l.type] < 0 ? '-' : '';
        formulaCell(c, `${sign}'${GROSS_SHEET}'!${col(GROSS_FIRST_YEAR_COL + j)}${split}`, sch.levels.get(y) ?? ZERO, fmt);
        return;
      }
      if (inflationRow !== undefined) {
        const factors = (l.factors ?? []).map((f) => `*${toPlain(f)}`).join('');
        formulaCell(c, `${INFLATION_SHEET}!${col(3 + j)}${inflationRow}${factors}`, sch.levels.get(y) ?? ZERO, fmt);
        return;
      }
      inputCell(c, sch.levels.get(y) ?? ZERO, fmt);
      const basis = l.levels.get(y)?.basis ?? 'stated';
      if (isEstimate(basis)) c.note = 'Estimate: the source does not state this year.';
      if (basis === 'driver') c.note = DRIVER_NOTE;
    });
    r.getCell(firstYearCol + p.years.length).value = neutralise(l.source);
  });
  const last = first + schedules.length - 1;
  const totalRow = last + 1;
  const changeRow = last + 2;
  const tr = ws.getRow(totalRow);
  const cr = ws.getRow(changeRow);
  tr.getCell(2).value = savings ? 'Total savings (level)' : 'Total growth (level)';
  cr.getCell(2).value = 'Change on previous year';
  tr.font = { bold: true };
  const totals = p.years.map((y) => schedules.reduce((a, sch) => a.plus(sch.levels.get(y) ?? ZERO), ZERO as Dec));
  p.years.forEach((_, j) => {
    const c = col(firstYearCol + j);
    formulaCell(tr.getCell(firstYearCol + j), schedules.length ? `SUM(${c}${first}:${c}${last})` : '0', totals[j] ?? ZERO, fmt);
    const prev = j === 0 ? undefined : col(firstYearCol + j - 1);
    formulaCell(
      cr.getCell(firstYearCol + j),
      prev ? `${c}${totalRow}-${prev}${totalRow}` : `${c}${totalRow}`,
      j === 0 ? (totals[0] ?? ZERO) : (totals[j] ?? ZERO).minus(totals[j - 1] ?? ZERO),
      fmt,
    );
  });
  if (savings) {
    // subtotals by nature and category: SUMIF over the classification column
    let r = changeRow + 2;
    // a group of a mix (Eff/SR) also holds lines that write it the other way round (SR/Eff): the
    // formula adds a SUMIF for each way its lines' cells show it
    const natureKey = (l: BudgetLine): string => (l.nature.length ? natureLabel(l.nature) : NOT_CLASSIFIED);
    const natureCell = (l: BudgetLine): string => (l.nature.length ? writtenNature(l) : NOT_CLASSIFIED);
    const categoryKey = (l: BudgetLine): string => l.category ?? NOT_CLASSIFIED;
    const groups = [
      { colIdx: 3, label: 'Nature', key: natureKey, cell: natureCell, groups: subtotals(schedules, p.years, natureKey, natureOrder) },
      {
        colIdx: 4,
        label: 'Category',
        key: categoryKey,
        cell: categoryKey,
        groups: subtotals(schedules, p.years, categoryKey, classifiedLast),
      },
    ];
    for (const g of groups) {
      for (const sub of g.groups) {
        const row = ws.getRow(r++);
        row.getCell(2).value = neutralise(`${g.label}: ${sub.key}`);
        const shown = [...new Set(schedules.filter((sch) => g.key(sch.line) === sub.key).map((sch) => g.cell(sch.line)))];
        p.years.forEach((y, j) => {
          const c = col(firstYearCol + j);
          const k = col(g.colIdx);
          formulaCell(
            row.getCell(firstYearCol + j),
            shown.map((text) => `SUMIF($${k}$${first}:$${k}$${last},"${text.replace(/"/g, '""')}",${c}${first}:${c}${last})`).join('+'),
            sub.levels.get(y) ?? ZERO,
            fmt,
          );
        });
      }
      r++;
    }
  }
  ws.getColumn(2).width = 60;
  ws.getColumn(1).width = 12;
  freeze(ws, 2);
  return { totalRow, changeRow, firstYearCol };
}

interface FundingLayout {
  readonly totalRow: number;
  /** The row of each funding component, by its id. */
  readonly componentRow: ReadonlyMap<string, number>;
}

/**
 * Decimal places an Excel product is first rounded to before a rounding rule applies: Excel holds
 * doubles, so 1,172.38 × 1.0399 may come out a hair below its exact value; rounding to this many
 * places first restores the exact decimal, which every figure written here has.
 */
const GUARD_DP = 9;

/** `expr` rounded to `dp` places by `mode`, as an Excel formula, after the guard rounding. */
function roundFormula(expr: string, dp: number, mode: 'half-away-from-zero' | 'half-even' | 'truncate'): string {
  const guarded = `ROUND(${expr},${GUARD_DP})`;
  switch (mode) {
    case 'half-away-from-zero':
      return `ROUND(${guarded},${dp})`;
    case 'truncate':
      return `ROUNDDOWN(${guarded},${dp})`;
    case 'half-even': {
      // an exact half goes to the even neighbour: 2 × ROUND(x / 2) at one more scale does that
      const scale = 10 ** dp;
      return `IF(MOD(${guarded}*${scale},1)=0.5,2*ROUND(${guarded}*${scale / 2},0)/${scale},ROUND(${guarded},${dp}))`;
    }
  }
}

/** The same rounding on exact decimals: what the formula gives, to compare with the projection. */
function roundLikeFormula(x: Dec, dp: number, mode: 'half-away-from-zero' | 'half-even' | 'truncate'): Dec {
  return roundTo(roundTo(x, GUARD_DP, 'half-away-from-zero'), dp, mode);
}

const BAND_D_MODE: Record<BandDRounding, 'half-away-from-zero' | 'half-even' | 'truncate'> = {
  // Band D is positive, so rounding a half up is rounding it away from zero (Excel's ROUND)
  'penny-half-up': 'half-away-from-zero',
  'penny-half-even': 'half-even',
  'penny-truncate': 'truncate',
};

const BAND_D_RULE_TEXT: Record<BandDRounding, string> = {
  'penny-half-up': 'rounded to the penny, a half up',
  'penny-half-even': 'rounded to the penny, a half to the even penny',
  'penny-truncate': 'truncated to the penny',
};

/**
 * One row of amounts that fill their unstated years by a rule (a funding stream or the tax base):
 * stated years are inputs; a year held from the one before is a formula on it; a grown year is the
 * year before × (1 + the rate row), rounded to whole units. A year whose projected figure the
 * formula would not give exactly (a straight line, a scaled what-if) stays a value with a note.
 */
function filledRow(
  cells: (j: number) => ExcelJS.Cell,
  years: readonly FiscalYear[],
  amount: (y: FiscalYear) => Dec,
  basis: (y: FiscalYear) => LevelBasis,
  numFmt: string,
  row: number,
  rateRow: number | undefined,
  growth: Rate | undefined,
): void {
  years.forEach((y, j) => {
    const cell = cells(j);
    const b = basis(y);
    const value = amount(y);
    const prevYear = years[j - 1];
    const prev = j === 0 ? undefined : `${col(1 + j)}${row}`;
    const before = prevYear === undefined ? undefined : amount(prevYear);
    if (b === 'stated') inputCell(cell, value, numFmt);
    else if ((b === 'ongoing' || b === 'hold') && prev && before?.equals(value)) formulaCell(cell, prev, value, numFmt);
    else if (b === 'growth' && prev && before && rateRow !== undefined && growth) {
      const k = col(2 + j);
      const exact = roundLikeFormula(before.times(growth.plus(1)), 0, 'half-away-from-zero');
      if (exact.equals(value)) formulaCell(cell, roundFormula(`${prev}*(1+${k}${rateRow})`, 0, 'half-away-from-zero'), value, numFmt);
      else fixedCell(cell, value, numFmt, 'A value: the growth rate does not give this figure (it has been changed after growing).');
    } else if (b === 'not-started' || b === 'ended') fixedCell(cell, value, numFmt);
    else fixedCell(cell, value, numFmt, `A value (${b}): change it here; it is not worked out by a formula.`);
  });
}

/**
 * The funding components by year with their inputs: Band D's increases and the year before the
 * period, Band D by the council's rounding rule, the tax base and its growth, each stream's stated
 * amounts and growth; council tax as tax base × Band D; total funding as a sum.
 */
function fundingSheet(wb: Workbook, p: Projection): FundingLayout | undefined {
  const f = p.funding;
  if (!f) return undefined;
  const s = p.scenario;
  const ws = wb.addWorksheet('Funding');
  titleRows(ws, 'Funding: components, council tax and Band D', s);
  headerRow(ws, ['', ...p.years, 'Provenance']);
  const fmt = moneyFormat(s);
  let r = HEADER_ROW + 1;
  const componentRow = new Map<string, number>();
  const label = (text: string, provenance = ''): number => {
    const row = ws.getRow(r);
    row.getCell(1).value = neutralise(text);
    row.getCell(2 + p.years.length).value = neutralise(provenance);
    return r++;
  };
  const at = (row: number, j: number): ExcelJS.Cell => ws.getCell(row, 2 + j);
  /** A row of growth rates, in the years a rate grows: returns its row, or undefined when no year grows. */
  const rateRow = (text: string, growth: Rate | undefined, basis: (y: FiscalYear) => LevelBasis): number | undefined => {
    if (!growth || !p.years.some((y) => basis(y) === 'growth')) return undefined;
    const n = label(text);
    p.years.forEach((y, j) => basis(y) === 'growth' && inputCell(at(n, j), growth, RATE_FORMAT));
    return n;
  };
  const scale = s.units === '£' ? '' : `/${poundsPerUnit(s.units)}`;
  let asc: AscPreceptInputs | undefined;
  for (const c of f.components) {
    const ctIn = f.funding.councilTax;
    if (c.id === 'council_tax' && f.councilTax && ctIn) {
      const ct = f.councilTax;
      const year = (y: FiscalYear) => {
        const v = ct.get(y);
        if (!v) throw new Error(`no council tax for ${y}`);
        return v;
      };
      const bandD = ctIn.bandD;
      const first = p.years[0];
      const base = bandD.base && first && bandD.base.year === previousYear(first) ? bandD.base : undefined;
      const baseRow = base ? label(`Band D ${base.year} (£), the year before the period`, bandD.provenance) : undefined;
      if (base && baseRow !== undefined) inputCell(at(baseRow, 0), base.amount, POUNDS_FORMAT);
      const increases = p.years.some((y) => year(y).bandD.increase);
      const coreRow = increases ? label('Band D increase: core', bandD.provenance) : undefined;
      const ascRow = increases ? label('Band D increase: adult social care precept', bandD.provenance) : undefined;
      const exactRow = increases ? label('Band D before rounding (£): last year × (1 + core + precept)') : undefined;
      const bandDRow = label(`Band D (£), ${BAND_D_RULE_TEXT[bandD.rounding]}`, bandD.provenance);
      const mode = BAND_D_MODE[bandD.rounding];
      p.years.forEach((y, j) => {
        const v = year(y).bandD;
        const prev = j === 0 ? (baseRow !== undefined ? `$B$${baseRow}` : undefined) : `${col(1 + j)}${bandDRow}`;
        const k = col(2 + j);
        const inc = v.increase;
        if (inc && coreRow !== undefined && ascRow !== undefined) {
          inputCell(at(coreRow, j), inc.core, RATE_FORMAT);
          inputCell(at(ascRow, j), inc.ascPrecept, RATE_FORMAT);
        }
        const derivable = inc && prev && v.derived && exactRow !== undefined;
        if (derivable) formulaCell(at(exactRow, j), `${prev}*(1+${k}${coreRow}+${k}${ascRow})`, v.derived.exact, POUNDS_FORMAT);
        const cell = at(bandDRow, j);
        if (v.basis === 'given') {
          inputCell(cell, v.used, POUNDS_FORMAT);
          if (derivable) cell.note = 'Band D as published: the increases above are compared with it, not used.';
        } else if (derivable && roundLikeFormula(v.derived.exact, 2, mode).equals(v.used))
          formulaCell(cell, roundFormula(`${k}${exactRow}`, 2, mode), v.used, POUNDS_FORMAT);
        else fixedCell(cell, v.used, POUNDS_FORMAT, 'A value: no formula gives this Band D exactly.');
      });
      const taxBase = ctIn.taxBase;
      const basis = (y: FiscalYear): LevelBasis => year(y).taxBaseBasis;
      const growthRow = rateRow('Tax base growth a year', taxBase.growth, basis);
      const dwellingsRow = taxBase.dwellings ? label('Tax base growth: Band D equivalents added a year', taxBase.provenance) : undefined;
      const taxBaseRow = label('Tax base (Band D equivalents)', taxBase.provenance);
      filledRow(
        (j) => at(taxBaseRow, j),
        p.years,
        (y) => year(y).taxBase,
        basis,
        COUNT_FORMAT,
        taxBaseRow,
        growthRow,
        taxBase.growth,
      );
      if (dwellingsRow !== undefined && taxBase.dwellings) dwellingsFormulas(ws, p, year, taxBase.dwellings, dwellingsRow, taxBaseRow);
      const collection = ctIn.collection;
      const collectionRow = collection
        ? label(
            collection.basis === 'applied'
              ? 'Collection rate (applied to the yield)'
              : 'Collection rate (allowed for in the tax base; not applied)',
            collection.provenance,
          )
        : undefined;
      if (collection && collectionRow !== undefined)
        p.years.forEach((y, j) => inputCell(at(collectionRow, j), collectionRateIn(collection, y), RATE_FORMAT));
      const applied = collection?.basis === 'applied' && collectionRow !== undefined;
      const n = label(`${c.label}${provenanceMark(c.provenance)}`, c.provenance);
      p.years.forEach((y, j) =>
        formulaCell(
          at(n, j),
          `${col(2 + j)}${taxBaseRow}*${col(2 + j)}${bandDRow}${applied ? `*${col(2 + j)}${collectionRow}` : ''}${scale}`,
          c.values.get(y) ?? ZERO,
          fmt,
        ),
      );
      componentRow.set(c.id, n);
      asc = { baseRow, ascRow, bandDRow, taxBaseRow, ...(applied ? { collectionRow } : {}) };
      continue;
    }
    if (c.id === 'retained_business_rates' && f.businessRates && f.funding.retainedBusinessRates) {
      componentRow.set(c.id, businessRatesRowsXlsx(f.funding.retainedBusinessRates, f.businessRates, p.years, c, label, at, fmt));
      continue;
    }
    const stream: FundingStream | undefined = c.stream;
    // a planned draw on reserves can be typed into any year, including one with none planned
    const basis = (y: FiscalYear): LevelBasis => (c.id === 'reserves_use' ? 'stated' : (c.bases.get(y) ?? 'stated'));
    const growthRow = rateRow(`${c.label}: growth a year`, stream?.growth, basis);
    const n = label(`${c.label}${provenanceMark(c.provenance)}`, c.provenance);
    filledRow(
      (j) => at(n, j),
      p.years,
      (y) => c.values.get(y) ?? ZERO,
      basis,
      fmt,
      n,
      growthRow,
      stream?.growth,
    );
    componentRow.set(c.id, n);
  }
  const rows = [...componentRow.values()];
  const before = f.beforeCouncilTax;
  if (before) {
    // funding other than council tax, as the scenario labels it: every component but council tax
    const others = [...componentRow].filter(([id]) => id !== 'council_tax').map(([, n]) => n);
    const n = label(`${f.funding.beforeCouncilTax?.label ?? ''} (funding other than council tax)`);
    p.years.forEach((y, j) =>
      formulaCell(at(n, j), others.length ? others.map((k) => `${col(2 + j)}${k}`).join('+') : '0', before.get(y) ?? ZERO, fmt),
    );
  }
  const written = f.components.map((c) => provenanceMark(c.provenance)).join('');
  const totalMarks = [CALIBRATED_MARK, ESTIMATE_MARK].filter((m) => written.includes(m));
  const totalRow = label(`Total funding${totalMarks.length ? ` ${totalMarks.join('')}` : ''}`);
  p.years.forEach((y, j) =>
    formulaCell(at(totalRow, j), rows.length ? rows.map((n) => `${col(2 + j)}${n}`).join('+') : '0', f.total.get(y) ?? ZERO, fmt),
  );
  ws.getRow(totalRow).font = { bold: true };
  // ring-fenced and conditional grants: shown apart, matched to the spend they fund, not in the total
  for (const c of f.conditional) {
    const n = label(
      `${c.label}${provenanceMark(c.provenance)} (conditional: funds ${c.stream?.conditional?.funds ?? ''}; not in total funding)`,
      c.provenance,
    );
    filledRow(
      (j) => at(n, j),
      p.years,
      (y) => c.values.get(y) ?? ZERO,
      (y) => c.bases.get(y) ?? 'stated',
      fmt,
      n,
      undefined,
      undefined,
    );
  }
  const bill = f.bill;
  if (bill) {
    // the council tax bill: the council's own share (a formula on its Band D or council tax row where
    // the sheet has one), each other preceptor's as an input, and their sum; not funding
    const bandD = bill.bill.basis === 'band_d';
    const billFmt = bandD ? POUNDS_FORMAT : fmt;
    const head = bandD ? 'Council tax bill, Band D (£; not funding)' : 'Council tax bill (not funding)';
    const ownFrom = bandD ? asc?.bandDRow : componentRow.get('council_tax');
    const own = label(`${head}: ${s.authority}`, bill.ownProvenance);
    p.years.forEach((y, j) => {
      const v = bill.own.get(y) ?? ZERO;
      if (ownFrom !== undefined) formulaCell(at(own, j), `${col(2 + j)}${ownFrom}`, v, billFmt);
      else fixedCell(at(own, j), v, billFmt, 'A value: Band D = requirement ÷ tax base, rounded by the council’s rule.');
    });
    const parts = [own];
    for (const pr of bill.bill.preceptors) {
      const n = label(`${head}: ${pr.name}${provenanceMark(pr.provenance)}`, pr.provenance);
      p.years.forEach((y, j) => inputCell(at(n, j), pr.values.get(y)?.amount ?? ZERO, billFmt));
      parts.push(n);
    }
    const total = label(`${head}: ${bill.bill.label ?? 'Total'} (derived: the sum of the above)`, 'derived');
    p.years.forEach((y, j) =>
      formulaCell(at(total, j), parts.map((n) => `${col(2 + j)}${n}`).join('+'), bill.total.get(y) ?? ZERO, billFmt),
    );
    ws.getRow(total).font = { bold: true };
  }
  if (totalMarks.includes(CALIBRATED_MARK))
    label(`${CALIBRATED_MARK} calibrated to a published total: true by construction, not evidence.`);
  if (asc) ascPreceptRows(ws, p, asc, label, scale);
  if (totalMarks.includes(ESTIMATE_MARK)) label(`${ESTIMATE_MARK} an estimate: see its source and note.`);
  ws.getColumn(1).width = 50;
  freeze(ws, 1);
  return { totalRow, componentRow };
}

/** The Funding sheet rows the ASC precept raised is worked out from. */
interface AscPreceptInputs {
  readonly baseRow: number | undefined;
  readonly ascRow: number | undefined;
  readonly bandDRow: number;
  readonly taxBaseRow: number;
  readonly collectionRow?: number;
}

/** The row of a budget-table row on the Budget sheet (the sheet lists p.rows in order under the header). */
const budgetRowOf = (p: Projection, id: string): number => HEADER_ROW + 1 + p.rows.findIndex((r) => (r.id as string) === id);

/** Tax base years grown by new dwellings: the year before + the dwellings input of the year. */
function dwellingsFormulas(
  ws: Worksheet,
  p: Projection,
  year: (y: FiscalYear) => { readonly taxBase: Dec; readonly taxBaseBasis: LevelBasis },
  dwellings: Dec,
  dwellingsRow: number,
  taxBaseRow: number,
): void {
  p.years.forEach((y, j) => {
    if (j === 0 || year(y).taxBaseBasis !== 'growth') return;
    inputCell(ws.getCell(dwellingsRow, 2 + j), dwellings, COUNT_FORMAT);
    formulaCell(ws.getCell(taxBaseRow, 2 + j), `${col(1 + j)}${taxBaseRow}+${col(2 + j)}${dwellingsRow}`, year(y).taxBase, COUNT_FORMAT);
  });
}

/**
 * The ASC precept raised to date, as formulas: its share of Band D (the share before the period,
 * then + each year's precept × the Band D before it) × the tax base (× the collection rate where
 * applied), beside the net budget of the department it must fund (from the Budget sheet).
 */
function ascPreceptRows(
  ws: Worksheet,
  p: Projection,
  inputs: AscPreceptInputs,
  label: (text: string, provenance?: string) => number,
  scale: string,
): void {
  const ct = p.funding?.councilTax;
  const written = p.funding?.funding.councilTax;
  const { ascRow, baseRow, bandDRow, taxBaseRow, collectionRow } = inputs;
  if (!ct || !written || ascRow === undefined || baseRow === undefined || !p.years.some((y) => ct.get(y)?.ascPreceptRaised)) return;
  const earlier = [...(written.bandD.earlierAscPrecept?.years.values() ?? [])].reduce<Dec>(
    (acc, e) => acc.plus(e.rate.times(e.bandDBefore)),
    ZERO,
  );
  const beforeRow = label(
    'ASC precept: share of Band D before the period (£), earlier precepts × the Band D before each',
    written.bandD.earlierAscPrecept?.provenance ?? '',
  );
  inputCell(ws.getCell(beforeRow, 2), earlier, POUNDS_FORMAT);
  const shareRow = label('ASC precept: share of Band D so far (£)');
  const raisedRow = label('ASC precept raised in the year (precepts to date)', 'derived');
  let chain = true;
  p.years.forEach((y, j) => {
    const v = ct.get(y);
    chain = chain && v?.ascPreceptPerBandD !== undefined && v.ascPreceptRaised !== undefined;
    if (!chain || !v?.ascPreceptPerBandD || !v.ascPreceptRaised) return;
    const k = col(2 + j);
    const prevShare = j === 0 ? `$B$${beforeRow}` : `${col(1 + j)}${shareRow}`;
    const prevBandD = j === 0 ? `$B$${baseRow}` : `${col(1 + j)}${bandDRow}`;
    formulaCell(ws.getCell(shareRow, 2 + j), `${prevShare}+${k}${ascRow}*${prevBandD}`, v.ascPreceptPerBandD, POUNDS_FORMAT);
    formulaCell(
      ws.getCell(raisedRow, 2 + j),
      `${k}${shareRow}*${k}${taxBaseRow}${collectionRow !== undefined ? `*${k}${collectionRow}` : ''}${scale}`,
      v.ascPreceptRaised,
      moneyFormat(p.scenario),
    );
  });
  const dept = written.ascDepartment && p.departments?.find((d) => d.department.name === written.ascDepartment?.name);
  if (!dept) return;
  const spendRow = label(`${dept.department.name} net budget (the ASC spend the precept funds)`);
  const budgetRow = budgetRowOf(p, dept.id);
  p.years.forEach((y, j) =>
    formulaCell(ws.getCell(spendRow, 2 + j), `Budget!${col(2 + j)}${budgetRow}`, dept.values.get(y) ?? ZERO, moneyFormat(p.scenario)),
  );
}

/** The Reserves sheet rows the Budget sheet refers to. */
interface ReservesLayout {
  /** Rows of one-off spend funded from the general fund (the Budget sheet's one-off row sums them). */
  readonly generalOneOffRows: readonly number[];
}

/**
 * The reserves roll-forward as formulas: the general fund (from the Budget sheet) with its one-off
 * spend, minimum balance and headroom; each earmarked reserve: brought forward (the opening balance,
 * then last year's carried forward) + contributions − uses − one-off spend = carried forward; total
 * reserves. Only where the scenario has earmarked reserves, one-off spend or a minimum balance.
 */
function reservesSheet(wb: Workbook, p: Projection): ReservesLayout | undefined {
  const r = p.funding?.reserves;
  const w = p.funding?.funding.reserves;
  if (!r || !w || r.movementsOnly || (!r.earmarked && !r.oneOff && !r.minimum)) return undefined;
  const s = p.scenario;
  const ws = wb.addWorksheet('Reserves');
  titleRows(ws, 'Reserves: the general fund and earmarked reserves', s);
  headerRow(ws, ['', ...p.years, 'Provenance']);
  const fmt = moneyFormat(s);
  let n = HEADER_ROW + 1;
  const label = (text: string, provenance = '', bold = false): number => {
    const row = ws.getRow(n);
    row.getCell(1).value = neutralise(text);
    row.getCell(2 + p.years.length).value = neutralise(provenance);
    if (bold) row.font = { bold: true };
    return n++;
  };
  const at = (row: number, j: number): ExcelJS.Cell => ws.getCell(row, 2 + j);
  const budget = (id: string, j: number): string => `Budget!${col(2 + j)}${budgetRowOf(p, id)}`;
  const byYear = <T>(m: ReadonlyMap<FiscalYear, T> | undefined, y: FiscalYear): T => {
    const v = m?.get(y);
    if (v === undefined) throw new Error(`no reserves figure for ${y}`);
    return v;
  };
  const inputs = (row: number, amounts: ReadonlyMap<FiscalYear, { readonly amount: Dec }>): void =>
    p.years.forEach((y, j) => inputCell(at(row, j), amounts.get(y)?.amount ?? ZERO, fmt));

  label('General fund', '', true);
  const cfRow = label('Carried forward (Budget sheet)');
  p.years.forEach((y, j) => formulaCell(at(cfRow, j), budget('reserves_cf', j), byYear(r.carriedForward, y), fmt));
  const generalOneOffRows = (w.oneOff ?? [])
    .filter((o) => o.reserve === 'general_fund')
    .map((o) => {
      const row = label(`One-off: ${o.label} (funded from the general fund)`, o.provenance);
      inputs(row, o.amounts);
      return row;
    });
  const afterRow = label("If each year's gap were met from it (Budget sheet)");
  p.years.forEach((y, j) => formulaCell(at(afterRow, j), budget('reserves_after_gap', j), byYear(r.afterGap, y), fmt));
  const min = w.minimum;
  if (min && r.minimum && r.headroom) {
    let minRow: number;
    if (min.kind === 'percent') {
      const rateRow = label('Minimum balance: share of the net budget', min.provenance);
      inputCell(at(rateRow, 0), min.rate, RATE_FORMAT);
      minRow = label('Minimum balance');
      p.years.forEach((y, j) => formulaCell(at(minRow, j), `${budget('net_budget', j)}*$B$${rateRow}`, byYear(r.minimum, y), fmt));
    } else if (min.kind === 'risk-assessed') {
      const riskRows = min.risks.map((k) => {
        const row = label(`Risk: ${k.risk}`, min.provenance);
        inputCell(at(row, 0), k.amount, fmt);
        return row;
      });
      minRow = label('Minimum balance (risk-assessed: the sum of the risks)');
      p.years.forEach((y, j) =>
        formulaCell(at(minRow, j), `SUM($B$${riskRows[0] ?? n}:$B$${riskRows[riskRows.length - 1] ?? n})`, byYear(r.minimum, y), fmt),
      );
    } else {
      minRow = label('Minimum balance', min.provenance);
      p.years.forEach((y, j) =>
        j === 0
          ? inputCell(at(minRow, j), min.amount, fmt)
          : formulaCell(at(minRow, j), `${col(1 + j)}${minRow}`, byYear(r.minimum, y), fmt),
      );
    }
    const headroomRow = label('Headroom over the minimum (below it if negative)');
    p.years.forEach((y, j) =>
      formulaCell(at(headroomRow, j), `${col(2 + j)}${afterRow}-${col(2 + j)}${minRow}`, byYear(r.headroom, y), fmt),
    );
  }
  const cfRows = [cfRow];
  for (const e of r.earmarked ?? []) {
    label(e.reserve.label, '', true);
    const bfRow = label('Brought forward', e.reserve.opening.provenance);
    const inRow = label('Contributions', e.reserve.contributions.cited?.provenance ?? '');
    inputs(inRow, e.reserve.contributions.amounts);
    const useRow = label('Uses', e.reserve.uses.cited?.provenance ?? '');
    inputs(useRow, e.reserve.uses.amounts);
    const oneOffRows = e.oneOff.map((o) => {
      const row = label(`One-off: ${o.label}`, o.provenance);
      inputs(row, o.amounts);
      return row;
    });
    const eCf = label('Carried forward');
    ws.getRow(eCf).font = { bold: true };
    p.years.forEach((y, j) => {
      const k = col(2 + j);
      const v = byYear(e.years, y);
      if (j === 0) inputCell(at(bfRow, j), e.reserve.opening.amount, fmt);
      else formulaCell(at(bfRow, j), `${col(1 + j)}${eCf}`, v.broughtForward, fmt);
      const draws = [useRow, ...oneOffRows].map((row) => `-${k}${row}`).join('');
      formulaCell(at(eCf, j), `${k}${bfRow}+${k}${inRow}${draws}`, v.carriedForward, fmt);
    });
    cfRows.push(eCf);
  }
  if (r.totalCarriedForward) {
    const totalRow = label('Total reserves carried forward (general fund and earmarked)', '', true);
    p.years.forEach((y, j) =>
      formulaCell(at(totalRow, j), cfRows.map((row) => `${col(2 + j)}${row}`).join('+'), byYear(r.totalCarriedForward, y), fmt),
    );
  }
  ws.getColumn(1).width = 50;
  freeze(ws, 1);
  return { generalOneOffRows };
}

/**
 * Retained business rates as formulas from their inputs: the base-year baseline, top-up or tariff,
 * each year's multiplier change, the uprating (their running product), growth, the levy rate and
 * the safety net; returns the row of the retained figure.
 */
function businessRatesRowsXlsx(
  r: RetainedBusinessRates,
  by: ReadonlyMap<FiscalYear, BusinessRatesYear>,
  years: readonly FiscalYear[],
  c: FundingComponent,
  label: (text: string, provenance?: string) => number,
  at: (row: number, j: number) => ExcelJS.Cell,
  fmt: string,
): number {
  const v = (y: FiscalYear): BusinessRatesYear => {
    const x = by.get(y);
    if (!x) throw new Error(`no business rates for ${y}`);
    return x;
  };
  const k = (j: number): string => col(2 + j);
  const each = (row: number, formula: (j: number, y: FiscalYear) => string, value: (x: BusinessRatesYear) => Dec, numFmt = fmt) =>
    years.forEach((y, j) => formulaCell(at(row, j), formula(j, y), value(v(y)), numFmt));
  const base = (text: string, cited: CitedAmount): number => {
    const n = label(`${r.label}: ${text} ${r.baseYear}, the year before the period`, cited.provenance);
    inputCell(at(n, 0), cited.amount, fmt);
    return n;
  };
  const baselineIn = base('business rates baseline', r.baseline);
  const topUpIn = r.topUp && base('top-up', r.topUp);
  const tariffIn = r.tariff && base('tariff', r.tariff);
  const multiplier = label(`${r.label}: multiplier change on last year`, r.multiplierChange.provenance);
  years.forEach((y, j) => {
    const m = r.multiplierChange.rates.get(y);
    if (!m) throw new Error(`no multiplier change for ${y}`);
    if (m.basis === 'hold' && j > 0) formulaCell(at(multiplier, j), `${k(j - 1)}${multiplier}`, m.rate, RATE_FORMAT);
    else inputCell(at(multiplier, j), m.rate, RATE_FORMAT);
  });
  const uprating = label(`${r.label}: uprating since ${r.baseYear} (product of 1 + change)`);
  each(
    uprating,
    (j) => (j === 0 ? `1+${k(j)}${multiplier}` : `${k(j - 1)}${uprating}*(1+${k(j)}${multiplier})`),
    (x) => x.uprating,
    '0.000000####',
  );
  const uprated = (text: string, input: number, value: (x: BusinessRatesYear) => Dec): number => {
    const n = label(`${r.label}: ${text} × uprating`);
    each(n, (j) => `$B$${input}*${k(j)}${uprating}`, value);
    return n;
  };
  const baseline = uprated('business rates baseline', baselineIn, (x) => x.baseline);
  const topUp = topUpIn && uprated('top-up', topUpIn, (x) => x.topUp);
  const tariff = tariffIn && uprated('tariff', tariffIn, (x) => x.tariff);
  const bfl = label(`${r.label}: baseline funding level (baseline + top-up − tariff)`);
  each(
    bfl,
    (j) => `${k(j)}${baseline}${topUp ? `+${k(j)}${topUp}` : ''}${tariff ? `-${k(j)}${tariff}` : ''}`,
    (x) => x.baselineFundingLevel,
  );
  const growth = label(`${r.label}: growth above the baseline`, r.growth.provenance);
  years.forEach((y, j) => {
    const level = r.growth.levels.get(y);
    const cell = at(growth, j);
    if (level?.basis === 'stated') inputCell(cell, level.amount, fmt);
    else if (level && (level.basis === 'hold' || level.basis === 'ongoing') && j > 0)
      formulaCell(cell, `${k(j - 1)}${growth}`, level.amount, fmt);
    else
      fixedCell(
        cell,
        level?.amount ?? ZERO,
        fmt,
        `A value (${level?.basis ?? 'stated'}): change it here; it is not worked out by a formula.`,
      );
  });
  const levyRate = r.levyRate && label(`${r.label}: levy rate on growth`, r.levyRate.provenance);
  if (levyRate && r.levyRate) inputCell(at(levyRate, 0), r.levyRate.rate, RATE_FORMAT);
  const levy = label(`${r.label}: levy on growth above nil`);
  each(
    levy,
    (j) => (levyRate ? `MAX(${k(j)}${growth},0)*$B$${levyRate}` : '0'),
    (x) => x.levy,
  );
  const income = label(`${r.label}: income before the safety net`);
  each(
    income,
    (j) => `${k(j)}${bfl}+${k(j)}${growth}-${k(j)}${levy}`,
    (x) => x.beforeSafetyNet,
  );
  let payment: number | undefined;
  if (r.safetyNet) {
    const share = label(`${r.label}: safety net share of the baseline funding level`, r.safetyNet.provenance);
    inputCell(at(share, 0), r.safetyNet.rate, RATE_FORMAT);
    const threshold = label(`${r.label}: safety net threshold`);
    each(
      threshold,
      (j) => `$B$${share}*${k(j)}${bfl}`,
      (x) => x.safetyNetThreshold ?? ZERO,
    );
    payment = label(`${r.label}: safety net payment`);
    each(
      payment,
      (j) => `MAX(${k(j)}${threshold}-${k(j)}${income},0)`,
      (x) => x.safetyNetPayment,
    );
  }
  const n = label(`${c.label}${provenanceMark(c.provenance)}`, c.provenance);
  each(
    n,
    (j) => `${k(j)}${income}${payment ? `+${k(j)}${payment}` : ''}`,
    (x) => x.retained,
  );
  return n;
}

/** The mark after a funding label: § calibrated, † an estimate, none otherwise. */
const provenanceMark = (pr: Provenance): string =>
  pr === 'calibrated' ? ` ${CALIBRATED_MARK}` : pr === 'estimate' ? ` ${ESTIMATE_MARK}` : '';

/**
 * The budget table with its identities as formulas: a department's sub total, growth and savings
 * from their sheets and net budget; a council's net budget as the sum of its departments; funding
 * from the Funding sheet, the gap, the cumulative gap and the reserves roll-forward.
 */
function budgetSheet(
  ws: Worksheet,
  p: Projection,
  growth: ScheduleLayout | undefined,
  savings: ScheduleLayout | undefined,
  funding: FundingLayout | undefined,
  reserves?: ReservesLayout,
): void {
  const s = p.scenario;
  titleRows(ws, describeScenario(p), s);
  headerRow(ws, ['', ...p.years]);
  const fmt = moneyFormat(s);
  const ids = p.rows.map((r) => r.id as string);
  const rowOf = (id: string): number => HEADER_ROW + 1 + ids.indexOf(id);
  const departments = ids.filter((id) => id.startsWith('department.'));
  // a department's rows follow its layout; a council's net budget is the sum of its departments
  const layoutRows = new Map(p.departments ? [] : s.layout.rows.map((r) => [r.id, r] as const));
  p.rows.forEach((row, i) => {
    const r = ws.getRow(HEADER_ROW + 1 + i);
    const marks = p.years.map((y) => budgetRowMark(p, row.id, y)).join('');
    const mark = [CALIBRATED_MARK, ESTIMATE_MARK].filter((m) => marks.includes(m)).join('');
    r.getCell(1).value = neutralise(`${row.label}${mark ? ` ${mark}` : ''}`);
    p.years.forEach((y, j) => {
      const c = col(2 + j);
      const prev = j === 0 ? undefined : col(1 + j);
      const value = row.values.get(y) ?? ZERO;
      const at = (id: string, k = c): string => `${k}${rowOf(id)}`;
      const layoutRow = layoutRows.get(row.id as string);
      const stated = s.baseBudget?.amounts.get(y)?.amount;
      let formula: string | undefined = layoutRow ? layoutFormula(layoutRow, { at, prev, j, stated, growth, savings }) : undefined;
      switch (layoutRow ? undefined : (row.id as string)) {
        case undefined:
          break;
        case 'net_budget':
          formula = departments.length
            ? `SUM(${c}${rowOf(departments[0] ?? '')}:${c}${rowOf(departments[departments.length - 1] ?? '')})`
            : undefined;
          break;
        case 'funding':
          formula = funding ? `Funding!${c}${funding.totalRow}` : undefined;
          break;
        case 'gap':
          formula = `${at('net_budget')}-${at('funding')}`;
          break;
        case 'cumulative_gap':
          formula = prev ? `${at('cumulative_gap', prev)}+${at('gap')}` : at('gap');
          break;
        case 'reserves_bf':
          formula = prev ? at('reserves_cf', prev) : undefined;
          break;
        case 'reserves_use':
          formula = funding?.componentRow.has('reserves_use') ? `Funding!${c}${funding.componentRow.get('reserves_use')}` : undefined;
          break;
        case 'reserves_one_off':
          formula = reserves?.generalOneOffRows.length ? reserves.generalOneOffRows.map((n) => `Reserves!${c}${n}`).join('+') : undefined;
          break;
        case 'reserves_cf':
          formula = `${at('reserves_bf')}-${at('reserves_use')}${ids.includes('reserves_one_off') ? `-${at('reserves_one_off')}` : ''}${ids.includes('reserves_contributions') ? `+${at('reserves_contributions')}` : ''}`;
          break;
        case 'reserves_after_gap':
          formula = `${at('reserves_cf')}-${at('cumulative_gap')}`;
          break;
        default:
          formula = undefined;
      }
      const cell = r.getCell(2 + j);
      if (formula) formulaCell(cell, formula, value, fmt);
      else inputCell(cell, value, fmt);
    });
    if (row.id === 'net_budget' || row.id === 'gap') r.font = { bold: true };
  });
  // the key to the marks the labels carry, under the table as on the Funding sheet
  const marked = p.rows.flatMap((row) => p.years.map((y) => budgetRowMark(p, row.id, y))).join('');
  const key = [
    ...(marked.includes(CALIBRATED_MARK)
      ? [`${CALIBRATED_MARK} calibrated, or includes a calibrated figure: true by construction, not evidence.`]
      : []),
    ...(marked.includes(ESTIMATE_MARK) ? [`${ESTIMATE_MARK} an estimate, or includes one: see its source and note.`] : []),
  ];
  key.forEach((k, i) => (ws.getRow(HEADER_ROW + 2 + p.rows.length + i).getCell(1).value = k));
  ws.getColumn(1).width = 45;
  freeze(ws, 1);
}

interface LayoutCells {
  /** The cell of a row in this year's column, or in column `k`. */
  readonly at: (id: string, k?: string) => string;
  /** Last year's column (none in the first year). */
  readonly prev: string | undefined;
  readonly j: number;
  /** This year's stated base budget (`base_budget:`), if the scenario states one. */
  readonly stated: Dec | undefined;
  readonly growth: ScheduleLayout | undefined;
  readonly savings: ScheduleLayout | undefined;
}

/**
 * A row of the scenario's layout as a formula, as the projection computes it: a sum of its rows; a
 * base brought forward from last year's net budget; a restatement as the stated base less last
 * year's net budget; the change of every growth line or every saving from its sheet. Undefined for a
 * figure typed in: the first year's base, a stated base, transfers, and a row of other lines (their
 * sheets are not in the workbook).
 */
function layoutFormula(row: LayoutRow, { at, prev, j, stated, growth, savings }: LayoutCells): string | undefined {
  switch (row.kind) {
    case 'sum':
      return row.parts.map((part) => at(part)).join('+');
    case 'base':
      if (!prev) return undefined;
      if (row.shows === 'restatement') return stated ? `${toPlain(stated)}-${at(NET_ROW, prev)}` : undefined;
      return row.shows === 'brought_forward' || !stated ? at(NET_ROW, prev) : undefined;
    case 'transfers':
      return undefined;
    case 'lines': {
      const only = row.select.refs === undefined && row.select.classes === undefined && row.select.kinds?.length === 1;
      const kind = only ? row.select.kinds?.[0] : undefined;
      if (kind === 'growth' && growth) return `Growth!${col(growth.firstYearCol + j)}${growth.changeRow}`;
      if (kind === 'saving' && savings) return `-Savings!${col(savings.firstYearCol + j)}${savings.changeRow}`;
      return undefined;
    }
  }
}

function assumptionsSheet(wb: Workbook, p: Projection): void {
  const s = p.scenario;
  const ws = wb.addWorksheet('Assumptions');
  titleRows(ws, 'Assumptions: ranges, estimates and reconciling lines', s);
  headerRow(ws, ['Assumption', 'Description', 'Applies to', 'Low', 'Likely', 'High', 'Source or reason']);
  let r = HEADER_ROW + 1;
  for (const a of riskAssumptions(s)) {
    const row = ws.getRow(r++);
    row.getCell(1).value = neutralise(a.id);
    row.getCell(2).value = neutralise(a.description);
    row.getCell(3).value = neutralise(appliesTo(a));
    [a.factor.low, a.factor.likely, a.factor.high].forEach((f, i) => {
      const c = row.getCell(4 + i);
      if (f) {
        c.value = num(f);
        c.numFmt = a.parameter?.shownAs === 'number' ? '#,##0.##' : '0.##%';
      }
    });
    row.getCell(7).value = neutralise(a.source);
  }
  r++;
  ws.getRow(r++).getCell(1).value = 'Estimated levels (the source does not state the year)';
  for (const l of s.lines) {
    for (const y of p.years as readonly FiscalYear[]) {
      const lv = l.levels.get(y);
      if (lv && isEstimate(lv.basis)) {
        const row = ws.getRow(r++);
        row.getCell(1).value = neutralise(l.ref);
        row.getCell(2).value = neutralise(
          `${y}: ${lv.basis === 'linear' ? 'straight line between stated levels' : 'earlier stated level held'}`,
        );
        row.getCell(4).value = num(lv.amount);
        row.getCell(4).numFmt = moneyFormat(s);
      }
    }
  }
  r++;
  ws.getRow(r++).getCell(1).value = 'Reconciling lines (not described in the source text)';
  for (const l of s.lines.filter((x) => x.reconciling)) {
    const row = ws.getRow(r++);
    row.getCell(1).value = neutralise(l.ref);
    row.getCell(2).value = neutralise(l.note ?? '');
  }
  ws.getColumn(2).width = 60;
  ws.getColumn(7).width = 60;
  freeze(ws, 1);
}

const GROSS_SHEET = 'Gross and income';
const GROSS_FIRST_YEAR_COL = 4;

interface GrossIncomeRows {
  /** The row of each line's net effect (gross − income). */
  readonly netRows: ReadonlyMap<string, number>;
  readonly lines: readonly BudgetLine[];
}

/** Where each line that states gross and income sits on the gross and income sheet (none: undefined). */
function grossIncomeRows(p: Projection): GrossIncomeRows | undefined {
  const lines = p.scenario.lines.filter((l) => l.grossIncome);
  if (lines.length === 0 && !p.scenario.grossAndIncome) return undefined;
  return { lines, netRows: new Map(lines.map((l, i) => [l.ref, HEADER_ROW + 1 + i * 3 + 2])) };
}

/**
 * Gross and income: each line's gross and income as inputs and its net effect as the formula
 * gross − income (the Growth and Savings sheets take their levels from it), then the department's
 * published gross and income with net as a formula beside the Budget sheet's net budget.
 */
function grossIncomeSheet(wb: Workbook, p: Projection, rows: GrossIncomeRows): void {
  const s = p.scenario;
  const ws = wb.addWorksheet(GROSS_SHEET);
  titleRows(ws, 'Gross expenditure and income: net = gross − income', s);
  headerRow(ws, ['Ref', 'Description', 'Income type', ...p.years, 'Source']);
  const fmt = moneyFormat(s);
  const yearCell = (r: number, j: number): string => `${col(GROSS_FIRST_YEAR_COL + j)}${r}`;
  rows.lines.forEach((l, i) => {
    const gi = l.grossIncome;
    if (!gi) return;
    const top = HEADER_ROW + 1 + i * 3;
    const [g, inc, net] = [ws.getRow(top), ws.getRow(top + 1), ws.getRow(top + 2)];
    g.getCell(1).value = neutralise(l.ref);
    g.getCell(2).value = neutralise(`${l.description}: gross expenditure`);
    g.getCell(3).value = gi.incomeType ?? '';
    inc.getCell(2).value = 'income';
    net.getCell(2).value = 'net effect (gross − income)';
    g.getCell(GROSS_FIRST_YEAR_COL + p.years.length).value = neutralise(l.source);
    p.years.forEach((y, j) => {
      const gv = gi.gross.get(y)?.amount ?? ZERO;
      const iv = gi.income.get(y)?.amount ?? ZERO;
      inputCell(g.getCell(GROSS_FIRST_YEAR_COL + j), gv, fmt);
      const ib = gi.income.get(y)?.basis;
      if (ib === 'uplift' || ib === 'ended') {
        // driven income: last year's × (1 + uplift), or nil once it ends
        const rate = gi.drivers.uplift?.rate;
        if (ib === 'uplift' && j > 0 && rate)
          formulaCell(inc.getCell(GROSS_FIRST_YEAR_COL + j), `${yearCell(top + 1, j - 1)}*(1+${toPlain(rate)})`, iv, fmt);
        else fixedCell(inc.getCell(GROSS_FIRST_YEAR_COL + j), iv, fmt, ib === 'ended' ? 'Nil: the income ends (income_ends).' : undefined);
      } else inputCell(inc.getCell(GROSS_FIRST_YEAR_COL + j), iv, fmt);
      formulaCell(net.getCell(GROSS_FIRST_YEAR_COL + j), `${yearCell(top, j)}-${yearCell(top + 1, j)}`, gv.minus(iv), fmt);
    });
  });
  const published = s.grossAndIncome;
  if (published) {
    let r = HEADER_ROW + 2 + rows.lines.length * 3;
    const netRow = HEADER_ROW + 1 + p.rows.findIndex((x) => x.id === 'net_budget');
    const budgetNet = p.rows.find((x) => x.id === 'net_budget')?.values;
    const [g, inc, net, budget, diff] = [r, r + 1, r + 2, r + 3, r + 4];
    const label = (row: number, text: string): void => {
      ws.getRow(row).getCell(2).value = neutralise(text);
    };
    label(g, 'Department gross budget (published)');
    label(inc, 'Less income (published)');
    label(net, 'Net: gross − income');
    label(budget, 'Net budget (Budget sheet)');
    label(diff, 'Difference (net budget − published net)');
    ws.getRow(g).getCell(GROSS_FIRST_YEAR_COL + p.years.length).value = neutralise(published.source);
    p.years.forEach((y, j) => {
      const x = published.years.find((py) => py.year === y);
      if (!x) return;
      const n = x.gross.minus(x.income);
      const b = budgetNet?.get(y) ?? ZERO;
      inputCell(ws.getRow(g).getCell(GROSS_FIRST_YEAR_COL + j), x.gross, fmt);
      inputCell(ws.getRow(inc).getCell(GROSS_FIRST_YEAR_COL + j), x.income, fmt);
      formulaCell(ws.getRow(net).getCell(GROSS_FIRST_YEAR_COL + j), `${yearCell(g, j)}-${yearCell(inc, j)}`, n, fmt);
      formulaCell(ws.getRow(budget).getCell(GROSS_FIRST_YEAR_COL + j), `Budget!${col(2 + j)}${netRow}`, b, fmt);
      formulaCell(ws.getRow(diff).getCell(GROSS_FIRST_YEAR_COL + j), `${yearCell(budget, j)}-${yearCell(net, j)}`, b.minus(n), fmt);
    });
    r = diff + 2;
    if (published.note) ws.getRow(r).getCell(2).value = neutralise(published.note);
  }
  ws.getColumn(2).width = 60;
  freeze(ws, 2);
}

/** Builds the workbook (exceljs is loaded by the caller, only when a workbook is asked for). */
export async function xlsxReport(excel: typeof ExcelJS, JSZip: JSZipLike, p: Projection): Promise<Uint8Array> {
  const wb = new excel.Workbook();
  wb.creator = 'mtfs';
  wb.lastModifiedBy = 'mtfs';
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  const budget = wb.addWorksheet('Budget');
  const hasLines = !p.departments;
  const gross = hasLines ? grossIncomeRows(p) : undefined;
  // the inflation sheet comes before the line sheets whose inflation lines refer to it
  const inflation = hasLines ? inflationSheet(wb, p) : undefined;
  const growth =
    hasLines && showsSchedule(p, 'growth') ? scheduleSheet(wb, 'Growth', p, p.growth, false, gross?.netRows, inflation) : undefined;
  const savings = hasLines && showsSchedule(p, 'saving') ? scheduleSheet(wb, 'Savings', p, p.savings, true, gross?.netRows) : undefined;
  if (gross) grossIncomeSheet(wb, p, gross);
  const funding = fundingSheet(wb, p);
  const reserves = reservesSheet(wb, p);
  budgetSheet(budget, p, growth, savings, funding, reserves);
  assumptionsSheet(wb, p);
  wb.calcProperties.fullCalcOnLoad = true;
  const raw = await wb.xlsx.writeBuffer();
  return stableZip(JSZip, new Uint8Array(raw as ArrayBuffer));
}

export interface JSZipLike {
  loadAsync(data: Uint8Array): Promise<{
    files: Record<string, { name: string; dir: boolean; async(type: 'uint8array'): Promise<Uint8Array> }>;
  }>;
  new (): {
    file(name: string, data: Uint8Array, opts: { date: Date; createFolders: boolean }): void;
    generateAsync(opts: { type: 'uint8array'; compression: 'DEFLATE'; compressionOptions: { level: number } }): Promise<Uint8Array>;
  };
}

/** Rewrites a zip with every entry dated FIXED_DATE, in name order: same workbook, same bytes. */
async function stableZip(JSZip: JSZipLike, bytes: Uint8Array): Promise<Uint8Array> {
  const src = await JSZip.loadAsync(bytes);
  const out = new JSZip();
  const names = Object.keys(src.files).sort();
  for (const name of names) {
    const f = src.files[name];
    if (!f || f.dir) continue;
    out.file(name, await f.async('uint8array'), { date: FIXED_DATE, createFolders: false });
  }
  return out.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}
