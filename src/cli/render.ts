// Turning TableModels into the text of one output format; shared by every command.

import { tablesAsCsv } from '../render/csv.js';
import { asJson } from '../render/json.js';
import type { TableModel } from '../render/table-model.js';
import { tableAsMarkdown, tableAsText } from '../render/text-table.js';
import type { DisplayOptions } from '../render/number.js';
import type { Units } from '../model/units.js';
import type { Io } from './io.js';
import { styler } from './output.js';

export type Format = 'table' | 'csv' | 'json' | 'markdown';
export const FORMATS: readonly Format[] = ['table', 'csv', 'json', 'markdown'];

/**
 * A table, or a function that makes it: a large one (a schedule of every line) is then made only
 * as it is rendered, and dropped before the next is made.
 */
export type LazyTable = TableModel | (() => TableModel);

const made = (m: LazyTable): TableModel => (typeof m === 'function' ? m() : m);

/** CSV of `models`, after a byte-order mark when `--bom` asks for one. */
export function csvText(io: Io, models: readonly LazyTable[], units?: Units): string {
  return `${io.csvBom ? '\uFEFF' : ''}${tablesAsCsv(models, units)}`;
}

/**
 * Renders `models` as table, Markdown or CSV; for JSON, `json()` builds the command's own document
 * (amounts as exact strings). `csvModels` may flatten tables that do not share columns.
 */
export function renderAs(
  io: Io,
  format: Format,
  display: DisplayOptions,
  models: readonly LazyTable[],
  json: () => unknown,
  csvModels: readonly LazyTable[] = models,
): string {
  switch (format) {
    case 'table': {
      const style = styler(io);
      return models.map((m) => tableAsText(made(m), { ...display, style })).join('\n');
    }
    case 'markdown':
      return models.map((m) => tableAsMarkdown(made(m), display)).join('\n');
    case 'csv':
      return csvText(io, csvModels, display.csvUnits);
    case 'json':
      return asJson(json());
  }
}
