// Build step 2 (after tsc): bundles the compiled CLI into one CommonJS file, dist/mtfs.cjs, and
// records a V8 code cache for each shipped command (dist/mtfs.<hashes>.<command>.cache, see
// bin/mtfs.js) by running it on the shipped scenarios. Old caches are removed first, so a failed
// build leaves none behind.
// One file compiled from cache starts several times faster than ~150 ES modules resolved and
// compiled one by one (zod alone is dozens). exceljs and jszip stay outside: they are loaded only
// when `mtfs report --xlsx` asks for a workbook. bin/mtfs.js falls back to dist/cli/main.js when
// the bundle is missing, and to plain compilation when V8 rejects the cache.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import Module from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const bundle = path.join(dist, 'mtfs.cjs');
/** Code caches as bin/mtfs.js names them, their temporary files, and those of older builds (dist/mtfs.cache, no command). */
const isCache = (name) => /^mtfs\.([0-9a-f]+\.)*([a-z-]+\.)?cache($|\.)/.test(name);
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
    // string-width itself (with its emoji pattern and the modules it loads) is loaded when first needed
    return [
      'let stringWidth;',
      'const PRINTABLE_ASCII = /^[\\x20-\\x7e]*$/;',
      `const width = (s) => (typeof s === 'string' && PRINTABLE_ASCII.test(s) ? s.length : (stringWidth ??= require(${real}))(s));`,
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

/**
 * decimal.js reads its 1,025-digit ln(10) and π from text into decimals as it loads, in every run,
 * though mtfs never needs π and needs ln(10) only for the fractional powers of a compound
 * interpolation. Here each is read the first time it is used (the same digits: the text is read as
 * the constructor reads any text).
 */
const LAZY_DECIMAL_CONSTANTS = [
  ['LN10 = new Decimal(LN10);', ''],
  ['PI = new Decimal(PI);', ''],
  ['new Ctor(LN10)', "new Ctor(typeof LN10 === 'string' ? (LN10 = new Decimal(LN10)) : LN10)"],
  ['new Ctor(PI)', "new Ctor(typeof PI === 'string' ? (PI = new Decimal(PI)) : PI)"],
];
const lazyDecimalConstants = {
  name: 'lazy-decimal-constants',
  transform(code, id) {
    if (!/[\\/]decimal\.js[\\/]decimal\.mjs$/.test(id)) return null;
    let out = code;
    for (const [from, to] of LAZY_DECIMAL_CONSTANTS) {
      if (out.split(from).length !== 2) throw new Error(`bundle: ${id} no longer has \`${from.trim()}\` once`);
      out = out.replace(from, to);
    }
    return out;
  },
};

/**
 * The yaml library's entry module loads the whole library (its documents, composer, schemas and
 * tags, stringifier and visitor) to export it, though mtfs reads a file through its lexer, parser
 * and token tree alone and composes a document only for a file the direct reading leaves to the
 * composer (src/source/yaml.ts). In the bundle, mtfs's imports of `yaml` take each name from the
 * module of the library that defines it (the entry module exports those same objects), and the
 * composer, with the rest of the library, is loaded the first time it is asked for. The package
 * exports only its entry, so this is done here rather than in mtfs's imports; the version is pinned.
 */
const YAML_PARTS = {
  Lexer: 'parse/lexer.js',
  Parser: 'parse/parser.js',
  CST: 'parse/cst.js',
  LineCounter: 'parse/line-counter.js',
  YAMLParseError: 'errors.js',
  isAlias: 'nodes/identity.js',
  isMap: 'nodes/identity.js',
  isScalar: 'nodes/identity.js',
  isSeq: 'nodes/identity.js',
};
/** Names taken from the entry module when first used (which loads the whole library then). */
const YAML_LAZY = ['Composer'];
/** Every name mtfs's compiled modules import from yaml must be one of the above (checked as they are transformed). */
const yamlImports = (code, id) => {
  for (const match of code.matchAll(/^import\s+(.*?)\s+from\s+['"]yaml['"]/gms)) {
    const names = /^\{([^}]*)\}$/.exec(match[1].trim());
    const unknown = names
      ? names[1]
          .split(',')
          .map((n) => n.trim())
          .filter((n) => n !== '' && !(n in YAML_PARTS) && !YAML_LAZY.includes(n))
      : [match[1]];
    if (unknown.length > 0) throw new Error(`bundle: ${id} imports ${unknown.join(', ')} from yaml: add to YAML_PARTS or YAML_LAZY`);
  }
};
const yamlParts = {
  name: 'yaml-parts',
  transform(code, id) {
    if (id.startsWith(path.join(root, 'dist'))) yamlImports(code, id);
    return null;
  },
  async resolveId(source, importer, options) {
    if (source !== 'yaml' || !importer || importer.startsWith('\0') || !importer.startsWith(path.join(root, 'dist'))) return null;
    const real = await this.resolve(source, importer, { ...options, skipSelf: true });
    return real ? `\0yaml-parts:${real.id}` : null;
  },
  load(id) {
    if (!id.startsWith('\0yaml-parts:')) return null;
    const entry = id.slice('\0yaml-parts:'.length);
    const requireFrom = Module.createRequire(entry);
    const library = requireFrom(entry);
    const lines = [`const entry = () => require(${JSON.stringify(entry)});`];
    for (const [name, part] of Object.entries(YAML_PARTS)) {
      const file = path.join(path.dirname(entry), part);
      const value = requireFrom(file);
      // CST is the module itself; every other name is one of the module's exports
      if ((name === 'CST' ? value : value[name]) !== library[name] || library[name] === undefined)
        throw new Error(`bundle: yaml's ${name} is no longer the one ${part} defines`);
      lines.push(`exports.${name} = require(${JSON.stringify(file)})${name === 'CST' ? '' : `.${name}`};`);
    }
    for (const name of YAML_LAZY) {
      if (library[name] === undefined) throw new Error(`bundle: yaml no longer exports ${name}`);
      lines.push(`Object.defineProperty(exports, ${JSON.stringify(name)}, { enumerable: true, get: () => entry().${name} });`);
    }
    return lines.join('\n');
  },
};

/**
 * A default import of a Node built-in (`import fs from 'node:fs'`) is bundled as a copy of the
 * module's object with a getter for each of its exports (about a hundred for node:fs), made as the
 * bundle starts: 0.15–0.2 ms for each of node:fs and node:path in every run. The default export of a
 * built-in is its module object itself, so mtfs's own modules take it from a module that exports
 * `require(builtin)` as its default, with no copy. And `node:module`, which only the workbook's
 * commands use (createRequire, for exceljs), loads Node's ES module loader with it (about 0.25 ms):
 * it is loaded when createRequire is first called.
 */
const BUILTIN_DEFAULT = /^import (\w+) from '(node:[a-z_/]+)';$/gm;
const BUILTIN_PREFIX = '\0builtin-default:';
const LAZY_CREATE_REQUIRE = "import { createRequire } from 'node:module';";
const builtinImports = {
  name: 'builtin-imports',
  transform(code, id) {
    if (!id.startsWith(path.join(root, 'dist')) || !code.includes(" from 'node:")) return null;
    return code
      .replace(BUILTIN_DEFAULT, (_, name, builtin) => `import ${name} from '${BUILTIN_PREFIX}${builtin}';`)
      .replace(LAZY_CREATE_REQUIRE, "const createRequire = (...args) => require('node:module').createRequire(...args);");
  },
  resolveId(source) {
    return source.startsWith(BUILTIN_PREFIX) ? source : null;
  },
  load(id) {
    return id.startsWith(BUILTIN_PREFIX) ? `export default require(${JSON.stringify(id.slice(BUILTIN_PREFIX.length))});` : null;
  },
};

await build({
  input: path.join(root, 'dist', 'cli', 'main.js'),
  platform: 'node',
  plugins: [asciiWidthFastPath, lazyBuiltins, lazyDecimalConstants, yamlParts, builtinImports],
  external: ['exceljs', 'jszip'],
  logLevel: 'warn',
  // minified and ASCII-only: half the bytes to read and hash, and read as latin1 without UTF-8 decoding
  output: { file: bundle, format: 'cjs', codeSplitting: false, minify: true, charset: 'ascii' },
});
const bundled = fs.readFileSync(bundle, 'latin1');
if (!/^[\x00-\x7f]*$/.test(bundled)) {
  console.error('bundle: dist/mtfs.cjs is not ASCII-only; bin/mtfs.js reads it as latin1');
  process.exit(1);
}
// Written already inside the function Node wraps a CommonJS module in, so that bin/mtfs.js compiles
// the file's text as it is: wrapping it there made V8 copy the whole text into one string again
// before compiling (about 1 ms of every run).
fs.writeFileSync(bundle, Module.wrap(bundled), 'latin1');
const bytes = fs.readFileSync(bundle);
// as bin/mtfs.js compares it: size, inode, modification and change times of the file as written
{
  const st = fs.statSync(bundle);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  fs.writeFileSync(stamp, `${sha256} ${[st.size, st.ino, st.mtimeMs, st.ctimeMs].join(' ')}\n`);
}

// Warm each shipped command's cache by running it, so its functions are compiled in it: a command's
// cache holds only what its runs compiled (bin/mtfs.js), and a command not listed here writes its
// own on first use. A command run twice adds the second run's functions to the first's (a projection
// of one department and of the whole council; with its schedules, `--detail`, which has a cache of
// its own, as a table and in CSV). `--help` adds every command to the program; `--version` loads
// none. The committee report runs its own code besides the projection's (sensitivity, the Monte
// Carlo draws, the HTML and its charts); its page, and the starter `init` writes, go to a temporary
// folder that is removed.
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'mtfs-build-'));
const WARMING = [
  ['project', 'scenarios/2018.yaml'],
  ['project', 'scenarios/2018-council.yaml'],
  ['project', 'scenarios/2018.yaml', '--detail'],
  ['project', 'scenarios/2018.yaml', '--format', 'csv', '--detail'],
  ['check', 'scenarios/2018.yaml'],
  ['report', 'scenarios/2018.yaml', '--draws', '100', '--html', path.join(scratch, 'report.html')],
  ['demand', 'scenarios/2018-demand.yaml', '--format', 'json'],
  ['compare', 'scenarios/2018.yaml', 'scenarios/2018-without-ac14.yaml'],
  ['diff', 'scenarios/2018.yaml', 'scenarios/2018-without-ac14.yaml'],
  ['savings', 'scenarios/2018.yaml'],
  ['explain', 'scenarios/2018.yaml', 'net_budget', '2020/21'],
  ['options', '--option', 'income-tax-basic', '--need', 'fair-price'],
  ['sensitivity', 'scenarios/2018.yaml'],
  ['risk', 'scenarios/2018.yaml', '--draws', '100', '--seed', '1'],
  ['schema'],
  ['init', path.join(scratch, 'starter')],
  ['--version'],
  ['--help'],
];
/** The cache a warming run writes, as bin/mtfs.js names it (every run above names its command first). */
const groupOf = (args) =>
  ({ '--version': 'version', '--help': 'help' })[args[0]] ??
  (args[0] === 'project' && args.includes('--detail') ? 'project-detail' : args[0]);
