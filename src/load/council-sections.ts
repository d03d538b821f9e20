// The sections a scenario gains for funding and the gap: `departments:` (a whole council),
// `funding:` and `apportionment:`, plus the rule that controls name only rows the scenario has.
// Read before normalising (department scenarios are loaded through the loader it is given) and
// normalised with the rest of the scenario. Pure given that loader.

import type { Result } from '../diagnostics/result.js';
import { append, error, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { FiscalYear } from '../model/fiscal-year.js';
import type { Apportionment, Funding } from '../model/funding.js';
import type { Department } from '../model/scenario.js';
import type { Scenario } from '../model/scenario.js';
import { CONTROL_ROWS, type WrittenScenarioHeader } from '../schema/scenario.js';
import { closest } from '../schema/diagnose.js';
import type { RawDocument } from '../source/raw-tree.js';
import { normaliseDepartments, readDepartmentScenarios, type LoadedScenarios } from './departments.js';
import { earmarkedWarnings, normaliseApportionment, normaliseFunding } from './funding.js';
import { readPrinciples, referendumWarnings } from './council-tax-principles.js';
import type { SourceSet } from './read-source.js';
import { relativeTo } from './reader.js';
import type { CouncilTaxPrinciples } from '../model/council-tax-principles.js';

type HeaderFields = Partial<WrittenScenarioHeader>;
type LoadOne = (file: string) => Result<Scenario>;

export interface CouncilSectionsRead {
  /** The header and document to normalise: without sections a department scenario may not have. */
  readonly fields: HeaderFields;
  readonly doc: RawDocument;
  readonly departments?: LoadedScenarios;
  /** The referendum principles `funding: council_tax: principles:` names. */
  readonly principles?: CouncilTaxPrinciples;
  readonly diagnostics: readonly Diagnostic[];
  readonly inputs: readonly string[];
}

/**
 * Loads the department scenarios of a whole council. A scenario loaded as a department
 * (`asDepartment`) may have neither `departments:` nor `funding:` (`department` diagnostic, once;
 * the rest of the file is then checked as a department).
 */
export function readCouncilSections(
  file: string,
  doc: RawDocument,
  fields: HeaderFields,
  asDepartment: boolean,
  load: LoadOne,
  set: SourceSet,
): CouncilSectionsRead {
  const nested = (['departments', 'funding'] as const).filter((k) => asDepartment && fields[k] !== undefined);
  const diagnostics: Diagnostic[] = nested.map((k) =>
    error(
      'department',
      `${file} is a department of a whole-council scenario, so it cannot have \`${k}:\``,
      doc.locator.key([k]),
      k === 'funding' ? 'put the funding in the council scenario' : 'name every department in the council scenario',
    ),
  );
  if (nested.length > 0) {
    const tree = Object.fromEntries(Object.entries(doc.tree as Record<string, unknown>).filter(([k]) => !(nested as string[]).includes(k)));
    return {
      fields: { ...fields, departments: undefined, funding: undefined },
      doc: { ...doc, tree },
      diagnostics,
      inputs: [],
    };
  }
  const named = fields.funding?.council_tax?.principles;
  const principlesFile = named === undefined ? undefined : relativeTo(file, named.trim());
  const principles =
    principlesFile === undefined
      ? undefined
      : readPrinciples(set, principlesFile, doc.locator.value(['funding', 'council_tax', 'principles']));
  append(diagnostics, principles?.diagnostics ?? []);
  const withPrinciples = {
    ...(principles?.value ? { principles: principles.value } : {}),
    inputs: principlesFile === undefined ? [] : [principlesFile],
  };
  if (!fields.departments) return { fields, doc, diagnostics, ...withPrinciples };
  const departments = readDepartmentScenarios(fields.departments, doc, load);
  append(diagnostics, departments.diagnostics);
  return { fields, doc, departments, diagnostics, ...withPrinciples, inputs: [...departments.inputs, ...withPrinciples.inputs] };
}

/**
 * Departments, funding and apportionment as domain values, checked against the period.
 * Diagnostics: those of normaliseDepartments, normaliseFunding and normaliseApportionment;
 * `department` and `missing-key` (a scenario is a department or a whole council, never both);
 * `invalid-value` (a control on a row the scenario does not produce).
 */
export function normaliseCouncilSections(
  h: HeaderFields,
  doc: RawDocument,
  period: readonly FiscalYear[] | undefined,
  hasLines: boolean,
  loaded: LoadedScenarios | undefined,
  principles?: CouncilTaxPrinciples,
): { departments?: Department[]; funding?: Funding; apportionment?: Apportionment; diagnostics: Diagnostic[] } {
  const diagnostics = [...wholeCouncil(h, doc, hasLines), ...controlledRows(h, doc)];
  const departments = h.departments && loaded && period ? normaliseDepartments(h.departments, doc, loaded, period) : undefined;
  const funding = h.funding && period ? normaliseFunding(h.funding, doc, period, principles) : undefined;
  const apportionment = h.apportionment ? normaliseApportionment(h.apportionment, doc) : undefined;
  for (const part of [departments, funding, apportionment]) append(diagnostics, part?.diagnostics ?? []);
  if (period) append(diagnostics, earmarkedWarnings(funding?.value?.reserves, period));
  append(diagnostics, conditionalGrantTargets(funding?.value, h));
  const ct = funding?.value?.councilTax;
  if (ct) {
    append(diagnostics, referendumWarnings(ct));
    const asc = ct.ascDepartment;
    const names = (h.departments ?? []).map((d) => d.name);
    if (asc && !names.includes(asc.name)) {
      diagnostics.push(
        error(
          'department',
          `asc_department names ${asc.name}, which is not a department of this council`,
          asc.origin,
          names.length
            ? `departments are ${names.join('; ')}`
            : 'only a whole-council scenario (with `departments:`) has an ASC department',
        ),
      );
    }
  }
  return {
    ...(departments?.value ? { departments: departments.value } : {}),
    ...(funding?.value ? { funding: funding.value } : {}),
    ...(apportionment?.value ? { apportionment: apportionment.value } : {}),
    diagnostics,
  };
}

/**
 * A conditional grant funds the spend of a department of the council, or of the scenario's own
 * department. Diagnostics: `conditional-grant` for a name that is neither.
 */
function conditionalGrantTargets(funding: Funding | undefined, h: HeaderFields): Diagnostic[] {
  const names = h.departments ? h.departments.map((d) => d.name) : h.department ? [h.department] : [];
  return (funding?.streams ?? []).flatMap((s) => {
    const c = s.conditional;
    if (!c || names.includes(c.funds)) return [];
    const guess = closest(c.funds, names);
    return [
      error(
        'conditional-grant',
        `grant ${s.id} funds ${c.funds}, which is not ${h.departments ? 'a department of this council' : "this scenario's department"}`,
        c.origin,
        guess
          ? `did you mean \`${guess}\`?`
          : h.departments
            ? `departments are ${names.join('; ')}`
            : `this scenario's department is ${names.join('') || 'not named'}`,
      ),
    ];
  });
}

/** A scenario is a department (`original_budget`, transfers and lines) or a whole council (`departments:`), judged from what is written. */
function wholeCouncil(h: HeaderFields, doc: RawDocument, hasLines: boolean): Diagnostic[] {
  const written = doc.tree as Record<string, unknown>;
  if (written.departments === undefined) {
    return written.original_budget !== undefined || written.base_budget !== undefined
      ? []
      : [
          error(
            'missing-key',
            'missing `original_budget`',
            doc.locator.key([]),
            'add `original_budget:` or `base_budget:` (a department), or `departments:` (a whole council)',
          ),
        ];
  }
  const diagnostics =
    h.departments?.length === 0
      ? [
          error(
            'department',
            '`departments` names no departments',
            doc.locator.key(['departments']),
            'add `- name: …` with `scenario:` or `levels:`',
          ),
        ]
      : [];
  const clashes = (['original_budget', 'transfers', 'line_files', 'lines'] as const).filter(
    (k) => written[k] !== undefined || (k === 'lines' && hasLines),
  );
  for (const k of clashes) {
    diagnostics.push(
      error(
        'department',
        `a whole-council scenario (with \`departments:\`) cannot have \`${k}:\``,
        doc.locator.key([k]),
        'give the department its own scenario file and name it under `departments:`',
      ),
    );
  }
  return diagnostics;
}

/** The projection rows a scenario produces (judged from what is written, valid or not). */
function producedRows(doc: RawDocument): (typeof CONTROL_ROWS)[number][] {
  const written = doc.tree as Record<string, unknown>;
  const funding = written.funding;
  const budget =
    written.departments !== undefined
      ? (['net_budget'] as const)
      : (['original_budget', 'transfers', 'subtotal', 'growth', 'savings', 'net_budget'] as const);
  const gap = funding !== undefined ? (['funding', 'gap', 'cumulative_gap'] as const) : [];
  const reservesIn = funding !== null && typeof funding === 'object' ? (funding as Record<string, unknown>).reserves : undefined;
  const contributes =
    reservesIn !== null && typeof reservesIn === 'object' && (reservesIn as Record<string, unknown>).contributions !== undefined;
  const reserves =
    reservesIn !== undefined
      ? ([
          'reserves_bf',
          'reserves_use',
          ...(contributes ? (['reserves_contributions'] as const) : []),
          'reserves_cf',
          'reserves_after_gap',
        ] as const)
      : [];
  return [...budget, ...gap, ...reserves];
}

/** `controls:` may name only rows the scenario produces. */
function controlledRows(h: HeaderFields, doc: RawDocument): Diagnostic[] {
  const produced = producedRows(doc);
  return CONTROL_ROWS.filter((row) => h.controls?.rows[row] !== undefined && !produced.includes(row)).map((row) =>
    error(
      'invalid-value',
      `this scenario has no \`${row}\` row to control`,
      doc.locator.key(['controls', 'rows', row]),
      `rows here: ${produced.join(', ')}`,
    ),
  );
}
