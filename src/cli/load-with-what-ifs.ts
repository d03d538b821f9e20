// Loading a scenario for a command: read and validate it, then apply the `--set` what-ifs, printing
// every diagnostic. The commands that project a scenario (`project`, `demand`) share it.

import type { Sources } from '../diagnostics/format.js';
import { applyOverrides } from '../transform/what-if.js';
import { loadScenario } from '../load/scenario.js';
import type { Scenario } from '../model/scenario.js';
import type { Io } from './io.js';
import { report } from './output.js';

/** The scenario with the what-ifs applied, or undefined (diagnostics printed) when it or a `--set` is invalid. */
export function loadWithWhatIfs(io: Io, file: string, sets: readonly string[]): { scenario: Scenario; sources: Sources } | undefined {
  const loaded = loadScenario(file, io.readFile);
  if (report(io, loaded.diagnostics, loaded.sources) || !loaded.value) return undefined;
  const applied = applyOverrides(loaded.value, sets);
  if (report(io, applied.diagnostics, loaded.sources) || !applied.value) return undefined;
  return { scenario: applied.value, sources: loaded.sources };
}
