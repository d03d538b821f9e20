// docs/provenance-2018.md lists every estimated, calibrated and reconciling figure of the shipped
// scenarios: this test loads each one and fails if a figure is missing from the page's section for it.

import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nodeReader } from '../src/cli/io.js';
import { loadScenario } from '../src/load/scenario.js';
import { isEstimate } from '../src/model/scenario.js';
import { projectScenario } from '../src/project/project.js';
import { realiseLoaded } from '../src/transform/variant.js';

const DOC = fs.readFileSync('docs/provenance-2018.md', 'utf8');
const SHIPPED = fs
  .readdirSync('scenarios')
  .filter((f) => f.endsWith('.yaml'))
  .sort();

/** The part of the page under the heading that names `file`. */
function sectionFor(file: string): string {
  const parts = DOC.split(/^## /m).slice(1);
  const found = parts.find((p) => (p.split('\n')[0] ?? '').includes(`scenarios/${file}`));
  if (!found) throw new Error(`docs/provenance-2018.md has no section for scenarios/${file}`);
  return found;
}

/** Every figure of a scenario that is estimated, calibrated or reconciling, by the name the page uses. */
function figuresToList(file: string): string[] {
  const s = realiseLoaded(loadScenario(`scenarios/${file}`, nodeReader)).value!;
  const p = projectScenario(s);
  const out: string[] = [];
  for (const l of s.lines) if (l.reconciling || [...l.levels.values()].some((v) => isEstimate(v.basis))) out.push(`\`${l.ref}\``);
  for (const c of p.funding?.components ?? []) if (c.provenance === 'estimate' || c.provenance === 'calibrated') out.push(`\`${c.id}\``);
  for (const d of p.departments ?? [])
    if (d.department.kind === 'levels' && d.department.provenance !== 'published') out.push(d.department.name);
  const r = s.funding?.reserves;
  const unpublished = (c: { readonly provenance: string } | undefined): boolean => c !== undefined && c.provenance !== 'published';
  if (unpublished(r?.opening)) out.push('`reserves.opening`');
  if (unpublished(r?.minimum)) out.push('`reserves.minimum`');
  for (const e of r?.earmarked ?? [])
    if ([e.opening, e.contributions.cited, e.uses.cited].some(unpublished)) out.push(`\`reserves.${e.id}\``);
  for (const o of r?.oneOff ?? []) if (unpublished(o)) out.push(`\`reserves.one_off.${o.id}\``);
  for (const d of s.drivers ?? []) {
    const params = [
      ['use_rate', d.users.kind === 'population' ? d.users.useRate.provenance : undefined],
      ['part_year', d.users.kind === 'cohort' ? d.users.partYear.provenance : undefined],
      ['unit_cost', d.unitCost.provenance],
      ['unit_cost_uplift', d.uplift.provenance],
    ] as const;
    for (const [name, pr] of params) if (pr && (pr.status === 'assumed' || pr.status === 'calibrated')) out.push(`\`${d.name}.${name}\``);
  }
  for (const i of s.inflation ?? []) {
    const marked = (pr: { status: string } | undefined): boolean => pr?.status === 'assumed' || pr?.status === 'calibrated';
    if (marked(i.base.provenance)) out.push(`\`${i.name}.base\``);
    if (i.rate.kind === 'given' && marked(i.rate.rate.provenance)) out.push(`\`${i.name}.rate\``);
    if (i.rate.kind === 'index' && [...i.rate.series.points.values()].some((pt) => marked(pt.provenance)))
      out.push(`\`${i.rate.series.name}\``);
    if (marked(i.passThrough?.provenance)) out.push(`\`${i.name}.pass_through\``);
    if (marked(i.onCosts?.provenance)) out.push(`\`${i.name}.on_costs\``);
    if (marked(i.pension?.provenance)) out.push(`\`${i.name}.pension\``);
  }
  return out;
}

describe('docs/provenance-2018.md', () => {
  it.each(SHIPPED)('names every estimated, calibrated and reconciling figure of scenarios/%s', (file) => {
    const section = sectionFor(file);
    const missing = figuresToList(file).filter((name) => !section.includes(name));
    expect(missing).toEqual([]);
  });

  it('the check can fail: a figure the page does not name is reported', () => {
    expect(sectionFor('2018.yaml').includes('`G99`')).toBe(false);
    expect(figuresToList('2018-council.yaml')).toContain('`business_rates`');
    expect(figuresToList('2018-central-inflation.yaml')).toContain('`lcc-mtfs-2018`');
  });
});
