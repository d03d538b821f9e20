// Test helper: evaluates the formulas mtfs writes into a workbook, exactly (decimals, not doubles),
// so a test can change an input cell and read what Excel would recalculate. Numbers, cell references
// (with sheet, quoted or not), ranges, + − × ÷, unary minus, =, brackets, SUM, SUMIF, ROUND, ROUNDDOWN, IF, MOD, MAX.

import type ExcelJS from 'exceljs';
import { Dec } from '../../src/model/money.js';

type Value = Dec | boolean | string | { readonly sheet: string; readonly cells: readonly string[] };

const REF = /^(?:'([^']+)'!|([A-Za-z][\w ]*)!)?\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?/;

const colNumber = (c: string): number => [...c].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
const colName = (n: number): string => (n > 26 ? colName(Math.floor((n - 1) / 26)) : '') + String.fromCharCode(65 + ((n - 1) % 26));

/** The value of a cell: a number, nothing (nil) or its formula evaluated. Throws on a cycle or on text. */
export function evaluateCell(wb: ExcelJS.Workbook, sheet: string, address: string, seen: ReadonlySet<string> = new Set()): Dec {
  const key = `${sheet}!${address}`;
  if (seen.has(key)) throw new Error(`cycle at ${key}`);
  const ws = wb.getWorksheet(sheet);
  if (!ws) throw new Error(`no sheet ${sheet}`);
  const v = ws.getCell(address).value as unknown;
  if (typeof v === 'number') return new Dec(v);
  if (v === null || v === undefined) return new Dec(0);
  if (typeof v === 'object' && 'formula' in v) {
    const r = evaluateFormula(wb, sheet, String((v as { formula: string }).formula), new Set([...seen, key]));
    if (!(r instanceof Dec)) throw new Error(`${key} is not a number`);
    return r;
  }
  throw new Error(`not a number at ${key}: ${JSON.stringify(v)}`);
}

function evaluateFormula(wb: ExcelJS.Workbook, sheet: string, text: string, seen: ReadonlySet<string>): Value {
  let i = 0;
  const peek = (): string => text[i] ?? '';
  const expect = (ch: string): void => {
    if (text[i] !== ch) throw new Error(`expected ${ch} at ${i} in ${text}`);
    i++;
  };
  const numberOf = (v: Value): Dec => {
    if (v instanceof Dec) return v;
    if (typeof v === 'object' && 'cells' in v && v.cells.length === 1) return evaluateCell(wb, v.sheet, v.cells[0]!, seen);
    throw new Error(`not a number in ${text}`);
  };
  const comparison = (): Value => {
    const a = sum();
    if (peek() === '=') {
      i++;
      return numberOf(a).equals(numberOf(sum()));
    }
    return a;
  };
  const sum = (): Value => {
    let acc = product();
    while (peek() === '+' || peek() === '-') {
      const op = text[i++];
      const b = numberOf(product());
      acc = op === '+' ? numberOf(acc).plus(b) : numberOf(acc).minus(b);
    }
    return acc;
  };
  const product = (): Value => {
    let acc = unary();
    while (peek() === '*' || peek() === '/') {
      const op = text[i++];
      const b = numberOf(unary());
      acc = op === '*' ? numberOf(acc).times(b) : numberOf(acc).dividedBy(b);
    }
    return acc;
  };
  const unary = (): Value => {
    if (peek() === '-') {
      i++;
      return numberOf(unary()).negated();
    }
    if (peek() === '+') i++;
    return atom();
  };
  const args = (): Value[] => {
    expect('(');
    const out: Value[] = [];
    while (peek() !== ')') {
      out.push(comparison());
      if (peek() === ',') i++;
    }
    expect(')');
    return out;
  };
  const cellsOf = (v: Value): { sheet: string; cells: readonly string[] } => {
    if (typeof v === 'object' && 'cells' in v) return v;
    throw new Error(`not a range in ${text}`);
  };
  const atom = (): Value => {
    const rest = text.slice(i);
    if (peek() === '(') {
      i++;
      const v = comparison();
      expect(')');
      return v;
    }
    if (peek() === '"') {
      const m = /^"((?:[^"]|"")*)"/.exec(rest)!;
      i += m[0].length;
      return m[1]!.replace(/""/g, '"');
    }
    const fn = /^([A-Z]+)\(/.exec(rest);
    if (fn) {
      i += fn[1]!.length;
      const a = args();
      const n = (k: number): Dec => numberOf(a[k]!);
      switch (fn[1]) {
        case 'SUM':
          return a.reduce<Dec>((acc, v) => acc.plus(v instanceof Dec ? v : sumRange(cellsOf(v))), new Dec(0));
        case 'SUMIF': {
          const crit = cellsOf(a[0]!);
          const vals = cellsOf(a[2]!);
          const ws = wb.getWorksheet(crit.sheet)!;
          return crit.cells.reduce(
            (acc, c, k) => (ws.getCell(c).value === a[1] ? acc.plus(evaluateCell(wb, vals.sheet, vals.cells[k]!, seen)) : acc),
            new Dec(0),
          );
        }
        case 'ROUND':
          return n(0).toDecimalPlaces(n(1).toNumber(), Dec.ROUND_HALF_UP); // Excel: a half away from zero
        case 'ROUNDDOWN':
          return n(0).toDecimalPlaces(n(1).toNumber(), Dec.ROUND_DOWN);
        case 'MAX':
          return a.map((_, k) => n(k)).reduce((m, x) => (x.greaterThan(m) ? x : m));
        case 'MOD':
          return n(0).minus(n(1).times(n(0).dividedBy(n(1)).floor()));
        case 'IF':
          return a[0] ? a[1]! : a[2]!;
        default:
          throw new Error(`unknown function ${fn[1]} in ${text}`);
      }
    }
    const ref = REF.exec(rest);
    if (ref) {
      i += ref[0].length;
      const on = ref[1] ?? ref[2] ?? sheet;
      const [c1, r1, c2, r2] = [ref[3]!, Number(ref[4]), ref[5] ?? ref[3]!, Number(ref[6] ?? ref[4])];
      const cells: string[] = [];
      for (let c = colNumber(c1); c <= colNumber(c2); c++) for (let r = r1; r <= r2; r++) cells.push(`${colName(c)}${r}`);
      return { sheet: on, cells };
    }
    const num = /^\d+(?:\.\d+)?(?:E[+-]?\d+)?/.exec(rest);
    if (num) {
      i += num[0].length;
      return new Dec(num[0]);
    }
    throw new Error(`cannot read ${rest} in ${text}`);
  };
  const sumRange = (r: { sheet: string; cells: readonly string[] }): Dec =>
    r.cells.reduce((acc, c) => acc.plus(evaluateCell(wb, r.sheet, c, seen)), new Dec(0));
  const v = comparison();
  if (i !== text.length) throw new Error(`unread ${text.slice(i)} in ${text}`);
  return v instanceof Dec || typeof v === 'boolean' || typeof v === 'string' ? v : numberOf(v);
}
