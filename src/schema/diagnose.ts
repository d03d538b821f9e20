// Turns zod issues into mtfs diagnostics located in the file: each issue path is looked up in the
// raw document's locator; unknown keys get a "did you mean" from the schema's own keys.

import type { z } from 'zod/mini';
import { error, type Diagnostic, type DiagnosticCode } from '../diagnostics/diagnostic.js';
import type { Path, PathKey, RawDocument } from '../source/raw-tree.js';

type Issue = z.core.$ZodIssue;

/**
 * How many values a schema validates before zod's compiled parsers are used for it. zod compiles a
 * parser for each object schema the first time it is used (generated code, which no code cache
 * keeps): worth it for a schema that validates hundreds of lines or more, a waste for one that validates a
 * file's header once. The two give the same result; only the time differs.
 */
const COMPILE_AFTER = 256;
const validated = new WeakMap<z.ZodMiniType, number>();

/** Validates `value` (taken from `doc` at `base`) and returns the parsed data or located diagnostics. */
export function validate<S extends z.ZodMiniType>(
  schema: S,
  value: unknown,
  doc: RawDocument,
  base: Path = [],
): { data?: z.infer<S>; diagnostics: Diagnostic[] } {
  const uses = (validated.get(schema) ?? 0) + 1;
  validated.set(schema, uses);
  const r = schema.safeParse(value, uses > COMPILE_AFTER ? undefined : { jitless: true });
  if (r.success) return { data: r.data, diagnostics: [] };
  // a misspelt key is reported once, as unknown with its "did you mean", not also as missing
  const guessed = new Set<string>();
  for (const issue of r.error.issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const known = knownKeys(schemaAt(schema, issue.path as PathKey[]));
    for (const k of issue.keys) {
      const guess = closest(k, known);
      if (guess) guessed.add(JSON.stringify([...issue.path, guess]));
    }
  }
  const issues = r.error.issues.filter(
    (i) => !(i.code === 'invalid_type' && guessed.has(JSON.stringify(i.path)) && valueAt(value, i.path as PathKey[]) === undefined),
  );
  return { diagnostics: issues.flatMap((i) => issueToDiagnostics(i, schema, value, doc, base)) };
}

function issueToDiagnostics(issue: Issue, root: z.ZodMiniType, value: unknown, doc: RawDocument, base: Path): Diagnostic[] {
  const rel = issue.path as PathKey[];
  const path = [...base, ...rel];
  const name = describePath(path);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = knownKeys(schemaAt(root, rel));
      return issue.keys.map((k) => {
        const guess = closest(k, known);
        return error(
          'unknown-key',
          `unknown key \`${k}\`${name ? ` in ${name}` : ''}`,
          doc.locator.key([...path, k]),
          /^\d/.test(k)
            ? 'inside `{ … }` a comma separates entries: write amounts without thousands commas there, or quote them'
            : guess
              ? `did you mean \`${guess}\`?`
              : known.length
                ? `expected one of: ${known.join(', ')}`
                : 'remove this key',
        );
      });
    }
    case 'invalid_key': {
      const inner = issue.issues[0];
      const code = (inner && customCode(inner)) ?? 'invalid-value';
      const hint = inner ? customHint(inner) : undefined;
      return [error(code, inner?.message ?? issue.message, doc.locator.key(path), hint)];
    }
    case 'custom': {
      return [error(customCode(issue) ?? 'invalid-value', issue.message, doc.locator.value(path), customHint(issue))];
    }
    case 'invalid_type': {
      const present = valueAt(value, rel);
      if (present === undefined) return missingKey(path, doc);
      return [
        error(
          'invalid-value',
          `${name || 'value'}: expected ${article(issue.expected)}, found ${kindOf(present)}`,
          doc.locator.value(path),
          hintForType(issue.expected),
        ),
      ];
    }
    case 'invalid_value': {
      const options = issue.values.map((v) => `\`${String(v)}\``).join(', ');
      const present = valueAt(value, rel);
      if (present === undefined) return missingKey(path, doc, `one of ${options}`);
      const guess = typeof present === 'string' ? closest(present, issue.values.map(String)) : undefined;
      return [
        error(
          'invalid-value',
          `${name || 'value'}: ${typeof present === 'string' ? `\`${present}\`` : kindOf(present)} is not one of ${options}`,
          doc.locator.value(path),
          guess ? `did you mean \`${guess}\`?` : `use one of ${options}`,
        ),
      ];
    }
    case 'invalid_union': {
      // one form of several (a figure, or a mapping with its precision): when only one form took
      // the value's shape, its own issues say what is wrong, located where it is wrong
      const shaped = issue.errors.filter((branch) => branch.length > 0 && branch.every((i) => i.path.length > 0));
      const [only] = shaped;
      if (shaped.length === 1 && only)
        return only.flatMap((i) => issueToDiagnostics({ ...i, path: [...rel, ...i.path] } as Issue, root, value, doc, base));
      return [error('invalid-value', `${name ? `${name}: ` : ''}${issue.message}`, doc.locator.value(path))];
    }
    default:
      return [error('invalid-value', `${name ? `${name}: ` : ''}${issue.message}`, doc.locator.value(path))];
  }
}

