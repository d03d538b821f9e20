// Loading the national data files (data/*.yaml) into the green paper's tables: parse with
// positions, validate strictly, normalise points to exact £m by year. The files are read first,
// then loaded by a pure function;
// problems in a data file are reported like problems in a scenario, with file:line:column.

import type { z } from 'zod/mini';
import { append, error, hasErrors, type Diagnostic, type Location } from '../diagnostics/diagnostic.js';
import { compareYears } from '../model/fiscal-year.js';
import type { FundingOption, NationalData, NationalTable, NationalTotals, Need, SeriesPoint } from '../model/national-options.js';
import { validate } from '../schema/diagnose.js';
import { fundingOptionsFileSchema, nationalTotalsFileSchema, needsFileSchema, type WrittenSeries } from '../schema/national-options.js';
import type { Path, RawDocument } from '../source/raw-tree.js';
import { parseYaml } from '../source/yaml.js';
import type { Result } from '../diagnostics/result.js';
import { readFile, sourceFile, textOf, type SourceSet } from './read-source.js';
import type { FileReader, Loaded } from './reader.js';
import { money, rate, year } from './validated.js';

export interface NationalDataFiles {
  readonly options: string;
  readonly needs: string;
  readonly totals: string;
}

/** One data file of the set, parsed and validated against its schema. */
function readDocument<S extends z.ZodMiniType>(
  set: SourceSet,
  file: string,
  schema: S,
): { value?: { data: z.infer<S>; doc: RawDocument }; diagnostics: readonly Diagnostic[] } {
  const src = textOf(sourceFile(set, file), file);
  if (src.text === undefined) return { diagnostics: src.diagnostics };
  const parsed = parseYaml(file, src.text);
  const diagnostics = [...src.diagnostics, ...parsed.diagnostics];
  if (!parsed.doc || hasErrors(parsed.diagnostics)) return { diagnostics };
  const v = validate(schema, parsed.doc.tree, parsed.doc);
  append(diagnostics, v.diagnostics);
  return v.data === undefined ? { diagnostics } : { value: { data: v.data, doc: parsed.doc }, diagnostics };
}

function series(w: WrittenSeries, doc: RawDocument, p: Path): Result<{ points: SeriesPoint[]; hold: boolean; origin: Location }> {
  const at = (k: Path): Location => doc.locator.value([...p, ...k]);
  const points = Object.entries(w.points)
    .map(([text, pt]) => ({
      year: year(text),
      amount: money(pt.amount),
      provenance: pt.provenance,
      source: pt.source,
      ...(pt.estimate_basis !== undefined ? { estimateBasis: pt.estimate_basis } : {}),
      origin: at(['points', text, 'amount']),
    }))
    .sort((a, b) => compareYears(a.year, b.year));
  if (points.length === 0) {
    return {
      diagnostics: [
        error(
          'level-missing',
          `${w.id} has no points`,
          doc.locator.key([...p, 'points']),
          'give at least one year with its amount and source',
        ),
      ],
    };
  }
  return { value: { points, hold: w.outside_points !== 'none', origin: at(['id']) }, diagnostics: [] };
}

function uniqueIds<T extends { id: string }>(items: readonly T[], doc: RawDocument, key: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.id))
      diagnostics.push(
        error('duplicate-ref', `${item.id} is defined twice`, doc.locator.value([key, i, 'id']), 'give each item its own id'),
      );
    seen.add(item.id);
  });
  return diagnostics;
}

/** Loads the three national data files. Diagnostics as for scenarios, plus `duplicate-ref` and `invalid-value` (an `excludes` naming no need). */
export function loadNationalData(files: NationalDataFiles, read: FileReader): Loaded<NationalData> {
  const read3 = new Map([files.options, files.needs, files.totals].map((f) => [f, readFile(read, f)]));
  const texts = new Map([...read3].flatMap(([f, r]) => (r.text === undefined ? [] : [[f, r.text] as const])));
  const set: SourceSet = { files: read3, texts };
  return { ...nationalDataFromSources(set, files), sources: set.texts };
}

