// `mtfs project <scenario>`: load → project → render the budget table (and schedules with --detail).

import { checkControls } from '../../reports/check/controls.js';
import { warning } from '../../diagnostics/diagnostic.js';
import type { RoundingMode } from '../../model/money.js';
import { projectScenario } from '../../project/project.js';
import { fundingTable } from '../../render/funding.js';
import { projectionAsJson, scheduleTable, summaryTable } from '../../render/projection.js';
import type { Io } from '../io.js';
import { loadWithWhatIfs } from '../load-with-what-ifs.js';
import { emit, EXIT_INVALID, EXIT_OK, report } from '../output.js';
import { renderAs, type Format } from '../render.js';

export interface ProjectOptions {
  readonly format: Format;
  readonly output?: string;
  readonly detail: boolean;
  readonly rounding: RoundingMode;
  /** `--set` what-ifs on demand drivers, in the order given. */
  readonly sets: readonly string[];
}

export function projectCommand(io: Io, file: string, opts: ProjectOptions): number {
  const loaded = loadWithWhatIfs(io, file, opts.sets);
  if (!loaded) return EXIT_INVALID;
  const projection = projectScenario(loaded.scenario);
  const display = { rounding: opts.rounding, dp: 0 };
  const schedules =
    opts.detail && !projection.departments ? [scheduleTable(projection, 'growth'), scheduleTable(projection, 'saving')] : [];
  const funding = opts.detail ? fundingTable(projection) : undefined;
  const models = [summaryTable(projection), ...schedules, ...(funding ? [funding] : [])];
  const content = renderAs(io, opts.format, display, models, () => projectionAsJson(projection, opts.detail));
  const failed = emit(io, content, { ...(opts.output ? { output: opts.output } : {}), inputs: loaded.scenario.inputs });
  if (failed) {
    report(io, [failed], loaded.sources);
    return EXIT_INVALID;
  }
  const mismatches = checkControls(projection).diagnostics.length;
  if (mismatches > 0) {
    report(
      io,
      [
        warning(
          'control-mismatch',
          `${mismatches} published control${mismatches === 1 ? '' : 's'} in ${file} ${mismatches === 1 ? 'differs' : 'differ'} from this projection`,
          undefined,
          `run \`mtfs check ${file}\` for the details`,
        ),
      ],
      loaded.sources,
    );
  }
  return EXIT_OK;
}
