// Council tax referendum principles: reading the file a scenario's `council_tax: principles:` names
// (parsed by the resolver, validated strictly here) and the `council-tax-referendum` warnings of a
// plan's increases, each located at the increase and naming the rule and its report. Pure.

import { append, error, hasErrors, warning, type Diagnostic, type Location } from '../diagnostics/diagnostic.js';
import type { Result } from '../diagnostics/result.js';
import {
  checkReferendumPrinciples,
  type Breach,
  type CouncilTaxPrinciples,
  type PlannedIncrease,
  type PrinciplesYear,
} from '../model/council-tax-principles.js';
import { compareYears, type FiscalYear } from '../model/fiscal-year.js';
import type { CouncilTax } from '../model/funding.js';
import type { Rate } from '../model/money.js';
import { validate } from '../schema/diagnose.js';
import { principlesFileSchema } from '../schema/council-tax-principles.js';
import type { RawDocument } from '../source/raw-tree.js';
import { parseYaml } from '../source/yaml.js';
import { sourceFile, textOf, type SourceSet } from './read-source.js';
import { rate, year } from './validated.js';

/**
 * The principles file `file` (read by the resolver), named at `referencedAt`. Diagnostics: those of
 * reading and parsing the file, schema errors, and `invalid-value` (a run of years that ends before
 * it starts, or does not include the year whose rule it is).
 */
export function readPrinciples(set: SourceSet, file: string, referencedAt: Location): Result<CouncilTaxPrinciples> {
  const source = sourceFile(set, file);
  const src = textOf(source, file, referencedAt);
  const diagnostics: Diagnostic[] = [...src.diagnostics];
  if (src.text === undefined) return { diagnostics };
  const parsed = source.yaml ?? asResult(parseYaml(file, src.text));
  const doc = parsed.value;
  append(diagnostics, parsed.diagnostics);
  if (!doc || hasErrors(diagnostics)) return { diagnostics };
  const v = validate(principlesFileSchema(), doc.tree, doc);
  append(diagnostics, v.diagnostics);
  if (!v.data) return { diagnostics };
  const years = new Map<FiscalYear, PrinciplesYear>();
  for (const [text, w] of Object.entries(v.data.years)) {
    const y = year(text);
    const total = w.asc_precept_total && {
      from: year(w.asc_precept_total.from),
      to: year(w.asc_precept_total.to),
      limit: rate(w.asc_precept_total.limit),
    };
    if (total && (compareYears(total.to, total.from) < 0 || compareYears(y, total.from) < 0 || compareYears(y, total.to) > 0)) {
      diagnostics.push(
        error(
          'invalid-value',
          `the ASC precept total of ${y} runs from ${total.from} to ${total.to}, which does not include ${y}`,
          doc.locator.value(['years', text, 'asc_precept_total']),
          `a year's total runs over a span of years that includes it, e.g. {from: 2017/18, to: 2019/20, limit: 6%}`,
        ),
      );
      continue;
    }
    years.set(y, {
      year: y,
      coreLimit: rate(w.core_limit),
      ...(w.asc_precept_limit ? { ascPreceptLimit: rate(w.asc_precept_limit) } : {}),
      ...(total ? { ascPreceptTotal: total } : {}),
      source: w.source,
      external: w.external,
      ...(w.note ? { note: w.note } : {}),
      origin: doc.locator.value(['years', text]),
    });
  }
  if (hasErrors(diagnostics)) return { diagnostics };
  return { value: { file, title: v.data.title, years }, diagnostics };
}

const asResult = (p: { doc?: RawDocument; diagnostics: readonly Diagnostic[] }): Result<RawDocument> =>
  p.doc ? { value: p.doc, diagnostics: p.diagnostics } : { diagnostics: p.diagnostics };

/** The plan's increases and the earlier precepts, as the check reads them. */
export function plannedIncreases(ct: CouncilTax): { planned: Map<FiscalYear, PlannedIncrease>; earlier: Map<FiscalYear, Rate> } {
  const planned = new Map<FiscalYear, PlannedIncrease>();
  for (const [y, e] of ct.bandD.years) if (e.increase) planned.set(y, e.increase);
  const earlier = new Map<FiscalYear, Rate>([...(ct.bandD.earlierAscPrecept?.years ?? [])].map(([y, e]) => [y, e.rate]));
  return { planned, earlier };
}

const pct = (r: Rate): string => `${r.times(100).toFixed()}%`;

/** Where a rule comes from, for a hint: the report, the line of the principles file, and whether it is external. */
export function ruleSource(rule: PrinciplesYear): string {
  return `${rule.source} (${rule.origin.file}:${rule.origin.line}${rule.external ? "; not among this project's source documents: check it against the report" : ''})`;
}

/** One `council-tax-referendum` warning per excessive increase, located at the increase. */
export function referendumWarnings(ct: CouncilTax): Diagnostic[] {
  if (!ct.principles) return [];
  const { planned, earlier } = plannedIncreases(ct);
  const check = checkReferendumPrinciples(planned, earlier, ct.principles);
  return check.breaches.map((b) => breachWarning(b, planned));
}

function breachWarning(b: Breach, planned: ReadonlyMap<FiscalYear, PlannedIncrease>): Diagnostic {
  const at = planned.get(b.year) as PlannedIncrease;
  const source = ruleSource(b.rule);
  switch (b.kind) {
    case 'core':
      return warning(
        'council-tax-referendum',
        `${b.year}: a core council tax increase of ${pct(b.rate)} is excessive under the referendum principles for ${b.year} (${pct(b.rule.coreLimit)} or more needs a referendum)`,
        at.coreOrigin,
        `rule: ${source}; keep the core increase below ${pct(b.rule.coreLimit)}, or plan for a referendum`,
      );
    case 'asc-precept':
      return warning(
        'council-tax-referendum',
        `${b.year}: an adult social care precept of ${pct(b.rate)} is more than the ${pct(b.rule.ascPreceptLimit as Rate)} the referendum principles for ${b.year} allow`,
        at.ascPreceptOrigin,
        `rule: ${source}; at most ${pct(b.rule.ascPreceptLimit as Rate)} in ${b.year}`,
      );
    case 'asc-precept-total':
      return warning(
        'council-tax-referendum',
        `${b.year}: adult social care precepts of ${pct(b.total)} in total from ${b.over.from} are more than the ${pct(b.over.limit)} the referendum principles allow over ${b.over.from} to ${b.over.to}`,
        at.ascPreceptOrigin,
        `rule: ${source}; the precepts of ${b.over.from} to ${b.over.to} together may be at most ${pct(b.over.limit)} (earlier years' precepts are given under \`earlier_asc_precept\`)`,
      );
    default:
      return assertNever(b);
  }
}

function assertNever(x: never): never {
  throw new Error(`unexpected ${JSON.stringify(x)}`);
}