function missingKey(path: Path, doc: RawDocument, expected?: string): Diagnostic[] {
  const key = path[path.length - 1];
  return [
    error(
      'missing-key',
      `missing \`${String(key)}\`${path.length > 1 ? ` in ${describePath(path.slice(0, -1))}` : ''}`,
      doc.locator.key(path.slice(0, -1)),
      `add \`${String(key)}:\`${expected ? ` (${expected})` : ''} (see \`mtfs schema\` or the README for the format)`,
    ),
  ];
}

function customCode(issue: Issue): DiagnosticCode | undefined {
  const p = (issue as { params?: { mtfs?: DiagnosticCode } }).params;
  return p?.mtfs;
}

function customHint(issue: Issue): string | undefined {
  const p = (issue as { params?: { hint?: string } }).params;
  return p?.hint;
}

function describePath(path: Path): string {
  if (path.length === 0) return '';
  return path.map((k, i) => (typeof k === 'number' ? `[${k + 1}]` : i === 0 ? k : `.${k}`)).join('');
}

function valueAt(value: unknown, path: Path): unknown {
  let v = value;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PathKey, unknown>)[k];
  }
  return v;
}

function kindOf(v: unknown): string {
  if (v === null) return 'nothing (null)';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `\`${v.length > 30 ? `${v.slice(0, 30)}…` : v}\``;
  return `\`${String(v)}\``;
}

function article(expected: string): string {
  switch (expected) {
    case 'object':
      return 'a mapping of keys';
    case 'array':
      return 'a list';
    case 'string':
      return 'text';
    case 'boolean':
      return 'true or false';
    default:
      return expected;
  }
}

function hintForType(expected: string): string | undefined {
  if (expected === 'array') return 'start each item on its own line with `- `';
  if (expected === 'object') return 'write `key: value` pairs indented below this key';
  if (expected === 'boolean') return 'write true or false';
  return undefined;
}

/** The sub-schema reached by following `path`, unwrapping optionals, arrays and records. */
function schemaAt(schema: z.ZodMiniType, path: Path): z.ZodMiniType | undefined {
  let s: z.ZodMiniType | undefined = schema;
  for (const k of path) {
    s = unwrap(s);
    if (!s) return undefined;
    const def = (
      s as unknown as { def: { type: string; shape?: Record<string, z.ZodMiniType>; element?: z.ZodMiniType; valueType?: z.ZodMiniType } }
    ).def;
    if (def.type === 'object' && typeof k === 'string') s = def.shape?.[k];
    else if (def.type === 'array') s = def.element;
    else if (def.type === 'record') s = def.valueType;
    else return undefined;
  }
  return unwrap(s);
}

function unwrap(s: z.ZodMiniType | undefined): z.ZodMiniType | undefined {
  let cur = s;
  for (let i = 0; i < 10 && cur; i++) {
    const def = (cur as unknown as { def: { type: string; innerType?: z.ZodMiniType } }).def;
    if ((def.type === 'optional' || def.type === 'nullable' || def.type === 'default') && def.innerType) cur = def.innerType;
    else break;
  }
  return cur;
}

function knownKeys(s: z.ZodMiniType | undefined): string[] {
  if (!s) return [];
  const def = (s as unknown as { def: { type: string; shape?: Record<string, unknown> } }).def;
  return def.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

/** The closest candidate within a small edit distance, for "did you mean". */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  const w = word.toLowerCase();
  const limit = Math.max(2, Math.floor(word.length / 3));
  for (const c of candidates) {
    // a length difference beyond the limit is an edit distance beyond it: skip the table (this keeps
    // a file of thousands of unknown keys fast)
    if (Math.abs(c.length - word.length) > limit) continue;
    const d = editDistance(w, c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best !== undefined && bestD <= limit && bestD > 0 ? best : undefined;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 10) return Infinity;
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] ?? 0;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j] ?? 0;
      prev[j] = Math.min(up + 1, (prev[j - 1] ?? 0) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length] ?? Infinity;
}
