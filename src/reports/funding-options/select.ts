// Choosing from the green paper's tables: `--option` and `--need` ids → the options and needs they
// name, in the order given. Pure; unknown ids get a "did you mean", and needs that are
// alternatives (cap and floor, free personal care) are refused together.

import { error, type Diagnostic } from '../../diagnostics/diagnostic.js';
import type { FundingOption, NationalData, Need } from '../../model/national-options.js';
import { closest } from '../../schema/diagnose.js';

export interface Selection {
  readonly options: readonly FundingOption[];
  /** In the order given: the order in which the yield is applied to them. */
  readonly needs: readonly Need[];
}

function pick<T extends { id: string }>(
  ids: readonly string[],
  items: readonly T[],
  code: 'unknown-option' | 'unknown-need',
  flag: string,
  diagnostics: Diagnostic[],
): T[] {
  const known = items.map((i) => i.id);
  const out: T[] = [];
  const seen = new Set<string>();
  for (const id of ids) {
    const item = items.find((i) => i.id === id);
    if (!item) {
      const guess = closest(id, known);
      diagnostics.push(
        error(
          code,
          `unknown ${flag} id \`${id}\``,
          undefined,
          guess ? `did you mean \`${guess}\`? (ids: ${known.join(', ')})` : `ids are ${known.join(', ')}`,
        ),
      );
      continue;
    }
    if (seen.has(id)) {
      diagnostics.push(
        error(
          'usage',
          `--${flag} ${id} is given twice`,
          undefined,
          `give each --${flag} once: a figure counted twice would be a wrong total`,
        ),
      );
      continue;
    }
    seen.add(id);
    out.push(item);
  }
  return out;
}

/**
 * The options and needs named by `optionIds` and `needIds`. Diagnostics: `unknown-option`,
 * `unknown-need` (with "did you mean"), `usage` (an id given twice), `incompatible-needs`.
 */
export function selectFromTables(
  data: NationalData,
  optionIds: readonly string[],
  needIds: readonly string[],
): { value?: Selection; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const options = pick(optionIds, data.options.items, 'unknown-option', 'option', diagnostics);
  const needs = pick(needIds, data.needs.items, 'unknown-need', 'need', diagnostics);
  const chosen = new Set(needs.map((n) => n.id));
  const reported = new Set<string>();
  for (const n of needs) {
    for (const x of n.excludes) {
      const pair = [n.id, x].sort().join(' ');
      if (!chosen.has(x) || reported.has(pair)) continue;
      reported.add(pair);
      diagnostics.push(
        error(
          'incompatible-needs',
          `${n.id} and ${x} cannot be costed together`,
          undefined,
          `the green paper's reforms are alternatives ("free personal care would mean there was no need for a cap on care costs", ${data.needs.file}): choose one`,
        ),
      );
    }
  }
  return diagnostics.length > 0 ? { diagnostics } : { value: { options, needs }, diagnostics };
}
