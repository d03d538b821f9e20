// The classifications a scenario declares for its lines (category, nature, service area, growth
// type, status): each a vocabulary of codes with labels. Used by loading (to check values), by the
// projection's subtotals and by rendering (labels, status marks). Immutable data; no I/O.

import type { LineKind } from './line-kind.js';

/** The classifications a line may carry, in the order `--detail` subtotals them. */
export const CLASSIFICATION_NAMES = ['service_area', 'nature', 'category', 'growth_type', 'status'] as const;
export type ClassificationName = (typeof CLASSIFICATION_NAMES)[number];

/** A line's standing against the previous MTFS: what `mtfs diff` finds and checks. */
export const STATUS_CODES = ['unchanged', 'amended', 'new'] as const;
export type LineStatus = (typeof STATUS_CODES)[number];

/** The marks printed before a ref when the scenario declares none: `*` unchanged, `**` amended. */
export const DEFAULT_STATUS_MARK: Readonly<Record<LineStatus, string>> = { unchanged: '*', amended: '**', new: '' };

/** The heading of a classification's subtotals when the scenario gives none. */
export const CLASSIFICATION_HEADING: Readonly<Record<ClassificationName, string>> = {
  service_area: 'Service area',
  nature: 'Nature',
  category: 'Category',
  growth_type: 'Growth type',
  status: 'Status',
};

export interface ClassValue {
  /** As written on a line, e.g. `SR`. */
  readonly code: string;
  /** What it means, e.g. Service reduction. */
  readonly label: string;
  /** Status only: the mark printed before a ref (e.g. `*`), which a line may also write. */
  readonly mark?: string;
}

/** One declared vocabulary. */
export interface Classification {
  readonly name: ClassificationName;
  /** The heading of its subtotals, e.g. Nature. */
  readonly heading: string;
  /** In the order declared: the order of its subtotals. */
  readonly values: readonly ClassValue[];
  /** Whether a line may combine values with `/`, e.g. SR/Eff (nature only). */
  readonly mixes: boolean;
  /** Kinds whose (non-reconciling) lines must carry a value. */
  readonly requiredFor: readonly LineKind[];
  /** Kinds whose lines may carry a value; every kind when absent. */
  readonly appliesTo?: readonly LineKind[];
  /** Whether tables print a value's code (as a committee report's table does) or its label. */
  readonly shown: 'code' | 'label';
}

export type Classifications = Readonly<Partial<Record<ClassificationName, Classification>>>;

/** The mark printed before a line's ref for its status. */
export function statusMark(classes: Classifications | undefined, status: LineStatus | undefined): string {
  if (!status) return '';
  const declared = classes?.status?.values.find((v) => v.code === status);
  return declared ? (declared.mark ?? '') : DEFAULT_STATUS_MARK[status];
}

/** How a value (or a mix of values, in the order given) is shown in a table. */
export function shownValue(c: Classification | undefined, codes: readonly string[]): string {
  if (!c || c.shown === 'code') return codes.join('/');
  return codes.map((code) => c.values.find((v) => v.code === code)?.label ?? code).join('/');
}

/** The status a line or selector writes (a code or a mark), or undefined when it is none of them. */
export function statusOf(classes: Classifications | undefined, text: string): LineStatus | undefined {
  const declared = classes?.status;
  if (declared)
    return declared.values.find((v) => v.code === text || (v.mark !== undefined && v.mark !== '' && v.mark === text))?.code as
      LineStatus | undefined;
  const code = (STATUS_CODES as readonly string[]).includes(text) ? (text as LineStatus) : undefined;
  return (
    code ?? (Object.keys(DEFAULT_STATUS_MARK) as LineStatus[]).find((s) => DEFAULT_STATUS_MARK[s] !== '' && DEFAULT_STATUS_MARK[s] === text)
  );
}

/** `Eff Efficiency, SR Service reduction`: the nature codes a scenario declares with their labels (none declared: undefined). */
export const natureKey = (classes: Classifications | undefined): string | undefined =>
  classes?.nature?.values.map((v) => `${v.code} ${v.label}`).join(', ');
