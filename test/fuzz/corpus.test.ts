// The fixed corpus of malformed inputs, one named case each: alias bombs, deep nesting, prototype
// keys, odd numbers, encodings, empty files, folders and missing files in place of files, files
// over the size limit, truncations and binary noise. Every case runs the CLI in-process against a
// copy of scenarios/ and data/ in a temporary folder and passes the checks of harness.ts; some
// cases also say what the answer must be.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_INPUT_BYTES } from '../../src/source/text.js';
import { checkRun, count, makeWorkspace, newStats, saveStats, type Workspace } from './harness.js';
import { encode, ODD_KEYS, ODD_VALUES } from './mutations.js';
import { C, CSV, D, OUTPUTS, POP, S, TOTALS, WITH_DOLS as VARIANT } from './targets.js';

/** The 1-based line of the first line of a shipped file that is exactly `text`, so a case survives edits above it. */
const lineOf = (rel: string, text: string): number => {
  const n = fs.readFileSync(rel, 'utf8').split(/\r?\n/).indexOf(text);
  if (n < 0) throw new Error(`${rel} has no line ${text}`);
  return n + 1;
};

interface Case {
  readonly name: string;
  /** Writes the case into the workspace; returns the command and the files written. */
  readonly setup: (ws: Workspace) => { argv: string[]; mutated?: string[] };
  readonly code?: number;
  /** What stderr must say. */
  readonly says?: RegExp;
}

const read = (ws: Workspace, rel: string): string => fs.readFileSync(ws.at(rel), 'utf8');
const write = (ws: Workspace, rel: string, content: string | Buffer): string => {
  fs.writeFileSync(ws.at(rel), content);
  return ws.at(rel);
};
const edit = (ws: Workspace, rel: string, f: (text: string) => string): string => {
  const before = read(ws, rel);
  const after = f(before);
  if (after === before) throw new Error(`the case did not change ${rel}`);
  return write(ws, rel, after);
};
const project = (ws: Workspace): string[] => ['project', ws.at(S), '--format', 'csv', '--output', ws.out];
const demand = (ws: Workspace): string[] => ['demand', ws.at(D), '--format', 'csv', '--output', ws.out];
const options = (ws: Workspace): string[] => [
  'options',
  '--option',
  'income-tax-basic',
  '--authority',
  ws.at(C),
  '--basis',
  'asc-net-spend',
  '--output',
  ws.out,
];

/** A scenario file replaced by `content`, then projected. */
const scenarioIs = (name: string, content: string | Buffer, says?: RegExp): Case => ({
  name,
  setup: (ws) => ({ argv: project(ws), mutated: [write(ws, S, content)] }),
  code: 2,
  ...(says ? { says } : {}),
});

