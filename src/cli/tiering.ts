// A hint to the program's start (bin/mtfs.js) that this run is long: a large input or thousands of
// draws. Short runs are left to V8's interpreter and baseline code; a long one has its hot functions
// optimised. Only a hint: without the start's function (tests, another launcher) it does nothing.

/** Input bytes read in one run beyond which the run is long (a line table of some thousands of lines). */
export const LONG_RUN_BYTES = 512 * 1024;

/** Monte Carlo draws beyond which the run is long. */
export const LONG_RUN_DRAWS = 2000;

const LONG_RUN = Symbol.for('mtfs.long-run');

/** Tells the start that this run is long, once it is known. */
export function expectLongRun(): void {
  const hint = (globalThis as Record<symbol, unknown>)[LONG_RUN];
  if (typeof hint === 'function') hint();
}
