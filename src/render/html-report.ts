// The committee report: one self-contained HTML page (no scripts, no network) with the budget
// table, growth and savings schedules, funding and gap where present, SVG charts with text
// alternatives, risk where the scenario has assumption ranges, and an assumptions appendix.
// Prints on A4. Pure: same projection, same bytes.

import { natureKey } from '../model/classification.js';
import { riskAssumptions } from '../reports/risk/engine.js';
import type { FiscalYear } from '../model/fiscal-year.js';
import { ZERO, type Dec, type Money } from '../model/money.js';
import { isEstimate, type Scenario } from '../model/scenario.js';
import type { Projection } from '../project/project.js';
import { natureOrder, NOT_CLASSIFIED, subtotals } from '../project/subtotals.js';
import type { RiskResult } from '../reports/risk/monte-carlo.js';
import type { Sensitivity } from '../reports/risk/sensitivity.js';
import { escapeHtml, tableAsHtml } from './html.js';
import { roundForDisplay, shownUnits, toShown, type DisplayOptions } from './number.js';
import { inflationTables } from './inflation.js';
import { describeScenario, scheduleName, scheduleTable, showsSchedule, summaryTable, underDevelopmentTable } from './projection.js';
import { departmentMark, fundingTable, fundingTotalMark } from './funding.js';
import { reservesTable } from './reserves.js';
import { departmentGrossIncomeTables, grossIncomeTable } from './gross-income.js';
import { appliesInWords, RISK_METHOD, riskTable, sensitivityTable, shown } from './risk.js';
import { executiveSummary, joinWords } from './report-summary.js';
import { CALIBRATED_MARK, ESTIMATE_MARK, type Pointers } from './marks.js';
import { longDate } from '../model/calendar-date.js';
import { group } from '../model/grouped-number.js';
import { appliesTo } from '../load/assumptions.js';
import { barChart, rangeChart } from './svg-chart.js';
import { natureLabel } from '../model/scenario.js';

interface ReportInput {
  readonly projection: Projection;
  readonly sensitivity?: Sensitivity;
  readonly risk?: RiskResult;
  readonly display: DisplayOptions;
  readonly version: string;
  /** The technical appendix (files and lines, ids, methods); a committee copy may leave it out. */
  readonly appendix: boolean;
}

const STYLE = `
:root { color-scheme: light; }
body { font-family: Arial, Helvetica, sans-serif; color: #111; margin: 0 auto; max-width: 1040px; padding: 16px; line-height: 1.35; }
h1 { font-size: 1.5rem; margin: 0 0 4px; } h2 { font-size: 1.15rem; border-bottom: 2px solid #1f4e79; padding-bottom: 2px; margin-top: 28px; }
.meta { color: #444; font-size: 0.9rem; }
table.figures { border-collapse: collapse; margin: 8px 0; font-size: 0.85rem; width: 100%; }
table.figures caption { text-align: left; font-weight: bold; padding: 4px 0; }
table.figures th, table.figures td { border-bottom: 1px solid #ccc; padding: 3px 6px; vertical-align: top; }
table.figures thead th { background: #e8eef5; border-bottom: 2px solid #1f4e79; }
table.figures .right { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
table.figures .left { text-align: left; }
table.figures tbody th { font-weight: normal; }
table.figures tr.total th, table.figures tr.total td { font-weight: bold; border-top: 1px solid #111; }
.units { font-weight: normal; color: #444; }
ul.notes { font-size: 0.8rem; color: #333; margin: 2px 0 12px; padding-left: 18px; }
figure { margin: 12px 0; } figcaption { font-size: 0.85rem; color: #333; }
svg { max-width: 100%; height: auto; } svg .grid { stroke: #ddd; } svg .axis { stroke: #111; }
svg .tick, svg .legend { font: 11px Arial, Helvetica, sans-serif; fill: #111; }
.status { font-weight: bold; color: #7f1d1d; text-transform: uppercase; letter-spacing: 0.04em; margin: 0 0 6px; }
section#summary ul { margin: 4px 0 10px; padding-left: 20px; } section#summary li { margin: 3px 0; }
h3 { font-size: 1rem; margin: 14px 0 4px; }
footer { margin-top: 32px; font-size: 0.8rem; color: #444; border-top: 1px solid #ccc; padding-top: 8px; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 9pt; }
  table.figures { font-size: 7.5pt; page-break-inside: auto; }
  tr, figure, ul.notes { page-break-inside: avoid; }
  h2 { page-break-after: avoid; }
  section.appendix { page-break-before: always; }
}
`.trim();

