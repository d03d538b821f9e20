// `mtfs init`: the text of a neutral starter scenario (YAML with comments) and its line table (CSV),
// for any council and period. Pure: the controls are what the starter itself projects (loaded and
// projected from memory), so the files check at once and fail when a figure is changed.

import { error, type Diagnostic } from '../diagnostics/diagnostic.js';
import { memoryReader } from '../load/reader.js';
import { loadScenario } from '../load/scenario.js';
import { yearRange, previousYear, type FiscalYear } from '../model/fiscal-year.js';
import { formatPlainGrouped } from '../model/grouped-number.js';
import type { Money } from '../model/money.js';
import { projectScenario } from '../project/project.js';
import { csvField, yamlString } from './scenario-text.js';

/** The period `mtfs init` uses when none is given: fixed, so that the files never depend on the clock. */
export const DEFAULT_STARTER_PERIOD = { from: '2025/26' as FiscalYear, to: '2028/29' as FiscalYear };
export const DEFAULT_STARTER_COUNCIL = 'Example Council';
export const DEFAULT_STARTER_DEPARTMENT = 'Example Department';

export interface StarterOptions {
  readonly council: string;
  readonly department: string;
  readonly from: FiscalYear;
  readonly to: FiscalYear;
}

export interface StarterFiles {
  readonly scenario: string;
  readonly lines: string;
}

/** The file names `mtfs init` writes into its folder. */
export const STARTER_SCENARIO = 'scenario.yaml';
export const STARTER_LINES = 'lines.csv';

const SOURCE = 'Starter figure written by mtfs init: replace it with your own and say where it comes from';

/**
 * The starter files for `opts`. Amounts are in £000; every figure says it is a starter figure.
 * Diagnostics (code `internal`) only if the generated scenario did not load, which is a bug.
 */
export function starterFiles(opts: StarterOptions): { files?: StarterFiles; diagnostics: Diagnostic[] } {
  const years = yearRange(opts.from, opts.to);
  const lines = starterLines(years);
  const draft = starterScenario(opts, years, undefined);
  const read = memoryReader(
    new Map([
      [STARTER_SCENARIO, draft],
      [STARTER_LINES, lines],
    ]),
  );
  const loaded = loadScenario(STARTER_SCENARIO, read);
  if (!loaded.value) {
    const first = loaded.diagnostics[0];
    return {
      diagnostics: [
        error(
          'internal',
          `the starter scenario does not load: ${first ? first.message : 'no scenario'}`,
          undefined,
          'this is a bug in mtfs',
        ),
      ],
    };
  }
  const p = projectScenario(loaded.value);
  const net = p.rows.find((r) => r.id === 'net_budget')?.values;
  const gap = p.funding?.gap;
  if (!net || !gap) {
    return { diagnostics: [error('internal', 'the starter scenario projects no net budget or gap', undefined, 'this is a bug in mtfs')] };
  }
  return { files: { scenario: starterScenario(opts, years, { net, gap }), lines }, diagnostics: [] };
}

interface Controls {
  readonly net: ReadonlyMap<FiscalYear, Money>;
  readonly gap: ReadonlyMap<FiscalYear, Money>;
}

/** A level for year `i` (0-based) of `years`, as the CSV writes it. */
type Levels = (i: number, n: number) => string;

interface StarterLine {
  readonly ref: string;
  readonly type: 'growth' | 'saving';
  readonly category: string;
  readonly nature: string;
  readonly serviceArea: string;
  readonly description: string;
  readonly levels: Levels;
  readonly unstated: 'hold' | 'linear';
  readonly note: string;
}

const LINES: readonly StarterLine[] = [
  {
    ref: 'G1',
    type: 'growth',
    category: '',
    nature: '',
    serviceArea: 'Front-line services',
    description: 'Demand: more people using the service',
    // the first and last years only: the years between are a straight line
    levels: (i, n) => (i === 0 ? '500' : i === n - 1 ? String(500 + 300 * (n - 1)) : ''),
    unstated: 'linear',
    note: 'First and last years stated; the years between are estimated on a straight line.',
  },
  {
    ref: 'G2',
    type: 'growth',
    category: '',
    nature: '',
    serviceArea: 'All services',
    description: 'Pay and price inflation',
    levels: (i) => String(1200 * (i + 1)),
    unstated: 'hold',
    note: '',
  },
  {
    ref: 'S1',
    type: 'saving',
    category: 'Transformation',
    nature: 'Eff',
    serviceArea: 'Support services',
    description: 'Review of contracts',
    levels: (i) => (i === 0 ? '300' : i === 1 ? '600' : ''),
    unstated: 'hold',
    note: '300 in the first year rising to 600, ongoing.',
  },
  {
    ref: 'S2',
    type: 'saving',
    category: 'Departmental',
    nature: 'Inc',
    serviceArea: 'Front-line services',
    description: 'Fees and charges',
    levels: (i) => (i === 0 ? '100' : ''),
    unstated: 'hold',
    note: '',
  },
  {
    ref: 'S3',
    type: 'saving',
    category: 'Departmental',
    nature: 'SR',
    serviceArea: 'Front-line services',
    description: 'Reduced opening hours',
    levels: (i, n) => (i === Math.min(1, n - 1) ? '200' : ''),
    unstated: 'hold',
    note: 'A service reduction from the second year.',
  },
];

