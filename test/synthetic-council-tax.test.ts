// Golden transcripts of the synthetic council tax fixtures: a council tax requirement whose Band D
// needs rounding, £000 and £0.1m controls that pass only at their published precision, and Band D
// derived across the start of the adult social care precept (2016/17).

import { describe, expect, it } from 'vitest';
import { runCli, transcript } from './helpers/cli.js';

const DIR = 'test/fixtures/synthetic-council-tax';
const cases = [
  { name: 'requirement.check', argv: ['check', `${DIR}/requirement.yaml`] },
  { name: 'requirement.project-detail', argv: ['project', `${DIR}/requirement.yaml`, '--detail'] },
  { name: 'band-d-2015.check', argv: ['check', `${DIR}/band-d-2015.yaml`] },
  { name: 'band-d-2015.project-detail', argv: ['project', `${DIR}/band-d-2015.yaml`, '--detail'] },
];

describe('synthetic council tax fixtures', () => {
  it.each(cases)('$name', async ({ name, argv }) => {
    const r = await runCli(argv);
    expect(r.code).toBe(0);
    await expect(transcript(argv, r)).toMatchFileSnapshot(`./golden/synthetic-council-tax/${name}.txt`);
  });
});

describe('the adult social care precept', () => {
  it('is refused before 2016/17, when it began, with the fix in the hint', async () => {
    const { readFileSync } = await import('node:fs');
    const { memoryReader } = await import('../src/load/reader.js');
    const file = `${DIR}/band-d-2015.yaml`;
    const text = readFileSync(file, 'utf8').replace('2015/16: {core: 1.99%}', '2015/16: {core: 1.99%, asc_precept: 2%}');
    const r = await runCli(['check', file], { readFile: memoryReader(new Map([[file, text]])) });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error[band-d]: Band D 2015/16: the adult social care precept began in 2016/17');
    expect(r.stderr).toContain('remove `asc_precept` and give the increase as `core:`');
  });
});
