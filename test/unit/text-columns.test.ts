import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { alignedColumns, textWidth } from '../../src/render/text-columns.js';

/** Every code point the one-column pattern accepts. */
const ONE_COLUMN_RANGES: readonly (readonly [number, number])[] = [
  [0x20, 0x7e],
  [0xa0, 0x17f],
  [0x370, 0x3ff],
  [0x2010, 0x2027],
  [0x2030, 0x205e],
  [0x20a0, 0x20c0],
  [0x2190, 0x22ff],
];
const oneColumn = ONE_COLUMN_RANGES.flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, i) => String.fromCodePoint(a + i)));

describe('text width', () => {
  it('agrees with string-width on every character it counts itself, and on text of them', () => {
    for (const ch of oneColumn) expect([ch, textWidth(ch)]).toEqual([ch, stringWidth(ch)]);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...oneColumn), { maxLength: 30 }), (chars) => {
        const s = chars.join('');
        expect(textWidth(s)).toBe(stringWidth(s));
      }),
    );
  });

  it('agrees with string-width on every UTF-16 code unit', () => {
    for (let c = 0; c <= 0xffff; c++) {
      const s = `a${String.fromCharCode(c)}`;
      expect([c, textWidth(s)]).toEqual([c, stringWidth(s)]);
    }
  });

  it('leaves wide characters, emoji and combining marks to string-width', () => {
    for (const s of ['古い', 'a😀b', 'e\u0301', '©\ufe0f', '£1,000 †']) expect(textWidth(s)).toBe(stringWidth(s));
    expect(textWidth('古い')).toBe(4);
  });
});

describe('aligned columns', () => {
  it('pads each column to its widest cell, on the side it is aligned, two spaces apart', () => {
    expect(
      alignedColumns(
        [
          ['', '2018/19'],
          ['Growth', '1,845 '],
          ['Savings £', '(4,755)'],
        ],
        ['left', 'right'],
      ),
    ).toEqual(['           2018/19', 'Growth      1,845 ', 'Savings £  (4,755)']);
  });

  it('measures wide characters by the columns they take, and gives an empty column one column', () => {
    expect(
      alignedColumns(
        [
          ['古', '', 'x'],
          ['ab', '', 'yy'],
        ],
        ['left', 'left', 'right'],
      ),
    ).toEqual(['古      x', 'ab     yy']);
  });

  it('writes no line for a row without cells', () => {
    expect(alignedColumns([[], []], [])).toEqual([]);
  });
});
