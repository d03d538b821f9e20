#!/usr/bin/env node
// Entry point: runs the bundled CLI (dist/mtfs.cjs), or dist/cli/main.js without it, and sets the exit
// code. The bundle runs from a V8 code cache of the command the run names, named by the SHA-256 of the
// bundle's bytes (which the build records beside it), the Node version and flags, and the command; with
// none that matches, or one V8 rejects, it compiles from source and writes one for the next run.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const dist = path.join(__dirname, '..', 'dist');
const bundle = path.join(dist, 'mtfs.cjs');
/** A code cache's name (see cacheFileFor); a cache of an older build may have no command in its name. */
const CACHE_NAME = /^mtfs\.([0-9a-f]{64})\.[0-9a-f]{16}(?:\.[a-z]+(?:-[a-z]+)?)?\.cache$/;
/**
 * The commands of src/cli/main.ts (a test compares the lists), each of which has a code cache of its
 * own; a run that names none has the cache of `--version` alone, or of the help (`--help`, `help`,
 * no arguments, a misspelt command), which lists every command.
 */
const COMMANDS = [
  'project',
  'demand',
  'check',
  'options',
  'compare',
  'savings',
  'diff',
  'explain',
  'sensitivity',
  'risk',
  'report',
  'schema',
  'init',
  'import',
];
/** The bundle's SHA-256 and the file it was computed from (scripts/bundle.mjs writes it; see bundleHash). */
const STAMP = path.join(dist, 'mtfs.cjs.sha256');

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
 * The SHA-256 of the bundle's bytes, which names its code cache (V8 itself compares only the source's
 * length). The build records it in dist/mtfs.cjs.sha256 with the bundle's size, inode and modification
 * and change times, as git's index does, so a run takes it from there without hashing 850 KB (and
 * without loading node:crypto): writing the bundle, by hand or by any tool, changes its change time,
 * and a record that no longer matches is not used (undefined). Then the bytes are hashed
 * (hashAndRecord), and the record written anew (atomically) when the bundle has been left alone for a
 * few seconds, so a copied or unpacked install hashes once; one written as the hash was taken could
 * still change within the same clock tick.
 */
function recordedHash(stat) {
  // read with the calls that read the bundle (fs.readFileSync's own path costs about 0.2 ms more on
  // its first call), and checked without a regular expression, which V8 would compile afresh every run
  const recorded = readSmall(STAMP);
  if (recorded === undefined) return undefined;
  const identity = identityOf(stat);
  const sha256 = recorded.slice(0, 64);
  return recorded === `${sha256} ${identity}\n` && isSha256(sha256) ? sha256 : undefined;
}

/** The text of `file` (latin1) when it opens and is shorter than RECORD_LIMIT bytes, else undefined. */
function readSmall(file) {
  const opened = openSized(file);
  if (opened === undefined) return undefined;
  try {
    if (opened.size >= RECORD_LIMIT) return undefined;
    const bytes = readAll(opened.fd, Buffer.allocUnsafe(opened.size), opened.size);
    return bytes.latin1Slice(0, bytes.length);
  } catch {
    return undefined;
  } finally {
    fs.closeSync(opened.fd);
  }
}

const RECORD_LIMIT = 256;

