// scenarios/2018-council.yaml against the published Leicestershire figures it uses, typed here
// from reference leicestershire-public-figures.md (B1, B2, B4, B5, B6) independently of the file,
// and the iBCF what-if the README shows.

import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nodeReader } from '../src/cli/io.js';
import type { FileReader } from '../src/load/reader.js';
import { loadScenario } from '../src/load/scenario.js';
import { fiscalYear } from '../src/model/fiscal-year.js';
import { toPlain } from '../src/model/money.js';
import { projectScenario, rowValues } from '../src/project/project.js';

const FILE = 'scenarios/2018-council.yaml';
const project = (read: FileReader = nodeReader) => {
  const loaded = loadScenario(FILE, read);
  expect(loaded.diagnostics).toEqual([]);
  return projectScenario(loaded.value!);
};

describe(`${FILE} against the published figures`, () => {
  const p = project();
  const y2018 = fiscalYear(2018);

  it('has the published 2018/19 net budget (£361m) and is balanced in 2018/19', () => {
    expect(toPlain(rowValues(p, 'net_budget').get(y2018)!)).toBe('361000');
    expect(toPlain(rowValues(p, 'gap').get(y2018)!)).toBe('0');
  });

  it('shows the published remaining gap of £13m in 2021/22', () => {
    expect(toPlain(rowValues(p, 'gap').get(fiscalYear(2021))!)).toBe('13000');
  });

  it('uses the published Band D, with truncation reproducing 2018/19 and differing by 1p in 2019/20', () => {
    const ct = p.funding!.councilTax!;
    expect(toPlain(ct.get(y2018)!.bandD.used)).toBe('1242.6');
    expect(toPlain(ct.get(y2018)!.bandD.derived!.amount)).toBe('1242.6');
    expect(toPlain(ct.get(fiscalYear(2019))!.bandD.used)).toBe('1292.18');
    expect(toPlain(ct.get(fiscalYear(2019))!.bandD.derived!.amount)).toBe('1292.17');
  });

  it('counts the iBCF (£5.6m rising to £11.4m) and the £1.5m ASC support grant in 2018/19 only', () => {
    const grant = (id: string) => p.funding!.components.find((c) => c.id === id)!;
    expect(p.years.map((y) => toPlain(grant('grant.ibcf').values.get(y)!))).toEqual(['5600', '11400', '11400', '11400']);
    expect(p.years.map((y) => toPlain(grant('grant.asc-support-grant').values.get(y)!))).toEqual(['1500', '0', '0', '0']);
  });

  it('labels every figure that is not published', () => {
    const f = p.funding!.funding;
    expect(f.councilTax!.taxBase.provenance).toBe('estimate');
    expect(f.streams.map((s) => `${s.id}:${s.provenance}`)).toEqual([
      'business_rates:estimate',
      'ibcf:published',
      'asc-support-grant:published',
    ]);
    expect(f.councilTax!.collectionFund!.provenance).toBe('estimate');
    expect(f.reserves!.opening.provenance).toBe('estimate');
    expect(p.departments!.map((d) => (d.department.kind === 'levels' ? d.department.provenance : 'published'))).toEqual([
      'published',
      'derived',
    ]);
  });

  it('what if the iBCF stops at the end of 2019/20 (README)', () => {
    const text = fs
      .readFileSync(FILE, 'utf8')
      .replace('        2019/20: 11,400\n      unstated: hold\n', '        2019/20: 11,400\n      unstated: hold\n      to: 2019/20\n');
    const cliff = project((f) => (f === FILE ? { ok: true, bytes: new TextEncoder().encode(text) } : nodeReader(f)));
    expect(p.years.map((y) => toPlain(rowValues(cliff, 'gap').get(y)!))).toEqual(['0', '-2545.198', '16203.309', '24400']);
    expect(cliff.funding!.reserves!.exhausted).toBe('2021/22');
    expect(toPlain(rowValues(cliff, 'reserves_after_gap').get(fiscalYear(2021))!)).toBe('-23618.111');
  });
});
