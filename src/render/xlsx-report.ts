// The audit workbook: one sheet per table, totals as Excel formulas over the line cells (so an
// officer can change a line and watch the totals move), cached results equal to the exact
// projection, £000 number formats with brackets, and the assumptions. Text that a spreadsheet would
// run as a formula is neutralised. The zip is rewritten with fixed dates so the bytes are stable.

import { poundsPerUnit } from '../model/units.js';
import type ExcelJS from 'exceljs';
import type { FiscalYear } from '../model/fiscal-year.js';
import { ZERO, toPlain, type Dec } from '../model/money.js';
import { isEstimate, natureLabel, STATUS_MARK, type Scenario } from '../model/scenario.js';
import type { LineSchedule, Projection } from '../project/project.js';
import { classifiedLast, natureOrder, NOT_CLASSIFIED, subtotals } from '../project/subtotals.js';
import { appliesTo } from '../load/assumptions.js';
import { neutralise } from './csv.js';
import { describeScenario } from './projection.js';

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

/** Cells hold amounts in the scenario's units and show them so: whole £ or £000, £m to £0.1m. */
function moneyFormat(s: Scenario): string {
  return s.units === '£m' ? '#,##0.0;(#,##0.0);0.0' : '#,##0;(#,##0);0';
}

function titleRows(ws: Worksheet, title: string, s: Scenario): void {
  ws.getCell('A1').value = neutralise(title);
  ws.getCell('A1').font = { bold: true, size: 12 };
  ws.getCell('A2').value = neutralise(`${s.authority}, ${s.department} — ${s.units} (cells hold ${s.units})`);
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

interface ScheduleLayout {
  readonly totalRow: number;
  readonly changeRow: number;
  readonly firstYearCol: number;
}

/** A line sheet: text columns, one column per year of levels, then total and change formulas. */
function scheduleSheet(wb: Workbook, name: string, p: Projection, schedules: readonly LineSchedule[], savings: boolean): ScheduleLayout {
  const s = p.scenario;
  const ws = wb.addWorksheet(name);
  titleRows(ws, savings ? 'Savings (Appendix C): level of each line' : 'Growth (Appendix B): level of each line', s);
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
          `${l.status ? STATUS_MARK[l.status] : ''}${l.ref}`,
          l.description,
          l.nature.length ? natureLabel(l.nature) : NOT_CLASSIFIED,
          l.category ?? NOT_CLASSIFIED,
          l.serviceArea,
        ]
      : [l.ref, l.description, l.serviceArea, l.reconciling ? 'reconciling' : (l.status ?? '')];
    cells.forEach((v, j) => (r.getCell(j + 1).value = neutralise(v)));
    p.years.forEach((y, j) => {
      const c = r.getCell(firstYearCol + j);
      c.value = num(sch.levels.get(y) ?? ZERO);
      c.numFmt = fmt;
      if (isEstimate(l.levels.get(y)?.basis ?? 'stated')) c.note = 'Estimate: the source does not state this year.';
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
    tr.getCell(firstYearCol + j).value = {
      formula: schedules.length ? `SUM(${c}${first}:${c}${last})` : '0',
      result: num(totals[j] ?? ZERO),
    };
    tr.getCell(firstYearCol + j).numFmt = fmt;
    const prev = j === 0 ? undefined : col(firstYearCol + j - 1);
    cr.getCell(firstYearCol + j).value = {
      formula: prev ? `${c}${totalRow}-${prev}${totalRow}` : `${c}${totalRow}`,
      result: num(j === 0 ? (totals[0] ?? ZERO) : (totals[j] ?? ZERO).minus(totals[j - 1] ?? ZERO)),
    };
    cr.getCell(firstYearCol + j).numFmt = fmt;
  });
  if (savings) {
    // subtotals by nature and category: SUMIF over the classification column
    let r = changeRow + 2;
    const groups = [
      {
        colIdx: 3,
        label: 'Nature',
        groups: subtotals(schedules, p.years, (l) => (l.nature.length ? natureLabel(l.nature) : NOT_CLASSIFIED), natureOrder),
      },
      { colIdx: 4, label: 'Category', groups: subtotals(schedules, p.years, (l) => l.category ?? NOT_CLASSIFIED, classifiedLast) },
    ];
    for (const g of groups) {
      for (const sub of g.groups) {
        const row = ws.getRow(r++);
        row.getCell(2).value = neutralise(`${g.label}: ${sub.key}`);
        p.years.forEach((y, j) => {
          const c = col(firstYearCol + j);
          const k = col(g.colIdx);
          const cell = row.getCell(firstYearCol + j);
          cell.value = {
            formula: `SUMIF($${k}$${first}:$${k}$${last},"${sub.key.replace(/"/g, '""')}",${c}${first}:${c}${last})`,
            result: num(sub.levels.get(y) ?? ZERO),
          };
          cell.numFmt = fmt;
        });
      }
      r++;
    }
  }
  ws.getColumn(2).width = 60;
  ws.getColumn(1).width = 12;
  return { totalRow, changeRow, firstYearCol };
}

interface FundingLayout {
  readonly totalRow: number;
}

