import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  csvRowsByChunk,
  csvSyntaxError,
  fieldBounds,
  fieldBoundsByChar,
  parseCsv,
  plainRecords,
  recordStarts,
} from '../../src/source/csv.js';
import { decodeText } from '../../src/source/text.js';
import { LineCounter } from 'yaml';
import { locatorIn, parseYaml } from '../../src/source/yaml.js';

describe('parseYaml', () => {
  it('keeps the source text of numbers and locates every value', () => {
    const { doc, diagnostics } = parseYaml('s.yaml', 'a:\n  b: 0.10\n  c: [1e3, 007]\n  d: 1,234\n');
    expect(diagnostics).toEqual([]);
    expect(doc?.tree).toEqual({ a: { b: '0.10', c: ['1e3', '007'], d: '1,234' } });
    expect(doc?.locator.value(['a', 'b'])).toMatchObject({ line: 2, column: 6, endColumn: 10 });
    expect(doc?.locator.key(['a', 'c'])).toMatchObject({ line: 3, column: 3 });
    expect(doc?.locator.value(['a', 'c', 1])).toMatchObject({ line: 3, column: 12 });
  });

  it('treats constructor as plain data and refuses __proto__ as a key, where it is written', () => {
    const { doc, diagnostics } = parseYaml('s.yaml', '__proto__: {polluted: true}\nconstructor: x\nlevels: {__proto__: 1275}\n');
    const tree = doc?.tree as Record<string, unknown>;
    expect(Object.keys(tree)).toEqual(['constructor', 'levels']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // found by the fuzz suite: zod's records drop a `__proto__` key silently, so `levels: {__proto__: 1275}` lost a level
    expect(diagnostics).toMatchObject([
      { code: 'unknown-key', message: '`__proto__` cannot be used as a key', location: { line: 1, column: 1 } },
      { code: 'unknown-key', location: { line: 3, column: 10 } },
    ]);
  });

  it('refuses aliases and reports duplicate keys with positions', () => {
    expect(parseYaml('s.yaml', 'a: &x 1\nb: *x\n').diagnostics.map((d) => d.code)).toContain('yaml-alias');
    const dup = parseYaml('s.yaml', 'a: 1\na: 2\n').diagnostics;
    expect(dup).toMatchObject([{ code: 'duplicate-key', location: { line: 2 } }]);
  });

  it('refuses very deep nesting instead of overflowing the stack', () => {
    const deep = `${'['.repeat(200)}${']'.repeat(200)}`;
    const r = parseYaml('s.yaml', deep);
    expect(r.diagnostics.length).toBeGreaterThan(0);
  });

  // found by the fuzz suite: 10,000 `[` overflowed the yaml library's composer, which reported
  // "Maximum call stack size exceeded" hundreds of times; a megabyte of `[` took seconds and a gigabyte
  it.each([
    ['10,000 unclosed [', '['.repeat(10_000), 1, 65],
    ['10,000 closed [', `${'['.repeat(10_000)}${']'.repeat(10_000)}`, 1, 65],
    ['a megabyte of [', '['.repeat(1_000_000), 1, 65],
    ['10,000 nested {a: ', `${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}`, 1, 257],
    ['10,000 nested - ', `${'- '.repeat(10_000)}1`, 1, 129],
    ['3,000 indented keys', Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i)}a:`).join('\n'), 65, 65],
  ])('refuses %s with one located diagnostic', (_, text, line, column) => {
    const r = parseYaml('s.yaml', text);
    expect(r.diagnostics).toEqual([
      expect.objectContaining({
        code: 'yaml-syntax',
        message: 'nesting deeper than 64 levels',
        location: expect.objectContaining({ line, column }),
      }),
    ]);
  });

  it('accepts nesting up to the limit', () => {
    const text = `${'['.repeat(64)}1${']'.repeat(64)}`;
    expect(parseYaml('s.yaml', text).diagnostics).toEqual([]);
  });

  it('reads nesting around the limit as the composer does, refused or not', () => {
    const nested = (n: number): string[] => [
      `${'['.repeat(n)}1${']'.repeat(n)}`,
      `${'['.repeat(n)}${']'.repeat(n)}`,
      `${'{a: '.repeat(n)}1${'}'.repeat(n)}`,
      `${'{a: '.repeat(n)}{}${'}'.repeat(n)}`,
      Array.from({ length: n }, (_, i) => `${' '.repeat(2 * i)}a:`).join('\n') + ' 1\n',
      `${'- '.repeat(n)}1\n`,
    ];
    for (const n of [62, 63, 64, 65, 66]) {
      for (const text of nested(n)) {
        const direct = parseYaml('s.yaml', text);
        const composed = parseYaml('s.yaml', text, { read: 'composed' });
        expect(direct.diagnostics).toEqual(composed.diagnostics);
        expect(direct.doc?.tree).toEqual(composed.doc?.tree);
      }
    }
  });

  // found by the fuzz suite: the yaml library's duplicate check is quadratic in the number of keys
  // (how its time grows is measured by `npm run bench`, not asserted here)
  it('finds a duplicate key among 100,000, with the place of the first', () => {
    const text = `${Array.from({ length: 100_000 }, (_, i) => `k${i}: 1`).join('\n')}\nk7: 2\n`;
    const r = parseYaml('s.yaml', text);
    expect(r.diagnostics).toEqual([
      expect.objectContaining({
        code: 'duplicate-key',
        location: expect.objectContaining({ line: 100_001, column: 1, endColumn: 3 }),
        notes: ['the first is at line 8, column 1'],
      }),
    ]);
  });

  it('reports a second YAML document as an error', () => {
    expect(parseYaml('s.yaml', 'a: 1\n---\nb: 2\n').diagnostics).toMatchObject([{ code: 'yaml-syntax', location: { line: 2, column: 1 } }]);
  });
});

describe('locatorIn', () => {
  it('gives what the line counter gives for both ends, for offsets in any order', () => {
    const text = fc.stringMatching(/^[a-z\n]{0,60}$/);
    const spans = fc.array(fc.tuple(fc.nat(70), fc.integer({ min: -3, max: 70 })), { maxLength: 40 });
    fc.assert(
      fc.property(text, spans, (t, ss) => {
        const lc = new LineCounter();
        lc.addNewLine(0);
        for (let i = t.indexOf('\n'); i >= 0; i = t.indexOf('\n', i + 1)) lc.addNewLine(i + 1);
        const locate = locatorIn(lc.lineStarts, 'f');
        for (const [start, to] of ss) {
          const end = Math.max(to, start + 1);
          const [s, e] = [lc.linePos(start), lc.linePos(end)];
          expect(locate(start, to)).toStrictEqual({ file: 'f', line: s.line, column: s.col, endLine: e.line, endColumn: e.col });
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('parseCsv', () => {
  it('locates fields, including after a quoted multi-line field', () => {
    const r = parseCsv('l.csv', 'a,b,c\r\n1,"x\ny",3\r\n\r\n4,"5,5",6\r\n');
    expect(r.diagnostics).toEqual([]);
    const rows = r.table!.rows;
    expect(rows.map((x) => x.cells.map((c) => c.value))).toEqual([
      ['1', 'x\ny', '3'],
      ['4', '5,5', '6'],
    ]);
    expect(rows[0]!.cells[2]!.location).toMatchObject({ line: 3, column: 4 });
    expect(rows[1]!.cells[1]!.location).toMatchObject({ line: 5, column: 3 });
    expect(rows[1]!.cells[2]!.location).toMatchObject({ line: 5, column: 9 });
  });

  it('reports every short or long row with its line', () => {
    const r = parseCsv('l.csv', 'a,b,c\n1,2\n1,2,3\n1,2,3,4\n');
    expect(r.diagnostics.map((d) => [d.code, d.location?.line])).toEqual([
      ['csv-row-length', 2],
      ['csv-row-length', 4],
    ]);
    expect(r.table!.rows).toHaveLength(1);
  });

  it('reports an unclosed quote as csv-syntax at the line where it opens', () => {
    expect(parseCsv('l.csv', 'a,b\n"1,2\n3,4\n5,6\n').diagnostics[0]).toMatchObject({ code: 'csv-syntax', location: { line: 2 } });
  });

  // Positions are found by a scan of our own beside csv-parse: for any table csv-parse reads, the
  // scan must agree with csv-parse's own line count and each located field must hold its value.
  it('locates every field of any table csv-stringify can write, blank lines and CRLF included', () => {
    const field = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('', ' ', ',', '"', '""', 'a\nb', '\n', 'x,"y"', '£1,000'));
    const table = fc
      .integer({ min: 1, max: 4 })
      .chain((width) =>
        fc
          .array(fc.array(field, { minLength: width, maxLength: width }), { maxLength: 8 })
          .map((body) => [Array.from({ length: width }, (_, i) => `h${i}`), ...body]),
      );
    fc.assert(
      fc.property(table, fc.array(fc.nat(3), { minLength: 9, maxLength: 9 }), fc.boolean(), (records, blanks, crlf) => {
        const eol = crlf ? '\r\n' : '\n';
        const written = records.map(
          (r, i) =>
            eol.repeat(blanks[i] ?? 0) + stringify([r], { record_delimiter: eol, quoted_empty: r.length === 1, quoted_match: /[\r\n]/ }),
        );
        const text = written.join('');
        const expected = parse(text.replace(/\r\n/g, '\n'), {
          info: true,
          raw: true,
          skip_empty_lines: true,
          relax_column_count: true,
          record_delimiter: '\n',
        }) as unknown as {
          record: string[];
          raw: string;
          info: { lines: number };
        }[];
        const r = parseCsv('t.csv', text);
        expect(r.diagnostics).toEqual([]);
        const kept = expected.filter((e) => !e.record.every((v) => v.trim() === ''));
        const rows = [{ values: r.table!.header.map((c) => c.value), cells: r.table!.header }, ...r.table!.rows];
        expect(rows.map((x) => x.cells.map((c) => c.value))).toEqual(kept.map((e) => e.record));
        const lines = text.replace(/\r\n/g, '\n').split('\n');
        rows.forEach((row, i) => {
          const end = kept[i]!.info.lines;
          expect(row.cells.at(-1)!.location.endLine).toBeLessThanOrEqual(end);
          for (const cell of row.cells) {
            const { line, column } = cell.location;
            const at = lines[line - 1]!.slice(column - 1);
            // a field starts at its location: quoted, or its value (or the separator after an empty one)
            const unquoted = !at.startsWith('"');
            if (unquoted) expect(at.startsWith(cell.value.split('\n')[0]!)).toBe(true);
            else expect(cell.value.includes('\n') || at.startsWith(`"${cell.value.replace(/"/g, '""')}"`)).toBe(true);
          }
        });
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});