function starterLines(years: readonly FiscalYear[]): string {
  const header = ['ref', 'type', 'status', 'category', 'nature', 'service_area', 'description', ...years, 'unstated', 'source', 'note'];
  const rows = LINES.map((l) =>
    [
      l.ref,
      l.type,
      'new',
      l.category,
      l.nature,
      l.serviceArea,
      l.description,
      ...years.map((_, i) => l.levels(i, years.length)),
      l.unstated,
      SOURCE,
      l.note,
    ].map(csvField),
  );
  return [header, ...rows].map((r) => `${r.join(',')}\n`).join('');
}

function amountsBlock(indent: string, values: ReadonlyMap<FiscalYear, Money>, years: readonly FiscalYear[]): string {
  return years.map((y) => `${indent}${y}: ${formatPlainGrouped(values.get(y) as Money)}`).join('\n');
}

function starterScenario(opts: StarterOptions, years: readonly FiscalYear[], controls: Controls | undefined): string {
  const [first] = years as [FiscalYear, ...FiscalYear[]];
  const base = previousYear(first);
  const range = opts.from === opts.to ? opts.from : `${opts.from}–${opts.to}`;
  const bandD = years.map((y) => `        ${y}: {core: 2.99%, asc_precept: 0%}`).join('\n');
  const text = `# A starter Medium Term Financial Strategy scenario, written by \`mtfs init\`.
#
# Every figure below and in ${STARTER_LINES} is a made-up starter figure: replace each with your own
# and say where it comes from in its \`source:\` (document title, date and paragraph or table).
# Amounts are in £000 (\`units:\`); Band D is in £ and pence; the tax base is in Band D equivalents.
#
${usage([
  [`mtfs project ${STARTER_SCENARIO}`, 'the budget table, funding and the gap'],
  [`mtfs project ${STARTER_SCENARIO} --detail`, 'the growth and savings schedules and the funding detail'],
  [`mtfs check ${STARTER_SCENARIO}`, 'compares the projection with `controls:` (exit 1 on a difference)'],
  ['mtfs schema', 'the JSON Schema of this format, for editor completion'],
])}

authority: ${yamlString(opts.council)}
department: ${yamlString(opts.department)}
title: ${yamlString(`Medium Term Financial Strategy ${range}`)}
period: {from: ${opts.from}, to: ${opts.to}}
units: £000

# The department's budget for ${base}, before the first MTFS year.
original_budget:
  amount: 48,000
  source: ${yamlString(SOURCE)}

# Budget transfers and adjustments, by year (only the years that have one).
transfers:
  amounts:
    ${first}: 250
  source: ${yamlString(SOURCE)}

# Growth and saving lines, one per row. A line's figure in each year is its level (the total
# growth or saving in that year), not the change on the year before; \`unstated\` says how years
# left blank are filled: hold (carry the last level forward) or linear (a straight line).
line_files:
  - ${STARTER_LINES}

# The funding side: with it, \`mtfs project\` adds total funding, the gap, the cumulative gap and
# reserves. \`provenance\` says whether a figure is published, derived or an estimate.
funding:
  council_tax:
    tax_base:
      band_d_equivalents:
        ${first}: 25,000
      unstated: hold
      provenance: estimate
      source: ${yamlString(SOURCE)}
    band_d:
      # Band D grows by the core increase and the adult social care precept (where it applies) from
      # the ${base} Band D, rounded to the penny as \`rounding\` says; \`amount:\` gives Band D as set.
      base: {year: ${base}, amount: 1800.00}
      rounding: penny-half-up
      years:
${bandD}
      provenance: estimate
      source: ${yamlString(SOURCE)}
  business_rates:
    label: Business rates
    amounts:
      ${first}: 2,200
    unstated: hold
    provenance: estimate
    source: ${yamlString(SOURCE)}
  grants:
    # A grant for one year only: \`to:\` is its last year, so the gap shows the cliff after it.
    - id: one-off-grant
      label: One-off grant
      amounts:
        ${first}: 1,000
      to: ${first}
      provenance: estimate
      source: ${yamlString(SOURCE)}
  reserves:
    opening:
      amount: 5,000
      provenance: estimate
      source: ${yamlString(SOURCE)}
    minimum:
      amount: 2,500
      provenance: estimate
      source: ${yamlString(SOURCE)}
${controls ? controlsText(controls, years) : ''}`;
  return text;
}

/** Commands and what they do, as aligned comment lines. */
function usage(rows: readonly (readonly [string, string])[]): string {
  const width = Math.max(...rows.map(([c]) => c.length)) + 3;
  return rows.map(([c, what]) => `#   ${c.padEnd(width)}${what}`).join('\n');
}

function controlsText(controls: Controls, years: readonly FiscalYear[]): string {
  return `
# Published totals that \`mtfs check\` compares exactly with the projection. These are what the
# starter figures project, so that \`mtfs check\` passes at once: replace them with the totals of
# your published budget, and check then fails whenever the projection moves away from them.
controls:
  source: ${yamlString('Starter controls written by mtfs init: the totals the starter figures project')}
  rows:
    net_budget:
${amountsBlock('      ', controls.net, years)}
    gap:
${amountsBlock('      ', controls.gap, years)}
`;
}
