// A variant's `parameters:` change what `--set` changes (council tax rules, reserves, inflation), with
// the same figures as the same `--set` on the base, recorded as set by the variant; a path `--set`
// would refuse is an error located at the entry.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { nodeReader } from '../src/cli/io.js';
import { memoryReader } from '../src/load/reader.js';
import { runCli } from './helpers/cli.js';

const DIR = 'test/fixtures/variant-parameters';

/** The CSV figures only: the title and notes name the file. */
const figures = (csv: string): string => csv.split('\n').slice(1).join('\n');

describe('variant parameters', () => {
  it('council tax rules and reserves: the same figures as --set on the base, noted as set by the variant', async () => {
    const v = await runCli(['project', `${DIR}/council-rules.yaml`, '--format', 'csv']);
    const s = await runCli([
      'project',
      'scenarios/2018-council.yaml',
      '--set',
      'council_tax.tax_base_growth=0.25%',
      '--set',
      'reserves.opening=10000',
      '--format',
      'csv',
    ]);
    const base = await runCli(['project', 'scenarios/2018-council.yaml', '--format', 'csv']);
    expect(v.code, v.stderr).toBe(0);
    expect(figures(v.stdout)).toBe(figures(s.stdout));
    expect(figures(v.stdout)).not.toBe(figures(base.stdout));
    const text = await runCli(['project', `${DIR}/council-rules.yaml`]);
    expect(text.stdout).toContain(
      `Note: Set by the variant ${DIR}/council-rules.yaml: reserves.opening=10000 (the scenario has 14440) (a test of a smaller opening balance).`,
    );
    expect(text.stdout).not.toContain('--set');
  });

  it('inflation: a rate set by the variant builds the same lines as --set', async () => {
    const v = await runCli(['project', `${DIR}/inflation.yaml`, '--format', 'csv']);
    const s = await runCli([
      'project',
      'scenarios/2018-central-inflation.yaml',
      '--set',
      'inflation.all_services.rate=3%',
      '--format',
      'csv',
    ]);
    expect(v.code, v.stderr).toBe(0);
    expect(v.stdout).toContain('net_budget,Net budget,10440,21193.2,32268.996,43677.06588');
    expect(figures(v.stdout)).toBe(figures(s.stdout));
  });

  it('explain names the variant, not a command-line what-if, as the source of what it set', async () => {
    const cases = [
      {
        variant: ['explain', `${DIR}/inflation.yaml`, 'net_budget', '2019/20'],
        set: ['explain', 'scenarios/2018-central-inflation.yaml', 'net_budget', '2019/20', '--set', 'inflation.all_services.rate=3%'],
        text: 'inflation.all_services.rate=3%',
        reason: 'a test of the top of the range',
        file: `${DIR}/inflation.yaml`,
      },
      {
        variant: ['explain', `${DIR}/settlement.yaml`, 'business_rates.levy', '2019/20'],
        set: [
          'explain',
          'test/fixtures/synthetic-settlement/council.yaml',
          'business_rates.levy',
          '2019/20',
          '--set',
          'funding.retained_business_rates.levy_rate=40%',
        ],
        text: 'funding.retained_business_rates.levy_rate=40%',
        reason: 'a test of a higher levy',
        file: `${DIR}/settlement.yaml`,
      },
    ];
    for (const c of cases) {
      const v = await runCli(c.variant);
      const s = await runCli(c.set);
      expect(v.code, v.stderr).toBe(0);
      expect(v.stdout).toContain(`source: set by the variant ${c.file}: ${c.text} (${c.reason})`);
      expect(v.stdout).not.toContain('what-if');
      expect(s.stdout).toContain(`source: what-if: --set ${c.text}`);
    }
  });

  it('a department that is a variant: the council notes what it set', async () => {
    const file = 'scenarios/2018-council.yaml';
    const text = readFileSync(file, 'utf8').replace('scenario: 2018-central-inflation.yaml', `scenario: ../${DIR}/inflation.yaml`);
    expect(text).toContain(`../${DIR}/inflation.yaml`);
    const changed = memoryReader(new Map([[file, text]]));
    const r = await runCli(['project', file], { readFile: (f, max) => (f === file ? changed(f, max) : nodeReader(f, max)) });
    expect(r.stdout).toContain(
      `Note: Inflation held centrally: set by the variant ${DIR}/inflation.yaml: inflation.all_services.rate=3% (the scenario has index lcc-mtfs-2018) (a test of the top of the range).`,
    );
    const base = await runCli(['project', file]);
    expect(base.stdout).not.toContain('set by the variant');
  });

  it('an inflation driver or index series the scenario does not have: a guess, or the names there are', async () => {
    const cases: [string, string, string][] = [
      ['inflation.al_services.rate=3%', 'no inflation driver `al_services`', 'did you mean `inflation.all_services`?'],
      ['inflation.zzz.rate=3%', 'no inflation driver `zzz`', 'the inflation drivers are: all_services'],
      ['index.lcc-mtfs-201.2019/20=2%', 'no index series `lcc-mtfs-201`', 'did you mean `index.lcc-mtfs-2018`?'],
    ];
    for (const [set, message, hint] of cases) {
      const r = await runCli(['project', 'scenarios/2018-central-inflation.yaml', '--set', set]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`--set ${set}: ${message}\n = hint: ${hint}`);
    }
    const none = await runCli(['project', 'scenarios/2018.yaml', '--set', 'inflation.x.rate=1%']);
    expect(none.stderr).toContain('this scenario has no inflation drivers\n = hint: add an `inflation:` section');
  });

  it('compare shows what the variant changed', async () => {
    const r = await runCli(['compare', 'scenarios/2018-council.yaml', `${DIR}/council-rules.yaml`]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Total funding/);
  });

  it('a path --set would refuse is an invalid-value error at the entry, with the same hint', async () => {
    const r = await runCli(['project', `${DIR}/bad.yaml`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `${DIR}/bad.yaml:5:10: error[invalid-value]: parameters: council_tax.tax_base_growht=1%: council tax has no \`tax_base_growht\``,
    );
    expect(r.stderr).toContain('did you mean `tax_base_growth`?');
  });
});
