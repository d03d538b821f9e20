// Random mutations of an input file, as fast-check arbitraries of plain descriptions (so a failing
// case prints readably) and one function that applies them to the file's bytes.

import fc from 'fast-check';

/** Values a careless edit, a spreadsheet or an attacker might put where a number or a word was. */
export const ODD_VALUES = [
  'text',
  '[1, 2]',
  '{a: 1}',
  '[]',
  '{}',
  '1e400',
  '-1e400',
  '1e-400',
  '-0',
  'NaN',
  '.nan',
  '.5',
  '1_000',
  '.inf',
  '-.inf',
  'Infinity',
  '0x1F',
  '0o17',
  '1e3',
  '1e21',
  '99999999999999999999999999999',
  '-99999999999999999999999999999.999999',
  '0.000000000000000000000000001',
  '',
  '~',
  'null',
  'true',
  '"',
  "'",
  '&a',
  '*a',
  '!!binary aGVsbG8=',
  '!!js/function f',
  '!!set {a}',
  '? complex',
  '-',
  '(',
  '(1,2',
  '£100',
  '100%',
  '1000%',
  '-5%',
  '2018/19',
  '9999/00',
  '2018/2019',
  '１２３',
  '\u202eevil',
  '#',
  ': ',
  '- x',
  '"\\u0000"',
  '|',
  '>',
  '@',
  '`',
  '%YAML 1.1',
  '---',
  '...',
  '0',
  '-1',
  '  ',
  '\t',
  '=cmd|calc',
  '2017/18',
  '2022/23',
  '2099/00',
  '(4,755)',
  '135,053',
  '0.5',
  '3.5%',
  '100000000000000000000000',
  '__proto__',
  'constructor',
] as const;

/** Files a reference (`extends:`, `line_files:`, `scenario:`, `file:`) may be pointed at instead: itself, each other, folders, nothing. */
export const REFERENCE_TARGETS = [
  '2018.yaml',
  '2018-council.yaml',
  '2018-demand.yaml',
  '2018-with-dols.yaml',
  '2018-without-ac14.yaml',
  '2018-savings.csv',
  '../data/leicestershire-population.csv',
  '../data/national-totals.yaml',
  '.',
  '..',
  '/',
  '/dev/null',
  '/dev/zero',
  'missing.yaml',
  '',
] as const;

export const ODD_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', ''] as const;

export type Mutation =
  | { readonly op: 'delete-line'; readonly at: number }
  | { readonly op: 'duplicate-line'; readonly at: number }
  | { readonly op: 'swap-lines'; readonly a: number; readonly b: number }
  | { readonly op: 'truncate'; readonly at: number }
  | { readonly op: 'insert-bytes'; readonly at: number; readonly bytes: readonly number[] }
  | { readonly op: 'replace-number'; readonly nth: number; readonly with: string }
  | { readonly op: 'replace-value'; readonly nth: number; readonly with: string }
  | { readonly op: 'replace-key'; readonly nth: number; readonly with: string }
  | { readonly op: 'indent'; readonly at: number; readonly by: number }
  | { readonly op: 'retarget'; readonly nth: number; readonly to: string }
  | { readonly op: 'encoding'; readonly as: Encoding };

export type Encoding = 'bom' | 'crlf' | 'cr' | 'utf16le' | 'utf16be' | 'utf16le-bom' | 'utf16be-bom' | 'latin1';

const index = fc.nat({ max: 10_000 });
const odd = fc.oneof(fc.constantFrom(...ODD_VALUES), fc.string({ maxLength: 8 }), fc.integer().map(String), fc.double().map(String));

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { arbitrary: index.map((at) => ({ op: 'delete-line' as const, at })), weight: 3 },
  { arbitrary: index.map((at) => ({ op: 'duplicate-line' as const, at })), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('swap-lines' as const), a: index, b: index }), weight: 3 },
  { arbitrary: index.map((at) => ({ op: 'truncate' as const, at })), weight: 2 },
  {
    arbitrary: fc.record({
      op: fc.constant('insert-bytes' as const),
      at: index,
      bytes: fc.array(fc.nat({ max: 255 }), { minLength: 1, maxLength: 6 }),
    }),
    weight: 2,
  },
  { arbitrary: fc.record({ op: fc.constant('replace-number' as const), nth: index, with: odd }), weight: 4 },
  { arbitrary: fc.record({ op: fc.constant('replace-value' as const), nth: index, with: odd }), weight: 4 },
  {
    arbitrary: fc.record({
      op: fc.constant('replace-key' as const),
      nth: index,
      with: fc.oneof(fc.constantFrom(...ODD_KEYS), fc.string({ maxLength: 6 })),
    }),
    weight: 2,
  },
  { arbitrary: fc.record({ op: fc.constant('indent' as const), at: index, by: fc.integer({ min: -4, max: 4 }) }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('retarget' as const), nth: index, to: fc.constantFrom(...REFERENCE_TARGETS) }), weight: 2 },
  {
    arbitrary: fc
      .constantFrom<Encoding>('bom', 'crlf', 'cr', 'utf16le', 'utf16be', 'utf16le-bom', 'utf16be-bom', 'latin1')
      .map((as) => ({ op: 'encoding' as const, as })),
    weight: 1,
  },
);

