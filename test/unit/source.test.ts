import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/source/csv.js';
import { decodeText } from '../../src/source/text.js';
import { parseYaml } from '../../src/source/yaml.js';

describe('parseYaml', () => {
  it('keeps the source text of numbers and locates every value', () => {
    const { doc, diagnostics } = parseYaml('s.yaml', 'a:\n  b: 0.10\n  c: [1e3, 007]\n  d: 1,234\n');
    expect(diagnostics).toEqual([]);
    expect(doc?.tree).toEqual({ a: { b: '0.10', c: ['1e3', '007'], d: '1,234' } });
    expect(doc?.locator.value(['a', 'b'])).toMatchObject({ line: 2, column: 6, endColumn: 10 });
    expect(doc?.locator.key(['a', 'c'])).toMatchObject({ line: 3, column: 3 });
    expect(doc?.locator.value(['a', 'c', 1])).toMatchObject({ line: 3, column: 12 });
  });

  it('treats __proto__ as plain data', () => {
    const { doc } = parseYaml('s.yaml', '__proto__: {polluted: true}\nconstructor: x\n');
    const tree = doc?.tree as Record<string, unknown>;
    expect(Object.keys(tree)).toEqual(['__proto__', 'constructor']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
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
    const field = fc.oneof(
      fc.string({ maxLength: 6 }),
      fc.constantFrom('', ' ', ',', '"', '""', 'a\nb', '\n', 'x,"y"', '£1,000'),
    );
    const table = fc.integer({ min: 1, max: 4 }).chain((width) =>
      fc.array(fc.array(field, { minLength: width, maxLength: width }), { maxLength: 8 }).map((body) => [
        Array.from({ length: width }, (_, i) => `h${i}`),
        ...body,
      ]),
    );
    fc.assert(
      fc.property(table, fc.array(fc.nat(3), { minLength: 9, maxLength: 9 }), fc.boolean(), (records, blanks, crlf) => {
        const eol = crlf ? '\r\n' : '\n';
        const written = records.map((r, i) => eol.repeat(blanks[i] ?? 0) + stringify([r], { record_delimiter: eol, quoted_empty: r.length === 1, quoted_match: /[\r\n]/ }));
        const text = written.join('');
        const expected = parse(text.replace(/\r\n/g, '\n'), { info: true, raw: true, skip_empty_lines: true, relax_column_count: true, record_delimiter: '\n' }) as unknown as {
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

describe('decodeText', () => {
  it('drops a UTF-8 BOM and refuses UTF-16 and binary', () => {
    expect(decodeText('f', new Uint8Array([0xef, 0xbb, 0xbf, 0x61])).text).toBe('a');
    expect(decodeText('f', new Uint8Array([0xff, 0xfe, 0x61, 0x00])).diagnostics[0]?.code).toBe('encoding');
    expect(decodeText('f', new Uint8Array([0xc3, 0x28])).diagnostics[0]?.code).toBe('encoding');
    expect(decodeText('f', new Uint8Array([0x61, 0x00, 0x62])).diagnostics[0]?.code).toBe('encoding');
  });
});