/** Deterministic noise (xorshift32), so the corpus never changes between runs. */
function noise(n: number, seed: number): Buffer {
  const out = Buffer.alloc(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

const laughs = (): string => {
  const lines = ['lol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let i = 1; i <= 9; i++)
    lines.push(
      `lol${i}: &l${i} [${Array(9)
        .fill(`*l${i - 1}`)
        .join(', ')}]`,
    );
  return `${lines.join('\n')}\nauthority: *l9\n`;
};

const NESTING = /nesting deeper than 64 levels/;

const structure: Case[] = [
  scenarioIs('billion laughs: nine levels of aliases', laughs(), /error\[yaml-alias\]/),
  {
    name: 'an alias bomb inside the scenario, after valid keys',
    setup: (ws) => ({
      argv: project(ws),
      mutated: [edit(ws, S, (t) => `${t}\nextra: &a [1, 1, 1, 1, 1, 1, 1, 1]\nmore: [*a, *a, *a, *a, *a, *a, *a, *a]\n`)],
    }),
    code: 2,
    says: /error\[yaml-alias\]/,
  },
  {
    name: 'a merge key (<<: *base)',
    setup: (ws) => ({
      argv: project(ws),
      mutated: [edit(ws, S, (t) => t.replace('original_budget:\n', 'base: &base {source: x}\noriginal_budget:\n  <<: *base\n'))],
    }),
    code: 2,
    says: /error\[yaml-alias\]/,
  },
  scenarioIs('10,000 nested [ never closed', '['.repeat(10_000), NESTING),
  scenarioIs('10,000 nested [ closed', `${'['.repeat(10_000)}${']'.repeat(10_000)}`, NESTING),
  scenarioIs('10,000 nested flow mappings', `${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}`, NESTING),
  scenarioIs('10,000 nested block sequences', `${'- '.repeat(10_000)}1`, NESTING),
  scenarioIs('3,000 levels of indented keys', Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i)}k:`).join('\n'), NESTING),
  scenarioIs('a megabyte of [', '['.repeat(1_000_000), NESTING),
  {
    name: 'deep nesting in the value of a line',
    setup: (ws) => ({
      argv: project(ws),
      mutated: [edit(ws, S, (t) => t.replace('levels: {2018/19: 1275, 2021/22: 4680}', `levels: ${'['.repeat(5000)}`))],
    }),
    code: 2,
    says: NESTING,
  },
  {
    name: 'deep nesting in a national data file',
    setup: (ws) => ({ argv: options(ws), mutated: [write(ws, TOTALS, `asc_net_spend: ${'{a: '.repeat(5000)}`)] }),
    code: 2,
    says: NESTING,
  },
  ...['1000/01', '9999/00'].map((y): Case => ({
    // found by the fuzz suite (FUZZ_SEED=31337): a year at the edge of four digits had no neighbour (error[internal])
    name: `a period starting or ending in ${y}`,
    setup: (ws) => ({
      argv: project(ws),
      mutated: [
        edit(ws, S, (t) =>
          t.replace(
            'period: {from: 2018/19, to: 2021/22}',
            y === '1000/01' ? `period: {from: ${y}, to: 2021/22}` : `period: {from: 2018/19, to: ${y}}`,
          ),
        ),
      ],
    }),
    code: 2,
    says: /2018\.yaml:\d+:\d+: error\[year-format\]: .* is outside the years mtfs handles/,
  })),
  {
    name: 'options --year 9999/00',
    setup: (ws) => ({ argv: ['options', '--option', 'ni-all', '--year', '9999/00', '--authority', ws.at(C), '--basis', 'asc-net-spend'] }),
    code: 2,
    says: /error\[year-format\]: --year/,
  },
  scenarioIs('two YAML documents', 'authority: A\n---\nauthority: B\n', /more than one YAML document/),
  scenarioIs('a key that is a list', '[a, b]: 1\n', /keys must be plain text/),
  scenarioIs('tags: !!binary, !!js/function, !custom', 'authority: !!js/function f\ndepartment: !custom x\nunits: !!binary aGVsbG8=\n'),
  {
    name: '10,000 unknown keys: fast, and only the first 100 printed',
    setup: (ws) => ({
      argv: project(ws),
      mutated: [edit(ws, S, (t) => `${t}\n${Array.from({ length: 10_000 }, (_, i) => `unknown_${i}: 1`).join('\n')}\n`)],
    }),
    code: 2,
    says: /… and 9900 more not shown[^]*10000 errors/,
  },
  {
    name: '10,000 copies of one CSV row',
    setup: (ws) => ({
      argv: project(ws),
      mutated: [
        edit(ws, CSV, (t) => {
          const [head, row] = t.split('\n');
          return `${head}\n${Array(10_000).fill(row).join('\n')}\n`;
        }),
      ],
    }),
    code: 2,
    says: /error\[duplicate-ref\]/,
  },
  {
    // found by fuzzing by hand: the exact search over 80 options ran for hours
    name: 'savings --target over 80 saving options',
    setup: (ws) => ({
      argv: ['savings', ws.at(S), '--target', '8000', '--format', 'csv', '--output', ws.out],
      mutated: [
        edit(ws, CSV, (t) => {
          const head = t.split('\n')[0] as string;
          const rows = Array.from(
            { length: 80 },
            (_, i) =>
              `S${i},saving,new,Departmental,${i % 5 === 0 ? 'Inc' : i % 3 ? 'Eff' : 'SR'},Adult Social Care,Saving ${i},${100 + i * 7},${150 + i * 3},,,hold,,src,`,
          );
          return `${head}\n${rows.join('\n')}\n`;
        }),
      ],
    }),
    code: 2,
    says: /error\[usage\]: --target 8000: the exact search stopped after 10,000,000 branches/,
  },
  {
    // found by fuzzing by hand: error[internal] (Maximum call stack size exceeded) after 14 s
    name: '150,000 short rows in the CSV',
    setup: (ws) => ({
      argv: project(ws),
      mutated: [edit(ws, CSV, (t) => `${t.split('\n')[0]}\n${Array.from({ length: 150_000 }, (_, i) => `X${i},saving`).join('\n')}\n`)],
    }),
    code: 2,
    says: /2018-savings\.csv:1:1: error\[csv-row-length\]: more than 1000 rows .*reading stopped at line 1002[^]*1001 errors/,
  },
  {
    name: '5,000 rows of wrong values in the CSV',
    setup: (ws) => ({
      argv: project(ws),
      mutated: [
        edit(
          ws,
          CSV,
          (t) =>
            `${t.split('\n')[0]}\n${Array.from({ length: 5000 }, (_, i) => `X${i},saving,bad,Nope,Zz,ASC,S ${i},1e3,abc,,,sometimes,maybe,src,`).join('\n')}\n`,
        ),
      ],
    }),
    code: 2,
    says: /2018-savings\.csv:1:1: error\[invalid-value\]: more than 1000 errors in the rows of .*checking stopped at line/,
  },
  scenarioIs('a one-megabyte line', `authority: ${'x'.repeat(1_000_000)}\n`),
];

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];
const prototypes: Case[] = [
  ...PROTO_KEYS.map((k) => scenarioIs(`${k} as a top-level key`, `${k}: {polluted: 1}\nauthority: A\n`, /error\[unknown-key\]/)),
  ...PROTO_KEYS.map((k): Case => ({
    name: `${k} as a key of a line`,
    setup: (ws) => ({
      argv: project(ws),
      mutated: [edit(ws, S, (t) => t.replace('    type: growth\n', `    type: growth\n    ${k}: {polluted: 1}\n`))],
    }),
    code: 2,
    says: /error\[unknown-key\]/,
  })),
  ...PROTO_KEYS.map((k): Case => ({
    // found by the fuzz suite (seed 12345): `hasOwnProperty` found Object.prototype's in the driver schema's shape
    name: `${k} as a key of a driver`,
    setup: (ws) => ({ argv: demand(ws), mutated: [edit(ws, D, (t) => t.replace('    use_rate:\n', `    ${k}:\n`))] }),
    code: 2,
    says: new RegExp(`2018-demand\\.yaml:${lineOf(D, '    use_rate:')}:5: error\\[unknown-key\\]`),
  })),
  ...PROTO_KEYS.map((k): Case => ({
    name: `${k} as a year of levels`,
    setup: (ws) => ({
      argv: project(ws),
      mutated: [edit(ws, S, (t) => t.replace('levels: {2018/19: 1275, 2021/22: 4680}', `levels: {${k}: 1275, 2021/22: 4680}`))],
    }),
    code: 2,
    says: new RegExp(`2018\\.yaml:${lineOf(S, '    levels: {2018/19: 1275, 2021/22: 4680}')}:\\d+: error\\[(year-format|unknown-key)\\]`),
  })),
  ...PROTO_KEYS.map((k): Case => ({
    name: `${k} as a line ref in the CSV`,
    setup: (ws) => ({ argv: project(ws), mutated: [edit(ws, CSV, (t) => t.replace('\nAC1,', `\n${k},`))] }),
  })),
  ...PROTO_KEYS.map((k): Case => ({
    name: `${k} as a CSV column`,
    setup: (ws) => ({ argv: project(ws), mutated: [edit(ws, CSV, (t) => t.replace('ref,type,status', `ref,type,${k}`))] }),
    code: 2,
  })),
  ...PROTO_KEYS.map((k): Case => ({
    name: `${k} as a driver name and a population area`,
    setup: (ws) => ({
      argv: demand(ws),
      mutated: [
        edit(ws, D, (t) => t.replace('  older_people:\n', `  ${k}:\n`)),
        edit(ws, POP, (t) => t.replaceAll('\nLeicestershire,', `\n${k},`)),
      ],
    }),
    code: 2,
  })),
  ...PROTO_KEYS.flatMap((k): Case[] => [
    {
      name: `--set ${k}.use_rate`,
      setup: (ws) => ({ argv: ['demand', ws.at(D), '--set', `${k}.use_rate=4%`] }),
      code: 2,
      says: /error\[usage\]/,
    },
    {
      name: `--set older_people.${k}`,
      setup: (ws) => ({ argv: ['demand', ws.at(D), '--set', `older_people.${k}=4%`] }),
      code: 2,
      says: /error\[usage\]/,
    },
    { name: `explain ${k}`, setup: (ws) => ({ argv: ['explain', ws.at(S), k] }), code: 2 },
    { name: `savings --exclude ${k}`, setup: (ws) => ({ argv: ['savings', ws.at(S), '--target', '8000', '--exclude', k] }) },
    { name: `options --option ${k} --need ${k}`, setup: () => ({ argv: ['options', '--option', k, '--need', k] }), code: 2 },
    {
      name: `compare --format csv with ${k} in a variant`,
      setup: (ws) => ({
        argv: ['compare', ws.at(S), ws.at(VARIANT)],
        mutated: [edit(ws, VARIANT, (t) => t.replace('ref: DoLS', `ref: ${k}`))],
      }),
    },
  ]),
];

/** The places where a number is written, each taking every odd value in turn. */
const NUMBER_SITES: { name: string; apply: (ws: Workspace, v: string) => { argv: string[]; mutated?: string[] } }[] = [
  {
    name: 'the original budget',
    apply: (ws, v) => ({ argv: project(ws), mutated: [edit(ws, S, (t) => t.replace('amount: 135,053', `amount: ${v}`))] }),
  },
  {
    name: 'a level in YAML',
    apply: (ws, v) => ({ argv: project(ws), mutated: [edit(ws, S, (t) => t.replace('{2018/19: 1275,', `{2018/19: ${v},`))] }),
  },
  {
    name: 'a level in the CSV',
    apply: (ws, v) => ({
      argv: project(ws),
      mutated: [
        edit(ws, CSV, (t) =>
          t.replace(
            ',Review of Equipment and Therapy Services,250,',
            `,Review of Equipment and Therapy Services,"${v.replaceAll('"', '""')}",`,
          ),
        ),
      ],
    }),
  },
  { name: 'a use rate', apply: (ws, v) => ({ argv: demand(ws), mutated: [edit(ws, D, (t) => t.replace('value: 3.5%', `value: ${v}`))] }) },
  {
    name: 'a population figure',
    apply: (ws, v) => ({ argv: demand(ws), mutated: [edit(ws, POP, (t) => t.replace(',130084,', `,"${v.replaceAll('"', '""')}",`))] }),
  },
  {
    name: 'the national ASC spend',
    apply: (ws, v) => ({ argv: options(ws), mutated: [edit(ws, TOTALS, (t) => t.replace('amount: 15000', `amount: ${v}`))] }),
  },
  { name: '--target', apply: (ws, v) => ({ argv: ['savings', ws.at(S), '--target', v] }) },
  { name: '--threshold', apply: (ws, v) => ({ argv: ['risk', ws.at(C), '--draws', '10', '--threshold', v] }) },
  { name: '--set', apply: (ws, v) => ({ argv: ['demand', ws.at(D), '--set', `older_people.use_rate=${v}`] }) },
  {
    name: '--share',
    apply: (ws, v) => ({ argv: ['options', '--option', 'ni-all', '--authority', ws.at(C), '--basis', 'explicit', '--share', v] }),
  },
  { name: '--draws', apply: (ws, v) => ({ argv: ['risk', ws.at(S), '--draws', v] }) },
];
const NUMBERS = [
  '1e400',
  '-1e400',
  '1e-400',
  '-0',
  '-0.0',
  'NaN',
  '.nan',
  '.5',
  '1_000',
  '.inf',
  '-.inf',
  'Infinity',
  '0x10',
  '1e21',
  '99999999999999999999999999999',
  '0.0000000000000000000000001',
  '(0)',
  '1,2k',
  '',
  '[1, 2]',
  '{a: 1}',
  'text',
];
const numbers: Case[] = NUMBER_SITES.flatMap((site) =>
  NUMBERS.map((v): Case => ({ name: `${JSON.stringify(v)} as ${site.name}`, setup: (ws) => site.apply(ws, v) })),
);

