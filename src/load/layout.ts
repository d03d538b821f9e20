// Loading a budget table's layout: the written `layout:` (or the neutral default) → Layout, with
// the rules zod cannot express: one kind of content per row, ids unique, sums of rows above, and a
// net budget that counts the base, the transfers and every line exactly once. Pure.

import { error, type Diagnostic, type Location } from '../diagnostics/diagnostic.js';
import { defaultLayout, NET_ROW, type Layout, type LayoutRow, type RowSelector } from '../model/layout.js';
import { rowSelects } from '../model/row-select.js';
import type { BudgetLine } from '../model/scenario.js';
import type { WrittenLayout } from '../schema/layout.js';
import type { Path, RawDocument } from '../source/raw-tree.js';

const CLASS_KEYS = ['category', 'nature', 'service_area', 'growth_type', 'status'] as const;

/** The written layout → Layout; undefined (with diagnostics) when a row is malformed. */
export function normaliseLayout(
  written: WrittenLayout | undefined,
  doc: RawDocument,
  lines: readonly BudgetLine[],
  hasTransfers: boolean,
  statedBase: boolean,
): { value?: Layout; diagnostics: Diagnostic[] } {
  if (!written) return { value: defaultLayout(new Set(lines.map((l) => l.type)), hasTransfers, statedBase), diagnostics: [] };
  const diagnostics: Diagnostic[] = [];
  const at = (p: Path): Location => doc.locator.value(['layout', 'rows', ...p]);
  const keyAt = (p: Path): Location => doc.locator.key(['layout', 'rows', ...p]);
  const rows: LayoutRow[] = [];
  const seen = new Map<string, Location>();
  written.rows.forEach((w, i) => {
    const origin = at([i, 'id']);
    const first = seen.get(w.id);
    if (first) {
      diagnostics.push(
        error(
          'layout',
          `row \`${w.id}\` appears twice in the layout`,
          origin,
          `the first is at ${first.file}:${first.line}:${first.column}`,
        ),
      );
      return;
    }
    const given = (['base', 'transfers', 'lines', 'sum'] as const).filter((k) => w[k] !== undefined);
    if (given.length !== 1) {
      diagnostics.push(
        error(
          'layout',
          given.length === 0
            ? `row \`${w.id}\` says nothing about what it shows`
            : `row \`${w.id}\` gives both \`${given[0]}\` and \`${given[1]}\``,
          given.length === 0 ? origin : keyAt([i, given[1] as string]),
          'give exactly one of `base:`, `transfers: true`, `lines: {…}` or `sum: [rows]`',
        ),
      );
      return;
    }
    if (w.schedule !== undefined && !w.lines)
      diagnostics.push(
        error(
          'layout',
          `row \`${w.id}\` names a schedule, but only a \`lines:\` row has one`,
          keyAt([i, 'schedule']),
          'put `schedule:` on the row that chooses the lines of that schedule',
        ),
      );
    const common = { id: w.id, label: w.label, deduction: w.deduction === true, origin };
    if (w.sum) {
      const missing = w.sum.findIndex((part) => !seen.has(part));
      if (missing >= 0) {
        const part = w.sum[missing] as string;
        diagnostics.push(
          error(
            'layout',
            part === w.id ? `row \`${w.id}\` sums itself` : `row \`${w.id}\` sums \`${part}\`, which is not a row above it`,
            at([i, 'sum', missing]),
            'a sum adds rows listed above it in the layout',
          ),
        );
      }
      rows.push({ ...common, kind: 'sum', parts: w.sum });
    } else if (w.base) {
      if (w.base === 'restatement' && !statedBase) {
        diagnostics.push(
          error(
            'layout',
            `row \`${w.id}\` shows the restatement, but the scenario states no \`base_budget:\``,
            at([i, 'base']),
            'state the base budget of every year with `base_budget: {amounts: …, source: …}`, or remove this row',
          ),
        );
      }
      rows.push({ ...common, kind: 'base', shows: w.base });
    } else if (w.transfers) {
      rows.push({ ...common, kind: 'transfers' });
    } else if (w.lines) {
      const l = w.lines;
      const kinds = l.kind === undefined ? undefined : typeof l.kind === 'string' ? [l.kind] : l.kind;
      const classes = new Map(CLASS_KEYS.flatMap((k) => (l[k] === undefined ? [] : [[k, l[k] as string] as const])));
      const select: RowSelector = {
        ...(kinds ? { kinds } : {}),
        ...(l.refs ? { refs: l.refs } : {}),
        ...(classes.size ? { classes } : {}),
      };
      rows.push({ ...common, kind: 'lines', select, ...(w.schedule === undefined ? {} : { schedule: w.schedule }) });
    }
    seen.set(w.id, origin);
  });
  if (!seen.has(NET_ROW)) {
    diagnostics.push(
      error(
        'layout',
        'the layout has no `net_budget` row',
        doc.locator.key(['layout']),
        'end the layout with `- {id: net_budget, label: Net budget, sum: [...]}`',
      ),
    );
  }
  if (diagnostics.length) return { diagnostics };
  const layout: Layout = { rows, declared: true };
  return { value: layout, diagnostics: checkNetCounts(layout, lines, hasTransfers, statedBase, doc.locator.key(['layout'])) };
}

/**
 * The net budget must count the base once (brought forward and restatement, or the base that is
 * both), the transfers once and every line once: otherwise a line would silently fall out of the
 * table or count twice.
 */
function checkNetCounts(
  layout: Layout,
  lines: readonly BudgetLine[],
  hasTransfers: boolean,
  statedBase: boolean,
  at: Location,
): Diagnostic[] {
  const byId = new Map(layout.rows.map((r) => [r.id, r]));
  const counts = new Map<string, number>();
  const bump = (k: string, n: number): void => void counts.set(k, (counts.get(k) ?? 0) + n);
  const visit = (id: string, n: number): void => {
    const r = byId.get(id);
    if (!r) return;
    switch (r.kind) {
      case 'sum':
        for (const p of r.parts) visit(p, n);
        return;
      case 'base':
        if (r.shows !== 'restatement') bump('brought forward', n);
        if (r.shows !== 'brought_forward') bump('restatement', n);
        return;
      case 'transfers':
        bump('transfers', n);
        return;
      case 'lines':
        for (const l of lines) if (rowSelects(r.select, l)) bump(`line ${l.ref}`, n);
        return;
    }
  };
  visit(NET_ROW, 1);
  const diagnostics: Diagnostic[] = [];
  const expect = (thing: string, where: Location, hint: string): void => {
    const n = counts.get(thing) ?? 0;
    if (n === 1) return;
    diagnostics.push(
      error(
        'layout-count',
        `the net budget counts ${thing} ${n === 0 ? 'in no row' : `${n} times`}`,
        where,
        n === 0 ? hint : 'each figure must reach `net_budget` through exactly one row',
      ),
    );
  };
  expect('brought forward', at, 'add a row with `base: base` (or `base: brought_forward`) to the sum of `net_budget`');
  if (statedBase) expect('restatement', at, 'add a row with `base: base` or `base: restatement` to the sum of `net_budget`');
  if (hasTransfers) expect('transfers', at, 'add a row with `transfers: true` to the sum of `net_budget`');
  for (const l of lines)
    expect(
      `line ${l.ref}`,
      l.origin,
      `add a row whose \`lines:\` chooses it, e.g. \`lines: {kind: ${l.type}}\`, to the sum of \`net_budget\``,
    );
  return diagnostics;
}