/** A figure as shown (in the units shown, rounded once), as a chart coordinate. */
const chartValue = (d: Dec, p: Projection, opts: DisplayOptions): number =>
  Number(roundForDisplay(toShown(d, p.scenario.units, opts), opts).toFixed(opts.dp));

function section(id: string, heading: string, body: string[], appendix = false): string {
  return [`<section id="${id}"${appendix ? ' class="appendix"' : ''}>`, `<h2>${escapeHtml(heading)}</h2>`, ...body, '</section>'].join(
    '\n',
  );
}

function figure(svg: string, caption: string): string {
  return `<figure>\n${svg}\n<figcaption>${escapeHtml(caption)}</figcaption>\n</figure>`;
}

function rowSeries(p: Projection, id: string, opts: DisplayOptions): number[] | undefined {
  const row = p.rows.find((r) => (r.id as string) === id);
  return row ? p.years.map((y) => chartValue(row.values.get(y) ?? ZERO, p, opts)) : undefined;
}

/** A file's own name, without the folders it sits in: the report never shows where files live. */
const fileName = (file: string): string => file.split(/[\\/]/).pop() ?? file;

const place = (o: { file: string; line: number }): string => `${fileName(o.file)}:${o.line}`;

/** The technical appendix: methods, files and lines, ids. Left out with `appendix: false`. */
function technicalAppendix(s: Scenario, input: ReportInput): string[] {
  const out: string[] = [];
  out.push(
    '<h3>Method</h3>',
    '<ul>',
    `<li>${escapeHtml(`Read from ${s.inputs.map(fileName).join(', ')} by mtfs ${input.version}.`)}</li>`,
    `<li>${escapeHtml(`Every figure is computed exactly and rounded once for display (${input.display.rounding}).`)}</li>`,
    ...(input.risk
      ? [
          `<li>${escapeHtml(`Risk: ${input.risk.draws} draws with random seed ${input.risk.seed}, every range drawn independently. ${RISK_METHOD}`)}</li>`,
        ]
      : []),
    '</ul>',
  );
  const ranges = riskAssumptions(s);
  out.push('<h3>Ranges</h3>');
  if (ranges.length === 0) {
    out.push('<p>This scenario states no ranges for its assumptions.</p>');
  } else {
    out.push(
      '<table class="figures" id="assumption-ranges"><caption>Assumption ranges (factors on the planned levels, where 100% is as planned; or values of a demand driver parameter)</caption>',
      '<thead><tr><th scope="col" class="left">Assumption</th><th scope="col" class="left">Id</th><th scope="col" class="left">Applies to</th><th scope="col" class="right">Low</th><th scope="col" class="right">Likely</th><th scope="col" class="right">High</th><th scope="col" class="left">Source or reason</th><th scope="col" class="left">Written at</th></tr></thead><tbody>',
      ...ranges.map(
        (a) =>
          `<tr><th scope="row" class="left">${escapeHtml(a.description)}</th><td class="left">${escapeHtml(a.id)}</td><td class="left">${escapeHtml(appliesTo(a))}</td><td class="right">${escapeHtml(shown(a, a.factor.low))}</td><td class="right">${escapeHtml(shown(a, a.factor.likely))}</td><td class="right">${escapeHtml(shown(a, a.factor.high))}</td><td class="left">${escapeHtml(a.source)}</td><td class="left">${escapeHtml(place(a.origin))}</td></tr>`,
      ),
      '</tbody></table>',
      '<ul class="notes"><li>Uniform between low and high where no likely value is given, triangular otherwise. A line takes the first range that selects it.</li></ul>',
    );
  }
  out.push(
    '<h3>Where each figure is written</h3>',
    '<table class="figures" id="line-sources"><caption>The file and line of each figure</caption><thead><tr><th scope="col" class="left">Figure</th><th scope="col" class="left">Written at</th></tr></thead><tbody>',
    ...sourcedFigures(s).map(
      (x) => `<tr><th scope="row" class="left">${escapeHtml(x.what)}</th><td class="left">${escapeHtml(place(x.origin))}</td></tr>`,
    ),
    '</tbody></table>',
  );
  return out;
}