/** Files in each encoding that mtfs refuses: UTF-16 either way round, with and without a BOM. */
const UTF16 = ['utf16le', 'utf16be', 'utf16le-bom', 'utf16be-bom'] as const;
const ENCODED_FILES: { rel: string; argv: (ws: Workspace) => string[] }[] = [
  { rel: S, argv: project },
  { rel: CSV, argv: project },
  { rel: D, argv: demand },
  { rel: POP, argv: demand },
  { rel: TOTALS, argv: options },
];
const encodings: Case[] = [
  ...ENCODED_FILES.flatMap((f) =>
    UTF16.map((as): Case => ({
      name: `${f.rel} in ${as}`,
      setup: (ws) => ({ argv: f.argv(ws), mutated: [write(ws, f.rel, encode(read(ws, f.rel), as))] }),
      code: 2,
      says: /:1:1: error\[encoding\]: .* is UTF-16/,
    })),
  ),
  {
    name: 'a Windows-1252 £ in the CSV',
    setup: (ws) => ({
      argv: project(ws),
      mutated: [write(ws, CSV, encode(read(ws, CSV).replace('Review of Equipment', 'Review of £ Equipment'), 'latin1'))],
    }),
    code: 2,
    says: /2018-savings\.csv:2:\d+: error\[encoding\]: .* byte 0xa3/,
  },
  scenarioIs('a NUL byte', 'authority: A\u0000\n', /:1:13: error\[encoding\]: .*NUL/),
  scenarioIs('4 KiB of noise', noise(4096, 1), /error\[encoding\]/),
  {
    name: 'noise in place of the CSV',
    setup: (ws) => ({ argv: project(ws), mutated: [write(ws, CSV, noise(4096, 2))] }),
    code: 2,
    says: /error\[encoding\]/,
  },
  {
    name: 'noise in place of the population file',
    setup: (ws) => ({ argv: demand(ws), mutated: [write(ws, POP, noise(4096, 3))] }),
    code: 2,
    says: /error\[encoding\]/,
  },
];

