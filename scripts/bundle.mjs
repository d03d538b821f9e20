// Build step 2 (after tsc): bundles the compiled CLI into one CommonJS file, dist/mtfs.cjs, and
// records a V8 code cache for it (dist/mtfs.<hashes>.cache, see bin/mtfs.js) by running it on the
// shipped scenario. Old caches are removed first, so a failed build leaves none behind.
// One file compiled from cache starts several times faster than ~150 ES modules resolved and
// compiled one by one (zod alone is dozens). exceljs and jszip stay outside: they are loaded only
// when `mtfs report --xlsx` asks for a workbook. bin/mtfs.js falls back to dist/cli/main.js when
// the bundle is missing, and to plain compilation when V8 rejects the cache.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const bundle = path.join(dist, 'mtfs.cjs');
/** Code caches as bin/mtfs.js names them, their temporary files, and dist/mtfs.cache of older builds. */
const isCache = (name) => /^mtfs\.([0-9a-f.]+\.)?cache($|\.)/.test(name);
const caches = () => (fs.existsSync(dist) ? fs.readdirSync(dist).filter(isCache) : []);
/** The bundle's SHA-256 and the status of the file it was taken from, which bin/mtfs.js reads instead of hashing. */
const stamp = path.join(dist, 'mtfs.cjs.sha256');

for (const name of caches()) fs.rmSync(path.join(dist, name), { force: true });
fs.rmSync(stamp, { force: true });

/**
 * The text tables (src/render/text-columns.ts) and cli-progress measure text with string-width, whose
 * emoji regex is so large that compiling it on first use is a visible part of start-up. Printable ASCII text is as wide as it is long (which
 * is what string-width answers for it too), so the bundle answers that directly and leaves
 * everything else (colour codes, £, dashes, wide characters) to string-width.
 */
const asciiWidthFastPath = {
  name: 'string-width-ascii-fast-path',
  async resolveId(source, importer, options) {
    if (source !== 'string-width' || !importer || importer.startsWith('\0')) return null;
    const real = await this.resolve(source, importer, { ...options, skipSelf: true });
    return real ? `\0fast-width:${real.id}` : null;
  },
  load(id) {
    if (!id.startsWith('\0fast-width:')) return null;
    const real = JSON.stringify(id.slice('\0fast-width:'.length));
    return [
      `const stringWidth = require(${real});`,
      'const PRINTABLE_ASCII = /^[\\x20-\\x7e]*$/;',
      "const width = (s) => (typeof s === 'string' && PRINTABLE_ASCII.test(s) ? s.length : stringWidth(s));",
      'module.exports = width;',
      'module.exports.default = width;',
    ].join('\n');
  },
};

/**
 * commander loads node:child_process (for subcommands run as separate programs, which mtfs has none
 * of) and cli-progress loads readline, each when the bundle starts: together about 3 ms of every
 * run. Here each is loaded when one of its functions is first used instead.
 */
const LAZY_BUILTINS = [
  { file: /[\\/]commander[\\/]lib[\\/]command\.js$/, statement: "const childProcess = require('node:child_process');" },
  { file: /[\\/]cli-progress[\\/]lib[\\/]terminal\.js$/, statement: "const _readline = require('readline');" },
];
const lazyBuiltins = {
  name: 'lazy-builtins',
  transform(code, id) {
    const lazy = LAZY_BUILTINS.find((l) => l.file.test(id));
    if (!lazy) return null;
    if (!code.includes(lazy.statement)) throw new Error(`bundle: ${id} no longer has \`${lazy.statement}\``);
    const [, name, builtin] = /^const (\w+) = require\(('[^']+')\);$/.exec(lazy.statement);
    return code.replace(lazy.statement, `const ${name} = new Proxy({}, { get: (_, key) => require(${builtin})[key] });`);
  },
};

await build({
  input: path.join(root, 'dist', 'cli', 'main.js'),
  platform: 'node',
  plugins: [asciiWidthFastPath, lazyBuiltins],
  external: ['exceljs', 'jszip'],
  logLevel: 'warn',
  // minified and ASCII-only: half the bytes to read and hash, and read as latin1 without UTF-8 decoding
  output: { file: bundle, format: 'cjs', codeSplitting: false, minify: true, charset: 'ascii' },
});
const bytes = fs.readFileSync(bundle);
if (!/^[\x00-\x7f]*$/.test(bytes.toString('latin1'))) {
  console.error('bundle: dist/mtfs.cjs is not ASCII-only; bin/mtfs.js reads it as latin1');
  process.exit(1);
}
// as bin/mtfs.js compares it: size, inode, modification and change times of the file as written
{
  const st = fs.statSync(bundle);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  fs.writeFileSync(stamp, `${sha256} ${[st.size, st.ino, st.mtimeMs, st.ctimeMs].join(' ')}\n`);
}

// Warm the cache with the commands people run most, so their functions are compiled in it too, and
// with the help, which adds every command to the program (a run adds only the command it names).
// The committee report runs its own code besides the projection's (sensitivity, the Monte Carlo
// draws, the HTML and its charts); its page is written to a temporary folder and removed.
const reportFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'mtfs-build-'));
for (const args of [
  ['project', 'scenarios/2018.yaml', '--detail'],
  ['check', 'scenarios/2018.yaml'],
  ['report', 'scenarios/2018.yaml', '--draws', '100', '--html', path.join(reportFolder, 'report.html')],
  ['project', 'scenarios/2018-council.yaml'],
  ['demand', 'scenarios/2018-demand.yaml', '--format', 'json'],
  ['compare', 'scenarios/2018.yaml', 'scenarios/2018-without-ac14.yaml'],
  ['diff', 'scenarios/2018.yaml', 'scenarios/2018-without-ac14.yaml'],
  ['savings', 'scenarios/2018.yaml'],
  ['explain', 'scenarios/2018.yaml', 'net_budget', '2020/21'],
  ['options', '--option', 'income-tax-basic', '--need', 'fair-price'],
  ['--help'],
]) {
  const r = spawnSync(process.execPath, [path.join(root, 'bin', 'mtfs.js'), ...args], {
    cwd: root,
    env: { ...process.env, MTFS_WRITE_CODE_CACHE: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (r.status !== 0) {
    console.error(`bundle: warming run \`mtfs ${args.join(' ')}\` exited ${r.status}`);
    fs.rmSync(reportFolder, { recursive: true, force: true });
    process.exit(1);
  }
}
fs.rmSync(reportFolder, { recursive: true, force: true });
const written = caches();
if (written.length !== 1) {
  console.error(`bundle: the warming runs should leave one code cache in dist/, not ${written.length}`);
  process.exit(1);
}
const cache = path.join(dist, written[0]);
console.log(
  `bundle: ${path.relative(root, bundle)} (${fs.statSync(bundle).size} bytes), code cache ${path.relative(root, cache)} (${fs.statSync(cache).size} bytes)`,
);