interface SourcedFigure {
  readonly what: string;
  readonly source: string;
  readonly origin: { readonly file: string; readonly line: number };
}

function sourcedFigures(s: Scenario): SourcedFigure[] {
  return [
    ...s.lines.map((l) => ({ what: `${l.ref} ${l.description}`, source: l.source, origin: l.origin })),
    ...(s.departments ?? []).map((d) => ({
      what: d.name,
      source: d.kind === 'scenario' ? `the net budget of the ${d.name} scenario` : `${d.provenance}: ${d.source}`,
      origin: d.origin,
    })),
    ...(s.funding?.councilTax
      ? [
          {
            what: 'Tax base',
            source: `${s.funding.councilTax.taxBase.provenance}: ${s.funding.councilTax.taxBase.source}`,
            origin: s.funding.councilTax.taxBase.origin,
          },
          {
            what: 'Band D',
            source: `${s.funding.councilTax.bandD.provenance}: ${s.funding.councilTax.bandD.source}`,
            origin: s.funding.councilTax.bandD.origin,
          },
        ]
      : []),
    ...(s.funding?.streams ?? []).map((st) => ({ what: st.label, source: `${st.provenance}: ${st.source}`, origin: st.origin })),
  ];
}

/** The inputs of inflation drivers that are assumed or calibrated, each with its source. */
function inflationEstimates(s: Scenario): string[] {
  const out: string[] = [];
  const add = (what: string, pr: { status: string; source: string } | undefined): void => {
    if (pr && (pr.status === 'assumed' || pr.status === 'calibrated')) out.push(`${what}: ${pr.status}, ${pr.source}`);
  };
  for (const i of s.inflation ?? []) {
    add(`Inflation ${i.name}, base`, i.base.provenance);
    if (i.rate.kind === 'given') add(`Inflation ${i.name}, rate`, i.rate.rate.provenance);
    else {
      const series = i.rate.series;
      for (const [y, pt] of series.points) if (s.years.includes(y)) add(`Index ${series.name} ${y}`, pt.provenance);
    }
    add(`Inflation ${i.name}, pass-through`, i.passThrough?.provenance);
    add(`Inflation ${i.name}, on-costs`, i.onCosts?.provenance);
    add(`Inflation ${i.name}, pension contribution`, i.pension?.provenance);
  }
  return out;
}

