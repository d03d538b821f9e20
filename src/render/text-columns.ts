// Terminal text in aligned columns: the layout of every borderless text table (render/text-table.ts).
// Cells are single-line text already made safe for a terminal; widths are terminal columns.

import stringWidth from 'string-width';

/**
 * Characters one terminal column wide, which string-width measures one by one: printable ASCII,
 * Latin-1 and Latin Extended-A letters and signs (£, §, ×, ÷, é), Greek (Δ), general punctuation
 * (–, —, ’, †, ‡, …), the currency signs, arrows (→) and mathematical operators (−, ≤).
 * Text made only of these is as wide as it is long, so string-width (and the emoji pattern it
 * compiles on first use) is left for the rest: wide East Asian characters, emoji, combining marks.
 */
const oneColumn = (c: number): boolean =>
  c <= 0x17f
    ? (c >= 0x20 && c <= 0x7e) || c >= 0xa0
    : (c >= 0x370 && c <= 0x3ff) ||
      (c >= 0x2010 && c <= 0x2027) ||
      (c >= 0x2030 && c <= 0x205e) ||
      (c >= 0x20a0 && c <= 0x20c0) ||
      (c >= 0x2190 && c <= 0x22ff);

/** How many terminal columns `text` takes, as string-width counts them. */
export const textWidth = (text: string): number => {
  for (let i = 0; i < text.length; i++) if (!oneColumn(text.charCodeAt(i))) return stringWidth(text);
  return text.length;
};

export type ColumnAlign = 'left' | 'right';

/**
 * Rows of cells as lines of text: each column as wide as its widest cell (at least one column),
 * each cell padded to that width on the side its alignment asks, columns two spaces apart.
 * Trailing spaces are kept (the caller decides). No line for a row without cells.
 */
export function alignedColumns(rows: readonly (readonly string[])[], aligns: readonly ColumnAlign[]): string[] {
  const widths = rows.map((row) => row.map(textWidth));
  const columnWidths: number[] = [];
  for (const row of widths) row.forEach((w, i) => (columnWidths[i] = Math.max(columnWidths[i] ?? 1, w)));
  const lines: string[] = [];
  rows.forEach((row, r) => {
    const line = row
      .map((cell, i) => {
        const padding = ' '.repeat(columnWidths[i]! - widths[r]![i]!);
        return aligns[i] === 'right' ? padding + cell : cell + padding;
      })
      .join('  ');
    if (line.length > 0) lines.push(line);
  });
  return lines;
}
