// A variant without controls of its own inherits its base's: each published figure still applies
// where the variant leaves that row and year as the base projects it, and is skipped, with the
// reason, where the variant's changes move it. Pure.

import type { Control } from '../../model/scenario.js';
import type { Projection } from '../../project/project.js';
import { controlledRow } from './control-rows.js';

export interface InheritedControls {
  /** The base's controls on figures the variant does not change. */
  readonly applicable: readonly Control[];
  /** The base's controls on figures the variant changes, which its published source cannot speak for. */
  readonly skipped: readonly Control[];
}

/** The base's controls split by whether the variant `v` changes the figure (`base` is the base's projection). */
export function inheritedControls(v: Projection, base: Projection): InheritedControls {
  const applicable: Control[] = [];
  const skipped: Control[] = [];
  for (const c of base.scenario.controls) {
    const b = controlledRow(base, c.row);
    const o = controlledRow(v, c.row);
    const bv = 'missing' in b ? undefined : b.values.get(c.year);
    const ov = 'missing' in o ? undefined : o.values.get(c.year);
    const same = bv !== undefined && ov !== undefined && bv.equals(ov);
    (same ? applicable : skipped).push(c);
  }
  return { applicable, skipped };
}