describe('plainRecords', () => {
  const CSV_PARSE_OPTIONS = { relax_column_count: true, skip_empty_lines: true, record_delimiter: '\n' } as const;
  const plainOf = (text: string): string[][] | undefined => plainRecords(text, recordStarts(text).starts);

  // the records it reads are csv-parse's, to the character: texts of quotes in every place, doubled
  // and stray quotes, spaces after a closing quote, line breaks inside quotes, a BOM, non-ASCII text
  it('reads a text as csv-parse does, or leaves it to csv-parse', () => {
    const piece = fc.constantFrom('a', 'é', '£1,000', ' ', ',', '"', '""', '\n', '\n\n', '\ufeff', 'x"y', '"q""r"', '"s,t"', '"u" ', '');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 16 }), (pieces) => {
        const text = pieces.join('');
        const read = plainOf(text);
        if (read === undefined) return;
        expect(read).toEqual(parse(text, CSV_PARSE_OPTIONS));
      }),
      { seed: 11, numRuns: 3000 },
    );
  });

  // and it reads every table whose fields are on one line, however csv-stringify quotes them
  it('reads every table of one-line fields, quoted or not', () => {
    const field = fc.oneof(
      fc.string({ maxLength: 8 }).map((v) => v.replace(/[\r\n]/g, '')),
      fc.constantFrom('', ' ', ',', '"', '""', '£1,000', '"a"'),
    );
    const table = fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(table, fc.boolean(), (records, quoted) => {
        const text = stringify(records, { quoted, quoted_empty: true });
        expect(plainOf(text)).toEqual(parse(text, CSV_PARSE_OPTIONS));
      }),
      { seed: 12, numRuns: 500 },
    );
  });

  it('gives parseCsv and the totals path the same rows and errors as csv-parse alone', () => {
    const piece = fc.constantFrom('a', 'b,c', ' ', ',', '"', '""', '\n', '\r\n', '"q""r"', '"s,t"', '"u" ', 'x"y');
    // records of several chunks (CHUNK_RECORDS on the totals path), the odd ones anywhere among them
    const odd = fc.array(piece, { maxLength: 24 }).map((p) => p.join(''));
    const text = fc
      .tuple(odd, fc.nat(300), odd, fc.nat(100), odd)
      .map(([a, n, b, m, c]) =>
        ['h,i', a, ...Array.from({ length: n }, (_, i) => `x${i},y`), b, ...Array.from({ length: m }, (_, i) => `"q${i}",z`), c].join('\n'),
      );
    fc.assert(
      fc.property(text, (t) => {
        expect(parseCsv('t.csv', t)).toEqual(parseCsv('t.csv', t, false));
        const [plain, alone] = [csvRowsByChunk('t.csv', t), csvRowsByChunk('t.csv', t, false)];
        expect([...plain.rows]).toEqual([...alone.rows]);
        expect([plain.header, plain.regular()]).toEqual([alone.header, alone.regular()]);
      }),
      { seed: 13, numRuns: 400 },
    );
  });

  it('leaves a field over several lines, a stray quote and text after a closing quote to csv-parse', () => {
    expect(plainOf('a,"b\nc"\n')).toBeUndefined();
    expect(plainOf('a,b"c\n')).toBeUndefined();
    expect(plainOf('a,"b" ,c\n')).toBeUndefined();
    expect(plainOf('a,"b""')).toBeUndefined();
    expect(plainOf('a,"b""c",\n\n"",d')).toEqual([
      ['a', 'b"c', ''],
      ['', 'd'],
    ]);
    expect(parseCsv('t.csv', 'h,i\na,"b" ,c\n').diagnostics[0]).toMatchObject({ code: 'csv-syntax', location: { line: 2 } });
  });
});

