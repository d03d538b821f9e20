// `mtfs import`: a budget table read from a workbook (source/sheet-table.ts) → the text of a
// scenario (YAML) and, for a growth or savings sheet, its line table (CSV). Pure.
//
// A budget sheet (one row per service or department) becomes a whole-council scenario whose
// departments carry the sheet's figures; a growth or savings sheet becomes lines. Rows that read
// like totals are offered as controls: a total that is the sum of the rows becomes a control of
// the net budget (budget sheet); the others are written as comments to place by hand.

import type { FiscalYear } from '../model/fiscal-year.js';
import { formatPlainGrouped } from '../model/grouped-number.js';
import { ZERO, moneyFromText, type Dec } from '../model/money.js';
import type { SheetRow, SheetTable } from '../source/sheet-table.js';
import { csvField, yamlString } from './scenario-text.js';

export type ImportKind = 'budget' | 'growth' | 'saving';

export interface ImportOptions {
  readonly workbook: string;
  readonly sheet: string;
  readonly kind: ImportKind;
  /** The line table's file name, relative to the scenario. */
  readonly linesFile: string;
}

/** The kind a sheet's name suggests: savings or growth sheets by name, otherwise a budget. */
export function guessKind(sheet: string): ImportKind {
  if (/saving|reduction/i.test(sheet)) return 'saving';
  if (/growth|pressure/i.test(sheet)) return 'growth';
  return 'budget';
}

const amount = (text: string): string => formatPlainGrouped(moneyFromText(text));

function yearBlock(indent: string, years: readonly FiscalYear[], amounts: ReadonlyMap<FiscalYear, string>): string {
  return years
    .filter((y) => amounts.has(y))
    .map((y) => `${indent}${y}: ${amount(amounts.get(y) as string)}`)
    .join('\n');
}

/** True when `total` is, year by year, the exact sum of `rows` (and states the same years). */
function sumsTo(total: SheetRow, rows: readonly SheetRow[], years: readonly FiscalYear[]): boolean {
  return years.every((y) => {
    const t = total.amounts.get(y);
    if (t === undefined) return rows.every((r) => !r.amounts.has(y));
    return rows.reduce((s: Dec, r) => s.plus(r.amounts.get(y) ?? '0'), ZERO).equals(moneyFromText(t));
  });
}

export function importedScenario(table: SheetTable, opts: ImportOptions): { scenario: string; lines?: string } {
  const years = table.years;
  const from = years[0] as FiscalYear;
  const to = years[years.length - 1] as FiscalYear;
  const cite = (r: SheetRow): string => `${opts.workbook}, ${r.at} (${r.label})`;
  const head = `# Imported by \`mtfs import\` from ${opts.workbook}, sheet ${opts.sheet} (header at ${table.headerAt}).
# Check every figure against the workbook, then replace the placeholders marked below.
# Amounts are in the units of the sheet: set \`units:\` to £ or £000 as the sheet shows them.

authority: Council name
department: ${opts.kind === 'budget' ? 'Whole council' : 'Department name'}
title: ${yamlString(`Imported from ${opts.workbook}, sheet ${opts.sheet}`)}
source: ${yamlString(`${opts.workbook}, sheet ${opts.sheet}`)}
period: {from: ${from}, to: ${to}}
units: £000
`;
  const controlRows = opts.kind === 'budget' ? table.totals.filter((t) => sumsTo(t, table.rows, years)) : [];
  const offered = table.totals.filter((t) => !controlRows.includes(t));
  const controls =
    controlRows.length > 0
      ? `
# The sheet's total, which the rows add up to exactly: \`mtfs check\` compares it with the projection.
controls:
  source: ${yamlString(cite(controlRows[0] as SheetRow))}
  rows:
    net_budget:
${yearBlock('      ', years, (controlRows[0] as SheetRow).amounts)}
`
      : '';
  const offers =
    offered.length > 0
      ? `
# Totals found in the sheet, offered as controls: add each under \`controls: rows:\` as the row it
# matches (net_budget, growth, savings, funding, gap …; growth and savings rows there are the
# change on the year before, not the level).
${offered
  .map(
    (t) =>
      `#   ${t.at} ${t.label}: {${years
        .filter((y) => t.amounts.has(y))
        .map((y) => `${y}: ${t.amounts.get(y)}`)
        .join(', ')}}`,
  )
  .join('\n')}
`
      : '';

  if (opts.kind === 'budget') {
    const departments = table.rows
      .map(
        (r) => `  - name: ${yamlString(r.ref ? `${r.ref} ${r.label}` : r.label)}
    levels:
${yearBlock('      ', years, r.amounts)}
    unstated: hold
    provenance: published
    source: ${yamlString(cite(r))}`,
      )
      .join('\n\n');
    return {
      scenario: `${head}\n# One entry per row of the sheet: its net budget in each year.\ndepartments:\n${departments}\n${controls}${offers}`,
    };
  }

  const saving = opts.kind === 'saving';
  const header = ['ref', 'type', 'status', 'category', 'nature', 'service_area', 'description', ...years, 'unstated', 'source', 'note'];
  const used = new Set(table.rows.map((r) => r.ref).filter((r): r is string => r !== undefined));
  let next = 1;
  const freshRef = (): string => {
    const prefix = saving ? 'S' : 'G';
    while (used.has(`${prefix}${next}`)) next++;
    used.add(`${prefix}${next}`);
    return `${prefix}${next}`;
  };
  const rows = table.rows.map((r) => {
    const ref = r.ref && /^[A-Za-z][A-Za-z0-9_.-]*$/.test(r.ref) ? r.ref : freshRef();
    // a savings sheet often shows savings in brackets; mtfs writes a saving's level as positive
    const level = (y: FiscalYear): string => {
      const a = r.amounts.get(y);
      if (a === undefined) return '';
      return saving ? moneyFromText(a).abs().toFixed() : a;
    };
    return [
      ref,
      saving ? 'saving' : 'growth',
      'new',
      saving ? 'Departmental' : '',
      saving ? 'Eff' : '',
      'Service area',
      r.label,
      ...years.map(level),
      'hold',
      cite(r),
      saving ? 'Category and nature are placeholders: the workbook does not give them.' : '',
    ].map(csvField);
  });
  const lines = [header.map(csvField), ...rows].map((r) => `${r.join(',')}\n`).join('');
  const scenario = `${head}
# Placeholder: the original budget of the year before ${from}, before the lines below.
original_budget:
  amount: 0
  source: "Placeholder written by mtfs import: replace with the original budget and its source"

# One line per row of the sheet; \`service_area\`, \`status\` (and, for savings, \`category\` and
# \`nature\`) are placeholders to replace.
line_files:
  - ${opts.linesFile}
${offers}`;
  return { scenario, lines };
}
