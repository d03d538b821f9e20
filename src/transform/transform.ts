// The one kind of change to a scenario: a transform takes a scenario and a spec (what to change)
// and returns the changed scenario, or diagnostics saying why it cannot. A `--set` what-if, a
// variant's operations and a risk draw are all transforms of this kind.

import type { Result } from '../diagnostics/result.js';
import type { Scenario } from '../model/scenario.js';

export type Transform<Spec> = (scenario: Scenario, spec: Spec) => Result<Scenario>;

/** How a figure changed by a `--set` path names its source: a command-line what-if, unless a variant set it. */
export type SourceLabel = (text: string) => string;
export const WHAT_IF: SourceLabel = (text) => `what-if: --set ${text}`;
