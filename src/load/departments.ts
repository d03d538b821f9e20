// The departments of a whole-council scenario: each is a department scenario file (loaded and
// validated on its own) or net budgets given by year with provenance and source. Pure given the
// loader it is handed; every problem is a located diagnostic.

import { atReference } from './read-source.js';
import { relativeTo } from './reader.js';
import type { Result } from '../diagnostics/result.js';
import { append, error, type Diagnostic, type Location } from '../diagnostics/diagnostic.js';
import type { FiscalYear } from '../model/fiscal-year.js';
import type { Department } from '../model/scenario.js';
import { fillLevels, type StatedLevel } from '../model/levels.js';
import type { Scenario } from '../model/scenario.js';
import type { WrittenDepartment } from '../schema/funding.js';
import type { Path, RawDocument } from '../source/raw-tree.js';
import { outsidePeriod } from './period.js';
import { money, year } from './validated.js';

export interface LoadedScenarios {
  /** The department scenarios that loaded without errors, by their index in `departments:`. */
  readonly scenarios: ReadonlyMap<number, Scenario>;
  readonly diagnostics: readonly Diagnostic[];
  readonly inputs: readonly string[];
}

type LoadOne = (file: string) => Result<Scenario>;

/** Loads every department given by `scenario:`, relative to the council scenario's folder. */
export function readDepartmentScenarios(written: readonly WrittenDepartment[], doc: RawDocument, load: LoadOne): LoadedScenarios {
  const file = doc.file;
  const scenarios = new Map<number, Scenario>();
  const diagnostics: Diagnostic[] = [];
  const inputs: string[] = [];
  written.forEach((d, i) => {
    if (d.scenario === undefined) return;
    const sub = relativeTo(file, d.scenario);
    const loaded = load(sub);
    // a department file that is missing, a folder or too large is reported where the council scenario names it
    append(
      diagnostics,
      atReference(loaded.diagnostics, doc.locator.value(['departments', i, 'scenario']), `the department scenario ${sub} does not exist`),
    );
    if (loaded.value) {
      scenarios.set(i, loaded.value);
      inputs.push(...loaded.value.inputs);
    } else inputs.push(sub);
  });
  return { scenarios, diagnostics, inputs };
}

/**
 * The departments as domain values. Diagnostics: `department` (both or neither of `scenario` and
 * `levels`, a repeated name, a department scenario not covering the period), `missing-key`,
 * `year-outside-period`, `level-missing`.
 */
export function normaliseDepartments(
  written: readonly WrittenDepartment[],
  doc: RawDocument,
  loaded: LoadedScenarios,
  years: readonly FiscalYear[],
): Result<Department[]> {
  const diagnostics: Diagnostic[] = [];
  const departments: Department[] = [];
  const names = new Map<string, Location>();
  written.forEach((d, i) => {
    const p: Path = ['departments', i];
    const at = (k: Path): Location => doc.locator.value([...p, ...k]);
    const keyAt = (k: Path): Location => doc.locator.key([...p, ...k]);
    const first = names.get(d.name);
    if (first) {
      diagnostics.push(
        error(
          'department',
          `department \`${d.name}\` is named twice`,
          at(['name']),
          `the first is at ${first.file}:${first.line}:${first.column}; give each department its own name`,
        ),
      );
      return;
    }
    names.set(d.name, at(['name']));
    if (d.scenario !== undefined) {
      if (d.levels !== undefined || d.unstated !== undefined) {
        diagnostics.push(
          error(
            'department',
            `department \`${d.name}\` has both \`scenario\` and \`levels\``,
            keyAt(['levels']),
            'a department is either its own scenario file or net budgets by year',
          ),
        );
        return;
      }
      const scenario = loaded.scenarios.get(i);
      if (!scenario) return; // its own diagnostics say why
      const missing = years.filter((y) => !scenario.years.includes(y));
      if (missing.length > 0) {
        diagnostics.push(
          error(
            'department',
            `${scenario.file} covers ${scenario.years[0]} to ${scenario.years[scenario.years.length - 1]}, not ${missing.join(', ')}`,
            at(['scenario']),
            'a department scenario must cover every year of the council scenario',
          ),
        );
        return;
      }
      departments.push({ kind: 'scenario', name: d.name, scenario, origin: at([]) });
      return;
    }
    if (d.levels === undefined) {
      diagnostics.push(
        error(
          'department',
          `department \`${d.name}\` has neither \`scenario\` nor \`levels\``,
          keyAt([]),
          'add `scenario: <file>` or `levels: {2018/19: …}` with provenance and source',
        ),
      );
      return;
    }
    if (d.provenance === undefined || d.source === undefined) {
      const key = d.provenance === undefined ? 'provenance' : 'source';
      diagnostics.push(
        error(
          'missing-key',
          `missing \`${key}\` in department \`${d.name}\``,
          keyAt([]),
          'net budgets given by year say where they come from: `provenance:` and `source:`',
        ),
      );
      return;
    }
    const stated: StatedLevel[] = [];
    let ok = true;
    for (const [text, amount] of Object.entries(d.levels)) {
      const y = year(text);
      if (!years.includes(y)) {
        diagnostics.push(outsidePeriod(y, years, keyAt(['levels', text])));
        ok = false;
      } else stated.push({ year: y, amount: money(amount), origin: at(['levels', text]) });
    }
    if (!ok) return;
    const filled = fillLevels(years, stated, d.unstated);
    const unset = years.filter((y) => filled.levels.get(y)?.basis === 'not-started');
    if (filled.unstated.length > 0 || unset.length > 0 || stated.length === 0) {
      diagnostics.push(
        error(
          'level-missing',
          `department \`${d.name}\` does not state ${[...unset, ...filled.unstated].join(', ') || 'any year'}`,
          keyAt(['levels']),
          'state the first year, and `unstated: hold` or `linear` for the years between',
        ),
      );
      return;
    }
    departments.push({
      kind: 'levels',
      name: d.name,
      levels: filled.levels,
      provenance: d.provenance,
      source: d.source,
      ...(d.note ? { note: d.note } : {}),
      ...(d.calibrated_to ? { calibratedTo: d.calibrated_to } : {}),
      origin: at([]),
    });
  });
  return diagnostics.length > 0 ? { diagnostics } : { value: departments, diagnostics };
}
