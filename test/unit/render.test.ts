import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { Dec, type Money } from '../../src/model/money.js';
import { tablesAsCsv } from '../../src/render/csv.js';
import { spreadsheetText as neutralise } from '../../src/render/safe-text.js';
import { group } from '../../src/model/grouped-number.js';
import { formatCommittee, roundForDisplay } from '../../src/render/number.js';
import { money, text, type TableModel } from '../../src/render/table-model.js';
import { castingNotes, tableAsText } from '../../src/render/text-table.js';

const opts = { rounding: 'half-away-from-zero' as const, dp: 0 };

describe('committee number format', () => {
  it('groups digits in threes exactly as the lookahead pattern does, digits or not (property)', () => {
    const byPattern = (plainAbs: string): string => {
      const [int = '0', frac] = plainAbs.split('.');
      const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
      return frac ? `${grouped}.${frac}` : grouped;
    };
    const digits = fc.string({ unit: fc.constantFrom('0', '1', '5', '9'), maxLength: 30 });
    const texts = fc.oneof(
      fc.tuple(digits, fc.option(digits)).map(([i, f]) => (f === null ? i : `${i}.${f}`)),
      fc.string({ unit: fc.constantFrom('1', '2', '.', '-', 'a', ' ', '_'), maxLength: 12 }),
    );
    fc.assert(
      fc.property(texts, (t) => {
        expect(group(t)).toBe(byPattern(t));
      }),
      { numRuns: 3000 },
    );
    for (const t of ['', '0', '12', '123', '1234', '123456', '1234567', '.5', '1234.', '1234.5678']) expect(group(t)).toBe(byPattern(t));
  });

  it('groups, brackets negatives and prints a nil deduction as (0)', () => {
    expect(group('1234567.5')).toBe('1,234,567.5');
    expect(formatCommittee(new Dec('-4755'), opts)).toBe('(4,755)');
    expect(formatCommittee(new Dec('0'), opts, true)).toBe('(0)');
    expect(formatCommittee(new Dec('0'), opts)).toBe('0');
    expect(formatCommittee(roundForDisplay(new Dec('-0.4'), opts), opts)).toBe('0');
  });
});

const model = (values: readonly string[][]): TableModel => ({
  id: 't',
  title: 'T',
  units: '£',
  columns: [
    { key: 'label', header: '', align: 'left' },
    { key: 'y', header: '2018/19', align: 'right' },
  ],
  rows: values.map(([id, v]) => ({ id: id!, cells: { label: text(id!), y: money(new Dec(v!)) } })),
  notes: [],
  identities: [{ total: 'total', parts: ['a', 'b'] }],
});

describe('rounding for display', () => {
  it('says when rounded figures do not cast, and not otherwise', () => {
    // £1,400 + £1,400 = £2,800, shown in £000 (`--units £000`): rounds to 1 + 1 vs 3
    const opts = { rounding: 'half-away-from-zero' as const, dp: 0, units: '£000' as const };
    expect(
      castingNotes(
        model([
          ['a', '1400'],
          ['b', '1400'],
          ['total', '2800'],
        ]),
        opts,
      ),
    ).toHaveLength(1);
    expect(
      castingNotes(
        model([
          ['a', '1000'],
          ['b', '2000'],
          ['total', '3000'],
        ]),
        opts,
      ),
    ).toEqual([]);
    expect(
      tableAsText(
        model([
          ['a', '1400'],
          ['b', '1400'],
          ['total', '2800'],
        ]),
        opts,
      ),
    ).toContain('Note: 2018/19: the rounded parts');
  });
});

describe('CSV', () => {
  it('neutralises formula text', () => {
    expect(neutralise('=HYPERLINK("http://x")')).toBe(`'=HYPERLINK("http://x")`);
    expect(neutralise('+1')).toBe("'+1");
    expect(neutralise('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutralise('\tx')).toBe("'\tx");
    expect(neutralise('Review of Direct Services')).toBe('Review of Direct Services');
  });

  it('round-trips exact amounts (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }), { minLength: 1, maxLength: 20 }),
        fc.nat({ max: 3 }),
        (xs, dp) => {
          const values = xs.map((b) => new Dec(b.toString()).dividedBy(10 ** dp) as Money);
          const m: TableModel = {
            ...model([]),
            rows: values.map((v, i) => ({ id: `r${i}`, cells: { label: text(`row, "${i}"`), y: money(v) } })),
          };
          const back = parse(tablesAsCsv([m]), { columns: true }) as Record<string, string>[];
          back.forEach((row, i) => {
            expect(new Dec(row.y!).equals(values[i]!)).toBe(true);
            expect(row.label).toBe(`row, "${i}"`);
          });
        },
      ),
    );
  });
});