/** A UTF-8 BOM and CRLF or CR line endings change nothing: same exit code, same output. */
const SAME_AS_ORIGINAL: { name: string; rel: string; as: 'bom' | 'crlf' | 'cr'; argv: (ws: Workspace) => string[] }[] = [
  { name: 'a UTF-8 BOM on the scenario', rel: S, as: 'bom', argv: (ws) => ['project', ws.at(S), '--detail'] },
  { name: 'a UTF-8 BOM on the CSV', rel: CSV, as: 'bom', argv: (ws) => ['project', ws.at(S), '--detail'] },
  { name: 'a UTF-8 BOM on the population file', rel: POP, as: 'bom', argv: (ws) => ['demand', ws.at(D)] },
  {
    name: 'a UTF-8 BOM on a national data file',
    rel: TOTALS,
    as: 'bom',
    argv: (ws) => ['options', '--option', 'ni-all', '--authority', ws.at(C), '--basis', 'asc-net-spend'],
  },
  { name: 'CRLF line endings in the scenario', rel: S, as: 'crlf', argv: (ws) => ['project', ws.at(S), '--detail'] },
  { name: 'CRLF line endings in the CSV', rel: CSV, as: 'crlf', argv: (ws) => ['project', ws.at(S), '--detail'] },
  { name: 'CRLF line endings in the demand scenario', rel: D, as: 'crlf', argv: (ws) => ['demand', ws.at(D)] },
  { name: 'CRLF line endings in the population file', rel: POP, as: 'crlf', argv: (ws) => ['demand', ws.at(D)] },
  { name: 'CR line endings in the CSV', rel: CSV, as: 'cr', argv: (ws) => ['project', ws.at(S), '--detail'] },
];

