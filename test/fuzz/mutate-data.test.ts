// Random mutations of the demand scenario and the files in data/ (see targets.ts and harness.ts).

import { fuzzTargets, TARGETS } from './targets.js';

fuzzTargets(
  'fuzz: demand and data',
  TARGETS.filter((t) => t.file.startsWith('data/') || t.file.includes('demand')),
);