/** True when `text` is 64 lower-case hexadecimal digits, as the build writes a SHA-256. */
function isSha256(text) {
  if (text.length !== 64) return false;
  for (let i = 0; i < 64; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

const identityOf = (stat) => [stat.size, stat.ino, stat.mtimeMs, stat.ctimeMs].join(' ');

function hashAndRecord(bytes, stat) {
  const sha256 = require('node:crypto').createHash('sha256').update(bytes).digest('hex');
  if (Date.now() - Math.max(stat.mtimeMs, stat.ctimeMs) > 5000) writeAtomic(STAMP, `${sha256} ${identityOf(stat)}\n`);
  return sha256;
}

/**
 * The code cache's file: dist/mtfs.<bundle>.<runtime>.<command>.cache. <bundle> is the bundle's SHA-256.
 * <runtime> is a short hash of what V8 checks a cache against besides: the Node (and so V8) version,
 * the architecture and the flags, given on the command line (preloaded modules aside) or in
 * NODE_OPTIONS; so a run with other flags has its own cache and never spoils the usual one. A cache
 * that V8 still rejects (a flag set another way, a damaged file) is rewritten. <command> is the
 * command the run names (see cacheGroup): a cache holds the functions its command compiled, and each
 * command loads its own modules only (src/cli/main.ts), so a projection deserialises neither the
 * report's functions nor the risk engine's.
 */
function cacheFileFor(bundleSha256, argv) {
  const runtime = [process.version, process.arch, ...withoutPreloads(process.execArgv), process.env.NODE_OPTIONS ?? ''].join('\0');
  return path.join(dist, `mtfs.${bundleSha256}.${shortHash(runtime)}.${cacheGroup(argv)}.cache`);
}

/**
 * Whose code cache a run uses: the command it names (its first word that is not an option, as
 * src/cli/main.ts finds it), `version` for `--version` alone, and `help` for anything else, so that
 * a misspelt command leaves no cache of its own behind. A projection with its schedules
 * (`project --detail`) has a cache of its own, `project-detail`: the schedules' functions are a
 * tenth of a projection's cache, which every plain projection would otherwise deserialise unused.
 */
function cacheGroup(argv) {
  const word = argv.find((a) => !a.startsWith('-'));
  if (word === 'project' && argv.some((a) => a === '--detail' || a === '-d')) return 'project-detail';
  if (word !== undefined && COMMANDS.includes(word)) return word;
  return word === undefined && argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V') ? 'version' : 'help';
}

/**
 * The command-line flags without modules preloaded (`-r`/`--require`): Node loads them before the
 * program, and they set no V8 flag, so a run with one (a profiler, the benchmark's memory probe) uses
 * the usual cache rather than a cache of its own that only its first command warmed.
 */
function withoutPreloads(argv) {
  const kept = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '-r' || argv[i] === '--require') i++;
    else if (!argv[i].startsWith('--require=')) kept.push(argv[i]);
  }
  return kept;
}

/** 16 hex digits from two 32-bit FNV-1a hashes of `text`: a name, not a check (V8 checks the flags itself). */
function shortHash(text) {
  let a = 0x811c9dc5;
  let b = 0x2f8a1c3b;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x100001b3);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/** Reads `size` bytes of the open file `fd` from its start into `buffer`; returns the bytes read. */
function readAll(fd, buffer, size) {
  let read = 0;
  while (read < size) {
    const n = fs.readSync(fd, buffer, read, size - read, read);
    if (n === 0) break;
    read += n;
  }
  return buffer.subarray(0, read);
}

/** The open file descriptor of `file` and its size, or undefined when it cannot be opened. */
function openSized(file) {
  let fd;
  try {
    fd = fs.openSync(file, 'r');
    return { fd, size: fs.fstatSync(fd).size };
  } catch {
    if (fd !== undefined) fs.closeSync(fd);
    return undefined;
  }
}

/**
 * The bundle compiled, from the code cache of the command in `argv` if V8 accepts it: { run, script,
 * cacheFile, cacheUsed }, or undefined without a bundle.
 *
 * The bundle's bytes and then its cache's are read into one buffer: V8 copies the bundle's text into
 * a string of its own, after which the bytes are not needed, and it deserialises the cache as the
 * script is made. A fresh buffer is memory the system has to map on first touch, page by page (about
 * 3 µs a page here, 250 pages for a megabyte): sharing it maps the smaller of the two only once.
 */
