// Line-by-line diff of two MTFS vintages → table and JSON.

import { ZERO, toPlain } from '../model/money.js';
import { foundLabel, mark, type ScenarioDiff } from '../reports/diff/diff.js';
import { money, text, type TableModel } from './table-model.js';

export function diffTable(d: ScenarioDiff): TableModel {
  const years = d.commonYears;
  return {
    id: 'diff',
    title: `Lines of ${d.current.file} against ${d.previous.file}`,
    units: d.current.units,
    columns: [
      { key: 'ref', header: 'Ref', align: 'left' },
      { key: 'label', header: 'Description', align: 'left' },
      { key: 'written', header: 'Written', align: 'left' },
      { key: 'found', header: 'Found', align: 'left' },
      { key: 'agrees', header: 'Agrees', align: 'left' },
      ...years.map((y) => ({ key: y, header: `Δ ${y}`, align: 'right' as const })),
    ],
    rows: d.lines.map((l) => ({
      id: `line.${l.ref}`,
      cells: {
        ref: text(l.ref),
        label: text((l.current ?? l.previous)?.description ?? ''),
        written: text(l.current?.reconciling ? 'reconciling' : mark(l.written, d.current.classifications)),
        found: text(foundLabel(l.found)),
        agrees: text(l.agrees ? 'yes' : 'NO'),
        ...Object.fromEntries(years.map((y) => [y, money(l.change.get(y) ?? ZERO)])),
      },
    })),
    notes: [
      `Levels are compared in the years both cover (${years.join(', ') || 'none'}); Δ is current − previous.`,
      disagreement(d.lines.filter((l) => !l.agrees).length),
    ],
  };
}

const disagreement = (n: number): string =>
  n === 0
    ? 'Every written status agrees with the comparison.'
    : `${n} written status${n === 1 ? ' disagrees' : 'es disagree'} with the comparison.`;

export function diffAsJson(d: ScenarioDiff): unknown {
  return {
    previous: d.previous.file,
    current: d.current.file,
    common_years: d.commonYears,
    lines: d.lines.map((l) => ({
      ref: l.ref,
      description: (l.current ?? l.previous)?.description ?? null,
      written: l.written ?? null,
      found: l.found,
      agrees: l.agrees,
      change: Object.fromEntries(d.commonYears.map((y) => [y, toPlain(l.change.get(y) ?? ZERO)])),
    })),
  };
}