describe('csvSyntaxError', () => {
  // it reads only the chunks of records with a quote in them: the same error as parseCsv's, or none, for any text
  it('finds the syntax error parseCsv reports, and only that, in tables of several chunks', () => {
    const line = fc.array(fc.constantFrom('a', 'b', ',', '"', ' ', '\r\n', '\n'), { maxLength: 8 }).map((c) => c.join(''));
    const text = fc
      .tuple(fc.array(line, { minLength: 1, maxLength: 12 }), fc.nat(300), fc.array(line, { maxLength: 12 }))
      .map(([odd, plain, tail]) => ['h,i', ...Array.from({ length: plain }, (_, i) => `x${i},y`), ...odd, ...tail].join('\n'));
    fc.assert(
      fc.property(text, (t) => {
        expect(csvSyntaxError('t.csv', t)).toEqual(parseCsv('t.csv', t).diagnostics.find((d) => d.code === 'csv-syntax'));
      }),
      { seed: 7, numRuns: 400 },
    );
    expect(csvSyntaxError('l.csv', 'a,b\n"1,2\n3,4\n5,6\n')).toMatchObject({ code: 'csv-syntax', location: { line: 2 } });
    expect(csvSyntaxError('l.csv', 'a,b\n"1,2",3\n')).toBeUndefined();
  });
});