const EMPTY_CONTENTS: [string, string][] = [
  ['an empty', ''],
  ['a blank', '   \n\n\t\n'],
  ['a comment-only', '# nothing here\n'],
  ['a document-marker-only', '---\n'],
  ['a null', '~\n'],
  ['a one-byte', 'a'],
];
const empties: Case[] = [
  ...EMPTY_CONTENTS.map(([what, content]) => scenarioIs(`${what} scenario`, content)),
  ...EMPTY_CONTENTS.map(([what, content]): Case => ({
    name: `${what} line table (CSV)`,
    setup: (ws) => ({ argv: project(ws), mutated: [write(ws, CSV, content)] }),
    code: 2,
  })),
  ...EMPTY_CONTENTS.map(([what, content]): Case => ({
    name: `${what} population file`,
    setup: (ws) => ({ argv: demand(ws), mutated: [write(ws, POP, content)] }),
    code: 2,
  })),
  ...EMPTY_CONTENTS.map(([what, content]): Case => ({
    name: `${what} national data file`,
    setup: (ws) => ({ argv: options(ws), mutated: [write(ws, TOTALS, content)] }),
    code: 2,
  })),
  { name: 'a CSV with a header only', setup: (ws) => ({ argv: project(ws), mutated: [edit(ws, CSV, (t) => `${t.split('\n')[0]}\n`)] }) },
  {
    name: 'a CSV truncated inside a quoted field',
    setup: (ws) => ({ argv: project(ws), mutated: [edit(ws, CSV, (t) => t.slice(0, t.indexOf('"Medium Term') + 5))] }),
    code: 2,
    says: /2018-savings\.csv:\d+:\d+: error\[csv-syntax\]/,
  },
  {
    name: 'the scenario truncated inside a quoted string',
    setup: (ws) => ({ argv: project(ws), mutated: [edit(ws, S, (t) => t.slice(0, t.indexOf('source: "') + 12))] }),
    code: 2,
    says: /2018\.yaml:\d+:\d+: error\[yaml-syntax\]/,
  },
];

