// Reading before loading: follows the files a scenario names (`extends`, department scenarios,
// `line_files`, drivers' population files, referendum principles and, when asked, `compare_with`) through the FileReader,
// reading and parsing each file once, so that loading itself is a pure function of the set.

import type { Diagnostic, Location } from '../diagnostics/diagnostic.js';
import { csvSyntaxError } from '../source/csv.js';
import type { Path } from '../source/raw-tree.js';
import { FULL_LOAD_BYTES_PER_BYTE, MAX_TOTAL_INPUT_BYTES, fullLoadNeed, memoryTooSmall } from '../source/text.js';
import { parseYaml } from '../source/yaml.js';
import { atReference, readFile, textOf, type SourceFile, type SourceSet } from './read-source.js';
import { relativeTo, type FileReader } from './reader.js';

export interface ResolveOptions {
  /** Also read the scenario named by `compare_with:` (for `mtfs demand`) and the files it names. */
  readonly compareWith?: boolean;
  /** The most bytes all the files read may hold together (MAX_TOTAL_INPUT_BYTES unless given). */
  readonly maxInputBytes?: number;
  /** The limit of a whole run, shared with the other scenarios it reads (instead of maxInputBytes). */
  readonly budget?: InputBudget;
  /**
   * Files read (and parsed) earlier in the same run, by path: taken from here rather than read and
   * parsed again, and added to. Two scenarios compared side by side often share one (`extends:`).
   */
  readonly known?: Map<string, SourceFile>;
}

/** The input limit of one run, shared by every scenario it reads: each file counted once, by path. */
export interface InputBudget {
  readonly limit: number;
  /** The size of each file counted so far. */
  readonly counted: Map<string, number>;
  /** Set once a file would have passed the limit: no file is read after it. */
  exhausted: boolean;
  /** The most bytes of memory Node allows the run (its heap limit), asked for only when a large input is to be kept whole. */
  readonly memory?: () => number | undefined;
}

export const inputBudget = (limit: number = MAX_TOTAL_INPUT_BYTES, memory?: () => number | undefined): InputBudget => ({
  limit,
  counted: new Map(),
  exhausted: false,
  ...(memory ? { memory } : {}),
});

/** Inputs whose lines need less memory than this kept whole are not compared with the heap (every Node allows more). */
const SMALL_FULL_LOAD = 96 * 1024 * 1024;

/**
 * Before a run keeps every line of `set`: the refusal, when its files and those whose lines the run
 * already keeps (`kept`: scenarios loaded in full before it, still held, as `compare` holds them),
 * each file once, would need more memory kept whole than Node allows it (`perByte` bytes of memory
 * a byte, FULL_LOAD_BYTES_PER_BYTE unless the command needs more), located where `set` names its
 * largest line table (else at the top of `root`). A scenario whose lines were added up as they were
 * read (the totals path), or that is checked and dropped before the next is read (`check`), holds
 * no lines and is not counted. Undefined when they fit, or when the budget knows no heap limit.
 */
export function fullLoadRefusal(
  set: SourceSet,
  root: string,
  budget: InputBudget,
  perByte: number = FULL_LOAD_BYTES_PER_BYTE,
  kept: ReadonlySet<string> = new Set(),
): Diagnostic | undefined {
  let bytes = 0;
  for (const file of new Set([...kept, ...set.files.keys()])) bytes += budget.counted.get(file) ?? 0;
  const need = fullLoadNeed(bytes, perByte);
  if (need <= SMALL_FULL_LOAD || !budget.memory) return undefined;
  const heap = budget.memory();
  if (heap === undefined || need <= heap) return undefined;
  return memoryTooSmall(bytes, perByte, heap, largestTableNamed(set) ?? { file: root, line: 1, column: 1, endLine: 1, endColumn: 2 });
}

/** Where a scenario of `set` names its largest line table (`line_files:`). */
function largestTableNamed(set: SourceSet): Location | undefined {
  let best: { bytes: number; at: Location } | undefined;
  for (const [file, f] of set.files) {
    const doc = f.yaml?.value;
    const tree = doc?.tree;
    if (!doc || !isMapping(tree) || !Array.isArray(tree.line_files)) continue;
    tree.line_files.forEach((written: unknown, i) => {
      if (typeof written !== 'string') return;
      const bytes = set.files.get(relativeTo(file, written.trim()))?.bytes ?? 0;
      if (!best || bytes > best.bytes) best = { bytes, at: doc.locator.value(['line_files', i]) };
    });
  }
  return best?.at;
}

/**
 * Reads `roots` and every file they name, each once (by the path as resolved), in the order a
 * loader meets them. What is written is only followed here, not checked: a bad or missing file is
 * reported by the loader, where it is named and only if the loader uses it. A file that would take
 * the bytes read past the limit is dropped as soon as it is read and reported the same way.
 */
