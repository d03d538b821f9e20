// Retained business rates arithmetic (model/business-rates.ts) against answers worked by hand:
// uprating compounds exactly, the levy applies only to growth above nil, the safety net tops income
// up to its share of the baseline funding level only when income falls below it, and a tariff
// authority's baseline funding level is its baseline less the tariff.

import { describe, expect, it } from 'vitest';
import { retainedBusinessRates, type BusinessRatesInputs } from '../../src/model/business-rates.js';
import type { FiscalYear } from '../../src/model/fiscal-year.js';
import { moneyFromText, rateFromText, toPlain, type Money } from '../../src/model/money.js';

const Y = ['2018/19', '2019/20', '2020/21', '2021/22'] as FiscalYear[];
const m = moneyFromText;
const byYear = <T>(xs: readonly T[]): Map<FiscalYear, T> => new Map(Y.map((y, i) => [y, xs[i] as T]));

/** The synthetic settlement fixture's inputs (test/fixtures/synthetic-settlement/council.yaml), in £000. */
const topUpAuthority: BusinessRatesInputs = {
  baseline: m('40000'),
  topUp: m('30000'),
  tariff: m('0'),
  multiplierChange: byYear(['0.03', '0.02', '0.02', '0.02'].map(rateFromText)),
  growth: byYear(['1000', '2000', '-8000', '-10000'].map(m)),
  levyRate: rateFromText('0.5'),
  safetyNet: rateFromText('0.925'),
};

const plain = (xs: Map<FiscalYear, Money | undefined>): string[] => Y.map((y) => toPlain(xs.get(y) as Money));

describe('retained business rates, a top-up authority with a levy and a safety net', () => {
  const r = retainedBusinessRates(topUpAuthority, Y);
  const pick = (f: (v: NonNullable<ReturnType<typeof r.get>>) => Money | undefined) => new Map(Y.map((y) => [y, f(r.get(y)!)]));

  it('uprates by the product of (1 + multiplier change), exactly', () => {
    // 1.03; 1.03 × 1.02 = 1.0506; × 1.02 = 1.071612; × 1.02 = 1.09304424
    expect(Y.map((y) => toPlain(r.get(y)!.uprating))).toEqual(['1.03', '1.0506', '1.071612', '1.09304424']);
    // baseline 40,000 × those: 41,200; 42,024; 42,864.48; 43,721.7696
    expect(plain(pick((v) => v.baseline))).toEqual(['41200', '42024', '42864.48', '43721.7696']);
    // top-up 30,000 × those: 30,900; 31,518; 32,148.36; 32,791.3272
    expect(plain(pick((v) => v.topUp))).toEqual(['30900', '31518', '32148.36', '32791.3272']);
    // baseline funding level = 70,000 × uprating: 72,100; 73,542; 75,012.84; 76,513.0968
    expect(plain(pick((v) => v.baselineFundingLevel))).toEqual(['72100', '73542', '75012.84', '76513.0968']);
  });

  it('takes the levy on growth above nil only', () => {
    // 50% × 1,000 = 500; 50% × 2,000 = 1,000; a fall pays no levy
    expect(plain(pick((v) => v.levy))).toEqual(['500', '1000', '0', '0']);
  });

  it('pays a safety net only where income falls below its share of the baseline funding level', () => {
    // 2018/19: 72,100 + 1,000 − 500 = 72,600 against 92.5% × 72,100 = 66,692.5: no payment
    // 2019/20: 73,542 + 2,000 − 1,000 = 74,542 against 68,026.35: no payment
    // 2020/21: 75,012.84 − 8,000 = 67,012.84 against 92.5% × 75,012.84 = 69,386.877: pays 2,374.037
    // 2021/22: 76,513.0968 − 10,000 = 66,513.0968 against 70,774.61454: pays 4,261.51774
    expect(plain(pick((v) => v.beforeSafetyNet))).toEqual(['72600', '74542', '67012.84', '66513.0968']);
    expect(plain(pick((v) => v.safetyNetThreshold))).toEqual(['66692.5', '68026.35', '69386.877', '70774.61454']);
    expect(plain(pick((v) => v.safetyNetPayment))).toEqual(['0', '0', '2374.037', '4261.51774']);
    // retained = income + payment: with the net biting, exactly the threshold
    expect(plain(pick((v) => v.retained))).toEqual(['72600', '74542', '69386.877', '70774.61454']);
  });
});

describe('retained business rates, a tariff authority without a levy or safety net', () => {
  it('is baseline − tariff + growth, each uprated', () => {
    const r = retainedBusinessRates(
      {
        baseline: m('90000'),
        topUp: m('0'),
        tariff: m('25000.5'),
        multiplierChange: byYear(['0.03', '0', '0', '-0.01'].map(rateFromText)),
        growth: byYear(['0', '500', '-2000', '-2000'].map(m)),
      },
      Y,
    );
    // uprating 1.03, 1.03, 1.03, 1.03 × 0.99 = 1.0197
    // 2018/19: (90,000 − 25,000.5) × 1.03 = 64,999.5 × 1.03 = 66,949.485; growth nil
    // 2019/20: 66,949.485 + 500 = 67,449.485 (no levy rate: nothing paid over)
    // 2020/21: 66,949.485 − 2,000 = 64,949.485 (no safety net: no payment)
    // 2021/22: 64,999.5 × 1.0197 = 64,999.5 + 1,280.49015 = 66,279.99015; − 2,000 = 64,279.99015
    expect(Y.map((y) => toPlain(r.get(y)!.retained))).toEqual(['66949.485', '67449.485', '64949.485', '64279.99015']);
    // tariff: 25,000.5 × 1.03 = 25,750.515; × 1.0197 = 25,000.5 + 492.50985 = 25,493.00985
    expect(Y.map((y) => toPlain(r.get(y)!.tariff))).toEqual(['25750.515', '25750.515', '25750.515', '25493.00985']);
    expect(Y.every((y) => r.get(y)!.safetyNetThreshold === undefined && r.get(y)!.safetyNetPayment.isZero())).toBe(true);
  });
});
