// Diagnostics as values: every stage returns them instead of throwing. A diagnostic names a stable
// code, a location (file:line:column) where there is one, what is wrong and what to do.

/** A span in a source file. Lines and columns are 1-based; the end is exclusive. */
export interface Location {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

type Severity = 'error' | 'warning';

/** Every diagnostic code mtfs can emit; each has a reproducer under test/errors/. */
export const DIAGNOSTIC_CODES = [
  'file-not-found',
  'file-unreadable',
  'file-too-large',
  'input-too-large',
  'encoding',
  'yaml-syntax',
  'yaml-alias',
  'duplicate-key',
  'unknown-key',
  'missing-key',
  'invalid-value',
  'amount-format',
  'rate-format',
  'year-format',
  'date-format',
  'period',
  'year-outside-period',
  'duplicate-ref',
  'level-missing',
  'saving-delivery',
  'classification-value',
  'classification-missing',
  'classification-kind',
  'reconciling-note',
  'unknown-ref',
  'empty-selection',
  'extends-cycle',
  'status-mismatch',
  'range-order',
  'assumption-form',
  'csv-syntax',
  'csv-header',
  'csv-row-length',
  'total-row',
  'workbook',
  'unknown-driver',
  'driver-form',
  'line-driver',
  'driver-year-missing',
  'unknown-band',
  'population-duplicate',
  'negative-count',
  'rate-range',
  'unit-cost-year',
  'unit-cost-weeks',
  'inflation-form',
  'unknown-inflation',
  'unknown-index',
  'index-year-missing',
  'control-mismatch',
  'no-controls',
  'control-precision',
  'control-row',
  'funding-years',
  'band-d',
  'reserves',
  'reserve-negative',
  'collection-rate',
  'business-rates',
  'conditional-grant',
  'council-tax-referendum',
  'council-tax-bill',
  'department',
  'unknown-option',
  'unknown-need',
  'incompatible-needs',
  'outside-published-years',
  'apportionment',
  'layout',
  'layout-count',
  'one-off',
  'gross-income',
  'gross-income-net',
  'usage',
  'output',
  'internal',
] as const;
export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number];

export interface Diagnostic {
  readonly severity: Severity;
  readonly code: DiagnosticCode;
  readonly message: string;
  readonly location?: Location;
  readonly hint?: string;
  /** Extra lines shown after the excerpt, such as expected/actual figures. */
  readonly notes?: readonly string[];
}

export const error = (
  code: DiagnosticCode,
  message: string,
  location?: Location,
  hint?: string,
  notes?: readonly string[],
): Diagnostic => ({
  severity: 'error',
  code,
  message,
  ...(location ? { location } : {}),
  ...(hint ? { hint } : {}),
  ...(notes ? { notes } : {}),
});

export const warning = (code: DiagnosticCode, message: string, location?: Location, hint?: string): Diagnostic => ({
  ...error(code, message, location, hint),
  severity: 'warning',
});

/**
 * Appends `more` to `to` one by one: `to.push(...more)` passes every item as an argument, and a
 * CSV of 300,000 short rows (as many diagnostics) overflowed the stack that way.
 */
export function append<T>(to: T[], more: Iterable<T>): void {
  for (const item of more) to.push(item);
}

export const hasErrors = (ds: readonly Diagnostic[]): boolean => ds.some((d) => d.severity === 'error');

/** Orders diagnostics by file, then position, then code, so output never depends on discovery order. */
export function sortDiagnostics(ds: readonly Diagnostic[]): Diagnostic[] {
  return [...ds].sort((a, b) => {
    const fa = a.location?.file ?? '';
    const fb = b.location?.file ?? '';
    if (fa !== fb) return fa < fb ? -1 : 1;
    const la = a.location?.line ?? 0;
    const lb = b.location?.line ?? 0;
    if (la !== lb) return la - lb;
    const ca = a.location?.column ?? 0;
    const cb = b.location?.column ?? 0;
    if (ca !== cb) return ca - cb;
    return a.code < b.code ? -1 : a.code > b.code ? 1 : a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
  });
}
