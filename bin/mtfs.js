#!/usr/bin/env node
// Entry point: runs the bundled CLI (dist/mtfs.cjs), or dist/cli/main.js without it, and sets the exit
// code. The bundle runs from a V8 code cache named by a hash of its bytes, the Node version and flags;
// with none that matches, or one V8 rejects, it compiles from source and writes one for the next run.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { createHash } = require('node:crypto'); // the bundle loads node:crypto too: no extra start-up
const { createRequire, wrap } = require('node:module');

const dist = path.join(__dirname, '..', 'dist');
const bundle = path.join(dist, 'mtfs.cjs');
const CACHE_NAME = /^mtfs\.([0-9a-f]{64})\.[0-9a-f]{16}\.cache$/;

function startFailed(error) {
  const notBuilt = error && (error.code === 'ERR_MODULE_NOT_FOUND' || error.code === 'ENOENT');
  process.stderr.write(
    notBuilt
      ? 'mtfs: error: the CLI is not built\n  = hint: run `npm install` (or `npm run build`) in the mtfs folder\n'
      : `mtfs: error[internal]: the CLI failed to start: ${error && error.message ? error.message : String(error)}\n  = hint: this is a bug in mtfs: please report it\n`,
  );
  process.exit(2);
}

/**
 * The code cache's file: dist/mtfs.<bundle>.<runtime>.cache. <bundle> is the SHA-256 of the bundle's
 * bytes (V8 itself compares only the source's length). <runtime> is a short hash of what V8 checks a
 * cache against besides: the Node (and so V8) version, the architecture and the flags, given on the
 * command line or in NODE_OPTIONS; so a run with other flags has its own cache and never spoils the
 * usual one. A cache that V8 still rejects (a flag set another way, a damaged file) is rewritten.
 */
function cacheFileFor(bytes) {
  const runtime = [process.version, process.arch, ...process.execArgv, process.env.NODE_OPTIONS ?? ''].join('\0');
  const sha256 = (data) => createHash('sha256').update(data).digest('hex');
  return path.join(dist, `mtfs.${sha256(bytes)}.${sha256(runtime).slice(0, 16)}.cache`);
}

/** The bundle compiled, from its code cache if V8 accepts it: { run, script, cacheFile, cacheUsed }, or undefined without a bundle. */
function loadBundle() {
  let bytes;
  try {
    bytes = fs.readFileSync(bundle);
  } catch {
    return undefined;
  }
  const cacheFile = cacheFileFor(bytes);
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined; // no cache for this bundle and runtime yet: compile from source
  }
  // latin1: the build checks the bundle is ASCII-only
  const script = new vm.Script(wrap(bytes.latin1Slice(0, bytes.length)), { filename: bundle, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dist);
  return { run: module.exports.run, script, cacheFile, cacheUsed: cachedData !== undefined && !script.cachedDataRejected };
}

/**
 * Writes the code cache after a run, so it holds the functions that ran too: atomically (a temporary
 * file renamed), so a concurrent run reads the old cache or the new one, never half of one. A failure
 * (a read-only install) only means the next run compiles from source again. Caches made for other
 * bundle bytes are removed, so editing the bundle leaves no stale caches behind.
 */
function saveCache(script, cacheFile) {
  const temporary = `${cacheFile}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temporary, script.createCachedData());
    fs.renameSync(temporary, cacheFile);
    const bundleHash = CACHE_NAME.exec(path.basename(cacheFile))[1];
    for (const name of fs.readdirSync(dist)) {
      const other = CACHE_NAME.exec(name);
      if (other && other[1] !== bundleHash) fs.rmSync(path.join(dist, name), { force: true });
    }
  } catch {
    try {
      fs.rmSync(temporary, { force: true });
    } catch {
      // nothing was written
    }
  }
}

/**
 * A command here runs for a tenth of a second or so, and V8's optimising compiler, started as soon as
 * a function looks hot (the YAML lexer after a few hundred lines), mostly finishes after the work it
 * was meant to speed up. A larger interrupt budget (how much bytecode runs between tiering checks;
 * V8's default is about 66,000) leaves short runs to the interpreter and the baseline compiler,
 * while a long run (thousands of lines or draws) still has its hot functions optimised, a little
 * later: at this budget 100,000 lines take the same time and memory as before and 10,000 lines about
 * 4% more time. (At twice this budget the 100,000 lines took a quarter more time and memory.)
 * Not when the budget is given on the command line or in NODE_OPTIONS, and only on the Node versions
 * whose V8 is known to have the flag (an unknown one would print an error on every run).
 *
 * Node's built-in modules are compiled from its own code cache only while V8's flags are as Node
 * started, so the ones the bundle loads are loaded first (the standard streams load theirs). The
 * bundle's code cache is made and used with the flag set, so it stays valid from run to run.
 */
const INTERRUPT_BUDGET = '--interrupt-budget=150000';
const BUILTINS_FIRST = ['node:os', 'node:tty', 'node:url', 'node:events', 'node:util'];
const TUNED_NODE = /^v2[024]\./;

function tuneTiering() {
  if (!TUNED_NODE.test(process.version)) return;
  if ([...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((a) => a.includes('interrupt-budget'))) return;
  try {
    void process.stdout;
    void process.stderr;
    for (const name of BUILTINS_FIRST) require(name);
    require('node:v8').setFlagsFromString(INTERRUPT_BUDGET);
  } catch {
    // a Node that does not take the flag runs with its own tiering
  }
}

async function main() {
  let loaded;
  tuneTiering();
  try {
    loaded = loadBundle() ?? { run: (await import('../dist/cli/main.js')).run };
  } catch (error) {
    startFailed(error);
  }
  const code = await loaded.run(process.argv.slice(2));
  // the build asks for the cache to be written even when it was used, to add its second command's functions
  if (loaded.script && (!loaded.cacheUsed || process.env.MTFS_WRITE_CODE_CACHE === '1')) saveCache(loaded.script, loaded.cacheFile);
  process.exitCode = code;
}

main();
