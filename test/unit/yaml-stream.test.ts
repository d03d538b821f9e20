// Driving the yaml library's lexer and parser (source/yaml-stream.ts) gives exactly the tokens and
// line starts of Parser.parse: on every YAML file of the project, on small documents of every kind
// and broken ones, and on random text; and stops where the library's own loop stops.

import fs from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CST, LineCounter, Parser } from 'yaml';
import { lexemeType, parserTokens, STEPS_DRIVEN } from '../../src/source/yaml-stream.js';
import { projectYamlFiles } from '../helpers/yaml-files.js';

/** What the library's own parse gives: its tokens and the line starts it reports. */
function library(text: string): { tokens: CST.Token[]; lineStarts: number[] } {
  const lc = new LineCounter();
  return { tokens: [...new Parser(lc.addNewLine).parse(text)], lineStarts: lc.lineStarts };
}

function expectSame(text: string): void {
  const expected = library(text);
  for (const driven of [true, false]) {
    const lc = new LineCounter();
    const got = parserTokens(text, lc.addNewLine, Infinity, driven);
    expect({ text, driven, ...got, lineStarts: lc.lineStarts }).toStrictEqual({ text, driven, ...expected });
  }
}

/** Where each reading stops once the parser's stack holds more than `max` tokens: the same lexeme, the same state. */
function expectSameStop(text: string, max: number): void {
  const stops = [true, false].map((driven) => {
    const lc = new LineCounter();
    const r = parserTokens(text, lc.addNewLine, max, driven);
    return 'deep' in r
      ? { offset: r.deep.offset, stack: structuredClone(r.deep.stack), lineStarts: lc.lineStarts }
      : { tokens: r.tokens, lineStarts: lc.lineStarts };
  });
  expect(stops[0]).toStrictEqual(stops[1]);
}

const cases = [
  '',
  '\n',
  'a\n',
  'a: 1\nb: [1, 2, ]\nc: {x: y, "q": \'r\'}\n',
  'a:\n  - 1\n  -\n  - # c\n    x\n',
  'a: |\n  text\n  more\nb: >-\n  folded\n  text\n',
  'a: |2+\n   x\n\n',
  'a: "esc \\t \\u00e9"\nb: \'it\'\'s\'\nc: "multi\n  line"\nd: plain\n  continued\n',
  '? a\n: 1\n? [b]\n',
  'a: &x 1\nb: *x\nc: !!str 1\nd: !t {e: f}\n',
  '%YAML 1.2\n%TAG ! tag:x,2000:\n---\na: 1\n...\n--- b\n... # c\n',
  '--- |\n  x\n',
  'a: 1\n---\nb: 2\n',
  '\uFEFFa: 1\n',
  'a: x\r\nb: "y\r\n  z"\r\n',
  'a:\n\tb: 1\n',
  'a: 1\n  b: 2\n',
  'a: [1, 2\n',
  'a: {b}\n',
  'a: }\n]\n',
  'a: "unclosed\n',
  "a: 'unclosed\nb: 1\n",
  'a: b: c\n',
  '- - - a\n  - b\n- [x, {y: z}]\n',
  '{a: 1, b: 2}\n',
  '[a]: 1\n',
  'a: ,x\nb: %x\nc: `x\nd: @x\n',
  '...\nfoo\n  bar\n',
  'a:\x01b\x18c\x02\x1f\n',
];

describe('driving the yaml lexer and parser', () => {
  it('is installed with the exact version of yaml whose state functions it drives, never a range', () => {
    // an upgrade is then a change to package.json that runs these tests, not something npm does on its own
    const declared = JSON.parse(fs.readFileSync('package.json', 'utf8')).dependencies.yaml as string;
    expect(declared).toMatch(/^\d+\.\d+\.\d+$/);
    expect(JSON.parse(fs.readFileSync('node_modules/yaml/package.json', 'utf8')).version).toBe(declared);
  });

  it('drives the state functions of the installed yaml library', () => {
    // if this fails, the library no longer has the functions yaml-stream.ts calls: compare its
    // lexer.js (lex, parseNext) and parser.js (next, step) with what yaml-stream.ts does
    expect(STEPS_DRIVEN).toBe(true);
  });

  it("tells a lexeme's token type as CST.tokenType does", () => {
    for (let c = 0; c <= 0xffff; c++) {
      const one = String.fromCharCode(c);
      expect(lexemeType(one)).toBe(CST.tokenType(one));
      expect(lexemeType(one + one)).toBe(CST.tokenType(one + one));
      expect(lexemeType(`${one}x`)).toBe(CST.tokenType(`${one}x`));
    }
    for (const lexeme of ['', '\n', '\r\n', '\r', '---', '...', '--', '..', '----', '\ufeff', '\ufeffx', 'a: b', '  ', '#x', '\x1f\x1f'])
      expect(lexemeType(lexeme)).toBe(CST.tokenType(lexeme));
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('-', '.', '\r', '\n', ' ', ':', '#', 'a', '\x1f', '\ufeff', "'", '"'), maxLength: 5 }),
        (lexeme) => {
          expect(lexemeType(lexeme)).toBe(CST.tokenType(lexeme));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('gives the tokens and line starts of Parser.parse for every YAML file of the project', () => {
    const files = projectYamlFiles();
    expect(files.length).toBeGreaterThan(50);
    for (const f of files) expectSame(fs.readFileSync(f, 'utf8'));
  });

  it('gives the tokens and line starts of Parser.parse for documents of every kind, broken ones too', () => {
    for (const text of cases) expectSame(text);
  });

  it('gives the tokens and line starts of Parser.parse for any text of YAML pieces', () => {
    const piece = fc.constantFrom(
      ...[' ', '  ', '\t', '\n', '\r\n', '\r', 'a', 'b1', '1.5', ':', ': ', '- ', '-', '? ', '#', ' #c', '"', "'", '\\'],
      ...['{', '}', '[', ']', ',', '&a ', '*a', '!t ', '!!str ', '|', '>-', '|2', '---', '...', '%YAML 1.2', '\uFEFF', '£', '\x00', '\x1f'],
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => expectSame(pieces.join(''))),
      { numRuns: 2000, seed: 20261206 },
    );
  });

  it('stops where the library loop stops once the parser is deep enough', () => {
    for (const text of ['['.repeat(300), '- '.repeat(300), '{a: '.repeat(300), 'a:\n'.repeat(5) + '  '.repeat(50) + '[[[[']) {
      for (const max of [3, 20, 136]) expectSameStop(text, max);
    }
    const piece = fc.constantFrom('[', '{', ']', '}', '- ', 'a: ', '\n', '  ', ',', 'x');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 80 }), fc.integer({ min: 1, max: 12 }), (pieces, max) =>
        expectSameStop(pieces.join(''), max),
      ),
      { numRuns: 500, seed: 20261206 },
    );
  });
});