function loadBundle(argv) {
  let fd;
  try {
    fd = fs.openSync(bundle, 'r');
  } catch {
    return undefined;
  }
  let source, cacheFile, cachedData, cache;
  try {
    const stat = fs.fstatSync(fd);
    // with the bundle's hash on record, its cache is opened first, so that one buffer holds either
    const recorded = recordedHash(stat);
    if (recorded !== undefined) cacheFile = cacheFileFor(recorded, argv);
    if (cacheFile !== undefined) cache = openSized(cacheFile);
    const buffer = Buffer.allocUnsafeSlow(Math.max(stat.size, cache === undefined ? 0 : cache.size));
    const bytes = readAll(fd, buffer, stat.size);
    // latin1: the build checks the bundle is ASCII-only; it is written inside Node's CommonJS wrapper
    // (scripts/bundle.mjs), so the script's value is the module's function
    source = bytes.latin1Slice(0, bytes.length);
    if (cacheFile === undefined) {
      cacheFile = cacheFileFor(hashAndRecord(bytes, stat), argv);
      cache = openSized(cacheFile);
    }
    if (cache !== undefined)
      cachedData = readAll(cache.fd, cache.size <= buffer.length ? buffer : Buffer.allocUnsafeSlow(cache.size), cache.size);
  } finally {
    fs.closeSync(fd);
    if (cache !== undefined) fs.closeSync(cache.fd);
  }
  // no cache for this bundle and runtime yet (cachedData undefined): compiled from source
  const script = new vm.Script(source, { filename: bundle, cachedData });
  const module = { exports: {} };
  // the bundle requires Node's built-in modules only (exceljs and jszip through a createRequire of its
  // own file), which this file's require gives as well: node:module's createRequire would load Node's
  // ES module loader with it (about 0.25 ms)
  script.runInThisContext()(module.exports, require, module, bundle, dist);
  return { run: module.exports.run, script, cacheFile, cacheUsed: cachedData !== undefined && !script.cachedDataRejected };
}

/** Writes `data` to `file` whole or not at all (a temporary file renamed), and says whether it did. */
function writeAtomic(file, data) {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temporary, data);
    fs.renameSync(temporary, file);
    return true;
  } catch {
    try {
      fs.rmSync(temporary, { force: true });
    } catch {
      // nothing was written
    }
    return false;
  }
}

/**
 * Writes the code cache after a run, so it holds the functions that ran too: atomically (a temporary
 * file renamed), so a concurrent run reads the old cache or the new one, never half of one. A failure
 * (a read-only install) only means the next run compiles from source again. Caches made for other
 * bundle bytes (of every command) are removed, so editing the bundle leaves no stale caches behind.
 */
function saveCache(script, cacheFile) {
  if (!writeAtomic(cacheFile, script.createCachedData())) return;
  const bundleHash = CACHE_NAME.exec(path.basename(cacheFile))[1];
  try {
    for (const name of fs.readdirSync(dist)) {
      const other = CACHE_NAME.exec(name);
      if (other && other[1] !== bundleHash) fs.rmSync(path.join(dist, name), { force: true });
    }
  } catch {
    // an old cache left behind is only disk space
  }
}

/**
 * A command here runs for a tenth of a second or so, and V8's optimising compiler, started as soon as
 * a function looks hot (the YAML lexer after a few hundred lines), mostly finishes after the work it
 * was meant to speed up. A larger interrupt budget (how much bytecode runs between tiering checks;
 * V8's default is about 66,000) leaves short runs to the interpreter and the baseline compiler. A run
 * starts with a budget large enough that a whole-council projection is never optimised
 * (SHORT_RUN_BUDGET); once it turns out long (a large input read, thousands of draws: see
 * src/cli/tiering.ts, which calls the function registered under LONG_RUN), the budget drops to one
 * at which hot functions are optimised a little later than V8's default (LONG_RUN_BUDGET): at that
 * budget 100,000 lines take the same time and memory as at the default, while at the short-run
 * budget throughout they took 1.4 times as long. V8 reads the flag each time it resets a function's
 * budget, so the change takes effect from the next tiering check of each function.
 * Not when the budget is given on the command line or in NODE_OPTIONS, and only on the Node versions
 * whose V8 is known to have the flag (an unknown one would print an error on every run).
 *
 * Node's built-in modules are compiled from its own code cache only while V8's flags are as Node
 * started, so the ones a run loads are loaded first: the bundle's (BUILTINS_FIRST), and Node's
 * standard streams when the bundle will write through them (on a terminal or on Windows; to a file,
 * a pipe, a socket or /dev/null it writes with fs.writeSync, see src/cli/io.ts, and they are never
 * loaded). The bundle's code cache is made and used with the flag set, so it stays valid from run to
 * run.
 */
const SHORT_RUN_BUDGET = '--interrupt-budget=1000000';
const LONG_RUN_BUDGET = '--interrupt-budget=150000';
/**
 * V8's young generation grows (doubles) after a collection that finds much of it still alive, and
 * each new part is memory the system maps on first touch, page by page (about 3 µs a 4 KB page on
 * the machine measured). A short run that keeps its first size collects a few more times, cheaply
 * (a whole council: 14 young collections instead of 9), and touches about 500 fewer pages; a long run
 * gets V8's own growth back with its budget. Not when the young generation's size is given on the
 * command line or in NODE_OPTIONS.
 */