/** Assumptions, estimates, reconciling lines and sources: part of the committee paper itself. */
function assumptionsSection(s: Scenario, p: Projection): string[] {
  const out: string[] = [];
  const ranges = riskAssumptions(s);
  out.push('<h3>Assumption ranges</h3>');
  out.push(
    ranges.length === 0
      ? '<p>This scenario states no ranges for its assumptions.</p>'
      : `<ul>${ranges
          .map(
            (a) =>
              `<li>${escapeHtml(`${a.description}: ${shown(a, a.factor.low)} to ${shown(a, a.factor.high)}${a.factor.likely ? `, most likely ${shown(a, a.factor.likely)}` : ''}, on ${appliesInWords(a)}.`)}</li>`,
          )
          .join('')}</ul>`,
  );
  const how = (basis: string): string =>
    basis === 'linear'
      ? 'straight line between stated figures, rounded to whole units'
      : basis === 'growth'
        ? 'grown by a stated rate, rounded to whole units'
        : 'the earlier stated figure held';
  const estimates = [
    ...s.lines.flatMap((l) =>
      p.years
        .filter((y) => isEstimate(l.levels.get(y)?.basis ?? 'stated'))
        .map((y) => `${l.ref} ${l.description}, ${y}: ${how(l.levels.get(y)?.basis ?? '')}`),
    ),
    ...(p.departments ?? []).flatMap((d) =>
      p.years.filter((y) => isEstimate(d.bases.get(y) ?? 'stated')).map((y) => `${d.department.name} ${y}: ${how(d.bases.get(y) ?? '')}`),
    ),
    ...(p.funding?.components ?? []).flatMap((c) =>
      p.years.filter((y) => isEstimate(c.bases.get(y) ?? 'stated')).map((y) => `${c.label} ${y}: ${how(c.bases.get(y) ?? '')}`),
    ),
    ...inflationEstimates(s),
  ];
  out.push('<h3>Figures the sources do not state</h3>');
  out.push(
    estimates.length
      ? `<ul>${estimates.map((e) => `<li>${escapeHtml(e)}</li>`).join('')}</ul>`
      : '<p>None: every year of every figure is stated.</p>',
  );
  const reconciling = s.lines.filter((l) => l.reconciling);
  out.push('<h3>Reconciling lines</h3>');
  out.push(
    reconciling.length
      ? `<ul>${reconciling.map((l) => `<li><strong>${escapeHtml(l.ref)}</strong> ${escapeHtml(l.description)}: ${escapeHtml(l.note ?? '')}</li>`).join('')}</ul>`
      : '<p>None.</p>',
  );
  out.push(
    '<h3>Sources</h3>',
    '<table class="figures" id="figure-sources"><caption>Where each figure comes from</caption><thead><tr><th scope="col" class="left">Figure</th><th scope="col" class="left">Source</th></tr></thead><tbody>',
    ...sourcedFigures(s).map(
      (x) => `<tr><th scope="row" class="left">${escapeHtml(x.what)}</th><td class="left">${escapeHtml(x.source)}</td></tr>`,
    ),
    '</tbody></table>',
  );
  return out;
}

/** Notes in the committee paper point to its own sections, never to a command or an option. */
const COMMITTEE_POINTERS: Pointers = {
  more: 'see the schedules and Assumptions and sources',
  fundingSources: 'sources and derivations under Assumptions and sources',
  demand: 'each is projected users × unit cost',
  departmentNote: () => 'see Assumptions and sources',
  whatIf: (set) => `What-if applied to these figures: ${set.replace(/=/, ' set to ')}.`,
  options: 'they are options for closing the gap',
};

const signed = (n: number): string => (n < 0 ? `(${group(String(-n))})` : group(String(n)));

const list = (items: readonly string[]): string => `<ul>\n${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('\n')}\n</ul>`;

/** What the gap chart's bars rest on: the marks of the funding they include, said in words. */
function gapChartMarks(p: Projection): string {
  const f = p.funding;
  if (!f) return '';
  const marks = p.years.map((y) => fundingTotalMark(f, y)).join('');
  // departments whose figures carry a mark, with the years when not every year does
  const spending = (m: string): string[] =>
    (p.departments ?? []).flatMap((d) => {
      const years = p.years.filter((y) => departmentMark(d, y).includes(m));
      if (years.length === 0) return [];
      return [`${d.department.name}${years.length < p.years.length ? ` in ${joinWords(years)}` : ''}`];
    });
  const calibratedSpend = spending(CALIBRATED_MARK);
  const estimatedSpend = spending(ESTIMATE_MARK);
  const calibrated = [
    ...(marks.includes(CALIBRATED_MARK) ? ['funding calibrated to published totals'] : []),
    ...(calibratedSpend.length > 0 ? [`the calibrated inputs of ${calibratedSpend.join('; ')}`] : []),
  ];
  const estimated = [
    ...(marks.includes(ESTIMATE_MARK) ? ['estimated funding'] : []),
    ...(estimatedSpend.length > 0 ? [`the estimate of ${estimatedSpend.join('; ')}`] : []),
  ];
  const words = [
    ...(calibrated.length > 0 ? [`${CALIBRATED_MARK} ${calibrated.join(' and ')} (true by construction, not evidence)`] : []),
    ...(estimated.length > 0 ? [`${ESTIMATE_MARK} ${estimated.join(' and ')}`] : []),
  ];
  const notes =
    calibratedSpend.length + estimatedSpend.length > 0 ? 'the notes to the budget and funding tables' : "the funding table's notes";
  return words.length > 0 ? ` Every bar includes ${words.join(' and ')}; see ${notes}.` : '';
}

