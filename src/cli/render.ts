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

/** CSV of `models`, after a byte-order mark when `--bom` asks for one. */
export function csvText(io: Io, models: readonly TableModel[], units?: Units): string {
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
  models: readonly TableModel[],
  json: () => unknown,
  csvModels: readonly TableModel[] = models,
): string {
  switch (format) {
    case 'table': {
      const style = styler(io);
      return models.map((m) => tableAsText(m, { ...display, style })).join('\n');
    }
    case 'markdown':
      return models.map((m) => tableAsMarkdown(m, display)).join('\n');
    case 'csv':
      return csvText(io, csvModels, display.csvUnits);
    case 'json':
      return asJson(json());
  }
}
