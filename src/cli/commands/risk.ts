// `mtfs sensitivity <scenario>` and `mtfs risk <scenario> [--draws N] [--seed S] [--threshold A]`.

import { SingleBar } from 'cli-progress';
import { error } from '../../diagnostics/diagnostic.js';
import { parseAmountText } from '../../model/amount-text.js';
import { moneyFromText, type RoundingMode } from '../../model/money.js';
import type { Scenario } from '../../model/scenario.js';
import { monteCarlo } from '../../reports/risk/monte-carlo.js';
import { sensitivity } from '../../reports/risk/sensitivity.js';
import { riskAsJson, riskTable, sensitivityAsJson, sensitivityTable } from '../../render/risk.js';
import type { Io } from '../io.js';
import { loadAll } from '../load.js';
import { emit, EXIT_INVALID, EXIT_OK, report } from '../output.js';
import { renderAs, type Format } from '../render.js';

export interface RiskCommandOptions {
  readonly format: Format;
  readonly output?: string;
  readonly rounding: RoundingMode;
}

function loadWithAssumptions(io: Io, file: string): { scenario?: Scenario; sources: ReadonlyMap<string, string> } {
  const { scenarios, sources } = loadAll(io, [file]);
  const scenario = scenarios?.[0];
  if (!scenario) return { sources };
  if ((scenario.assumptions ?? []).length === 0) {
    report(
      io,
      [
        error(
          'usage',
          `${file} has no \`assumptions:\`, so there is nothing to vary`,
          undefined,
          'add assumption ranges (see the README, "Risk")',
        ),
      ],
      sources,
    );
    return { sources };
  }
  return { scenario, sources };
}

function finish(io: Io, content: string, scenario: Scenario, output: string | undefined, sources: ReadonlyMap<string, string>): number {
  const failed = emit(io, content, { ...(output ? { output } : {}), inputs: scenario.inputs });
  if (failed) {
    report(io, [failed], sources);
    return EXIT_INVALID;
  }
  return EXIT_OK;
}

export function sensitivityCommand(io: Io, file: string, opts: RiskCommandOptions): number {
  const { scenario, sources } = loadWithAssumptions(io, file);
  if (!scenario) return EXIT_INVALID;
  const s = sensitivity(scenario);
  const content = renderAs(io, opts.format, { rounding: opts.rounding, dp: 0 }, [sensitivityTable(s)], () => sensitivityAsJson(s));
  return finish(io, content, scenario, opts.output, sources);
}

export interface RiskOptions extends RiskCommandOptions {
  readonly draws: number;
  readonly seed: number;
  readonly threshold?: string;
}

export function riskCommand(io: Io, file: string, opts: RiskOptions): number {
  const { scenario, sources } = loadWithAssumptions(io, file);
  if (!scenario) return EXIT_INVALID;
  let threshold;
  if (opts.threshold !== undefined) {
    const t = parseAmountText(opts.threshold);
    if (!t.ok) {
      report(io, [error('usage', `--threshold: ${t.message}`, undefined, t.hint)], sources);
      return EXIT_INVALID;
    }
    threshold = moneyFromText(t.canonical);
  }
  // a progress bar only on a terminal; nothing extra when output is piped or captured
  const bar = io.interactive
    ? new SingleBar({ stream: process.stderr, format: 'mtfs risk [{bar}] {percentage}% | {value}/{total} draws', hideCursor: true })
    : undefined;
  bar?.start(opts.draws, 0);
  const r = monteCarlo(scenario, {
    draws: opts.draws,
    seed: opts.seed,
    ...(threshold ? { threshold } : {}),
    ...(bar ? { onProgress: (done: number) => bar.update(done) } : {}),
  });
  bar?.stop();
  const content = renderAs(io, opts.format, { rounding: opts.rounding, dp: 0 }, [riskTable(r)], () => riskAsJson(r));
  return finish(io, content, scenario, opts.output, sources);
}
