// A risk draw as a transform: the values drawn for a scenario's assumptions (by assumption id)
// applied to it. A line factor multiplies a line's level in every year; a funding factor an
// item from its first year; a parameter value replaces a demand driver parameter in every year (the
// projection builds the driver's line from it); a council's departments are drawn by their own
// ranges (rolled up under `<department>/<id>`). Pure and exact; used by sensitivity and Monte Carlo.

import { compareYears, type FiscalYear } from '../model/fiscal-year.js';
import type { FundingStream } from '../model/funding.js';
import { scaleLine } from '../model/levels.js';
import type { Dec, Money } from '../model/money.js';
import type { Assumption, BudgetLine, Level, Scenario } from '../model/scenario.js';
import { slug } from '../model/slug.js';
import type { Transform } from './transform.js';
import { withParameters, type Override } from './what-if.js';

/** The scenario with each assumption's lines multiplied by its factor (missing ids: as planned). */
function withFactors(s: Scenario, factors: ReadonlyMap<string, Dec>): Scenario {
  const byLine = new Map<string, Dec>();
  for (const a of s.assumptions ?? []) {
    const f = factors.get(a.id);
    if (f && a.select) for (const ref of a.lines) byLine.set(ref, f);
  }
  if (byLine.size === 0) return s;
  const lines = s.lines.map((l): BudgetLine => {
    const f = byLine.get(l.ref);
    return !f || f.equals(1) ? l : scaleLine(l, f);
  });
  return { ...s, lines };
}

/** The scenario with each funding assumption's item multiplied by its factor, from its `from` year. */
function withFundingFactors(s: Scenario, values: ReadonlyMap<string, Dec>): Scenario {
  const f = s.funding;
  const targets = (s.assumptions ?? []).flatMap((a) => {
    const v = values.get(a.id);
    return a.funding && v && !v.equals(1) ? [{ ...a.funding, factor: v }] : [];
  });
  if (!f || targets.length === 0) return s;
  const applies = (t: (typeof targets)[number], y: FiscalYear): boolean => !t.from || compareYears(y, t.from) >= 0;
  const scaleStream = (stream: FundingStream): FundingStream => {
    const mine = targets.filter((t) => t.item === stream.id);
    if (mine.length === 0) return stream;
    const levels = new Map<FiscalYear, Level>(
      [...stream.levels].map(([y, l]) => [
        y,
        { ...l, amount: mine.reduce((acc, t) => (applies(t, y) ? acc.times(t.factor) : acc), l.amount as Dec) as Money },
      ]),
    );
    return { ...stream, levels };
  };
  const ct = f.councilTax;
  // the yield is tax base × Band D × collection rate: a factor on either scales it alike, so both scale the counts
  const taxBase = targets.filter((t) => t.item === 'council_tax' || t.item === 'collection_rate');
  const councilTax = ct && {
    ...ct,
    ...(ct.collectionFund ? { collectionFund: scaleStream(ct.collectionFund) } : {}),
    taxBase: {
      ...ct.taxBase,
      counts: new Map(
        [...ct.taxBase.counts].map(([y, c]) => [
          y,
          { ...c, count: taxBase.reduce((acc, t) => (applies(t, y) ? acc.times(t.factor) : acc), c.count) as Dec },
        ]),
      ),
    },
  };
  const rates = f.retainedBusinessRates;
  return {
    ...s,
    funding: {
      ...f,
      ...(councilTax ? { councilTax } : {}),
      streams: f.streams.map(scaleStream),
      ...(rates ? { retainedBusinessRates: { ...rates, growth: scaleStream(rates.growth) } } : {}),
    },
  };
}

/** The id a department's assumption has in its council: `<department slug>/<id>`. */
const departmentAssumptionId = (department: string, id: string): string => `${slug(department)}/${id}`;

/**
 * The assumptions risk and sensitivity vary: the scenario's own, then (for a whole council) each
 * department scenario's, with ids `<department slug>/<id>` and the department named in the
 * description, so a council's risk rolls up its departments' ranges.
 */
export function riskAssumptions(s: Scenario): readonly Assumption[] {
  const own = s.assumptions ?? [];
  const departments = (s.departments ?? []).flatMap((d) =>
    d.kind === 'scenario'
      ? riskAssumptions(d.scenario).map((a): Assumption => ({
          ...a,
          id: departmentAssumptionId(d.name, a.id),
          description: `${d.name}: ${a.description}`,
        }))
      : [],
  );
  return departments.length ? [...own, ...departments] : own;
}

/** The council with each department scenario drawn by its own assumptions' values. */
function withDepartmentDraws(s: Scenario, values: ReadonlyMap<string, Dec>): Scenario {
  if (!s.departments) return s;
  const departments = s.departments.map((d) => {
    if (d.kind !== 'scenario') return d;
    const mine = new Map<string, Dec>();
    for (const a of riskAssumptions(d.scenario)) {
      const v = values.get(departmentAssumptionId(d.name, a.id));
      if (v) mine.set(a.id, v);
    }
    return mine.size ? { ...d, scenario: withDraws(d.scenario, mine) } : d;
  });
  return { ...s, departments };
}

/** Parameter values, line factors and funding factors, then each department's own draws. */
function withDraws(s: Scenario, values: ReadonlyMap<string, Dec>): Scenario {
  const overrides: Override[] = (s.assumptions ?? []).flatMap((a) => {
    const v = values.get(a.id);
    return a.parameter && v
      ? [
          {
            text: `${a.parameter.driver}.${a.parameter.parameter}=${v.toFixed()} (assumption ${a.id})`,
            driver: a.parameter.driver,
            parameter: a.parameter.parameter,
            value: v,
          },
        ]
      : [];
  });
  return withDepartmentDraws(withFundingFactors(withFactors(withParameters(s, overrides), values), values), values);
}

/** The scenario with the drawn values applied (a draw of values is always valid: no diagnostics). */
export const riskDraw: Transform<ReadonlyMap<string, Dec>> = (s, values) => ({ value: withDraws(s, values), diagnostics: [] });
