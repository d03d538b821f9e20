// The one shape every pure stage returns: a value (absent when the stage could not produce one)
// and the diagnostics it found, as values rather than pushed into an argument.

import type { Diagnostic } from './diagnostic.js';

/** The result of a pure stage: a value (absent when the stage could not produce one) and diagnostics. */
export interface Result<T> {
  readonly value?: T;
  readonly diagnostics: readonly Diagnostic[];
}

/** A result with a value (and any warnings). */
export const ok = <T>(value: T, diagnostics: readonly Diagnostic[] = []): Result<T> => ({ value, diagnostics });

/** A result without a value. */
export const failed = <T = never>(diagnostics: readonly Diagnostic[]): Result<T> => ({ diagnostics });
