// TableModel → an accessible HTML table (caption, scoped headers), and HTML escaping. Money is
// shown in committee style in the units shown, rounded once here like every other text renderer.

import { shownUnits, type DisplayOptions } from './number.js';
import { htmlText } from './safe-text.js';
import type { TableModel } from './table-model.js';
import { castingNotes, cellText } from './text-table.js';

/** HTML escaping, as every format's text safety, lives in safe-text.ts. */
export const escapeHtml = htmlText;

/** A real table: caption, column headers with scope, the first text column as row headers. */
export function tableAsHtml(model: TableModel, opts: DisplayOptions): string {
  const firstText = model.columns.findIndex((c) => c.align === 'left');
  const head = model.columns.map((c) => `<th scope="col" class="${c.align}">${escapeHtml(c.header)}</th>`).join('');
  const body = model.rows
    .map((r) => {
      const cells = model.columns
        .map((c, i) => {
          const cell = r.cells[c.key];
          const content = escapeHtml(
            `${cellText(cell, model, opts)}${cell?.kind === 'money' && !cell.blankInText ? (cell.marker ?? '') : ''}`,
          );
          return i === firstText ? `<th scope="row" class="${c.align}">${content}</th>` : `<td class="${c.align}">${content}</td>`;
        })
        .join('');
      return `<tr id="${escapeHtml(`row-${model.id}-${r.id}`)}"${r.emphasis === 'total' ? ' class="total"' : ''}>${cells}</tr>`;
    })
    .join('\n');
  const notes = [...model.notes, ...castingNotes(model, opts)];
  return [
    `<table class="figures" id="table-${escapeHtml(model.id)}">`,
    `<caption>${escapeHtml(model.title)} <span class="units">(${escapeHtml(model.caption?.(shownUnits(model.units, opts)) ?? shownUnits(model.units, opts))})</span></caption>`,
    `<thead><tr>${head}</tr></thead>`,
    `<tbody>\n${body}\n</tbody>`,
    '</table>',
    ...(notes.length ? [`<ul class="notes">${notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`] : []),
  ].join('\n');
}
