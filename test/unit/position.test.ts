// The position word under the gap agrees with the figure printed beside it, and the call on
// reserves says when its rounded figure does not add across the rounded gaps.

import { describe, expect, it } from 'vitest';
import { moneyFromText, type Money } from '../../src/model/money.js';
import type { FiscalYear } from '../../src/model/fiscal-year.js';
import { position, type FundingProjection } from '../../src/project/funding.js';
import { cumulativeRoundingNote, positionRow } from '../../src/render/funding.js';

const years = ['2018/19', '2019/20', '2020/21'] as FiscalYear[];
const display = { rounding: 'half-away-from-zero' as const, dp: 0 };

function gaps(...xs: string[]): FundingProjection {
  const gap = new Map(years.map((y, i) => [y, moneyFromText(xs[i] ?? '0')]));
  let run = moneyFromText('0');
  const cumulativeGap = new Map<FiscalYear, Money>(
    years.map((y) => {
      run = run.plus(gap.get(y) ?? 0) as Money;
      return [y, run];
    }),
  );
  return { gap, cumulativeGap } as unknown as FundingProjection;
}

const words = (f: FundingProjection, withDisplay: boolean): string[] =>
  years.map((y) => {
    const c = positionRow(f, years, '£000', withDisplay ? display : undefined).cells[y];
    return c?.kind === 'text' ? c.text : '';
  });

describe('position', () => {
  it('distinguishes shortfall, balanced and surplus', () => {
    expect(position(moneyFromText('1'))).toBe('shortfall');
    expect(position(moneyFromText('0'))).toBe('balanced');
    expect(position(moneyFromText('-1'))).toBe('surplus');
  });

  it('follows the printed figure: a gap that rounds to 0 is balanced, whatever its sign', () => {
    const f = gaps('0.4', '-0.4', '-2545.198');
    expect(words(f, true)).toEqual(['balanced', 'balanced', 'surplus']);
    expect(words(f, false)).toEqual(['shortfall', 'surplus', 'surplus']);
  });

  it('notes a call on reserves that does not add across the rounded gaps', () => {
    expect(cumulativeRoundingNote(gaps('0.4', '0.4', '0.4'), years, '£000', display)).toEqual([
      'the call on reserves is the running sum of the exact gaps, rounded once; in 2019/20, 2020/21 it differs by rounding from the sum of the gaps as printed.',
    ]);
    expect(cumulativeRoundingNote(gaps('1', '2', '3'), years, '£000', display)).toEqual([]);
  });
});
