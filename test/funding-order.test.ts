// Funding rows follow the order the scenario writes its `funding:` sections (and, within
// `council_tax:`, the collection fund before or after council tax as written), so a table can be
// entered in the order its source prints it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nodeReader } from '../src/cli/io.js';
import { memoryReader } from '../src/load/reader.js';
import { runCli } from './helpers/cli.js';

const OXFORDSHIRE = 'scenarios/examples/oxfordshire-2002.yaml';

async function componentIds(file: string, change: (t: string) => string = (t) => t): Promise<string[]> {
  const changed = memoryReader(new Map([[file, change(readFileSync(file, 'utf8'))]]));
  const r = await runCli(['project', file, '--format', 'json'], {
    readFile: (f, max) => (f === file ? changed(f, max) : nodeReader(f, max)),
  });
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout).funding.components.map((c: { id: string }) => c.id);
}

describe('funding order', () => {
  it('is the order of the calculation as written: grant, rates, collection fund, council tax required', async () => {
    expect(await componentIds(OXFORDSHIRE)).toEqual(['revenue_support_grant', 'business_rates', 'collection_fund', 'council_tax']);
  });

  it('follows the file when its sections are written in another order', async () => {
    // the council tax section moved to the top of `funding:`
    const councilTaxFirst = (t: string): string => {
      const block = t.slice(t.indexOf('  council_tax:\n'), t.indexOf('\ncontrols:'));
      return t.replace(block, '').replace('funding:\n', `funding:\n${block}`);
    };
    expect(await componentIds(OXFORDSHIRE, councilTaxFirst)).toEqual([
      'collection_fund',
      'council_tax',
      'revenue_support_grant',
      'business_rates',
    ]);
  });

  it('leaves a council that writes council tax first as it was (Leicestershire)', async () => {
    expect(await componentIds('scenarios/2018-council.yaml')).toEqual(['council_tax', 'collection_fund', 'business_rates']);
  });
});
