// The domain types of a scenario after loading: exact amounts, financial years, every figure with
// its origin (file:line:column) and citation. Immutable data; no I/O.

import type { Location } from '../diagnostics/diagnostic.js';
import type { DemandDriver } from './demand.js';
import type { FiscalYear } from './fiscal-year.js';
import type { DepartmentGrossIncome, GrossIncome } from './gross-income.js';
import type { IndexSeries, InflationItem } from './inflation.js';
import type { Apportionment, Cited, Funding } from './funding.js';
import type { Level, SourcedAmount } from './level.js';
import type { Dec, Money, RoundingMode } from './money.js';
import type { PublishedTo } from './published-precision.js';
import type { Rag, SavingStage, Slippage } from './saving-delivery.js';
import type { Units } from './units.js';
import type { Layout } from './layout.js';
import type { LineKind } from './line-kind.js';
import type { Classifications, LineStatus } from './classification.js';

export type { Units } from './units.js';
export { isEstimate, type Level, type LevelBasis, type SourcedAmount } from './level.js';

export type LineType = LineKind;
export type { LineKind } from './line-kind.js';
export type { LineStatus } from './classification.js';
/** A code of the scenario's nature vocabulary (e.g. Eff), or free text where it declares none. */
export type Nature = string;
/** A code of the scenario's category vocabulary, or free text where it declares none. */
export type SavingCategory = string;
export type UnstatedMethod = 'hold' | 'linear';

export interface BudgetLine {
  readonly ref: string;
  readonly type: LineType;
  readonly description: string;
  readonly status?: LineStatus;
  readonly category?: SavingCategory;
  /** The parts of a mix (e.g. SR/Eff) in the declared vocabulary's order, or as written where none is declared; empty when none. */
  readonly nature: readonly Nature[];
  /** The same parts in the order the scenario writes them (AC3's SR/Eff stays SR/Eff): what tables show. */
  readonly natureWritten: readonly Nature[];
  readonly serviceArea: string;
  /** The kind of growth (e.g. committed, service improvement), where the scenario classifies growth. */
  readonly growthType?: string;
  /** A one-off line: each stated amount applies in its year only and falls out the year after. */
  readonly oneOff?: boolean;
  /** How the amounts were written: each year's level, or each year's change (see `amounts:`). */
  readonly writtenAs?: 'levels' | 'changes';
  /**
   * The line's level in every MTFS year (not the change): savings are positive amounts saved. For
   * a line built from demand drivers this is empty as loaded: the projection derives it
   * (project/derive.ts) from `drivers`, then applies `factors`.
   */
  readonly levels: ReadonlyMap<FiscalYear, Level>;
  readonly unstated?: UnstatedMethod;
  /** Not described in the source text; present so that the published totals reconcile. */
  readonly reconciling: boolean;
  /** The demand drivers whose levels, summed, are this line's levels (absent for written levels). */
  readonly drivers?: readonly string[];
  /** Where `driver:` is written: the origin of the levels the projection builds. */
  readonly driversOrigin?: Location;
  /** The inflation driver whose levels are this line's levels (absent for written levels). */
  readonly inflation?: string;
  /** Where `inflation:` is written. */
  readonly inflationOrigin?: Location;
  /**
   * A driver-built line's multipliers (a variant's `scale`, a risk draw), in the order written:
   * the projection applies them to the levels it builds, one after another.
   */
  readonly factors?: readonly Dec[];
  readonly source: string;
  readonly note?: string;
  readonly origin: Location;
  /** Where `status:` was written, for `mtfs diff` warnings. */
  readonly statusOrigin?: Location;
  /** Changes made by scenario variants (`set`, `scale`, `add`), in the order applied. */
  readonly adjustments?: readonly LineAdjustment[];
  /** Savings only: the council's RAG rating of delivery. */
  readonly rag?: Rag;
  /** Savings only: a delay in delivery; the projection uses the delivered levels. */
  readonly slippage?: Slippage;
  /** Savings only: absent for an identified saving. */
  readonly stage?: Exclude<SavingStage, 'identified'>;
  /** Gross expenditure and income, where the line states them: its levels are then derived from them. */
  readonly grossIncome?: GrossIncome;
}