/** The national data from its three files, already read. Pure. */
export function nationalDataFromSources(set: SourceSet, files: NationalDataFiles): Result<NationalData> {
  const diagnostics: Diagnostic[] = [];
  const oRead = readDocument(set, files.options, fundingOptionsFileSchema());
  const nRead = readDocument(set, files.needs, needsFileSchema());
  const tRead = readDocument(set, files.totals, nationalTotalsFileSchema());
  for (const r of [oRead, nRead, tRead]) append(diagnostics, r.diagnostics);
  const [o, n, t] = [oRead.value, nRead.value, tRead.value];
  if (!o || !n || !t) return { diagnostics };

  append(diagnostics, uniqueIds(o.data.options, o.doc, 'options'));
  append(diagnostics, uniqueIds(n.data.needs, n.doc, 'needs'));
  const options: FundingOption[] = [];
  o.data.options.forEach((w, i) => {
    const r = series(w, o.doc, ['options', i]);
    append(diagnostics, r.diagnostics);
    const s = r.value;
    if (s)
      options.push({
        id: w.id,
        label: w.label,
        group: w.group,
        illustrative: w.illustrative === true,
        ...(w.note ? { note: w.note } : {}),
        ...(w.local_council_tax_rate !== undefined ? { localCouncilTaxRate: rate(w.local_council_tax_rate) } : {}),
        ...s,
      });
  });
  const needIds = new Set(n.data.needs.map((w) => w.id));
  const needs: Need[] = [];
  n.data.needs.forEach((w, i) => {
    const r = series(w, n.doc, ['needs', i]);
    append(diagnostics, r.diagnostics);
    const s = r.value;
    (w.excludes ?? []).forEach((x, j) => {
      if (!needIds.has(x))
        diagnostics.push(
          error(
            'invalid-value',
            `${w.id} excludes ${x}, which is not a need here`,
            n.doc.locator.value(['needs', i, 'excludes', j]),
            `needs are ${[...needIds].join(', ')}`,
          ),
        );
    });
    if (s)
      needs.push({
        id: w.id,
        label: w.label,
        group: w.group,
        excludes: w.excludes ?? [],
        ...(w.own_gap_overlap !== undefined ? { ownGapOverlap: w.own_gap_overlap } : {}),
        illustrative: w.illustrative === true,
        ...(w.note ? { note: w.note } : {}),
        ...s,
      });
  });
  const denominators = [
    { key: 'asc_net_spend', field: 'amount', text: t.data.asc_net_spend.amount },
    { key: 'population', field: 'count', text: t.data.population.count },
  ] as const;
  for (const { key, field, text } of denominators) {
    const v = money(text);
    if (!v.isPositive() || v.isZero()) {
      diagnostics.push(
        error(
          'invalid-value',
          `the national ${key} must be more than nil`,
          t.doc.locator.value([key, field]),
          'a share needs a positive national total',
        ),
      );
    }
  }
  if (hasErrors(diagnostics)) return { diagnostics };
  const table = <T>(file: string, d: { title: string; source: string }, items: T[]): NationalTable<T> => ({
    file,
    title: d.title,
    source: d.source,
    items,
  });
  const spend = t.data.asc_net_spend;
  const pop = t.data.population;
  const totals: NationalTotals = {
    file: files.totals,
    ascNetSpend: {
      amount: money(spend.amount),
      when: spend.when,
      provenance: spend.provenance,
      source: spend.source,
      ...(spend.note ? { note: spend.note } : {}),
    },
    population: {
      count: money(pop.count),
      when: pop.when,
      provenance: pop.provenance,
      source: pop.source,
      external: pop.external === true,
      ...(pop.note ? { note: pop.note } : {}),
    },
  };
  return {
    value: { options: table(files.options, o.data, options), needs: table(files.needs, n.data, needs), totals },
    diagnostics,
  };
}
