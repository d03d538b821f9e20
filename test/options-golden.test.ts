// Golden files of `mtfs options`: the catalogue, the national yield of a mix, the costs of needs,
// sufficiency, and the local view under each basis, as tables, CSV, JSON and Markdown.

import { describe, expect, it } from 'vitest';
import { runCli, transcript } from './helpers/cli.js';

const INCOME_TAX = ['--option', 'income-tax-basic', '--option', 'income-tax-higher', '--option', 'income-tax-top'];
const EXISTING = ['--need', 'fair-price', '--need', 'inflation-demography', '--need', 'unmet-older', '--need', 'unmet-working-age'];
const COUNCIL = ['--authority', 'scenarios/2018-council.yaml'];

const CASES: readonly { name: string; args: readonly string[] }[] = [
  { name: 'catalogue', args: [] },
  { name: 'catalogue-csv', args: ['--format', 'csv'] },
  { name: 'income-tax', args: INCOME_TAX },
  { name: 'income-tax-csv', args: [...INCOME_TAX, '--format', 'csv'] },
  { name: 'income-tax-json', args: [...INCOME_TAX, '--format', 'json'] },
  { name: 'needs-existing', args: EXISTING },
  { name: 'needs-cap-and-floor', args: [...EXISTING, '--need', 'cap-and-floor'] },
  { name: 'needs-free-personal-care-csv', args: [...EXISTING, '--need', 'free-personal-care', '--format', 'csv'] },
  { name: 'sufficiency', args: [...INCOME_TAX, '--option', 'ni-all', ...EXISTING, '--need', 'free-personal-care', '--year', '2024/25'] },
  { name: 'sufficiency-markdown', args: [...INCOME_TAX, ...EXISTING, '--year', '2024/25', '--format', 'markdown'] },
  { name: 'local-asc-net-spend', args: [...INCOME_TAX, ...EXISTING, ...COUNCIL, '--basis', 'asc-net-spend'] },
  { name: 'local-asc-net-spend-csv', args: [...INCOME_TAX, ...EXISTING, ...COUNCIL, '--basis', 'asc-net-spend', '--format', 'csv'] },
  { name: 'local-population-json', args: ['--option', 'council-tax', ...COUNCIL, '--basis', 'population', '--format', 'json'] },
  { name: 'local-explicit-2024', args: [...EXISTING, '--need', 'cap-and-floor', ...COUNCIL, '--basis', 'explicit', '--share', '0.9%', '--year', '2024/25'] },
];

describe('mtfs options', () => {
  it.each(CASES)('$name', async ({ name, args }) => {
    const argv = ['options', ...args];
    const r = await runCli(argv);
    expect(r.code).toBe(0);
    await expect(transcript(argv, r)).toMatchFileSnapshot(`./golden/options.${name}.txt`);
  });
});
