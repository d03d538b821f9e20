// Synthetic scenarios for `npm run bench`: a YAML file plus one CSV line table per scenario, with
// published controls computed exactly (in pence, with BigInt) so `mtfs check` must agree with them.
// Deterministic: a seeded generator, so the same arguments always give the same files.

import fs from 'node:fs';
import path from 'node:path';

/** A small seeded PRNG (mulberry32): the benchmark input never depends on the clock. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const YEARS = ['2018/19', '2019/20', '2020/21', '2021/22'];

const pounds = (pence) => {
  const sign = pence < 0n ? '-' : '';
  const abs = pence < 0n ? -pence : pence;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
};

/** Lines per CSV file: a table of more is split across files, each well under mtfs's per-file limit. */
export const LINES_PER_FILE = 200_000;

/**
 * Writes `<dir>/<name>.yaml` and its CSV line tables (`<name>-lines.csv`, or `<name>-lines-<n>.csv`
 * when there are more than `perFile` lines, LINES_PER_FILE unless given) with `lines` lines, and
 * returns the YAML path.
 * Levels are pounds and pence; the net budget control of each year is exact.
 */
export function generateScenario(dir, name, lines, seed = 1, authority = 'Synthetic County Council', perFile = LINES_PER_FILE) {
  const rand = prng(seed);
  fs.mkdirSync(dir, { recursive: true });
  const header = 'ref,type,status,category,nature,service_area,description,2018/19,2019/20,2020/21,2021/22,source';
  const natures = ['Eff', 'SR', 'Inc', 'SR/Eff'];
  const areas = ['Adult Social Care', 'Communities and Wellbeing', 'Public Health', 'Highways'];
  const original = 1_000_000_000n * 100n;
  const net = YEARS.map(() => original);
  const files = Math.max(1, Math.ceil(lines / perFile));
  const csvs = [];
  for (let f = 0; f < files; f++) {
    const rows = [header];
    const last = Math.min(lines, (f + 1) * perFile);
    for (let i = f * perFile + 1; i <= last; i++) {
      const saving = rand() < 0.5;
      const levels = [];
      let level = BigInt(Math.floor(rand() * 2_000_000));
      for (let y = 0; y < 4; y++) {
        levels.push(pounds(level));
        net[y] += saving ? -level : level;
        level += BigInt(Math.floor(rand() * 50_000));
      }
      rows.push(
        [
          `L${i}`,
          saving ? 'saving' : 'growth',
          'new',
          saving ? (rand() < 0.5 ? 'Transformation' : 'Departmental') : '',
          saving ? natures[Math.floor(rand() * natures.length)] : '',
          areas[Math.floor(rand() * areas.length)],
          `Synthetic line ${i}`,
          ...levels,
          'generated',
        ].join(','),
      );
    }
    const csv = files === 1 ? `${name}-lines.csv` : `${name}-lines-${f + 1}.csv`;
    fs.writeFileSync(path.join(dir, csv), `${rows.join('\n')}\n`);
    csvs.push(csv);
  }
  const yaml = [
    `authority: ${authority}`,
    'department: All departments',
    'period: {from: 2018/19, to: 2021/22}',
    'units: £',
    `original_budget: {amount: ${pounds(original)}, source: generated}`,
    `line_files: [${csvs.join(', ')}]`,
    'controls:',
    '  source: computed by bench/generate.mjs in exact integer pence',
    '  rows:',
    '    net_budget:',
    ...YEARS.map((y, i) => `      ${y}: ${pounds(net[i])}`),
    '',
  ].join('\n');
  const file = path.join(dir, `${name}.yaml`);
  fs.writeFileSync(file, yaml);
  return file;
}

/** `count` authorities of `lines` lines each (152 × 500 is every English social care authority). */
export function generateAuthorities(dir, count, lines) {
  return Array.from({ length: count }, (_, i) =>
    generateScenario(dir, `authority-${String(i + 1).padStart(3, '0')}`, lines, i + 1, `Synthetic Authority ${i + 1}`),
  );
}
