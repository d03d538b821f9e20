// The general budget table: golden files of a synthetic neutral-layout scenario (restated base,
// several adjustment rows, lines as changes, a one-off line, reserves, a levy, capital financing),
// and properties of lines written as changes and of one-off lines.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fiscalYear, yearRange } from '../src/model/fiscal-year.js';
import { fillLevels, levelsFromChanges, oneOffLevels } from '../src/model/levels.js';
import { Dec, ZERO, type Money } from '../src/model/money.js';
import { runCli, transcript } from './helpers/cli.js';

const FIXTURE = 'test/fixtures/layout/neutral.yaml';
const CASES: readonly { name: string; argv: readonly string[] }[] = [
  { name: 'project', argv: ['project', FIXTURE] },
  { name: 'project-detail', argv: ['project', FIXTURE, '--detail'] },
  { name: 'project-csv', argv: ['project', FIXTURE, '--format', 'csv', '--detail'] },
  { name: 'project-json', argv: ['project', FIXTURE, '--format', 'json', '--detail'] },
  { name: 'explain-net-budget', argv: ['explain', FIXTURE, 'net_budget', '2025/26'] },
  { name: 'explain-restatement', argv: ['explain', FIXTURE, 'restatement', '2026/27'] },
];

describe('neutral layout (synthetic fixture)', () => {
  it.each(CASES)('$name', async ({ name, argv }) => {
    const r = await runCli(argv);
    expect(r.code).toBe(0);
    await expect(transcript(argv, r)).toMatchFileSnapshot(`./golden/layout/neutral.${name}.txt`);
  });
});

const here = { file: 't.yaml', line: 1, column: 1, endLine: 1, endColumn: 2 };
const years = yearRange(fiscalYear(2020), fiscalYear(2025));
const amount = fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n }).map((b) => new Dec(b.toString()).dividedBy(100) as Money);
/** Some years of the period, each with an amount. */
const statedYears = fc.array(fc.option(amount, { nil: undefined }), { minLength: years.length, maxLength: years.length });

describe('levels and changes', () => {
  it('a line written as changes projects as the same line written as levels (property)', () => {
    fc.assert(
      fc.property(statedYears, (amounts) => {
        const changes = years.flatMap((y, i) => (amounts[i] === undefined ? [] : [{ year: y, amount: amounts[i] as Money, origin: here }]));
        // the same line as levels: the running sum in every year from the first stated change
        let running = ZERO;
        const levels = years.flatMap((y, i) => {
          if (amounts[i] !== undefined) running = running.plus(amounts[i] as Money) as Money;
          return changes.some((c) => c.year <= y) ? [{ year: y, amount: running, origin: here }] : [];
        });
        const fromChanges = levelsFromChanges(years, changes);
        const fromLevels = fillLevels(years, levels, 'hold').levels;
        for (const y of years) expect(fromChanges.get(y)?.amount.equals(fromLevels.get(y)?.amount ?? ZERO)).toBe(true);
      }),
    );
  });

  it('a one-off line falls out the year after: its changes add up to nil after its last year (property)', () => {
    fc.assert(
      fc.property(statedYears, (amounts) => {
        const stated = years.flatMap((y, i) => (amounts[i] === undefined ? [] : [{ year: y, amount: amounts[i] as Money, origin: here }]));
        const levels = oneOffLevels(years, stated);
        years.forEach((y, i) => expect(levels.get(y)?.amount.equals(amounts[i] ?? ZERO)).toBe(true));
      }),
    );
  });
});