describe('parseCsv at scale', () => {
  // found by fuzzing by hand: 300,000 short rows gave as many diagnostics, which overflowed the stack
  // when spread into push (error[internal]) after 14 s; csv-parse builds an error object for each
  it('stops reading after 1,000 rows of the wrong length, and says so at the header', () => {
    const text = `a,b,c\n${Array.from({ length: 300_000 }, (_, i) => `x${i}`).join('\n')}\n`;
    const r = parseCsv('l.csv', text);
    expect(r.diagnostics).toHaveLength(1001);
    expect(r.diagnostics.at(-1)).toMatchObject({
      code: 'csv-row-length',
      message: 'more than 1000 rows have a different number of fields from this header: reading stopped at line 1002',
      location: { line: 1, column: 1 },
    });
  });
});

describe('fieldBounds', () => {
  it('finds the same fields by searching as by reading every character', () => {
    const piece = fc.constantFrom(',', '"', '""', 'a', 'bc', ' ', '£', '\n', '"x,y"', '"q""r"', '');
    let searched = 0;
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), fc.integer({ min: 1, max: 5 }), (pieces, line) => {
        const raw = pieces.join('');
        expect(fieldBounds(raw, line)).toStrictEqual(fieldBoundsByChar(raw, line));
        if (!raw.includes('\n') && !raw.includes('"')) searched++;
      }),
      { numRuns: 3000, seed: 6122026 },
    );
    const row = 'AC1,saving,"a, quoted ""field""",250,,"x"';
    expect(fieldBounds(row, 7)).toStrictEqual(fieldBoundsByChar(row, 7));
    expect(searched).toBeGreaterThan(100);
  });
});

