// The CLI's one way to read and load scenarios: read each named file (and what it names) through the
// Io, load it, apply the `--set` what-ifs, derive the driver-built levels, and print every
// diagnostic. Every command that reads a scenario calls it.

import { error } from '../diagnostics/diagnostic.js';
import type { Sources } from '../diagnostics/format.js';
import { resolveSources } from '../load/resolve.js';
import { loadSources } from '../load/scenario.js';
import { hideForeignText } from './foreign-files.js';
import type { Scenario } from '../model/scenario.js';
import { deriveScenario } from '../project/derive.js';
import { applyOverrides } from '../transform/what-if.js';
import type { Io } from './io.js';
import { report } from './output.js';

/** A scenario a command reads: a path from the command line, with what to read and apply with it. */
interface Wanted {
  readonly file: string;
  /** `--set` what-ifs to apply to this scenario, in the order given. */
  readonly sets?: readonly string[];
  /** Also read and load the scenario its `compare_with:` names (`mtfs demand`). */
  readonly compareWith?: boolean;
}

export interface Loaded {
  /** Every scenario, in the order asked for. */
  readonly scenarios: readonly Scenario[];
  /** For a scenario asked for with `compareWith`: the scenario its `compare_with:` names, if any. */
  readonly compared: ReadonlyMap<Scenario, Scenario>;
  /** The text of every file read, for diagnostics. */
  readonly sources: Sources;
}

/**
 * Reads and loads every scenario, then applies its what-ifs, reporting all the diagnostics of every
 * file; undefined when any has an error.
 */
export function loadScenarios(io: Io, wanted: readonly (string | Wanted)[]): Loaded | undefined {
  const sources = new Map<string, string>();
  const scenarios: Scenario[] = [];
  const compared = new Map<Scenario, Scenario>();
  const limit = maxInputBytes(io);
  if (limit === 'invalid') {
    report(
      io,
      [
        error(
          'usage',
          `MTFS_MAX_INPUT_BYTES is ${JSON.stringify(io.env.MTFS_MAX_INPUT_BYTES)}, not a whole number of bytes`,
          undefined,
          'write it like MTFS_MAX_INPUT_BYTES=200000000, or leave it unset for 64 MiB',
        ),
      ],
      sources,
    );
    return undefined;
  }
  let ok = true;
  for (const w of wanted.map((x): Wanted => (typeof x === 'string' ? { file: x } : x))) {
    const set = resolveSources(w.file, io.readFile, { compareWith: w.compareWith === true, maxInputBytes: limit });
    // a file the scenario names shows nothing of itself if it is not what it should be (foreign)
    const loaded = hideForeignText(w.file, { ...loadSources(set, w.file), sources: set.texts });
    for (const [f, t] of loaded.sources) sources.set(f, t);
    if (report(io, loaded.diagnostics, sources) || !loaded.value) {
      ok = false;
      continue;
    }
    const applied = applyOverrides(loaded.value, w.sets ?? []);
    if (report(io, applied.diagnostics, sources) || !applied.value) {
      ok = false;
      continue;
    }
    // the commands that read lines beside the projection see the levels it derives
    const scenario = deriveScenario(applied.value);
    scenarios.push(scenario);
    const other = w.compareWith ? scenario.compareWith : undefined;
    if (!other) continue;
    // read with the scenario that names it: a file that cannot be read is reported at `compare_with:`
    const c = hideForeignText('', { ...loadSources(set, other.file, other.origin), sources: set.texts });
    for (const f of set.texts.keys()) if (!c.sources.has(f)) sources.delete(f);
    if (report(io, c.diagnostics, sources) || !c.value) ok = false;
    else compared.set(scenario, deriveScenario(c.value));
  }
  return ok ? { scenarios, compared, sources } : undefined;
}
/** The limit on one scenario's input that MTFS_MAX_INPUT_BYTES sets, if it is set. */
function maxInputBytes(io: Io): number | undefined | 'invalid' {
  const text = io.env.MTFS_MAX_INPUT_BYTES;
  if (text === undefined || text === '') return undefined;
  return /^[1-9][0-9]{0,15}$/.test(text.trim()) ? Number(text.trim()) : 'invalid';
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
