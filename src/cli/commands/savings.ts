// `mtfs savings <scenario> [--target amount|YEAR=AMOUNT,…|gap] [--exclude REF]… [--top N]`:
// the saving options register, and the best sets of options that meet a target.

import { Option, type Command } from 'commander';
import { error, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { parseAmountText } from '../../model/amount-text.js';
import { parseFiscalYear, type FiscalYear } from '../../model/fiscal-year.js';
import { add, moneyFromText, ZERO, type Money, type RoundingMode } from '../../model/money.js';
import { projectScenario, type Projection } from '../../project/project.js';
import { registerAsJson, registerCsvTables, registerTables, targetTable } from '../../render/savings.js';
import { closest } from '../../schema/diagnose.js';
import { savingsRegister } from '../../reports/savings/register.js';
import { savingOptions } from '../../reports/savings/options.js';
import { alternativeSets, MAX_BRANCHES, type AlternativeSets } from '../../reports/savings/target.js';
import type { Io } from '../io.js';
import { fail, finish, type CommandContext } from '../command.js';
import {
  collect,
  formatOption,
  outputOption,
  positiveInteger,
  displayOptions,
  roundingOption,
  unitsOption,
  decimalsOption,
  setOption,
} from '../flags.js';
import type { Units } from '../../model/units.js';
import { loadScenarios } from '../load.js';
import { EXIT_INVALID, type ExitCode } from '../output.js';
import { renderAs, type Format } from '../render.js';

interface SavingsOptions {
  readonly format: Format;
  readonly output?: string;
  readonly rounding: RoundingMode;
  /** `--units`: the units amounts are shown in (default: the scenario's). */
  readonly units?: Units;
  readonly decimals?: number;
  readonly target?: string;
  readonly exclude: readonly string[];
  readonly top: number;
  /** `--set` what-ifs on demand drivers, in the order given. */
  readonly set: readonly string[];
  /** How much of every earlier set an alternative must leave out (default 10% of the last year's target). */
  readonly differBy?: string;
}

export function register(program: Command, { io, exit }: CommandContext): void {
  program
    .command('savings')
    .description('the saving options register; with --target, the best sets of options that meet a target')
    .argument('<scenario>', 'scenario YAML file')
    .addOption(formatOption())
    .addOption(outputOption())
    .addOption(roundingOption())
    .addOption(unitsOption())
    .addOption(decimalsOption())
    .option('-t, --target <target>', 'an amount every year, YEAR=AMOUNT,… for some years, or gap')
    .option('-x, --exclude <ref>', 'leave an option out of the target search (repeatable)', collect, [] as string[])
    .addOption(new Option('--top <n>', 'how many sets to list: the best and its alternatives').argParser(positiveInteger).default(5))
    .option(
      '--differ-by <amount>',
      "how much of every set listed before it an alternative must leave out, in the last target year (default: 10% of that year's target)",
    )
    .addOption(setOption())
    .action((scenario: string, o: SavingsOptions) => exit(savingsCommand(io, scenario, o)));
}

function savingsCommand(io: Io, file: string, opts: SavingsOptions): ExitCode {
  const loaded = loadScenarios(io, [{ file, sets: opts.set }]);
  const scenario = loaded?.scenarios[0];
  if (!loaded || !scenario) return EXIT_INVALID;
  const { sources } = loaded;
  const projection = projectScenario(scenario);
  const register = savingsRegister(projection);

  let target: AlternativeSets | undefined;
  if (opts.target !== undefined) {
    const all = savingOptions(projection);
    const refs = all.map((o) => o.line.ref);
    const problems: Diagnostic[] = opts.exclude
      .filter((r) => !refs.includes(r))
      .map((r) => {
        const guess = closest(r, refs);
        return error(
          'usage',
          `--exclude ${r}: ${file} has no saving option ${r}`,
          undefined,
          guess ? `did you mean ${guess}?` : refs.length ? `options are ${refs.join(', ')}` : 'it has no saving options',
        );
      });
    const options = all.filter((o) => !opts.exclude.includes(o.line.ref));
    const targets = parseTarget(
      opts.target,
      projection,
      options.filter((o) => o.inBudget).map((o) => o.levels),
      problems,
    );
    const differBy = opts.differBy === undefined ? undefined : differAmount(opts.differBy, problems);
    if (problems.length > 0 || !targets) return fail(io, problems, sources);
    target = alternativeSets(options, targets, opts.top, differBy);
    if (target.search.stopped) {
      return fail(
        io,
        [
          error(
            'usage',
            `--target ${opts.target}: the exact search stopped after ${String(MAX_BRANCHES).replace(/\B(?=(\d{3})+$)/g, ',')} branches without finishing (${options.length} saving options)`,
            undefined,
            'leave options out with --exclude REF, ask for fewer sets with --top, or give fewer target years',
          ),
        ],
        sources,
      );
    }
  }

  const units = scenario.units;
  const models = target ? [...registerTables(register), targetTable(target, units)] : registerTables(register);
  const csv = target ? [targetTable(target, units)] : registerCsvTables(register);
  const content = renderAs(io, opts.format, displayOptions(opts, scenario.units), models, () => registerAsJson(register, target), csv);
  return finish(io, { content, output: opts.output, inputs: scenario.inputs, sources });
}

/** `--differ-by`: an amount in the scenario's units, nil or more. */
function differAmount(text: string, problems: Diagnostic[]): Money | undefined {
  const r = parseAmountText(text);
  if (r.ok && !r.canonical.startsWith('-')) return moneyFromText(r.canonical);
  problems.push(
    error(
      'usage',
      `--differ-by: ${r.ok ? 'cannot be negative' : r.message}`,
      undefined,
      'write an amount such as 500, in the units of the scenario',
    ),
  );
  return undefined;
}

/**
 * `--target`: an amount for every year (`8000`), amounts for some years (`2019/20=7000,2021/22=8000`),
 * or `gap` — the savings level each year that would leave no gap: the scenario's gap plus the
 * delivered total of the options already in the budget (needs a scenario with funding).
 */
function parseTarget(
  spec: string,
  p: Projection,
  optionLevels: readonly ReadonlyMap<FiscalYear, Money>[],
  problems: Diagnostic[],
): Map<FiscalYear, Money> | undefined {
  const hint = 'write --target 8000 (every year), --target 2019/20=7000,2021/22=8000, or --target gap';
  if (spec.trim() === 'gap') {
    const gap = p.rows.find((r) => (r.id as string) === 'gap');
    if (!gap) {
      problems.push(
        error(
          'usage',
          `--target gap: ${p.scenario.file} has no funding, so no gap`,
          undefined,
          'add a `funding:` section, or give the target as an amount',
        ),
      );
      return undefined;
    }
    return new Map(p.years.map((y) => [y, optionLevels.reduce((acc, l) => add(acc, l.get(y) ?? ZERO), gap.values.get(y) ?? ZERO)]));
  }
  const amount = (text: string): Money | undefined => {
    const r = parseAmountText(text);
    if (r.ok) return moneyFromText(r.canonical);
    problems.push(error('usage', `--target: ${r.message}`, undefined, hint));
    return undefined;
  };
  if (!spec.includes('=')) {
    const a = amount(spec);
    return a ? new Map(p.years.map((y) => [y, a])) : undefined;
  }
  const out = new Map<FiscalYear, Money>();
  for (const part of spec.split(',')) {
    const [y, a] = part.split('=');
    const year = parseFiscalYear(y ?? '');
    if (!year.ok || !p.years.includes(year.year)) {
      problems.push(
        error('usage', `--target: \`${y ?? ''}\` is not a year of ${p.scenario.file} (${p.years.join(', ')})`, undefined, hint),
      );
      continue;
    }
    const value = amount(a ?? '');
    if (value) out.set(year.year, value);
  }
  return problems.length ? undefined : out;
}
