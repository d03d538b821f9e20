// How a driver's parameters read in notes (demand and inflation tables): a rate as a percentage, a
// value per year, and the citation with the figure's status first. Pure text, exact figures.

import type { Parameter, PerYear, Provenance } from '../model/demand.js';
import { toPlain, type Dec } from '../model/money.js';

/** A fraction as a percentage, exactly: 0.035 → 3.5%. */
export const percent = (r: Dec): string => `${toPlain(r.times(100))}%`;

function perYearText<T extends Dec>(p: PerYear<T>, show: (v: T) => string): string {
  if ('every' in p) return `${show(p.every)} every year`;
  return [...p.byYear].map(([y, v]) => `${y} ${show(v)}`).join(', ');
}

/** `Assumed: <source>; <note>.` — the status first, so a reader sees at once what kind of figure it is. */
export const cite = (p: Provenance): string =>
  `${p.status[0]?.toUpperCase() ?? ''}${p.status.slice(1)}: ${p.source}${p.note ? `; ${p.note}` : ''}.`;

export function parameterNote<T extends Dec>(label: string, p: Parameter<T>, show: (v: T) => string, how = ''): string {
  return `${label}: ${perYearText(p.value, show)}${how}. ${cite(p.provenance)}`;
}
