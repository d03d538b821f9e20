// `mtfs diff <previous> <current>`: classify each line against the previous MTFS and warn where
// the written status disagrees. Exit 0 (warnings only) unless --strict, then 1 on a disagreement.

import type { RoundingMode } from '../../model/money.js';
import { diffScenarios } from '../../reports/diff/diff.js';
import { diffAsJson, diffTable } from '../../render/diff.js';
import type { Io } from '../io.js';
import { loadAll } from '../load.js';
import { emit, EXIT_CHECKS_FAILED, EXIT_INVALID, EXIT_OK, report } from '../output.js';
import { renderAs, type Format } from '../render.js';

export interface DiffOptions {
  readonly format: Format;
  readonly output?: string;
  readonly rounding: RoundingMode;
  readonly strict: boolean;
}

export function diffCommand(io: Io, previous: string, current: string, opts: DiffOptions): number {
  const { scenarios, sources } = loadAll(io, [previous, current]);
  const [p, c] = scenarios ?? [];
  if (!p || !c) return EXIT_INVALID;
  const d = diffScenarios(p, c);
  const content = renderAs(io, opts.format, { rounding: opts.rounding, dp: 0 }, [diffTable(d)], () => diffAsJson(d));
  const failed = emit(io, content, { ...(opts.output ? { output: opts.output } : {}), inputs: [...p.inputs, ...c.inputs] });
  if (failed) {
    report(io, [failed], sources);
    return EXIT_INVALID;
  }
  report(io, d.diagnostics, sources);
  return opts.strict && d.diagnostics.length > 0 ? EXIT_CHECKS_FAILED : EXIT_OK;
}
