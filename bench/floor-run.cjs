// Runs the floor bundle (bench/floor.mjs, bundled by bench/run.mjs) as bin/mtfs.js runs mtfs's: from
// a V8 code cache, written on the first run, with the same interrupt budget, so the two compare.
// Usage: node bench/floor-run.cjs <bundle.cjs> <file>...
'use strict';
const fs = require('node:fs');
const { createRequire } = require('node:module');
const vm = require('node:vm');

// the same flags, set the same way (V8's binding, asked for quietly, rather than node:v8 and its stream modules)
const quiet = process.noDeprecation;
process.noDeprecation = true;
const v8 = process.binding('v8');
process.noDeprecation = quiet;
v8.setFlagsFromString('--interrupt-budget=1000000');
v8.setFlagsFromString('--semi-space-growth-factor=1');
const bundle = process.argv[2];
const cacheFile = `${bundle}.cache`;
let cachedData;
try {
  cachedData = fs.readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
const script = new vm.Script(fs.readFileSync(bundle, 'latin1'), { filename: bundle, cachedData });
process.argv.splice(2, 1);
const module_ = { exports: {} };
script.runInThisContext()(module_.exports, createRequire(bundle), module_, bundle, __dirname);
if (cachedData === undefined || script.cachedDataRejected) fs.writeFileSync(cacheFile, script.createCachedData());