/** Replaces a file by a folder. */
const folder = (ws: Workspace, rel: string): string => {
  fs.rmSync(ws.at(rel));
  fs.mkdirSync(ws.at(rel));
  return ws.at(rel);
};
const OVER_LIMIT = MAX_INPUT_BYTES + 1;
/** A sparse file one byte over the limit: instant to make, and read only if the limit is not enforced. */
const oversize = (ws: Workspace, rel: string): string => {
  fs.truncateSync(ws.at(rel), OVER_LIMIT);
  return ws.at(rel);
};

const files: Case[] = [
  {
    name: 'a folder in place of the scenario',
    setup: (ws) => ({ argv: project(ws), mutated: [folder(ws, S)] }),
    code: 2,
    says: /error\[file-unreadable\]: .*2018\.yaml is a folder/,
  },
  {
    name: 'a folder in place of the CSV',
    setup: (ws) => ({ argv: project(ws), mutated: [folder(ws, CSV)] }),
    code: 2,
    says: /2018\.yaml:\d+:\d+: error\[file-unreadable\]: .*2018-savings\.csv is a folder/,
  },
  {
    name: 'a folder in place of the population file',
    setup: (ws) => ({ argv: demand(ws), mutated: [folder(ws, POP)] }),
    code: 2,
    says: /2018-demand\.yaml:\d+:\d+: error\[file-unreadable\]/,
  },
  {
    name: 'a folder in place of the base of a variant',
    setup: (ws) => ({ argv: ['project', ws.at(VARIANT)], mutated: [folder(ws, S)] }),
    code: 2,
    says: /with-dols\.yaml:\d+:\d+: error\[file-unreadable\]/,
  },
  {
    name: 'a folder in place of a department scenario',
    setup: (ws) => ({ argv: ['project', ws.at(C)], mutated: [folder(ws, S)] }),
    code: 2,
    says: /2018-council\.yaml:\d+:\d+: error\[file-unreadable\]/,
  },
  {
    name: 'a department scenario over the size limit',
    setup: (ws) => ({ argv: ['check', ws.at(C)], mutated: [oversize(ws, S)] }),
    code: 2,
    says: /2018-council\.yaml:\d+:\d+: error\[file-too-large\]/,
  },
  {
    name: 'a folder in place of a national data file',
    setup: (ws) => ({ argv: options(ws), mutated: [folder(ws, TOTALS)] }),
    code: 2,
    says: /error\[file-unreadable\]/,
  },
  {
    name: 'a missing scenario',
    setup: (ws) => ({ argv: ['project', ws.at('scenarios/none.yaml')] }),
    code: 2,
    says: /error\[file-not-found\]/,
  },
  {
    name: 'a missing CSV',
    setup: (ws) => (fs.rmSync(ws.at(CSV)), { argv: project(ws), mutated: [ws.at(CSV)] }),
    code: 2,
    says: /2018\.yaml:\d+:\d+: error\[file-not-found\]/,
  },
  {
    name: 'a missing population file',
    setup: (ws) => (fs.rmSync(ws.at(POP)), { argv: demand(ws), mutated: [ws.at(POP)] }),
    code: 2,
    says: /2018-demand\.yaml:\d+:\d+: error\[file-not-found\]/,
  },
  {
    name: 'a missing base of a variant',
    setup: (ws) => (fs.rmSync(ws.at(S)), { argv: ['project', ws.at(VARIANT)], mutated: [ws.at(S)] }),
    code: 2,
    says: /with-dols\.yaml:\d+:\d+: error\[file-not-found\]/,
  },
  {
    name: 'a missing national data file',
    setup: (ws) => (fs.rmSync(ws.at(TOTALS)), { argv: options(ws), mutated: [ws.at(TOTALS)] }),
    code: 2,
    says: /error\[file-not-found\]/,
  },
  {
    name: 'a scenario over the size limit',
    setup: (ws) => ({ argv: project(ws), mutated: [oversize(ws, S)] }),
    code: 2,
    says: /error\[file-too-large\]: .*2018\.yaml is larger than the 32 MiB limit/,
  },
  {
    name: 'a CSV over the size limit',
    setup: (ws) => ({ argv: project(ws), mutated: [oversize(ws, CSV)] }),
    code: 2,
    says: /2018\.yaml:\d+:\d+: error\[file-too-large\]/,
  },
  {
    name: 'a population file over the size limit',
    setup: (ws) => ({ argv: demand(ws), mutated: [oversize(ws, POP)] }),
    code: 2,
    says: /2018-demand\.yaml:\d+:\d+: error\[file-too-large\]/,
  },
  // found while fuzzing by hand: /dev/zero was read until memory ran out, a FIFO waited forever
  {
    name: '/dev/zero as the scenario',
    setup: () => ({ argv: ['project', '/dev/zero'] }),
    code: 2,
    says: /error\[file-unreadable\]: \/dev\/zero is not a regular file/,
  },
  {
    name: '/dev/zero as a line table',
    setup: (ws) => ({ argv: project(ws), mutated: [edit(ws, S, (t) => t.replace('  - 2018-savings.csv', '  - /dev/zero'))] }),
    code: 2,
    says: /2018\.yaml:\d+:\d+: error\[file-unreadable\]: \/dev\/zero is not a regular file/,
  },
  {
    name: 'a FIFO in place of the population file',
    setup: (ws) => (fs.rmSync(ws.at(POP)), execFileSync('mkfifo', [ws.at(POP)]), { argv: demand(ws), mutated: [ws.at(POP)] }),
    code: 2,
    says: /2018-demand\.yaml:\d+:\d+: error\[file-unreadable\]: .* is not a regular file/,
  },
  {
    name: 'a scenario that links to itself',
    setup: (ws) => (fs.rmSync(ws.at(S)), fs.symlinkSync(ws.at(S), ws.at(S)), { argv: project(ws) }),
    code: 2,
    says: /error\[file-unreadable\]: .*ELOOP/,
  },
  {
    name: 'a variant that extends itself',
    setup: (ws) => ({
      argv: ['project', ws.at(VARIANT)],
      mutated: [edit(ws, VARIANT, (t) => t.replace('extends: 2018.yaml', 'extends: 2018-with-dols.yaml'))],
    }),
    code: 2,
    says: /error\[extends-cycle\]/,
  },
  {
    // found while fuzzing by hand: loading the council loaded the variant, which loaded the council… until the stack overflowed (error[internal])
    name: 'a department that is a variant of its own council',
    setup: (ws) => (
      write(
        ws,
        'scenarios/loop.yaml',
        'extends: 2018-council.yaml\ntitle: Loop\ndescription: A department that leads back to the council\n',
      ),
      {
        argv: ['project', ws.at(C)],
        mutated: [edit(ws, C, (t) => t.replace('scenario: 2018.yaml', 'scenario: loop.yaml'))],
      }
    ),
    code: 2,
    says: /loop\.yaml:1:10: error\[extends-cycle\]/,
  },
  {
    name: 'a department that is a variant of another council',
    setup: (ws) => (
      write(ws, 'scenarios/other.yaml', read(ws, C)),
      write(ws, 'scenarios/dept.yaml', 'extends: other.yaml\ntitle: D\ndescription: A variant of a council\n'),
      {
        argv: ['check', ws.at(C)],
        mutated: [edit(ws, C, (t) => t.replace('scenario: 2018.yaml', 'scenario: dept.yaml'))],
      }
    ),
    code: 2,
    says: /error\[department\]/,
  },
  { name: '--output is a folder', setup: (ws) => (fs.mkdirSync(ws.out), { argv: project(ws) }), code: 2, says: /error\[output\]/ },
  {
    name: '--output is a FIFO: refused, not replaced',
    setup: (ws) => (execFileSync('mkfifo', [ws.out]), { argv: project(ws) }),
    code: 2,
    says: /error\[output\]: .*out\.csv is not a regular file/,
  },
  {
    name: '--output in a missing folder',
    setup: (ws) => ({ argv: ['project', ws.at(S), '--output', ws.at('no/such/out.csv')] }),
    code: 2,
    says: /error\[output\]/,
  },
  {
    name: '--output under a file',
    setup: (ws) => ({ argv: ['project', ws.at(S), '--output', path.join(ws.at(S), 'out.csv')] }),
    code: 2,
    says: /error\[output\]/,
  },
  {
    name: '--output is the scenario',
    setup: (ws) => ({ argv: ['project', ws.at(S), '--output', ws.at(S)] }),
    code: 2,
    says: /refusing to write/,
  },
  {
    name: '--output is the CSV it reads',
    setup: (ws) => ({ argv: ['project', ws.at(S), '--format', 'csv', '--output', ws.at(CSV)] }),
    code: 2,
    says: /refusing to write/,
  },
  {
    name: 'report --html and --xlsx with a broken scenario',
    setup: (ws) => ({
      argv: ['report', ws.at(S), '--html', ws.at('out.html'), '--xlsx', ws.at('out.xlsx'), '--draws', '10'],
      mutated: [write(ws, S, 'authority: [')],
    }),
    code: 2,
  },
  {
    name: 'report --xlsx into a missing folder',
    setup: (ws) => ({ argv: ['report', ws.at(S), '--xlsx', ws.at('none/out.xlsx'), '--draws', '10'] }),
    code: 2,
    says: /error\[output\]/,
  },
];

