// Random mutations of the scenarios and their CSV line table (see targets.ts and harness.ts).

import { fuzzTargets, TARGETS } from './targets.js';

fuzzTargets(
  'fuzz: scenarios',
  TARGETS.filter((t) => t.file.startsWith('scenarios/') && !t.file.includes('demand')),
);
