// scenarios/2018-council.yaml against the published Leicestershire figures it uses, typed here
// from reference leicestershire-public-figures.md (B1, B2, B4, B5, B6) independently of the file,
// and the iBCF what-if the README shows.

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

  it('is balanced in 2018/19 (seed 004 para 73), by the calibrated business rates and RSG', () => {
    expect(toPlain(rowValues(p, 'gap').get(y2018)!)).toBe('0');
    const br = p.funding!.funding.streams.find((s) => s.id === 'business_rates')!;
    expect(br.provenance).toBe('calibrated');
    expect(br.calibratedTo).toEqual(['gap 2018/19']);
  });

  it("derives Band D from the published 2017/18 £1,172.38 by the draft's 3.99%, 3.99%, 1.99%, 1.99%", () => {
    const ct = p.funding!.councilTax!;
    expect(p.years.map((y) => toPlain(ct.get(y)!.bandD.used))).toEqual(['1219.15', '1267.79', '1293.01', '1318.74']);
  });

  it('counts no iBCF as general funding: a conditional grant matched to Adults and Communities (it is paid into the BCF pool)', () => {
    expect(p.funding!.components.find((c) => c.id === 'grant.ibcf')).toBeUndefined();
    const ibcf = p.funding!.conditional.find((c) => c.id === 'grant.ibcf')!;
    expect(ibcf.stream?.conditional?.funds).toBe('Adults and Communities');
    // para 89: £5.6m in 2018/19, rising to £11.4m from 2019/20
    expect(p.years.map((y) => toPlain(ibcf.values.get(y)!))).toEqual(['5600', '11400', '11400', '11400']);
  });

  it("does not solve the other departments from a gap: the gap after 2018/19 is the model's", () => {
    expect(p.years.map((y) => toPlain(rowValues(p, 'gap').get(y)!))).toEqual(['0', '-5008.864', '-4300.077648912', '-2514.24228']);
  });

  it('labels every figure that is not published', () => {
    const f = p.funding!.funding;
    expect(f.councilTax!.taxBase.provenance).toBe('estimate');
    expect(f.streams.map((s) => `${s.id}:${s.provenance}`)).toEqual(['business_rates:calibrated', 'ibcf:published']);
    expect(f.councilTax!.collectionFund!.provenance).toBe('estimate');
    expect(f.reserves!.opening!.provenance).toBe('estimate');
    expect(p.departments!.map((d) => (d.department.kind === 'levels' ? d.department.provenance : `scenario ${d.department.name}`))).toEqual(
      ['scenario Adults and Communities', 'scenario Inflation held centrally', 'estimate'],
    );
  });

  it('holds inflation centrally: £348m (2017/18, B4) at a rate calibrated to the final MTFS\'s "around £34m" (B5)', () => {
    const dept = p.departments!.find((d) => d.department.name === 'Inflation held centrally')!;
    if (dept.department.kind !== 'scenario') throw new Error('not a scenario department');
    const item = dept.department.scenario.inflation![0]!;
    expect(item.base.amount.toFixed()).toBe('348000');
    if (item.rate.kind !== 'index') throw new Error('not an index');
    expect([...item.rate.series.points.values()].map((pt) => `${pt.value.toFixed()} ${pt.provenance.status}`)).toEqual(
      Array(4).fill('0.0236 calibrated'),
    );
    // 348,000 × (1.0236^4 − 1), exactly: about £34m
    expect(toPlain(dept.values.get(fiscalYear(2021))!)).toBe('34032.5372354976768');
  });

  it('keeps the totals of the stated years when inflation moves out of the other departments', () => {
    expect(toPlain(rowValues(p, 'net_budget').get(y2018)!)).toBe('361000');
    expect(toPlain(rowValues(p, 'net_budget').get(fiscalYear(2021))!)).toBe('386000');
  });
});
