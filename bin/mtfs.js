#!/usr/bin/env node
// Entry point: runs the bundled CLI (dist/mtfs.cjs) from its V8 code cache, hands it argv and sets
// the exit code. Every error is handled inside run(); this file only guards against a missing
// build. Without the bundle it runs the compiled modules (dist/cli/main.js) instead.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { createRequire, wrap } = require('node:module');

const dist = path.join(__dirname, '..', 'dist');
const bundle = path.join(dist, 'mtfs.cjs');
const cacheFile = path.join(dist, 'mtfs.cache');

function startFailed(error) {
  const notBuilt = error && (error.code === 'ERR_MODULE_NOT_FOUND' || error.code === 'ENOENT');
  process.stderr.write(
    notBuilt
      ? 'mtfs: error: the CLI is not built\n  = hint: run `npm install` (or `npm run build`) in the mtfs folder\n'
      : `mtfs: error[internal]: the CLI failed to start: ${error && error.message ? error.message : String(error)}\n  = hint: this is a bug in mtfs: please report it\n`,
  );
  process.exit(2);
}

/** The bundle compiled with its code cache: { run, script }, or undefined without a bundle. */
function loadBundle() {
  let source;
  try {
    source = fs.readFileSync(bundle, 'latin1'); // the build checks it is ASCII-only
  } catch {
    return undefined;
  }
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined; // no cache yet: compile from source
  }
  const script = new vm.Script(wrap(source), { filename: bundle, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dist);
  return { run: module.exports.run, script };
}

async function main() {
  let loaded;
  try {
    loaded = loadBundle() ?? { run: (await import('../dist/cli/main.js')).run };
  } catch (error) {
    startFailed(error);
  }
  const code = await loaded.run(process.argv.slice(2));
  // the build records the cache after running a command, so it holds the functions that ran too
  if (process.env.MTFS_WRITE_CODE_CACHE === '1' && loaded.script) fs.writeFileSync(cacheFile, loaded.script.createCachedData());
  process.exitCode = code;
}

main();