const SHORT_RUN_YOUNG = '--semi-space-growth-factor=1';
const LONG_RUN_YOUNG = '--semi-space-growth-factor=2';
/**
 * V8 schedules a young-generation collection as a task once the young generation is nearly full, to
 * run when the program next waits; a command here does its work without waiting, so the task runs as
 * the process ends, after the output is written: a collection whose result nothing uses (about 0.35%
 * of the instructions of `project scenarios/2018.yaml`). Without it the young generation is collected
 * when it is full, as it is anyway in the middle of a run. Node 20's V8 names the flag so; other
 * versions are left as they are (an unknown flag would print an error on every run), and so is a run
 * that gives it on the command line or in NODE_OPTIONS.
 */
const NO_GC_TASK = '--no-minor-gc-task';
const GC_TASK_NODE = /^v20\./;
const LONG_RUN = Symbol.for('mtfs.long-run');
/** Set once the run has switched to the long-run budget: V8's flags now differ from a short run's. */
let longRun = false;
const BUILTINS_FIRST = ['node:process'];
const TUNED_NODE = /^v2[024]\./;

/** As src/cli/io.ts decides: true when output to `fd` goes through process.stdout or process.stderr. */
function throughStream(fd) {
  if (process.platform === 'win32') return true;
  try {
    const st = fs.fstatSync(fd);
    return !(st.isFile() || st.isFIFO() || st.isSocket() || (st.isCharacterDevice() && st.rdev === fs.statSync('/dev/null').rdev));
  } catch {
    return true;
  }
}

/**
 * Something with V8's setFlagsFromString. `node:v8` loads Node's heap-snapshot utilities and with them
 * the whole of its stream modules (about 25 built-in modules, 1.5 ms or so of every run) that mtfs
 * never uses; the binding it wraps has the same function and loads nothing. Node warns that the
 * binding is deprecated, which is silenced for this one call (the warning is decided as it is
 * raised). Any Node that refuses the binding, or gives one without the function, gets `node:v8`.
 */
function v8Flags() {
  const quiet = process.noDeprecation;
  process.noDeprecation = true;
  try {
    const binding = process.binding('v8');
    if (typeof binding.setFlagsFromString === 'function') return binding;
  } catch {
    // refused (a permission model, a later Node): the public module below
  } finally {
    process.noDeprecation = quiet;
  }
  return require('node:v8');
}

function tuneTiering() {
  if (!TUNED_NODE.test(process.version)) return;
  const given = (flag) => [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((a) => a.includes(flag));
  if (given('interrupt-budget')) return;
  const young = !given('semi-space');
  try {
    if (throughStream(1)) void process.stdout;
    if (throughStream(2)) void process.stderr;
    for (const name of BUILTINS_FIRST) require(name);
    const v8 = v8Flags();
    v8.setFlagsFromString(SHORT_RUN_BUDGET);
    if (young) v8.setFlagsFromString(SHORT_RUN_YOUNG);
    if (GC_TASK_NODE.test(process.version) && !given('minor-gc-task')) v8.setFlagsFromString(NO_GC_TASK);
    globalThis[LONG_RUN] = () => {
      if (longRun) return;
      longRun = true;
      v8.setFlagsFromString(LONG_RUN_BUDGET);
      if (young) v8.setFlagsFromString(LONG_RUN_YOUNG);
    };
  } catch {
    // a Node that does not take the flag runs with its own tiering
  }
}

async function main() {
  let loaded;
  const argv = process.argv.slice(2);
  tuneTiering();
  try {
    loaded = loadBundle(argv) ?? { run: (await import('../dist/cli/main.js')).run };
  } catch (error) {
    startFailed(error);
  }
  const code = await loaded.run(argv);
  // the build asks for the cache to be written even when it was used, to add a second run's functions
  // not after a long run: V8 stamps a cache with its flags, and a short run (the usual one) would reject it
  if (loaded.script && !longRun && (!loaded.cacheUsed || process.env.MTFS_WRITE_CODE_CACHE === '1'))
    saveCache(loaded.script, loaded.cacheFile);
  // an output that could not be written has set 2 already (src/cli/io.ts), which the command's code does not undo
  if (!process.exitCode) process.exitCode = code;
}

main();