describe('decodeText', () => {
  it('drops a UTF-8 BOM and refuses UTF-16 and binary', () => {
    expect(decodeText('f', new Uint8Array([0xef, 0xbb, 0xbf, 0x61])).text).toBe('a');
    // a BOM is dropped by the decoding and one more after it, as the TextDecoder and the check after it did
    expect(decodeText('f', new Uint8Array([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x61])).text).toBe('\ufeffa');
    expect(decodeText('f', new Uint8Array([0xff, 0xfe, 0x61, 0x00])).diagnostics[0]?.code).toBe('encoding');
    expect(decodeText('f', new Uint8Array([0xc3, 0x28])).diagnostics[0]?.code).toBe('encoding');
    expect(decodeText('f', new Uint8Array([0x61, 0x00, 0x62])).diagnostics[0]?.code).toBe('encoding');
  });

  // found by the fuzz suite: invalid UTF-8 was reported without a place
  it('locates the first byte that is not UTF-8 (a Windows-1252 £ in a CSV)', () => {
    const bytes = Buffer.concat([Buffer.from('ref,description\nG1,caf\u00e9 '), Buffer.from([0xa3]), Buffer.from('100\n')]);
    const d = decodeText('l.csv', bytes).diagnostics[0];
    expect(d).toMatchObject({ code: 'encoding', location: { file: 'l.csv', line: 2, column: 9 } });
    expect(d?.message).toBe('l.csv is not valid UTF-8: byte 0xa3 at line 2, column 9');
    // overlong encodings, surrogates and truncated sequences are refused as TextDecoder would
    for (const bad of [
      [0xc0, 0xaf],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0xe2, 0x82],
    ]) {
      expect(decodeText('f', new Uint8Array([0x61, ...bad])).diagnostics[0]?.location).toMatchObject({ line: 1, column: 2 });
    }
    expect(decodeText('f', Buffer.from('a £ € 𝄞 ok')).text).toBe('a £ € 𝄞 ok');
  });

  it('reads any bytes as a fatal TextDecoder does: the same text, or a refusal', () => {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const text = fc.string({ unit: 'binary', maxLength: 12 }).map((t) => new Uint8Array(Buffer.from(`\ufeff${t}`)));
    const bytes = fc
      .oneof(fc.uint8Array({ maxLength: 24 }), text)
      .filter((b) => !b.includes(0) && (b.length < 2 || (b[0] !== 0xff && b[0] !== 0xfe)));
    fc.assert(
      fc.property(bytes, (b) => {
        let expected: string | undefined;
        try {
          expected = decoder.decode(b);
        } catch {
          expected = undefined;
        }
        if (expected?.charCodeAt(0) === 0xfeff) expected = expected.slice(1);
        const r = decodeText('f', b);
        expect(r.text).toBe(expected);
        expect(r.diagnostics.length > 0).toBe(expected === undefined);
      }),
      { numRuns: 3000 },
    );
  });

  // the decoder's check (used first) and the loop that locates a bad byte must agree on every input
  it('refuses exactly what a fatal TextDecoder refuses, and locates the first bad byte', () => {
    const piece = fc.oneof(
      fc.constantFrom(0x61, 0x0a, 0x80, 0xbf, 0xc0, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff),
      fc.integer({ min: 1, max: 255 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { minLength: 2, maxLength: 12 }), (body) => {
        const bytes = new Uint8Array([0x61, 0x62, ...body]);
        let valid = true;
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        } catch {
          valid = false;
        }
        const d = decodeText('f', bytes);
        expect(d.text !== undefined).toBe(valid);
        if (!valid) expect(d.diagnostics[0]?.message).toMatch(/^f is not valid UTF-8: byte 0x[0-9a-f]{2} at line \d+, column \d+$/);
      }),
      { numRuns: 2000, seed: 6122026 },
    );
  });

  it('recognises UTF-16 without a byte order mark', () => {
    for (const bytes of [Buffer.from('authority: x\n', 'utf16le'), Buffer.from('authority: x\n', 'utf16le').swap16()]) {
      expect(decodeText('f', bytes).diagnostics[0]?.message).toBe('f is UTF-16; mtfs reads UTF-8');
    }
  });
});
