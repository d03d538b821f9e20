// The start-up floors `npm run bench` measures (bench/run.mjs): for each of the heaviest shipped
// commands, the files it reads, which bench/floor.mjs reads with the libraries alone. A test
// (test/bench-floor.test.ts) checks each list against the files the command's load reads.

/**
 * The files each of the heaviest shipped commands reads: its floor (bench/floor.mjs) is the
 * libraries mtfs is built on, bundled and run from a code cache as mtfs is, reading these files and
 * doing nothing more.
 */
export const FLOORS = [
  { command: 'project scenarios/2018.yaml', files: ['scenarios/2018.yaml', 'scenarios/2018-savings.csv'] },
  {
    command: 'demand scenarios/2018-demand.yaml',
    files: ['scenarios/2018-demand.yaml', 'scenarios/2018.yaml', 'scenarios/2018-savings.csv', 'data/leicestershire-population.csv'],
  },
  {
    command: 'project scenarios/2018-council.yaml',
    files: [
      'scenarios/2018-council.yaml',
      'scenarios/2018.yaml',
      'scenarios/2018-central-inflation.yaml',
      'scenarios/2018-savings.csv',
      'data/council-tax-principles.yaml',
      'data/index-series.yaml',
    ],
  },
];