for (const args of WARMING) {
  const r = spawnSync(process.execPath, [path.join(root, 'bin', 'mtfs.js'), ...args], {
    cwd: root,
    env: { ...process.env, MTFS_WRITE_CODE_CACHE: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (r.status !== 0) {
    console.error(`bundle: warming run \`mtfs ${args.join(' ')}\` exited ${r.status}`);
    fs.rmSync(scratch, { recursive: true, force: true });
    process.exit(1);
  }
}
fs.rmSync(scratch, { recursive: true, force: true });
const groups = [...new Set(WARMING.map(groupOf))].sort();
const written = caches().sort();
const cacheGroups = written.map((name) => /\.([a-z-]+)\.cache$/.exec(name)?.[1]).sort();
if (cacheGroups.join(' ') !== groups.join(' ')) {
  console.error(
    `bundle: the warming runs should leave one code cache for each of ${groups.join(', ')} in dist/, not ${written.join(', ') || 'none'}`,
  );
  process.exit(1);
}
const sizes = written.map((name) => fs.statSync(path.join(dist, name)).size);
console.log(
  `bundle: ${path.relative(root, bundle)} (${fs.statSync(bundle).size} bytes), ${written.length} code caches (${cacheGroups.join(', ')}) of ${Math.min(...sizes)} to ${Math.max(...sizes)} bytes, ${sizes.reduce((a, b) => a + b, 0)} in all`,
);