export function resolveSources(roots: string | readonly string[], read: FileReader, options: ResolveOptions = {}): SourceSet {
  const files = new Map<string, SourceFile>();
  const texts = new Map<string, string>();
  const budget = options.budget ?? inputBudget(options.maxInputBytes);
  const { limit, counted } = budget;
  // a file counted already (read for another scenario of the run) counts once
  let total = 0;
  for (const n of counted.values()) total += n;
  const keep = (file: string, f: SourceFile): void => {
    files.set(file, f);
    options.known?.set(file, f);
  };
  const visit = (file: string, kind: 'yaml' | 'csv'): void => {
    if (files.has(file)) return;
    // the size is checked before the file is read: one that would pass the limit is never read
    const before = counted.get(file);
    const f = budget.exhausted
      ? { decoded: [], overLimit: limit }
      : (options.known?.get(file) ?? readFile(read, file, before === undefined ? limit - total : undefined, limit));
    if (f.overLimit !== undefined) {
      budget.exhausted = true;
      files.set(file, f);
      return;
    }
    if (before === undefined) {
      counted.set(file, f.bytes ?? 0);
      total += f.bytes ?? 0;
    }
    if (f.text === undefined) return keep(file, f);
    texts.set(file, f.text);
    if (kind === 'csv') return keep(file, f);
    const parsed = f.yaml ? f : withYaml(file, f.text, f);
    keep(file, parsed);
    for (const named of namedFiles(file, parsed.yaml?.value?.tree, options)) visit(named.file, named.kind);
  };
  for (const root of typeof roots === 'string' ? [roots] : roots) visit(root, 'yaml');
  return { files, texts };
}

/** A YAML file read, with its text parsed. */
function withYaml(file: string, text: string, f: SourceFile): SourceFile {
  const yaml = parseYaml(file, text);
  return { ...f, yaml: yaml.doc ? { value: yaml.doc, diagnostics: yaml.diagnostics } : { diagnostics: yaml.diagnostics } };
}

/**
 * What can be said of the files of `set` without keeping a line, for a run refused before it reads
 * them (fullLoadRefusal): each file that cannot be read or decoded, where it is named and in the
 * loader's words, and the YAML and CSV syntax errors of each file read (a CSV file's found without
 * keeping its rows). Follows what resolveSources followed from `root`, each file at the first place
 * that names it.
 */
export function readingDiagnostics(set: SourceSet, root: string, options: Pick<ResolveOptions, 'compareWith'> = {}): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  const visit = (file: string, kind: 'yaml' | 'csv', named?: { at: Location; missing?: string }): void => {
    const f = set.files.get(file);
    if (seen.has(file) || !f) return;
    seen.add(file);
    // a scenario named by `extends:` or `departments:` is loaded on its own, its reading problems then placed where it is named
    const src = textOf(f, file, named?.missing === undefined ? named?.at : undefined);
    out.push(...(named?.missing === undefined ? src.diagnostics : atReference(src.diagnostics, named.at, named.missing)));
    if (src.text === undefined) return;
    if (kind === 'csv') {
      const syntax = csvSyntaxError(file, src.text);
      if (syntax) out.push(syntax);
      return;
    }
    out.push(...(f.yaml?.diagnostics ?? []));
    const doc = f.yaml?.value;
    if (!doc) return;
    for (const n of namedFiles(file, doc.tree, options)) {
      visit(n.file, n.kind, { at: doc.locator.value(n.path), ...(n.missing !== undefined ? { missing: n.missing } : {}) });
    }
  };
  visit(root, 'yaml');
  return out;
}

/** A file a scenario names: where (`path`), and for a scenario loaded on its own, what the loader says when it is missing. */
interface NamedFile {
  readonly file: string;
  readonly kind: 'yaml' | 'csv';
  readonly path: Path;
  readonly missing?: string;
}

/** The files a parsed scenario names, relative to it, as the loader will ask for them. */
function namedFiles(file: string, tree: unknown, options: ResolveOptions): NamedFile[] {
  if (!isMapping(tree)) return [];
  const out: NamedFile[] = [];
  const add = (written: unknown, kind: 'yaml' | 'csv', path: Path, missing?: (named: string) => string): void => {
    if (typeof written !== 'string' || written.trim() === '') return;
    const named = relativeTo(file, written.trim());
    out.push({ file: named, kind, path, ...(missing ? { missing: missing(named) } : {}) });
  };
  if ('extends' in tree) {
    add(tree.extends, 'yaml', ['extends'], (named) => `the scenario ${named} named by \`extends\` does not exist`);
    return out;
  }
  if (isMapping(tree.drivers)) {
    for (const [name, d] of Object.entries(tree.drivers))
      if (isMapping(d) && isMapping(d.population)) add(d.population.file, 'csv', ['drivers', name, 'population', 'file']);
  }
  if (isMapping(tree.index_series)) add(tree.index_series.file, 'yaml', ['index_series', 'file']);
  if (Array.isArray(tree.line_files)) tree.line_files.forEach((f: unknown, i) => add(f, 'csv', ['line_files', i]));
  if (Array.isArray(tree.departments)) {
    tree.departments.forEach((d: unknown, i) => {
      if (isMapping(d))
        add(d.scenario, 'yaml', ['departments', i, 'scenario'], (named) => `the department scenario ${named} does not exist`);
    });
  }
  if (isMapping(tree.funding) && isMapping(tree.funding.council_tax))
    add(tree.funding.council_tax.principles, 'yaml', ['funding', 'council_tax', 'principles']);
  if (options.compareWith) add(tree.compare_with, 'yaml', ['compare_with']);
  return out;
}

const isMapping = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
