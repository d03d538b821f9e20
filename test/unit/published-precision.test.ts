// Published precision: rounding an exact figure to the step a source published it to, and the
// controls `mtfs check` compares at that precision (exact difference kept).

import { describe, expect, it } from 'vitest';
import { moneyFromText } from '../../src/model/money.js';
import { isMultipleOf, roundToPublished, stepInUnits } from '../../src/model/published-precision.js';
import { memoryReader } from '../../src/load/reader.js';
import { runCli } from '../helpers/cli.js';

const m = moneyFromText;

describe('published precision', () => {
  it('gives the step of each precision in the scenario units', () => {
    expect(stepInUnits('£0.1m', '£000').toFixed()).toBe('100');
    expect(stepInUnits('£000', '£').toFixed()).toBe('1000');
    expect(stepInUnits('£1', '£000').toFixed()).toBe('0.001');
  });

  it('rounds an exact figure to the published step by the named rule', () => {
    expect(roundToPublished(m('1234567.60'), '£000', '£', 'half-away-from-zero').toFixed()).toBe('1235000');
    expect(roundToPublished(m('12950'), '£0.1m', '£000', 'half-away-from-zero').toFixed()).toBe('13000');
    expect(roundToPublished(m('12950'), '£0.1m', '£000', 'half-even').toFixed()).toBe('13000');
    expect(roundToPublished(m('12850'), '£0.1m', '£000', 'half-even').toFixed()).toBe('12800');
    expect(roundToPublished(m('-1500'), '£000', '£', 'half-away-from-zero').toFixed()).toBe('-2000');
    expect(roundToPublished(m('1999.99'), '£000', '£', 'truncate').toFixed()).toBe('1000');
  });

  it('has a £100 step, as a table in £000 printed to one decimal place (Dover District Council, Budget Summary 2019/20: 7,215.6)', () => {
    expect(stepInUnits('£100', '£000').toFixed()).toBe('0.1');
    expect(roundToPublished(m('7215.5832354'), '£100', '£000', 'half-away-from-zero').toFixed()).toBe('7215.6');
    expect(roundToPublished(m('7215.5832354'), '£000', '£000', 'half-away-from-zero').toFixed()).toBe('7216');
    expect(isMultipleOf(m('7215.6'), '£100', '£000')).toBe(true);
    expect(isMultipleOf(m('7215.65'), '£100', '£000')).toBe(false);
  });

  it('knows a figure that cannot have been published to a step', () => {
    expect(isMultipleOf(m('13000'), '£0.1m', '£000')).toBe(true);
    expect(isMultipleOf(m('13050'), '£0.1m', '£000')).toBe(false);
  });
});

const scenario = (controls: string): string => `authority: Test County Council
department: Adults
period: {from: 2018/19, to: 2019/20}
units: £
original_budget: {amount: 1000000, source: test}
lines:
  - ref: G1
    type: growth
    status: new
    description: A growth line
    service_area: Adult Social Care
    levels: {2018/19: 10400}
    unstated: hold
    source: test
  - ref: S1
    type: saving
    status: new
    category: Departmental
    nature: Eff
    description: A saving line
    service_area: Adult Social Care
    levels: {2018/19: 0, 2019/20: 1600}
    source: test
${controls}`;

const reader = (text: string) => memoryReader(new Map([['x.yaml', text]]));

describe('mtfs check at the published precision', () => {
  it('passes a £000 control that only rounds to the figure, and prints the exact difference', async () => {
    const text = scenario(`controls:
  source: test
  published_to: £000
  rows:
    net_budget:
      2018/19: 1,010,000
    growth.total:
      2018/19: 10,000
    savings.nature.Eff:
      2019/20: {amount: 1600, published_to: £1}
`);
    const r = await runCli(['check', 'x.yaml'], { readFile: reader(text) });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'x.yaml: 3 controls match',
        '  net_budget 2018/19: 1,010,000 to the nearest £000; exactly 1,010,400 (+400 £)',
        '  growth.total 2018/19: 10,000 to the nearest £000; exactly 10,400 (+400 £)',
        '',
      ].join('\n'),
    );
  });

  it('fails a control that does not round to the figure, naming the inputs that feed the row', async () => {
    const text = scenario(`controls:
  source: test
  published_to: £000
  rows:
    net_budget:
      2019/20: 1,010,000
`);
    const r = await runCli(['check', 'x.yaml'], { readFile: reader(text) });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('x.yaml: 1 of 1 control differ\n');
    expect(r.stderr).toContain(
      'net_budget 2019/20: projected 1,008,800 (to the nearest £000, half-away-from-zero: 1,009,000), published 1,010,000',
    );
    expect(r.stderr).toContain('G1 (x.yaml:7)');
    expect(r.stderr).not.toContain('find the line that moved');
  });
});
