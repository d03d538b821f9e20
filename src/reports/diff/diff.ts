// Comparing two MTFS vintages line by line: each line is unchanged (*), amended (**), new or
// removed, judged on the years both cover; where the status written in the current file says
// otherwise, a `status-mismatch` warning points at it. Pure.

import { warning, type Diagnostic } from '../../diagnostics/diagnostic.js';
import type { FiscalYear } from '../../model/fiscal-year.js';
import { ZERO, sub, type Money } from '../../model/money.js';
import { statusMark, type Classifications } from '../../model/classification.js';
import type { BudgetLine, LineStatus, Scenario } from '../../model/scenario.js';

export type Found = LineStatus | 'removed';

interface LineDiff {
  readonly ref: string;
  readonly previous?: BudgetLine;
  readonly current?: BudgetLine;
  /** What the comparison shows. */
  readonly found: Found;
  /** What the current file says (absent for removed and reconciling lines). */
  readonly written?: LineStatus;
  readonly agrees: boolean;
  /** current − previous level in each year both scenarios cover. */
  readonly change: ReadonlyMap<FiscalYear, Money>;
}

export interface ScenarioDiff {
  readonly previous: Scenario;
  readonly current: Scenario;
  /** The years both scenarios cover: levels are compared on these. */
  readonly commonYears: readonly FiscalYear[];
  readonly lines: readonly LineDiff[];
  readonly diagnostics: readonly Diagnostic[];
}

const WORD: Record<LineStatus, string> = { unchanged: 'unchanged (*)', amended: 'amended (**)', new: 'new' };

export function diffScenarios(previous: Scenario, current: Scenario): ScenarioDiff {
  const commonYears = current.years.filter((y) => previous.years.includes(y));
  const prev = new Map(previous.lines.map((l) => [l.ref, l]));
  const curr = new Map(current.lines.map((l) => [l.ref, l]));
  const lines: LineDiff[] = [];
  const diagnostics: Diagnostic[] = [];
  const levelIn = (l: BudgetLine | undefined, y: FiscalYear): Money => l?.levels.get(y)?.amount ?? ZERO;

  for (const c of current.lines) {
    const p = prev.get(c.ref);
    const change = new Map(commonYears.map((y) => [y, sub(levelIn(c, y), levelIn(p, y))]));
    const found: LineStatus = !p ? 'new' : [...change.values()].every((d) => d.isZero()) ? 'unchanged' : 'amended';
    const agrees = c.reconciling || c.status === undefined || c.status === found;
    lines.push({
      ref: c.ref,
      ...(p ? { previous: p } : {}),
      current: c,
      found,
      ...(c.status ? { written: c.status } : {}),
      agrees,
      change,
    });
    if (!agrees && c.status) {
      diagnostics.push(
        warning(
          'status-mismatch',
          `${c.ref} is written as ${WORD[c.status]} but the comparison with ${previous.file} shows ${WORD[found]}`,
          c.statusOrigin ?? c.origin,
          found === 'new'
            ? `${c.ref} is not in ${previous.file}: write \`status: new\``
            : found === 'unchanged'
              ? `its levels in ${commonYears.join(', ')} are the same: write \`status: unchanged\` (*)`
              : `its levels differ in ${commonYears.filter((y) => !change.get(y)?.isZero()).join(', ')}: write \`status: amended\` (**)`,
        ),
      );
    }
  }
  for (const p of previous.lines) {
    if (curr.has(p.ref)) continue;
    lines.push({
      ref: p.ref,
      previous: p,
      found: 'removed',
      agrees: true,
      change: new Map(commonYears.map((y) => [y, sub(ZERO, levelIn(p, y))])),
    });
  }
  return { previous, current, commonYears, lines, diagnostics };
}

export const foundLabel = (f: Found): string => (f === 'removed' ? 'removed' : `${WORD[f]}`);
/** The mark the scenario gives a status (`new` where it has none). */
export const mark = (s: LineStatus | undefined, classes?: Classifications): string => (s ? statusMark(classes, s) || 'new' : '');