/** The funding components by year; council tax as tax base × Band D; total funding as a SUM. */
function fundingSheet(wb: Workbook, p: Projection): FundingLayout | undefined {
  const f = p.funding;
  if (!f) return undefined;
  const s = p.scenario;
  const ws = wb.addWorksheet('Funding');
  titleRows(ws, 'Funding: components, council tax and Band D', s);
  headerRow(ws, ['', ...p.years, 'Provenance']);
  const fmt = moneyFormat(s);
  let r = HEADER_ROW + 1;
  const componentRows: number[] = [];
  const put = (label: string, values: (y: FiscalYear, c: string) => ExcelJS.CellValue, numFmt: string, provenance = ''): number => {
    const row = ws.getRow(r);
    row.getCell(1).value = neutralise(label);
    p.years.forEach((y, j) => {
      const cell = row.getCell(2 + j);
      cell.value = values(y, col(2 + j));
      cell.numFmt = numFmt;
    });
    row.getCell(2 + p.years.length).value = neutralise(provenance);
    return r++;
  };
  const scale = s.units === '£' ? '' : `/${poundsPerUnit(s.units)}`;
  for (const c of f.components) {
    if (c.id === 'council_tax' && f.councilTax && f.funding.councilTax) {
      const ct = f.councilTax;
      const taxBaseRow = put(
        'Tax base (Band D equivalents)',
        (y) => num(ct.get(y)?.taxBase ?? ZERO),
        '#,##0.##',
        f.funding.councilTax.taxBase.provenance,
      );
      const bandDRow = put('Band D (£)', (y) => num(ct.get(y)?.bandD.used ?? ZERO), '#,##0.00', f.funding.councilTax.bandD.provenance);
      componentRows.push(
        put(
          c.label,
          (y, k) => ({ formula: `${k}${taxBaseRow}*${k}${bandDRow}${scale}`, result: num(c.values.get(y) ?? ZERO) }),
          fmt,
          c.provenance,
        ),
      );
      continue;
    }
    componentRows.push(put(c.label, (y) => num(c.values.get(y) ?? ZERO), fmt, c.provenance));
  }
  const totalRow = put(
    'Total funding',
    (y, k) => ({
      formula: componentRows.length ? componentRows.map((n) => `${k}${n}`).join('+') : '0',
      result: num(f.total.get(y) ?? ZERO),
    }),
    fmt,
  );
  ws.getRow(totalRow).font = { bold: true };
  ws.getColumn(1).width = 50;
  return { totalRow };
}

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
): void {
  const s = p.scenario;
  titleRows(ws, describeScenario(p), s);
  headerRow(ws, ['', ...p.years]);
  const fmt = moneyFormat(s);
  const ids = p.rows.map((r) => r.id as string);
  const rowOf = (id: string): number => HEADER_ROW + 1 + ids.indexOf(id);
  const departments = ids.filter((id) => id.startsWith('department.'));
  p.rows.forEach((row, i) => {
    const r = ws.getRow(HEADER_ROW + 1 + i);
    r.getCell(1).value = neutralise(row.label);
    p.years.forEach((y, j) => {
      const c = col(2 + j);
      const prev = j === 0 ? undefined : col(1 + j);
      const result = num(row.values.get(y) ?? ZERO);
      const at = (id: string, k = c): string => `${k}${rowOf(id)}`;
      let formula: string | undefined;
      switch (row.id as string) {
        case 'original_budget':
          formula = prev ? at('net_budget', prev) : undefined;
          break;
        case 'subtotal':
          formula = `${at('original_budget')}+${at('transfers')}`;
          break;
        case 'growth':
          formula = growth ? `Growth!${col(growth.firstYearCol + j)}${growth.changeRow}` : undefined;
          break;
        case 'savings':
          formula = savings ? `-Savings!${col(savings.firstYearCol + j)}${savings.changeRow}` : undefined;
          break;
        case 'net_budget':
          formula = departments.length
            ? `SUM(${c}${rowOf(departments[0] ?? '')}:${c}${rowOf(departments[departments.length - 1] ?? '')})`
            : `${at('subtotal')}+${at('growth')}+${at('savings')}`;
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
        case 'reserves_cf':
          formula = `${at('reserves_bf')}+${at('reserves_use')}`;
          break;
        case 'reserves_after_gap':
          formula = `${at('reserves_cf')}-${at('cumulative_gap')}`;
          break;
        default:
          formula = undefined;
      }
      const cell = r.getCell(2 + j);
      cell.value = formula ? { formula, result } : result;
      cell.numFmt = fmt;
    });
    if (row.id === 'net_budget' || row.id === 'gap') r.font = { bold: true };
  });
  ws.getColumn(1).width = 45;
}

function assumptionsSheet(wb: Workbook, p: Projection): void {
  const s = p.scenario;
  const ws = wb.addWorksheet('Assumptions');
  titleRows(ws, 'Assumptions: ranges, estimates and reconciling lines', s);
  headerRow(ws, ['Assumption', 'Description', 'Applies to', 'Low', 'Likely', 'High', 'Source or reason']);
  let r = HEADER_ROW + 1;
  for (const a of s.assumptions ?? []) {
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
  const growth = hasLines ? scheduleSheet(wb, 'Growth', p, p.growth, false) : undefined;
  const savings = hasLines ? scheduleSheet(wb, 'Savings', p, p.savings, true) : undefined;
  const funding = fundingSheet(wb, p);
  budgetSheet(budget, p, growth, savings, funding);
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
