// The CLI's one way to read and load scenarios: read each named file through the Io, load it, apply
// the `--set` what-ifs, and print every diagnostic. Every command that reads a scenario calls it.

import { error, type Location } from '../diagnostics/diagnostic.js';
import type { Sources } from '../diagnostics/format.js';
import { applyOverrides } from '../transform/what-if.js';
import { readSource } from '../load/read-source.js';
import { loadScenario } from '../load/scenario.js';
import { hideForeignText } from './foreign-files.js';
import type { Scenario } from '../model/scenario.js';
import type { Io } from './io.js';
import { report } from './output.js';

/** A scenario a command reads: a path from the command line, or one a scenario names (at `at`). */
interface Wanted {
  readonly file: string;
  /** Where another file names this one (`compare_with:`): a missing file is reported there. */
  readonly at?: Location;
  /** `--set` what-ifs to apply to this scenario, in the order given. */
  readonly sets?: readonly string[];
}

export interface Loaded {
  /** Every scenario, in the order asked for. */
  readonly scenarios: readonly Scenario[];
  /** The text of every file read, for diagnostics. */
  readonly sources: Sources;
}

/**
 * Reads and loads every scenario, then applies its what-ifs, reporting all the diagnostics of every
 * file; undefined when any has an error. `read` holds files already read, whose text diagnostics may quote.
 */
export function loadScenarios(io: Io, wanted: readonly (string | Wanted)[], read: Sources = new Map()): Loaded | undefined {
  const sources = new Map(read);
  const scenarios: Scenario[] = [];
  let ok = true;
  for (const w of wanted.map((x): Wanted => (typeof x === 'string' ? { file: x } : x))) {
    let reader = io.readFile;
    if (w.at) {
      // read once: the bytes that show the file exists are the bytes loaded
      const first = io.readFile(w.file);
      const present = readSource(() => first, w.file, w.at);
      if (present.text === undefined) {
        report(io, present.diagnostics, sources);
        ok = false;
        continue;
      }
      reader = (f) => (f === w.file ? first : io.readFile(f));
    }
    // a scenario another file names (`compare_with:`) shows nothing of itself if it is foreign
    const loaded = hideForeignText(w.at ? '' : w.file, loadScenario(w.file, reader));
    for (const [f, t] of loaded.sources) sources.set(f, t);
    if (report(io, loaded.diagnostics, sources) || !loaded.value) {
      ok = false;
      continue;
    }
    const applied = applyOverrides(loaded.value, w.sets ?? []);
    if (report(io, applied.diagnostics, sources) || !applied.value) ok = false;
    else scenarios.push(applied.value);
  }
  return ok ? { scenarios, sources } : undefined;
}

/** Scenarios compared side by side must cover the same years in the same units. */
export function checkComparable(io: Io, scenarios: readonly Scenario[], sources: Sources): boolean {
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
