// Exact at any magnitude: sums, differences and controls of amounts written at the grammar's limits
// (24 significant digits, 30 decimal places) agree with an exact BigInt reference, and the rows a
// projection shows always add up, even where a demand driver's compounded costs have many digits.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAmountText, parseRateText } from '../../src/model/amount-text.js';
import { MAX_DECIMAL_PLACES, MAX_DIGITS, moneyFromText, sub, sum, toPlain } from '../../src/model/money.js';
import { memoryReader } from '../../src/load/reader.js';
import { runCli } from '../helpers/cli.js';

/** An exact rational with a power-of-ten denominator: value = n / 10^scale. */
interface Scaled {
  readonly n: bigint;
  readonly scale: number;
}
const SCALE = MAX_DECIMAL_PLACES + 40; // more places than any text here has
const parse = (text: string): bigint => {
  const neg = text.startsWith('-');
  const [i = '0', f = ''] = (neg ? text.slice(1) : text).split('.');
  const n = BigInt(i + f.padEnd(SCALE, '0'));
  return neg ? -n : n;
};
const show = ({ n, scale }: Scaled): string => {
  const neg = n < 0n;
  const digits = (neg ? -n : n).toString().padStart(scale + 1, '0');
  const int = digits.slice(0, digits.length - scale);
  const frac = digits.slice(digits.length - scale).replace(/0+$/, '');
  const text = frac ? `${int}.${frac}` : int;
  return text === '0' ? '0' : `${neg ? '-' : ''}${text}`;
};
const refSum = (texts: readonly string[]): string => show({ n: texts.reduce((a, t) => a + parse(t), 0n), scale: SCALE });

/** Amount text at an adversarial magnitude: 1 to 24 significant digits placed from 1e-30 to 1e23. */
const amountText = fc
  .record({
    negative: fc.boolean(),
    digits: fc.stringMatching(/^[1-9][0-9]{0,23}$/),
    places: fc.integer({ min: 0, max: MAX_DECIMAL_PLACES }),
  })
  .map(({ negative, digits, places }) => {
    const padded = digits.padStart(places + 1, '0');
    const int = padded.slice(0, padded.length - places).replace(/^0+(?=\d)/, '');
    const frac = padded.slice(padded.length - places);
    if (int.length > MAX_DIGITS) return int.slice(0, MAX_DIGITS);
    return `${negative ? '-' : ''}${int}${frac ? `.${frac}` : ''}`;
  })
  .filter((t) => parseAmountText(t).ok);

describe('exact at any magnitude', () => {
  it('sums amounts from 1e-30 to 1e23 side by side exactly', () => {
    fc.assert(
      fc.property(fc.array(amountText, { minLength: 1, maxLength: 40 }), (texts) => {
        const canon = texts.map((t) => {
          const r = parseAmountText(t);
          if (!r.ok) throw new Error(r.message);
          return r.canonical;
        });
        expect(toPlain(sum(canon.map(moneyFromText)))).toBe(refSum(canon));
      }),
      { numRuns: 500 },
    );
  });

  it('says a control matches exactly when, and only when, the exact sum equals it', () => {
    fc.assert(
      fc.property(fc.array(amountText, { minLength: 1, maxLength: 12 }), amountText, fc.boolean(), (lines, control, useSum) => {
        const exact = refSum(lines);
        const target = useSum && parseAmountText(exact).ok ? exact : control;
        const total = sum(lines.map(moneyFromText));
        expect(total.equals(moneyFromText(target))).toBe(parse(exact) === parse(target));
        expect(toPlain(sub(total, moneyFromText(target)))).toBe(show({ n: parse(exact) - parse(target), scale: SCALE }));
      }),
      { numRuns: 500 },
    );
  });

  it(`refuses more than ${MAX_DECIMAL_PLACES} decimal places, which no sum could keep exactly`, () => {
    expect(parseAmountText(`0.${'0'.repeat(MAX_DECIMAL_PLACES - 1)}1`).ok).toBe(true);
    expect(parseAmountText(`0.${'0'.repeat(MAX_DECIMAL_PLACES)}1`)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/decimal places/),
    });
    expect(parseRateText(`0.${'0'.repeat(MAX_DECIMAL_PLACES)}1`).ok).toBe(false);
  });
});

const scenario = (levels: string, controls: string): string => `authority: Test County Council
department: Adults
period: {from: 2018/19, to: 2019/20}
units: £000
original_budget: {amount: 100000000000000000000000, source: test}
lines:
  - ref: G1
    type: growth
    status: new
    description: A growth line
    service_area: Adult Social Care
    levels: ${levels}
    unstated: hold
    source: test
controls:
  source: test
  rows:
    net_budget: ${controls}
`;
const check = (text: string) => runCli(['check', 's.yaml'], { readFile: memoryReader(new Map([['s.yaml', text]])) });

describe('controls at the limits of the amount grammar', () => {
  it('does not match 1e23 against 1e23 plus a line of 1e-24', async () => {
    const r = await check(scenario('{2018/19: 0.000000000000000000000001}', '{2018/19: 100000000000000000000000}'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('difference +0.000000000000000000000001 £000');
  });

  it('matches when a tiny line returns to nothing the next year', async () => {
    const r = await check(scenario('{2018/19: 0.00000000000000004, 2019/20: 0}', '{2019/20: 100000000000000000000000}'));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});

/** subtotal + growth + savings = net budget, original + transfers = subtotal, each net budget opens the next year. */
function expectRowsAddUp(rows: ReadonlyMap<string, readonly bigint[]>): void {
  const at = (id: string) => rows.get(id) ?? [];
  const years = at('net_budget').length;
  expect(years).toBe(4);
  for (let i = 0; i < years; i++) {
    expect(at('original_budget')[i]! + at('transfers')[i]!).toBe(at('subtotal')[i]);
    expect(at('subtotal')[i]! + at('growth')[i]! + at('savings')[i]!).toBe(at('net_budget')[i]);
    if (i > 0) expect(at('original_budget')[i]).toBe(at('net_budget')[i - 1]);
  }
  // the uplift compounds: the figures really do carry more digits than 40
  expect(show({ n: at('net_budget')[3]!, scale: SCALE }).replace('.', '').length).toBeGreaterThan(40);
}

describe('rows a demand projection shows add up exactly', () => {
  const args = ['project', 'scenarios/2018-demand.yaml', '--set', 'mental_health.unit_cost_uplift=2.7512345%'];

  it('in CSV', async () => {
    const r = await runCli([...args, '--format', 'csv']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').slice(1);
    expectRowsAddUp(new Map(lines.map((l) => [l.split(',')[0]!, l.split(',').slice(2).map(parse)])));
  });

  it('in JSON', async () => {
    const r = await runCli([...args, '--format', 'json']);
    expect(r.code).toBe(0);
    const rows = (JSON.parse(r.stdout) as { rows: { id: string; values: Record<string, string> }[] }).rows;
    expectRowsAddUp(new Map(rows.map((row) => [row.id, Object.values(row.values).map(parse)])));
  });
});