/** A variant's change to a line, kept so `explain` and `compare` can say what happened. */
export interface LineAdjustment {
  readonly kind: 'add' | 'set' | 'scale';
  readonly variantFile: string;
  readonly origin: Location;
  /** Why: the op's `reason` or `source`. */
  readonly reason: string;
  /** For `scale`: the factor applied to every level (1.1 = +10%). */
  readonly factor?: Dec;
}

/** A variant's removal of a line of its base. */
export interface RemovedLine {
  readonly line: BudgetLine;
  readonly variantFile: string;
  readonly origin: Location;
  readonly reason: string;
}

/** Chooses lines: every condition given must hold; reconciling lines only by `refs`. */
export interface LineSelector {
  readonly refs?: readonly string[];
  readonly type?: LineType;
  readonly nature?: Nature;
  readonly category?: SavingCategory;
  readonly service_area?: string;
  /** A status code or its mark (see statusOf). */
  readonly status?: string;
  readonly rag?: Rag;
  readonly stage?: SavingStage;
}

/** Multipliers of a planned figure (1 = as planned); uniform without `likely`, else triangular. */
export interface FactorRange {
  readonly low: Dec;
  readonly likely?: Dec;
  readonly high: Dec;
}

/** A demand driver parameter an assumption ranges over, e.g. `older_people.unit_cost_uplift`. */
export interface ParameterTarget {
  readonly driver: string;
  readonly parameter: string;
  /** Rates (shares and changes) print as percentages; counts and pounds as numbers. */
  readonly shownAs: 'percent' | 'number';
}

/** A funding item an assumption scales: a stream or grant by id, or `council_tax` (its tax base). */
export interface FundingTarget {
  readonly item: string;
  /** The first year the factor applies to (e.g. a grant certain now but not beyond 2019/20). */
  readonly from?: FiscalYear;
}

/**
 * How uncertain an estimate is, with its reason: a factor range on the levels of some lines
 * (`select`), on a funding item (`funding`), or a range of values of a demand driver parameter
 * (`parameter`).
 */
export interface Assumption {
  readonly id: string;
  readonly description: string;
  readonly select?: LineSelector;
  readonly parameter?: ParameterTarget;
  readonly funding?: FundingTarget;
  /** Factors for lines (1 = as planned); values of the parameter (replacing it in every year). */
  readonly factor: FactorRange;
  readonly source: string;
  readonly origin: Location;
  /** The lines a `select` applies to, in scenario order: a line takes the first assumption that selects it. */
  readonly lines: readonly string[];
}

declare const writtenOps: unique symbol;

/**
 * A variant's operations (remove, add, set, scale, its own controls) as written, validated and
 * located. Opaque here: the loader makes them (load/variant.ts) and transform/variant.ts applies them.
 */
export interface VariantOps {
  readonly [writtenOps]: 'VariantOps';
}

/**
 * How a variant scenario is made from its base. As loaded it holds the base and the operations as
 * written, and the scenario is still its base's; `realise` (transform/variant.ts) applies the
 * operations and records what they removed.
 */
export interface VariantInfo {
  readonly base: Scenario;
  readonly ops: VariantOps;
  readonly description?: string;
  /** The base's lines the operations removed: absent until they are applied. */
  readonly removed?: readonly RemovedLine[];
}

/** True when every variant in the scenario (itself, its base, its departments) has had its operations applied. */
export function isRealised(s: Scenario): boolean {
  const variant = s.variant === undefined || (s.variant.removed !== undefined && isRealised(s.variant.base));
  return variant && (s.departments ?? []).every((d) => d.kind !== 'scenario' || isRealised(d.scenario));
}

/** A row of the budget table, by the id its layout gives it (e.g. `net_budget`). */
export type BudgetRow = string;

export type ControlRow = BudgetRow | FundingRow;

/** Rows a scenario with a `funding:` section adds after the net budget (reserves rows need `reserves:`). */
export type FundingRow =
  | 'funding'
  | 'gap'
  | 'cumulative_gap'
  | 'reserves_bf'
  | 'reserves_use'
  | 'reserves_contributions'
  | 'reserves_one_off'
  | 'reserves_cf'
  | 'reserves_after_gap';

export interface Control {
  /** A budget or funding row, a level total (`growth.total`), a subtotal (`savings.nature.Eff`) or a funding component (`funding.council_tax`). */
  readonly row: ControlRow | string;
  readonly year: FiscalYear;
  readonly expected: Money;
  readonly origin: Location;
  /** The precision the figure was published to; absent: it must match exactly. */
  readonly publishedTo?: PublishedTo;
  /** How the exact figure is rounded to `publishedTo`. */
  readonly rounding: RoundingMode;
}

