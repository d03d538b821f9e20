// TableModel → terminal text (aligned columns, no borders) or Markdown. Money is shown in the table's
// units (or `--units`) with brackets for negatives, rounded once here; a note says so when rounded figures do not cast.

import { type Dec as Decimal, ZERO, moneyOfSum } from '../model/money.js';
import { ExactSum } from '../model/exact-sum.js';
import { group } from '../model/grouped-number.js';
import { formatCommittee, roundForDisplay, shownUnits, toShown, type DisplayOptions } from './number.js';
import { markdownText, terminalText } from './safe-text.js';
import { alignedColumns } from './text-columns.js';
import type { Cell, TableModel } from './table-model.js';

interface RenderOptions extends DisplayOptions {
  readonly style?: { readonly bold: (s: string) => string; readonly dim: (s: string) => string };
}

const ROUNDING_NAMES: Record<DisplayOptions['rounding'], string> = {
  'half-away-from-zero': 'half away from zero',
  'half-even': 'half to even',
  'half-up': 'half up',
  truncate: 'truncated',
};

/** A cell as plain text: figures rounded for display, money in committee style, no mark. */
export function cellText(cell: Cell | undefined, model: TableModel, opts: DisplayOptions): string {
  if (!cell) return '';
  switch (cell.kind) {
    case 'blank':
      return '';
    case 'text':
      return cell.text;
    case 'number': {
      const r = roundForDisplay(cell.value, { ...opts, dp: cell.dp ?? 0 });
      return `${r.isNegative() ? '-' : ''}${group(r.abs().toFixed(cell.dp ?? 0))}`;
    }
    case 'money': {
      if (cell.blankInText) return '';
      return formatCommittee(roundForDisplay(toShown(cell.value, model.units, opts), opts), opts, cell.deduction === true);
    }
  }
}

/**
 * A cell aligned for a column: a bracket or a space closes every money figure (and every number
 * that asks to align with money), then the mark slot.
 */
function displayCell(cell: Cell | undefined, model: TableModel, opts: DisplayOptions, markerSlot = 0): string {
  const s = cellText(cell, model, opts);
  if (s === '' || (cell?.kind !== 'money' && cell?.kind !== 'number')) return s;
  const closes = cell.kind === 'money' || cell.alignWithMoney === true;
  const aligned = closes && !s.endsWith(')') ? `${s} ` : s;
  return markerSlot ? `${aligned}${(cell.marker ?? '').padEnd(markerSlot)}` : aligned;
}

/** Width of the widest mark per column: every figure there gets a slot that wide, so digits align. */
function markerColumns(model: TableModel): Map<string, number> {
  const out = new Map<string, number>();
  // the columns' cells only: a slot is looked up by column
  for (const row of model.rows) {
    for (const { key } of model.columns) {
      const cell = row.cells[key];
      if ((cell?.kind === 'money' || cell?.kind === 'number') && cell.marker) out.set(key, Math.max(out.get(key) ?? 0, cell.marker.length));
    }
  }
  return out;
}

/** Notes about rounded figures that do not add up to their rounded totals. */
export function castingNotes(model: TableModel, opts: DisplayOptions): string[] {
  const notes: string[] = [];
  const identities = model.identities ?? [];
  if (identities.length === 0) return notes;
  const byId = new Map(model.rows.map((r) => [r.id, r]));
  for (const col of model.columns) {
    // each row's figure rounded once per column: a row is the total of one identity and a part of another
    const shown = new Map<string, Decimal>();
    const rounded = (id: string): Decimal => {
      let r = shown.get(id);
      if (r === undefined) {
        const c = byId.get(id)?.cells[col.key];
        r = c?.kind === 'money' ? roundForDisplay(toShown(c.value, model.units, opts), opts) : ZERO;
        shown.set(id, r);
      }
      return r;
    };
    /** An identity's rounded parts added up exactly, as one scaled integer: a register's identity has a part for every line. */
    const partsOf = (identity: (typeof identities)[number]): ExactSum => {
      const exact = new ExactSum();
      for (const p of identity.parts) exact.addDecimal(rounded(p));
      for (const p of identity.less ?? []) exact.addDecimal(rounded(p), true);
      return exact;
    };
    for (const identity of identities) {
      if (byId.get(identity.total)?.cells[col.key]?.kind !== 'money') continue;
      // the parts less the total, in the same sum: a decimal is made only for a note
      const difference = partsOf(identity);
      difference.addDecimal(rounded(identity.total), true);
      if (!difference.isZero()) {
        const partsSum = moneyOfSum(partsOf(identity));
        notes.push(
          `${col.header}: the rounded parts of ${identity.total} add to ${group(partsSum.abs().toFixed(opts.dp))}${partsSum.isNegative() ? ' (negative)' : ''}, not the rounded total; the total is computed exactly and then rounded.`,
        );
      }
    }
  }
  return notes;
}

function unitsCaption(model: TableModel, opts: DisplayOptions): string {
  return `${model.caption?.(shownUnits(model.units, opts)) ?? shownUnits(model.units, opts)}, rounded ${ROUNDING_NAMES[opts.rounding]}`;
}

export function tableAsText(model: TableModel, opts: RenderOptions): string {
  const bold = opts.style?.bold ?? ((s: string) => s);
  const slots = markerColumns(model);
  const head = model.columns.map((c) => terminalText(c.header));
  const cells = model.rows.map((row) =>
    model.columns.map((c) => terminalText(displayCell(row.cells[c.key], model, opts, slots.get(c.key) ?? 0))),
  );
  // trailing spaces go: trimEnd removes what /\s+$/ would (white space and line ends), without a pattern
  const lines = alignedColumns(
    [head, ...cells],
    model.columns.map((c) => c.align),
  ).map((l) => l.trimEnd());
  // a table without columns is one empty line
  const body = lines.length > 0 ? lines : [''];
  const out = [bold(terminalText(model.title)), `(${terminalText(unitsCaption(model, opts))})`, '', ...body];
  const notes = [...model.notes, ...castingNotes(model, opts)];
  if (notes.length) out.push('', ...notes.map((n) => `Note: ${terminalText(n)}`));
  return `${out.join('\n')}\n`;
}

export function tableAsMarkdown(model: TableModel, opts: DisplayOptions): string {
  const head = `| ${model.columns.map((c) => markdownText(c.header)).join(' | ')} |`;
  const rule = `|${model.columns.map((c) => (c.align === 'right' ? ' ---: ' : ' --- ')).join('|')}|`;
  const rows = model.rows.map(
    (r) =>
      `| ${model.columns
        .map((c) => {
          const shown = displayCell(r.cells[c.key], model, opts, 1).trim().replace(/ {2,}/g, ' ');
          const s = r.cells[c.key]?.kind === 'text' ? markdownText(shown) : shown;
          return r.emphasis === 'total' && s ? `**${s}**` : s;
        })
        .join(' | ')} |`,
  );
  const notes = [...model.notes, ...castingNotes(model, opts)];
  const out = [`### ${markdownText(model.title)}`, '', `*${markdownText(unitsCaption(model, opts))}*`, '', head, rule, ...rows];
  if (notes.length) out.push('', ...notes.map((n) => `> ${markdownText(n)}`));
  return `${out.join('\n')}\n`;
}
