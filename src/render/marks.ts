// Footnote marks shown after figures in text tables; every table that uses one explains it in a note.

/** An estimate: a year the source does not state, filled by a named method. */
export const ESTIMATE_MARK = '†';
/** A reconciling line, derived from a published total. */
export const RECONCILING_MARK = '‡';
/** A figure calibrated to a published total: true by construction, not evidence. */
export const CALIBRATED_MARK = '§';
/** A national figure read outside the years its source publishes: the nearest published figure held. */
export const HELD_MARK = '*';

/** How a note points to more detail: the command line names an option or a command, the committee
 * report its appendix (a committee paper never tells the reader to run anything). */
export interface Pointers {
  /** Where estimates and reconciling lines are detailed. */
  readonly more: string;
  /** Where the sources and derivations of estimated funding are. */
  readonly fundingSources: string;
  /** How lines built from demand drivers are shown, after "not published levels; ". */
  readonly demand: string;
  /** Where the note on an estimated department is. */
  readonly departmentNote: (scenarioFile: string) => string;
  /** How a what-if applied to the run is named. */
  readonly whatIf: (set: string) => string;
  /** Where a slipped saving's planned levels are shown (the committee paper shows delivered levels only). */
  readonly planned?: string;
  /** How savings under development are offered as options, after "not in the budget until …; ". */
  readonly options: string;
}

export const CLI_POINTERS: Pointers = {
  more: 'see --detail',
  fundingSources: 'sources and derivations under --detail',
  demand: '`mtfs demand` shows how',
  departmentNote: (file) => `see its note in ${file}`,
  whatIf: (set) => `What-if: --set ${set}.`,
  planned: '`mtfs explain REF` shows both',
  options: '`mtfs savings --target gap` offers them as options for closing the gap',
};