export interface Scenario {
  /** The scenario file as the user named it (relative paths stay relative). */
  readonly file: string;
  readonly authority: string;
  readonly department: string;
  readonly title?: string;
  /** The paper's standing as written, e.g. Draft. */
  readonly status?: string;
  /** The paper's date as written, YYYY-MM-DD. */
  readonly date?: string;
  readonly source?: string;
  readonly units: Units;
  readonly years: readonly FiscalYear[];
  /** Absent in a whole-council scenario, whose net budget is the sum of its departments. */
  readonly originalBudget?: SourcedAmount & { readonly source: string };
  /** A whole-council scenario's departments, whose net budgets add up to the council's. */
  readonly departments?: readonly Department[];
  readonly funding?: Funding;
  readonly apportionment?: Apportionment;
  readonly transfers: ReadonlyMap<FiscalYear, SourcedAmount>;
  readonly transfersSource?: string;
  /** The base budget stated (restated) for every year, instead of last year's net rolled forward. */
  readonly baseBudget?: { readonly amounts: ReadonlyMap<FiscalYear, SourcedAmount>; readonly source: string };
  /** The rows of the budget table (the neutral default when the scenario declares none). */
  readonly layout: Layout;
  readonly lines: readonly BudgetLine[];
  readonly controls: readonly Control[];
  readonly controlsSource?: string;
  /** Every file read to build this scenario, in reading order (for `--output` safety and explain). */
  readonly inputs: readonly string[];
  /** The vocabularies the scenario declares for its lines (a variant's are its base's). */
  readonly classifications?: Classifications;
  /** Present when the scenario `extends:` another. */
  readonly variant?: VariantInfo;
  /** Ranges for sensitivity, risk and the report's assumptions appendix (empty when none). */
  readonly assumptions?: readonly Assumption[];
  /** Demand drivers, in the order written (see `mtfs demand`). */
  readonly drivers?: readonly DemandDriver[];
  /** Inflation drivers, in the order written, and the index series they use. */
  readonly inflation?: readonly InflationItem[];
  readonly indexSeries?: readonly IndexSeries[];
  /** The scenario whose lines of the same ref `mtfs demand` shows beside driver-built lines. */
  readonly compareWith?: { readonly file: string; readonly origin: Location };
  /** What-if changes applied on the command line (`--set`), as the user wrote them. */
  readonly whatIf?: readonly string[];
  /** Parameters a variant set (its `parameters:`, written like `--set`), with the variant's file and reason. */
  readonly variantSets?: readonly { readonly text: string; readonly file: string; readonly reason: string }[];
  /** The department's gross budget and income as published, for years the source states them. */
  readonly grossAndIncome?: DepartmentGrossIncome;
}

/** True when the projection builds the line's levels (from demand or inflation drivers) rather than reading them. */
export const isBuilt = (line: BudgetLine): boolean => line.drivers !== undefined || line.inflation !== undefined;

/** A line's value of a classification (`category`, `nature`, `service_area`, `growth_type`, `status`). */
export function lineClass(line: BudgetLine, name: string): string | undefined {
  switch (name) {
    case 'category':
      return line.category;
    case 'nature':
      return line.nature.length ? natureLabel(line.nature) : undefined;
    case 'service_area':
      return line.serviceArea;
    case 'growth_type':
      return line.growthType;
    case 'status':
      return line.status;
    default:
      return undefined;
  }
}

/** Nature written as a mix: `Eff`, `Eff/SR`… in the line's order. */
export const natureLabel = (n: readonly Nature[]): string => n.join('/');

/** A line's nature as the scenario writes it (e.g. SR/Eff), for display; empty when it has none. */
export const writtenNature = (line: BudgetLine): string => natureLabel(line.natureWritten);

/** A department of a whole-council scenario: its own scenario file, or net budgets given by year. */
export type Department =
  | {
      readonly kind: 'scenario';
      readonly name: string;
      /** The department's scenario (loaded and checked on its own), whose net budget row is used. */
      readonly scenario: Scenario;
      readonly origin: Location;
    }
  | ({
      readonly kind: 'levels';
      readonly name: string;
      readonly levels: ReadonlyMap<FiscalYear, Level>;
    } & Cited);
