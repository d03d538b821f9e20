// Explanations → an indented text tree (exact figures, no rounding: it shows the arithmetic),
// a Markdown list, CSV rows (one per step, with its parent) and nested JSON.

import type { Location } from '../diagnostics/diagnostic.js';
import { toPlain } from '../model/money.js';
import type { Units } from '../model/scenario.js';
import type { Step } from '../reports/explain/explain.js';
import { formatPlainGrouped } from '../model/grouped-number.js';
import { markdownCode, markdownText, terminalText } from './safe-text.js';
import { text, money, type TableModel, type TableRow } from './table-model.js';

const where = (o: Location | undefined): string => (o ? `${o.file}:${o.line}:${o.column}` : '');

/** What the figures are in: `units`, and where `--units` converted them, the units of the arithmetic. */
const figuresIn = (units: Units, written: Units): string =>
  units === written
    ? `exact figures in ${units}`
    : `exact figures in ${units}, converted from ${written}; the arithmetic beside them is in the scenario's units, ${written}`;

export function explanationAsText(steps: readonly Step[], units: Units, written: Units = units): string {
  const out: string[] = [`(${figuresIn(units, written)})`, ''];
  const walk = (s: Step, depth: number): void => {
    const pad = '  '.repeat(depth);
    out.push(`${pad}${terminalText(s.label)}: ${formatPlainGrouped(s.amount)}`);
    if (s.formula) out.push(`${pad}    = ${terminalText(s.formula)}`);
    if (s.origin) out.push(`${pad}    at ${terminalText(where(s.origin))}`);
    if (s.source) out.push(`${pad}    source: ${terminalText(s.source)}`);
    if (s.note) out.push(`${pad}    note: ${terminalText(s.note)}`);
    for (const c of s.children) walk(c, depth + 1);
  };
  steps.forEach((s, i) => {
    if (i > 0) out.push('');
    walk(s, 0);
  });
  return `${out.join('\n')}\n`;
}

export function explanationAsMarkdown(steps: readonly Step[], units: Units, written: Units = units): string {
  const f = figuresIn(units, written);
  const out: string[] = [`*${f.charAt(0).toUpperCase()}${f.slice(1)}.*`, ''];
  const esc = markdownText;
  const walk = (s: Step, depth: number): void => {
    const pad = '  '.repeat(depth);
    const extra = [
      s.formula ? `= ${esc(s.formula)}` : '',
      s.origin ? `at ${markdownCode(where(s.origin))}` : '',
      s.source ? `source: ${esc(s.source)}` : '',
      s.note ? `note: ${esc(s.note)}` : '',
    ]
      .filter(Boolean)
      .join('; ');
    out.push(`${pad}- **${esc(s.label)}**: ${formatPlainGrouped(s.amount)}${extra ? ` — ${extra}` : ''}`);
    for (const c of s.children) walk(c, depth + 1);
  };
  for (const s of steps) walk(s, 0);
  return `${out.join('\n')}\n`;
}

/** Flattened for CSV: one row per step, parent id included, amounts exact. */
export function explanationTable(steps: readonly Step[], units: Units): TableModel {
  const rows: TableRow[] = [];
  const walk = (s: Step, parent: string): void => {
    rows.push({
      id: s.id,
      cells: {
        parent: text(parent),
        label: text(s.label),
        amount: money(s.amount),
        formula: text(s.formula ?? ''),
        origin: text(where(s.origin)),
        source: text(s.source ?? ''),
        note: text(s.note ?? ''),
      },
    });
    for (const c of s.children) walk(c, s.id);
  };
  for (const s of steps) walk(s, '');
  return {
    id: 'explain',
    title: 'Explanation',
    units,
    columns: ['parent', 'label', 'amount', 'formula', 'origin', 'source', 'note'].map((k) => ({
      key: k,
      header: k,
      align: k === 'amount' ? ('right' as const) : ('left' as const),
    })),
    rows,
    notes: [],
  };
}

export function explanationAsJson(steps: readonly Step[], scenario: string, units: Units): unknown {
  const json = (s: Step): unknown => ({
    id: s.id,
    label: s.label,
    amount: toPlain(s.amount),
    formula: s.formula ?? null,
    origin: s.origin ? where(s.origin) : null,
    source: s.source ?? null,
    note: s.note ?? null,
    children: s.children.map(json),
  });
  return { scenario, units, steps: steps.map(json) };
}
