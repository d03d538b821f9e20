// Loading the scenarios a command names, printing their diagnostics; shared by every command.

import { error } from '../diagnostics/diagnostic.js';
import { loadScenario } from '../load/scenario.js';
import type { Scenario } from '../model/scenario.js';
import type { Io } from './io.js';
import { report } from './output.js';

export interface LoadedAll {
  /** Every scenario, in argument order; absent when any file had an error. */
  readonly scenarios?: readonly Scenario[];
  readonly sources: ReadonlyMap<string, string>;
}

/** Loads every file, reporting all their diagnostics; fails if any has an error. */
export function loadAll(io: Io, files: readonly string[]): LoadedAll {
  const sources = new Map<string, string>();
  const scenarios: Scenario[] = [];
  let ok = true;
  for (const file of files) {
    const loaded = loadScenario(file, io.readFile);
    for (const [f, t] of loaded.sources) sources.set(f, t);
    if (report(io, loaded.diagnostics, sources) || !loaded.value) ok = false;
    else scenarios.push(loaded.value);
  }
  return ok ? { scenarios, sources } : { sources };
}

/** Scenarios compared side by side must cover the same years in the same units. */
export function checkComparable(io: Io, scenarios: readonly Scenario[], sources: ReadonlyMap<string, string>): boolean {
  const [base, ...others] = scenarios;
  if (!base) return false;
  const bad = others.filter((s) => s.units !== base.units || s.years.join() !== base.years.join());
  if (bad.length === 0) return true;
  report(
    io,
    bad.map((s) =>
      error(
        'period',
        `${s.file} covers ${s.years[0]}–${s.years[s.years.length - 1]} in ${s.units}; ${base.file} covers ${base.years[0]}–${base.years[base.years.length - 1]} in ${base.units}`,
        undefined,
        'compare scenarios with the same period and units',
      ),
    ),
    sources,
  );
  return false;
}