/** One to three mutations, applied in order. */
export const mutations = fc.array(mutation, { minLength: 1, maxLength: 3 });

const splitLines = (text: string): string[] => text.split('\n');

/** The n-th match (modulo their number) of `re` in `text` replaced by `by`; unchanged when none matches. */
function replaceNth(text: string, re: RegExp, nth: number, by: (m: RegExpExecArray) => string): string {
  const matches = [...text.matchAll(new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`))];
  if (matches.length === 0) return text;
  const m = matches[nth % matches.length] as RegExpExecArray;
  return text.slice(0, m.index) + by(m) + text.slice(m.index + m[0].length);
}

/** Numbers as written in YAML and CSV: `135,053`, `(4,755)`, `-4755.50`, `3.5%`, `2018/19`. */
const NUMBER = /\(?-?\d[\d,._]*%?\)?/;
/** A YAML value after `key: ` or `- `, or a CSV field between commas. */
const YAML_VALUE = /(?<=(?:^|[\s{,[])[\w/]+: |^\s*- )[^\n#{}[\],]+/m;
const CSV_FIELD = /(?<=^|,)[^,\n]*/m;
const YAML_KEY = /(?<=^\s*(?:- )?|[{,] ?)[A-Za-z_][\w/]*(?=:)/m;
/** A file name as a scenario writes it: `2018.yaml`, `../data/leicestershire-population.csv`. */
const FILE_NAME = /[\w./-]+\.(?:yaml|csv)\b/;
const CSV_HEADER_CELL = /(?<=^[^\n]*?)(?<=^|,)[^,\n]*/;

export function applyMutation(bytes: Buffer, m: Mutation, kind: 'yaml' | 'csv'): Buffer {
  if (m.op === 'truncate') return bytes.subarray(0, bytes.length === 0 ? 0 : m.at % bytes.length);
  if (m.op === 'insert-bytes') {
    const at = bytes.length === 0 ? 0 : m.at % (bytes.length + 1);
    return Buffer.concat([bytes.subarray(0, at), Buffer.from(m.bytes), bytes.subarray(at)]);
  }
  const text = bytes.toString('utf8');
  if (m.op === 'encoding') return encode(text, m.as);
  return Buffer.from(mutateText(text, m, kind), 'utf8');
}

function mutateText(text: string, m: Exclude<Mutation, { op: 'truncate' | 'insert-bytes' | 'encoding' }>, kind: 'yaml' | 'csv'): string {
  const lines = splitLines(text);
  const n = lines.length;
  switch (m.op) {
    case 'delete-line':
      return lines.filter((_, i) => i !== m.at % n).join('\n');
    case 'duplicate-line':
      return lines.flatMap((l, i) => (i === m.at % n ? [l, l] : [l])).join('\n');
    case 'swap-lines': {
      const a = m.a % n;
      const b = m.b % n;
      const out = [...lines];
      [out[a], out[b]] = [lines[b] as string, lines[a] as string];
      return out.join('\n');
    }
    case 'indent': {
      const at = m.at % n;
      return lines
        .map((l, i) => (i !== at ? l : m.by >= 0 ? ' '.repeat(m.by) + l : l.replace(new RegExp(`^ {0,${-m.by}}`), '')))
        .join('\n');
    }
    case 'replace-number':
      return replaceNth(text, NUMBER, m.nth, () => m.with);
    case 'replace-value':
      return replaceNth(text, kind === 'yaml' ? YAML_VALUE : CSV_FIELD, m.nth, () => m.with);
    case 'retarget':
      return replaceNth(text, FILE_NAME, m.nth, () => m.to);
    case 'replace-key':
      return replaceNth(text, kind === 'yaml' ? YAML_KEY : CSV_HEADER_CELL, m.nth, () => m.with);
  }
}

export function encode(text: string, as: Encoding): Buffer {
  const le = (s: string): Buffer => Buffer.from(s, 'utf16le');
  const be = (s: string): Buffer => le(s).swap16();
  switch (as) {
    case 'bom':
      return Buffer.from(`\ufeff${text}`, 'utf8');
    case 'crlf':
      return Buffer.from(text.replace(/\r?\n/g, '\r\n'), 'utf8');
    case 'cr':
      return Buffer.from(text.replace(/\r?\n/g, '\r'), 'utf8');
    case 'utf16le':
      return le(text);
    case 'utf16be':
      return be(text);
    case 'utf16le-bom':
      return le(`\ufeff${text}`);
    case 'utf16be-bom':
      return be(`\ufeff${text}`);
    case 'latin1':
      return Buffer.from(text, 'latin1');
  }
}
