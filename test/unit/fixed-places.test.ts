// A figure's text to a number of places (fixedPlaces, src/render/number.ts) is decimal.js's own
// `toFixed(dp)`, on random figures with fewer, as many and more places than are asked for.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec } from '../../src/model/money.js';
import { fixedPlaces } from '../../src/render/number.js';

describe('fixedPlaces', () => {
  it('gives what toFixed(dp) gives', () => {
    const figure = fc
      .tuple(fc.boolean(), fc.stringMatching(/^(0|[1-9]\d{0,20})$/), fc.stringMatching(/^\d{0,6}$/), fc.integer({ min: -30, max: 30 }))
      .map(
        ([negative, whole, fraction, exponent]) =>
          new Dec(`${negative ? '-' : ''}${whole}${fraction === '' ? '' : `.${fraction}`}e${exponent}`),
      );
    fc.assert(
      fc.property(figure, fc.integer({ min: 0, max: 6 }), (d, dp) => {
        expect(fixedPlaces(d, dp)).toBe(d.toFixed(dp));
      }),
      { numRuns: 10000 },
    );
    for (const text of ['0', '-0', '1', '-1', '1.5', '-1.5', '100', '0.001', '-0.001', '1e21', '-1e21', '123.4567'])
      for (let dp = 0; dp <= 4; dp++) expect(fixedPlaces(new Dec(text), dp)).toBe(new Dec(text).toFixed(dp));
  });
});
