// `mtfs import WORKBOOK.xlsx`: reads a budget, growth or savings sheet with exceljs (loaded only
// for this command) and writes a scenario (and line table) into a folder, never over a file.

import { createRequire } from 'node:module';
import path from 'node:path';
import { Option, type Command } from 'commander';
import type ExcelJS from 'exceljs';
import { error, hasErrors } from '../../diagnostics/diagnostic.js';
import { guessKind, importedScenario, type ImportKind } from '../../render/imported-scenario.js';
import { readSheetTable, type SheetGrid } from '../../source/sheet-table.js';
import type { CommandContext } from '../command.js';
import type { Io } from '../io.js';
import { writeNewFiles } from '../new-files.js';
import { EXIT_INVALID, EXIT_OK, report, type ExitCode } from '../output.js';

export interface ImportCliOptions {
  readonly sheet?: string;
  readonly output: string;
  readonly kind?: ImportKind;
}

/** A cell's value as the text a person sees: numbers in their shortest form, formulas by their result. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('result' in value) return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('text' in value) return String(value.text);
    if ('error' in value) return String(value.error);
  }
  return '';
}

function grid(workbook: string, ws: ExcelJS.Worksheet): SheetGrid {
  const rows: string[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= ws.columnCount; c++) cells.push(cellText(row.getCell(c).value));
    rows.push(cells);
  }
  return { workbook, sheet: ws.name, rows };
}

export async function importCommand(io: Io, workbook: string, opts: ImportCliOptions): Promise<ExitCode> {
  const read = io.readFile(workbook);
  if (!read.ok) {
    const why = read.reason === 'not-found' ? 'no such file' : read.reason.replace(/-/g, ' ');
    report(
      io,
      [error(read.reason === 'not-found' ? 'file-not-found' : 'file-unreadable', `${workbook}: ${why}`, undefined, 'check the path')],
      new Map(),
    );
    return EXIT_INVALID;
  }
  const excel = createRequire(import.meta.url)('exceljs') as typeof ExcelJS;
  const book = new excel.Workbook();
  try {
    await book.xlsx.load(Buffer.from(read.bytes) as unknown as ArrayBuffer);
  } catch (e) {
    report(
      io,
      [
        error(
          'workbook',
          `${workbook} is not an Excel workbook (.xlsx): ${e instanceof Error ? e.message : String(e)}`,
          undefined,
          'save it from Excel as an .xlsx workbook',
        ),
      ],
      new Map(),
    );
    return EXIT_INVALID;
  }
  const sheets = book.worksheets;
  const ws = opts.sheet === undefined ? sheets[0] : sheets.find((s) => s.name === opts.sheet);
  if (!ws) {
    report(
      io,
      [
        error(
          'workbook',
          `${workbook} has no sheet ${opts.sheet ?? ''}`.trim(),
          undefined,
          `its sheets are ${sheets.map((s) => s.name).join(', ') || 'none'}`,
        ),
      ],
      new Map(),
    );
    return EXIT_INVALID;
  }
  const name = path.basename(workbook);
  const read2 = readSheetTable(grid(workbook, ws));
  if (!read2.table || hasErrors(read2.diagnostics)) {
    report(io, read2.diagnostics, new Map());
    return EXIT_INVALID;
  }
  const kind = opts.kind ?? guessKind(ws.name);
  const files = importedScenario(read2.table, { workbook: name, sheet: ws.name, kind, linesFile: 'lines.csv' });
  const targets = [
    { file: path.join(opts.output, 'scenario.yaml'), text: files.scenario },
    ...(files.lines !== undefined ? [{ file: path.join(opts.output, 'lines.csv'), text: files.lines }] : []),
  ];
  if (!writeNewFiles(io, opts.output, targets)) return EXIT_INVALID;

  const t = read2.table;
  io.stdout(
    `read ${t.rows.length} row${t.rows.length === 1 ? '' : 's'} and ${t.totals.length} total${t.totals.length === 1 ? '' : 's'} from ${name}, sheet ${ws.name} (${kind}), ${t.years[0]}–${t.years[t.years.length - 1]}\n` +
      `wrote ${targets.map((x) => x.file).join(' and ')}\n`,
  );
  return EXIT_OK;
}

/** Adds `mtfs import` to the program. */
export function register(program: Command, { io, exit }: CommandContext): void {
  program
    .command('import')
    .description('read a budget, growth or savings sheet of an Excel workbook into a scenario (and line table)')
    .argument('<workbook>', 'an .xlsx workbook')
    .option('--sheet <name>', 'the sheet to read (default: the first)')
    .addOption(new Option('--kind <kind>', 'what the sheet holds (default: from its name)').choices(['budget', 'growth', 'saving']))
    .option('-o, --output <folder>', 'the folder to write scenario.yaml (and lines.csv) into', '.')
    .action(async (workbook: string, o: ImportCliOptions) => exit(await importCommand(io, workbook, o)));
}
