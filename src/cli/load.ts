// The CLI's one way to read and load scenarios: read each named file (and what it names) through the
// Io, load it, apply its variants' operations, apply the `--set` what-ifs, derive the driver-built
// levels, and print every diagnostic. Every command that reads a scenario calls it.

import { error, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Sources } from '../diagnostics/format.js';
import type { FileReader } from '../load/reader.js';
import type { SourceFile } from '../load/read-source.js';
import { fullLoadRefusal, inputBudget, readingDiagnostics, resolveSources, type InputBudget } from '../load/resolve.js';
import { loadSources } from '../load/scenario.js';
import type { Result } from '../diagnostics/result.js';
import { hideForeignText } from './foreign-files.js';
import type { Scenario } from '../model/scenario.js';
import { deriveScenario } from '../project/derive.js';
import { realiseLoaded } from '../transform/variant.js';
import { applyOverrides } from '../transform/what-if.js';
import type { Io } from './io.js';
import { report } from './output.js';

/** A scenario a command reads: a path from the command line, with what to read and apply with it. */
export interface Wanted {
  readonly file: string;
  /** `--set` what-ifs to apply to this scenario, in the order given. */
  readonly sets?: readonly string[];
  /** Also read and load the scenario its `compare_with:` names (`mtfs demand`). */
  readonly compareWith?: boolean;
  /**
   * The command shows only the budget table (its figures and notes), not lines one by one: plain
   * lines may be added up by class as they are read (load/line-totals.ts).
   */
  readonly totals?: boolean;
  /**
   * The memory the command may need for each byte of input when it keeps every line, where it needs
   * more than most (FULL_LOAD_BYTES_PER_BYTE): a run Node's heap cannot hold is refused first.
   */
  readonly memoryPerByte?: number;
}

/** One scenario read and made ready to project, with every diagnostic and nothing printed. */
export interface ScenarioRead {
  /** The scenario, derived; absent when a stage has an error. */
  readonly scenario?: Scenario;
  /** With `compareWith`: the scenario its `compare_with:` names, if any, derived. */
  readonly compared?: Scenario;
  /**
   * The diagnostics of each stage that ran, in order, each printed as one block: loading (with the
   * variants' operations), the what-ifs, then the scenario `compare_with:` names. The stages stop
   * at the first with an error.
   */
  readonly stages: readonly (readonly Diagnostic[])[];
  /** The text of every file read, for diagnostics. */
  readonly sources: Sources;
  /** The scenario came by the totals path: its plain lines are added up by class (see Wanted). */
  readonly totals?: boolean;
}

/**
 * Reads one scenario and every file it names, loads it, applies its variants' operations and its
 * what-ifs, and derives it, keeping the diagnostics of each stage. Prints nothing. `budget`: the
 * input limit of the run, shared with the other scenarios it reads (see runBudget). `keptInRun`: the
 * files of the scenarios the run has loaded in full and still holds, counted with this one's when
 * its lines are to be kept (fullLoadRefusal), and added to when they are.
 */