const keys: Case[] = ODD_KEYS.filter((k) => k !== '').map((k) => ({
  name: `${k} as the key of the period`,
  setup: (ws) => ({ argv: project(ws), mutated: [edit(ws, S, (t) => t.replace('period:', `${k}:`))] }),
  code: 2,
}));
const values: Case[] = ODD_VALUES.map((v) => ({
  name: `${JSON.stringify(v)} as the authority`,
  setup: (ws) => ({
    argv: ['check', ws.at(S)],
    mutated: [edit(ws, S, (t) => t.replace('authority: Leicestershire County Council', `authority: ${v}`))],
  }),
}));

const stats = newStats();
afterAll(() => saveStats('fuzz: corpus', stats));

async function runCase(c: Case): Promise<void> {
  const ws = makeWorkspace();
  const protoBefore = Object.getOwnPropertyNames(Object.prototype).sort();
  try {
    const { argv, mutated } = c.setup(ws);
    const r = await checkRun(ws, argv, { ...(mutated ? { mutated } : {}), outputs: OUTPUTS });
    count(stats, r.result.code, r.problems);
    const context = `$ mtfs ${argv.join(' ')}\nexit ${r.result.code}\n${r.result.stderr.slice(0, 3000)}`;
    expect(r.problems, context).toEqual([]);
    if (c.code !== undefined) expect(r.result.code, context).toBe(c.code);
    if (c.says) expect(r.result.stderr, context).toMatch(c.says);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoBefore);
  } finally {
    ws.dispose();
  }
}

