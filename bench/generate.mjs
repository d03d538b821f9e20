// Generates a synthetic scenario with N lines (a YAML file plus one CSV line table) for benchmarks.
// Deterministic: a seeded generator, so the same N always gives the same files.

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

/** Writes `<dir>/<name>.yaml` and `<dir>/<name>-lines.csv` with `lines` lines; returns the YAML path. */
export function generateScenario(dir, name, lines, seed = 1) {
  const rand = prng(seed);
  fs.mkdirSync(dir, { recursive: true });
  const rows = ['ref,type,status,category,nature,service_area,description,2018/19,2019/20,2020/21,2021/22,source'];
  const natures = ['Eff', 'SR', 'Inc', 'Eff/SR'];
  const areas = ['Adult Social Care', 'Communities and Wellbeing', 'Public Health', 'Highways'];
  for (let i = 1; i <= lines; i++) {
    const saving = rand() < 0.5;
    const levels = [];
    let level = Math.floor(rand() * 2000000) / 100;
    for (let y = 0; y < 4; y++) {
      levels.push(level.toFixed(2));
      level += Math.floor(rand() * 50000) / 100;
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
  const csv = `${name}-lines.csv`;
  fs.writeFileSync(path.join(dir, csv), `${rows.join('\n')}\n`);
  const yaml = [
    'authority: Synthetic County Council',
    'department: All departments',
    'period: {from: 2018/19, to: 2021/22}',
    'units: £',
    'original_budget: {amount: 1000000000, source: generated}',
    `line_files: [${csv}]`,
    '',
  ].join('\n');
  const file = path.join(dir, `${name}.yaml`);
  fs.writeFileSync(file, yaml);
  return file;
}