/** Where the risk chart's "as written" mark falls outside the P10–P90 band, say why in the caption. */
function outsideBand(years: readonly FiscalYear[], p10: readonly number[], p90: readonly number[], planned: readonly number[]): string {
  const below = years.filter((_, i) => (planned[i] ?? 0) < (p10[i] ?? 0));
  const above = years.filter((_, i) => (planned[i] ?? 0) > (p90[i] ?? 0));
  const parts = [
    ...(below.length ? [`below P10 in ${joinWords(below)}`] : []),
    ...(above.length ? [`above P90 in ${joinWords(above)}`] : []),
  ];
  return parts.length
    ? ` The figure as written lies ${parts.join(' and ')}: the stated ranges are not centred on the figures as written (most of their spread lies on one side), so fewer than one draw in ten is as far out as the plan.`
    : '';
}

export function htmlReport(input: ReportInput): string {
  const { projection: p, display } = input;
  const s = p.scenario;
  const years = p.years as readonly FiscalYear[];
  const u = shownUnits(s.units, display);
  const pointers = COMMITTEE_POINTERS;
  const sections: string[] = [];

  const summary = executiveSummary(p, input.risk, input.sensitivity);
  sections.push(
    section('summary', 'Summary', [
      '<h3>The budget and the gap</h3>',
      list(summary.budget),
      ...(summary.drivers.length ? ['<h3>What drives it</h3>', list(summary.drivers)] : []),
      '<h3>Risks</h3>',
      list(summary.risks),
      `<p class="meta">Amounts in this summary are rounded to £0.1m (or to the pound below £1m); the tables below are in ${u}.</p>`,
    ]),
  );

  const net = rowSeries(p, 'net_budget', display) ?? [];
  const before = rowSeries(p, 'original_budget', display)?.[0];
  const changeYears = before === undefined ? years.slice(1) : years;
  const changes = (before === undefined ? net.slice(1) : net).map(
    (v, i) => v - (before === undefined ? (net[i] ?? 0) : i === 0 ? before : (net[i - 1] ?? 0)),
  );
  const gap = rowSeries(p, 'gap', display);
  const budgetBody = [tableAsHtml(summaryTable(p, display, pointers), display)];
  if (changeYears.length)
    budgetBody.push(
      figure(
        barChart(
          'chart-net-budget',
          'Change in the net budget on the year before',
          changeYears,
          [{ label: 'Change in net budget', values: changes }],
          false,
          u,
        ),
        `Change in the net budget on the year before, ${u} (net budget ${years.map((y, i) => `${y} ${signed(net[i] ?? 0)}`).join(', ')}).`,
      ),
    );
  if (gap)
    budgetBody.push(
      figure(
        barChart('chart-gap', 'Funding gap by year', years, [{ label: 'Gap (shortfall positive)', values: gap }], false, u),
        `Funding gap by year, ${u}: above zero is a shortfall, below zero a surplus.${gapChartMarks(p)}`,
      ),
    );
  sections.push(section('budget', `Budget summary${gap ? ', funding and gap' : ''}`, budgetBody));

  const funding = fundingTable(p, pointers);
  if (funding) sections.push(section('funding', 'Funding', [tableAsHtml(funding, display)]));
  const reserves = reservesTable(p);
  if (reserves) sections.push(section('reserves', 'Reserves', [tableAsHtml(reserves, display)]));
  if (!p.departments && showsSchedule(p, 'growth'))
    sections.push(section('growth', scheduleName(p, 'growth', true), [tableAsHtml(scheduleTable(p, 'growth', pointers), display)]));
  const byNature = subtotals(p.savings, years, (l) => (l.nature.length ? natureLabel(l.nature) : NOT_CLASSIFIED), natureOrder);
  // the key: the codes and labels the scenario declares for nature (none declared: the legend's codes)
  const natureCodes = natureKey(p.scenario.classifications);
  const natureChart = figure(
    barChart(
      'chart-savings-nature',
      'Savings by nature (level in each year)',
      years,
      byNature.map((g) => ({ label: g.key, values: years.map((y) => chartValue(g.levels.get(y) ?? ZERO, p, display)) })),
      true,
      u,
    ),
    `Savings by nature, ${u}${natureCodes ? `: ${natureCodes}` : ''}.`,
  );
  if (!p.departments && showsSchedule(p, 'saving'))
    sections.push(
      section('savings', scheduleName(p, 'saving', true), [
        tableAsHtml(scheduleTable(p, 'saving', pointers), display),
        // the chart by nature only where savings have natures (its key is the 2018 report's codes)
        ...(p.savings.some((sch) => sch.line.nature.length > 0) ? [natureChart] : []),
      ]),
    );
  const underDevelopment = p.departments ? undefined : underDevelopmentTable(p, pointers);
  if (underDevelopment) sections.push(section('under-development', 'Savings under development', [tableAsHtml(underDevelopment, display)]));
  const grossIncome = (p.departments ? departmentGrossIncomeTables(p) : [grossIncomeTable(p)]).flatMap((t) => (t ? [t] : []));
  if (grossIncome.length)
    sections.push(
      section(
        'gross-income',
        'Gross expenditure and income',
        grossIncome.map((t) => tableAsHtml(t, display)),
      ),
    );
  const inflation = p.departments ? [] : inflationTables(s, true);
  if (inflation.length)
    sections.push(
      section(
        'inflation',
        'Inflation',
        inflation.map((t) => tableAsHtml(t, display)),
      ),
    );

  if (input.sensitivity || input.risk) {
    const body: string[] = [];
    const committee = { committee: true };
    if (input.sensitivity) body.push(tableAsHtml(sensitivityTable(input.sensitivity, committee), display));
    if (input.risk) {
      const r = input.risk;
      body.push(tableAsHtml(riskTable(r, committee), display));
      const d = r.rows.find((x) => x.id === 'gap') ?? r.rows[0];
      if (d) {
        const series = (m: ReadonlyMap<FiscalYear, Money> | undefined): number[] =>
          years.map((y) => chartValue(m?.get(y) ?? ZERO, p, display));
        const [p10, p50, p90, planned] = [
          series(d.percentiles.get(10)),
          series(d.percentiles.get(50)),
          series(d.percentiles.get(90)),
          series(d.planned),
        ];
        const what = d.id === 'gap' ? 'gap' : 'net budget';
        body.push(
          figure(
            rangeChart('chart-risk', `Risk range of the ${what} (${r.draws} draws)`, years, p10, p50, p90, planned, u),
            `The shaded band runs from P10 to P90 of the ${what} over ${r.draws} draws (eight draws in ten fall inside it), the bar marks the P50 and the dot the figure as written, with every assumption at its stated value; ${u}, on an axis that does not start at zero.${outsideBand(years, p10, p90, planned)}`,
          ),
        );
      }
    }
    sections.push(section('risk', 'Risk and sensitivity', body));
  }
  sections.push(section('assumptions', 'Assumptions and sources', assumptionsSection(s, p)));
  if (input.appendix) sections.push(section('appendix', 'Technical appendix', technicalAppendix(s, input), true));

  const title = describeScenario(p);
  const standing = [s.status, s.date ? longDate(s.date) : undefined].filter((x) => x !== undefined);
  return [
    '<!DOCTYPE html>',
    '<html lang="en-GB">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>\n${STYLE}\n</style>`,
    '</head>',
    '<body>',
    '<header>',
    ...(standing.length ? [`<p class="status">${escapeHtml(standing.join(' · '))}</p>`] : []),
    `<h1>${escapeHtml(s.authority)}</h1>`,
    `<p>${escapeHtml(`${s.department}: ${s.title ?? `MTFS ${years[0] ?? ''}–${years[years.length - 1] ?? ''}`}`)}</p>`,
    `<p class="meta">Figures in ${u}, computed exactly and rounded once for display; brackets are negative.</p>`,
    ...(s.source ? [`<p class="meta">${escapeHtml(`Source: ${s.source}`)}</p>`] : []),
    '</header>',
    '<main>',
    ...sections,
    '</main>',
    `<footer>${escapeHtml(`Produced by mtfs ${input.version}.${input.appendix ? '' : ' The technical appendix is left out of this copy.'}`)}</footer>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
