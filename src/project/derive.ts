// Projection's first step: the figures a scenario derives rather than writes. A line built from
// demand or inflation drivers gets its levels here (the drivers' levels summed, in the scenario's units, then
// each of its factors in turn), in the scenario, its departments and a variant's base. Pure, exact.

import {
  computeDemand,
  computeDriverDemand,
  driverLineLevels,
  type Demand,
  type DemandDriver,
  type DriverDemand,
} from '../model/demand.js';
import type { FiscalYear } from '../model/fiscal-year.js';
import { inflationLineLevels } from '../model/inflation.js';
import { scaleLevels } from '../model/levels.js';
import { isBuilt, isRealised, type BudgetLine, type Department, type Level, type Scenario } from '../model/scenario.js';

/** The demand of a set of drivers over a period, worked out once however often it is asked for. */
const demandCache = new WeakMap<readonly DemandDriver[], { readonly years: readonly FiscalYear[]; readonly demand: Demand }>();
/**
 * The same for each driver: a what-if or a risk draw that changes one driver's parameter makes a
 * new set of drivers in which the others are the same (immutable) objects, so theirs is kept.
 */
const driverCache = new WeakMap<DemandDriver, { readonly years: readonly FiscalYear[]; readonly demand: DriverDemand }>();

/**
 * The demand of a set of drivers over a period (computeDemand), worked out once: the derivation of
 * a scenario's driver-built lines and a command showing the drivers themselves share it.
 */
export function demandOf(drivers: readonly DemandDriver[], years: readonly FiscalYear[]): Demand {
  const known = demandCache.get(drivers);
  if (known && known.years === years) return known.demand;
  const demand = computeDemand(drivers, years, (driver, all) => {
    const mine = driverCache.get(driver);
    if (mine && mine.years === years) return mine.demand;
    const computed = computeDriverDemand(driver, all);
    driverCache.set(driver, { years, demand: computed });
    return computed;
  });
  demandCache.set(drivers, { years, demand });
  return demand;
}

/** A driver-built line's levels: built from the drivers it names, then multiplied by its factors. */
function builtLevels(line: BudgetLine, demand: Demand, s: Scenario): Map<FiscalYear, Level> {
  const origins = [line.driversOrigin ?? line.origin];
  let levels = new Map<FiscalYear, Level>(
    [...driverLineLevels(demand, line.drivers ?? [], s.units)].map(([y, amount]) => [y, { amount, basis: 'driver', origins }]),
  );
  for (const f of line.factors ?? []) levels = scaleLevels(levels, f);
  return levels;
}

/** An inflation line's levels: built from its inflation driver, then multiplied by its factors. */
function inflatedLevels(line: BudgetLine, s: Scenario): Map<FiscalYear, Level> {
  const item = (s.inflation ?? []).find((i) => i.name === line.inflation);
  if (!item) throw new Error(`no inflation driver ${line.inflation ?? ''}`);
  const origins = [line.inflationOrigin ?? line.origin];
  let levels = new Map<FiscalYear, Level>(
    [...inflationLineLevels(item, s.years)].map(([y, amount]) => [y, { amount, basis: 'inflation', origins }]),
  );
  for (const f of line.factors ?? []) levels = scaleLevels(levels, f);
  return levels;
}

/**
 * The scenario with every derived figure in place: the levels of driver-built lines (built afresh
 * from the drivers, so an edited parameter is always reflected), in its departments' scenarios and
 * a variant's base too. A scenario with nothing to derive is returned as it is.
 */
export function deriveScenario(s: Scenario): Scenario {
  // a variant as loaded still reads as its base: projecting it would silently show the base
  if (!isRealised(s)) throw new Error(`${s.file}: a variant's operations must be applied (realise) before projecting`);
  return derived(s);
}

function derived(s: Scenario): Scenario {
  const built = s.lines.some(isBuilt);
  const departments = s.departments?.map((d): Department => (d.kind === 'scenario' ? { ...d, scenario: derived(d.scenario) } : d));
  const base = s.variant && derived(s.variant.base);
  if (!built && !s.departments && (!s.variant || base === s.variant.base)) return s;
  const derive = (lines: readonly BudgetLine[], from: Scenario): BudgetLine[] => {
    if (!lines.some(isBuilt)) return [...lines];
    const demand = lines.some((l) => l.drivers) ? demandOf(from.drivers ?? [], from.years) : undefined;
    return lines.map((l) =>
      l.drivers && demand
        ? { ...l, levels: builtLevels(l, demand, from) }
        : l.inflation !== undefined
          ? { ...l, levels: inflatedLevels(l, from) }
          : l,
    );
  };
  const removed = s.variant?.removed?.map((r) => ({ ...r, line: derive([r.line], s.variant?.base ?? s)[0] ?? r.line }));
  return {
    ...s,
    lines: derive(s.lines, s),
    ...(departments ? { departments } : {}),
    ...(s.variant && base && removed ? { variant: { ...s.variant, base, removed } } : {}),
  };
}