describe('fuzz corpus: structure (alias bombs, deep nesting, size)', () =>
  it.each(structure.map((c) => [c.name, c] as const))('%s', (_, c) => runCase(c)));
describe('fuzz corpus: __proto__, constructor and friends', () =>
  it.each(prototypes.map((c) => [c.name, c] as const))('%s', (_, c) => runCase(c)));
describe('fuzz corpus: huge, tiny and odd numbers', () => it.each(numbers.map((c) => [c.name, c] as const))('%s', (_, c) => runCase(c)));
describe('fuzz corpus: encodings', () => it.each(encodings.map((c) => [c.name, c] as const))('%s', (_, c) => runCase(c)));
describe('fuzz corpus: empty and truncated files', () => it.each(empties.map((c) => [c.name, c] as const))('%s', (_, c) => runCase(c)));
describe('fuzz corpus: folders, missing files, size limit, outputs', () =>
  it.each(files.map((c) => [c.name, c] as const))('%s', (_, c) => runCase(c)));
describe('fuzz corpus: odd keys and values', () => {
  it.each(keys.map((c) => [c.name, c] as const))('%s', (_, c) => runCase(c));
  it.each(values.map((c) => [c.name, c] as const))('%s', (_, c) => runCase(c));
});

describe('fuzz corpus: a BOM or other line endings change nothing', () => {
  it.each(SAME_AS_ORIGINAL.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const ws = makeWorkspace();
    try {
      const original = await checkRun(ws, c.argv(ws), {});
      expect(original.result.code).toBe(0);
      write(ws, c.rel, encode(read(ws, c.rel), c.as));
      const r = await checkRun(ws, c.argv(ws), { mutated: [ws.at(c.rel)] });
      count(stats, r.result.code, r.problems);
      expect(r.problems).toEqual([]);
      expect({ code: r.result.code, stdout: r.result.stdout, stderr: r.result.stderr }).toEqual({
        code: original.result.code,
        stdout: original.result.stdout,
        stderr: original.result.stderr,
      });
    } finally {
      ws.dispose();
    }
  });
});

describe.skipIf(process.getuid?.() === 0)('fuzz corpus: permissions (not as root)', () => {
  it('an unreadable CSV is located where the scenario names it', async () => {
    await runCase({
      name: 'unreadable CSV',
      setup: (ws) => (fs.chmodSync(ws.at(CSV), 0o000), { argv: project(ws), mutated: [ws.at(CSV)] }),
      code: 2,
      says: /2018\.yaml:\d+:\d+: error\[file-unreadable\]/,
    });
  });
  it('an output folder that cannot be written leaves nothing behind', async () => {
    await runCase({
      name: 'read-only output folder',
      setup: (ws) => (
        fs.mkdirSync(ws.at('ro')),
        fs.chmodSync(ws.at('ro'), 0o500),
        { argv: ['project', ws.at(S), '--output', ws.at('ro/out.csv')] }
      ),
      code: 2,
      says: /error\[output\]/,
    });
  });
});