export function readScenario(
  read: FileReader,
  w: Wanted,
  budget?: InputBudget,
  known?: Map<string, SourceFile>,
  loadedInRun?: Map<string, Result<Scenario>>,
  keptInRun?: Set<string>,
): ScenarioRead {
  const set = resolveSources(w.file, read, {
    compareWith: w.compareWith === true,
    ...(budget ? { budget } : {}),
    ...(known ? { known } : {}),
  });
  const stages: (readonly Diagnostic[])[] = [];
  const sources = new Map(set.texts);
  const stage = <T>(r: { value?: T; diagnostics: readonly Diagnostic[] }): T | undefined => {
    stages.push(r.diagnostics);
    return hasErrors(r.diagnostics) ? undefined : r.value;
  };
  /** A load's diagnostics with nothing shown of a file the scenario names that is not what it should be (foreign). */
  const guarded = (root: string, loaded: Result<Scenario>): Result<Scenario> => {
    const shown = hideForeignText(root, { ...loaded, sources: set.texts });
    for (const f of set.texts.keys()) if (!shown.sources.has(f)) sources.delete(f);
    return shown;
  };
  // the totals path gives a value only when there is nothing to report; else the full load reports it
  const totals =
    w.totals && !w.compareWith && (w.sets ?? []).length === 0 ? loadSources(set, w.file, undefined, { totals: true }) : undefined;
  const byTotals = totals?.value !== undefined && totals.diagnostics.length === 0;
  const run = loadedInRun ? { loaded: loadedInRun } : {};
  // every line is to be kept: refused here, rather than by V8 aborting the process, when Node's heap cannot hold them
  const refused = !byTotals && budget ? fullLoadRefusal(set, w.file, budget, w.memoryPerByte, keptInRun) : undefined;
  if (refused) {
    // with what can be found without keeping the lines: a missing file or a syntax error is not left for the next run
    const found = readingDiagnostics(set, w.file, { compareWith: w.compareWith === true });
    // past the input limit, that limit is the first thing to raise: the memory this refusal works out
    // counts only the files read before it, so it is left for a run that reads them all
    const pastLimit = [...set.files.values()].some((f) => f.overLimit !== undefined) && found.some((d) => d.code === 'input-too-large');
    stages.push(guarded(w.file, { diagnostics: pastLimit ? found : [refused, ...found] }).diagnostics);
    return { stages, sources };
  }
  if (!byTotals) for (const f of set.files.keys()) keptInRun?.add(f);
  const loaded = stage(guarded(w.file, realiseLoaded(byTotals ? totals : loadSources(set, w.file, undefined, run))));
  const applied = loaded && stage(applyOverrides(loaded, w.sets ?? []));
  if (!applied) return { stages, sources };
  // the commands that read lines beside the projection see the levels it derives
  const scenario = deriveScenario(applied);
  const other = w.compareWith ? scenario.compareWith : undefined;
  if (!other) return { scenario, stages, sources, ...(byTotals ? { totals: true } : {}) };
  // read with the scenario that names it: a file that cannot be read is reported at `compare_with:`
  const compared = stage(guarded('', realiseLoaded(loadSources(set, other.file, other.origin, run))));
  return compared ? { scenario, compared: deriveScenario(compared), stages, sources } : { stages, sources };
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
 * Reads and loads every scenario (readScenario), reporting all the diagnostics of every file;
 * undefined when any has an error.
 */
export function loadScenarios(io: Io, wanted: readonly (string | Wanted)[]): Loaded | undefined {
  const sources = new Map<string, string>();
  const scenarios: Scenario[] = [];
  const compared = new Map<Scenario, Scenario>();
  const budget = runBudget(io);
  if (!budget) return undefined;
  let ok = true;
  const known = new Map<string, SourceFile>();
  const loadedInRun = new Map<string, Result<Scenario>>();
  // the files of the scenarios loaded in full so far, whose lines the run holds while it reads the next
  const keptInRun = new Set<string>();
  for (const w of wanted.map((x): Wanted => (typeof x === 'string' ? { file: x } : x))) {
    const r = readScenario(io.readFile, w, budget, known, loadedInRun, keptInRun);
    for (const [f, t] of r.sources) sources.set(f, t);
    for (const diagnostics of r.stages) report(io, diagnostics, sources);
    if (!r.scenario) {
      ok = false;
      continue;
    }
    scenarios.push(r.scenario);
    if (r.compared) compared.set(r.scenario, r.compared);
  }
  return ok ? { scenarios, compared, sources } : undefined;
}
/**
 * The input limit of one run, shared by every scenario it reads: MTFS_MAX_INPUT_BYTES when set,
 * else the default. Undefined, with a `usage` error reported, when the variable is not a number.
 */
export function runBudget(io: Io): InputBudget | undefined {
  const text = io.env.MTFS_MAX_INPUT_BYTES;
  if (text === undefined || text === '') return inputBudget(undefined, io.heapLimit);
  if (/^[1-9][0-9]{0,15}$/.test(text.trim())) return inputBudget(Number(text.trim()), io.heapLimit);
  report(
    io,
    [
      error(
        'usage',
        `MTFS_MAX_INPUT_BYTES is ${JSON.stringify(text)}, not a whole number of bytes`,
        undefined,
        'write it like MTFS_MAX_INPUT_BYTES=200000000, or leave it unset for 64 MiB',
      ),
    ],
    new Map(),
  );
  return undefined;
}

/** Scenarios compared side by side must cover the same years in the same units. */
export function checkComparable(io: Io, scenarios: readonly Scenario[], sources: Sources): boolean {
  const [base, ...others] = scenarios;
  if (!base) return false;
  const shared = base.years.filter((y) => others.every((s) => s.years.includes(y)));
  const bad = others.filter((s) => s.units !== base.units || shared.length === 0);
  if (bad.length === 0) return true;
  report(
    io,
    bad.map((s) =>
      error(
        'period',
        `${s.file} covers ${s.years[0]}–${s.years[s.years.length - 1]} in ${s.units}; ${base.file} covers ${base.years[0]}–${base.years[base.years.length - 1]} in ${base.units}`,
        undefined,
        'compare scenarios in the same units whose periods share at least one year',
      ),
    ),
    sources,
  );
  return false;
}
