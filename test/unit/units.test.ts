import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { moneyFromText } from '../../src/model/money.js';
import { convert, fromPounds, poundsPerUnit, toPounds, UNITS } from '../../src/model/units.js';
import { money, text, type TableModel } from '../../src/render/table-model.js';
import { tablesAsCsv } from '../../src/render/csv.js';
import { tableAsText } from '../../src/render/text-table.js';

describe('units', () => {
  it('scales £, £000 and £m to pounds exactly', () => {
    expect(UNITS.map(poundsPerUnit)).toEqual(['1', '1000', '1000000']);
    expect(toPounds(moneyFromText('101.5'), '£m').toFixed()).toBe('101500000');
    expect(fromPounds(moneyFromText('308284487.28'), '£000').toFixed()).toBe('308284.48728');
    expect(convert(moneyFromText('308284.48728'), '£000', '£m').toFixed()).toBe('308.28448728');
    expect(convert(moneyFromText('-0.1'), '£m', '£').toFixed()).toBe('-100000');
  });

  it('converts any amount there and back without losing a digit', () => {
    const amount = fc.tuple(fc.bigInt({ min: -(10n ** 24n), max: 10n ** 24n }), fc.integer({ min: 0, max: 6 })).map(([n, dp]) => {
      const digits = (n < 0n ? -n : n).toString().padStart(dp + 1, '0');
      const body = dp ? `${digits.slice(0, -dp)}.${digits.slice(-dp)}` : digits;
      return moneyFromText(`${n < 0n ? '-' : ''}${body}`.replace(/^(-?)0+(\d)/, '$1$2'));
    });
    const unit = fc.constantFrom(...UNITS);
    fc.assert(
      fc.property(amount, unit, unit, (a, from, to) => {
        expect(convert(convert(a, from, to), to, from).equals(a)).toBe(true);
        expect(toPounds(convert(a, from, to), to).equals(toPounds(a, from))).toBe(true);
      }),
    );
  });
});

const table = (units: TableModel['units'], value: string): TableModel => ({
  id: 't',
  title: 'T',
  units,
  columns: [
    { key: 'label', header: '', align: 'left' },
    { key: 'y', header: '2025/26', align: 'right' },
  ],
  rows: [{ id: 'net_budget', cells: { label: text('Net budget'), y: money(moneyFromText(value)) } }],
  notes: [],
});

describe('--units for display', () => {
  const opts = { rounding: 'half-away-from-zero' as const, dp: 0 };
  it('shows a table in its own units unless told otherwise', () => {
    expect(tableAsText(table('£', '1234567.89'), opts)).toContain('(£, rounded half away from zero)');
    expect(tableAsText(table('£', '1234567.89'), opts)).toContain('1,234,568');
    expect(tableAsText(table('£m', '101.55'), { ...opts, dp: 1 })).toContain('101.6');
  });

  it('converts exactly, then rounds once', () => {
    const shown = tableAsText(table('£', '1234567.89'), { ...opts, dp: 1, units: '£m' });
    expect(shown).toContain('(£m, rounded half away from zero)');
    expect(shown).toMatch(/Net budget +1\.2$/m);
    expect(tableAsText(table('£m', '0.0005'), { ...opts, units: '£' })).toContain('500');
  });

  it('converts CSV exactly only when asked', () => {
    expect(tablesAsCsv([table('£m', '101.55')])).toBe('id,label,y\nnet_budget,Net budget,101.55\n');
    expect(tablesAsCsv([table('£m', '101.55')], '£000')).toBe('id,label,y\nnet_budget,Net budget,101550\n');
  });
});
