// Reading YAML straight from the parser's tokens (source/yaml-tokens.ts) gives what walking the
// composed document gives: the same tree, locations and diagnostics, on every YAML file of the
// project and on many damaged copies of the shipped scenarios.

import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectSame, readDirectly, readFromText } from '../helpers/yaml-compare.js';
import { projectRoot as root, projectYamlFiles } from '../helpers/yaml-files.js';

const files = projectYamlFiles();
const shipped = files.filter((f) => /[\\/](scenarios|data)[\\/]/.test(f) && !f.includes(`${path.sep}test${path.sep}`));

describe('reading YAML from the tokens', () => {
  it('is used for every shipped scenario and data file', () => {
    expect(shipped.length).toBeGreaterThan(10);
    for (const f of shipped) expect([f, readDirectly(fs.readFileSync(f, 'utf8'))]).toEqual([f, true]);
  });

  it('reads every shipped scenario and data file from its text', () => {
    for (const f of shipped) {
      const text = fs.readFileSync(f, 'utf8');
      expect([f, readFromText(text)]).toEqual([f, true]);
      // with Windows line ends too
      expect([f, readFromText(text.replaceAll('\n', '\r\n'))]).toEqual([f, true]);
    }
  });

  it('gives what the composed document gives, for every YAML file of the project', () => {
    expect(files.length).toBeGreaterThan(50);
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8').replace(/^\uFEFF/, '');
      expectSame(path.relative(root, f), text);
      // and with Windows line ends
      expectSame(path.relative(root, f), text.replaceAll('\n', '\r\n'));
    }
  });

  it('gives what the composed document gives, for small documents of every kind', () => {
    const cases = [
      'a: 1\nb: [1, 2, ]\nc: {x: y, "q": \'r\'}\n',
      'a:\n  - 1\n  -\n  - # c\n    x\n',
      'a:\n  - 1\n  # end\nb: 2\n',
      'a: |\n  text\n  more\nb: >-\n  folded\n  text\n',
      'a: "esc \\t \\u00e9"\nb: \'it\'\'s\'\nc: "multi\n  line"\nd: plain\n  continued\n',
      'a:\n  b:\n    c: null\n    d: ~\n    e: true\n    f: False\n    g: .inf\n    h: 0x1F\n    i: 007\n    j:\n',
      'null: 1\ntrue: 2\n~: 3\n"": 4\n',
      'a: 1\na: 2\n__proto__: 3\nb: {c: 1, c: 2}\n',
      '- a\n- b: 1\n  c: 2\n- [x, {y: z}]\n',
      '{a: 1, b: 2}\n',
      '[1, 2]\n',
      'a: {b: [1, {c: d}], e: f}\n',
      'a: [1,\n  2,\n  3]\n',
      'a: 1 # comment\n# between\nb: 2\n',
      'a:    \n  b: 1\n',
      'a:\n\tb: 1\n',
      'a: 1\n  b: 2\n',
      'a: [1, 2\n',
      'a: &x 1\nb: *x\n',
      'a: !!str 1\n',
      '--- \na: 1\n',
      'a: 1\n---\nb: 2\n',
      '%YAML 1.2\n---\na: 1\n',
      '? a\n: 1\n',
      'a: "unclosed\n',
      'a: b: c\n',
      'a:\n  - 1\n - 2\n',
      '[a]: 1\n',
      'a: {b}\n',
      'a: [b: 1]\n',
      'a: {b: 1,, c: 2}\n',
      'a: {, b: 1}\n',
      'a: "\\q"\n',
      'a: @x\n',
      'x'.repeat(1100) + ': 1\n',
      '',
      '# only a comment\n',
      'a\n',
      'a: |\nb: 1\n',
      'a: 1\n...\n',
      'a: \'it\'\'s\'\nb: \'\'\nc: ""\nd: "x\\"y"\ne: "tab\there  "\nf: x   \ng: "q"  # c\n',
      'a: ,x\nb: %x\nc: `x\n',
      "a: 'unclosed\nb: 1\n",
      'a: "x"y\n',
      'a: x\r\nb: "y\r\n  z"\r\n',
      // spaces ending a text without a final newline: a block scalar's line when as deep as its first
      'a: |\n text\n      ',
      'a: |\n text\n ',
      'a: >-\n  text\n\n   ',
      'a: |\n   ',
      // comment lines after the last entry of a nested block: kept by it, or moved to the block around it
      "a:\n- a: x\n  #\na2:\n- 'it''s'",
      'a:\n- x\n #\na2: |\n text',
      'a:\n a:\n  a: |\n   text\n\n  a2:\n  - x\n a2: x\na2: x',
      'a: x   \na2: x',
      // a sequence before its key's column; a comment right after a flow or a quoted scalar
      'a:\n  b:\n - x\nc: 1\n',
      'a: [x]# c\n',
      'a: "q"# c\n',
      // a block scalar's body no deeper than its key (empty); a more indented blank line before its
      // first (an error); comment lines after a sequence in the first column
      'a:\n- b: |\n  c: 1\n',
      'a: |\n   \n  x\n',
      'a:\n- x\n#\n',
      // keys whose paths are written as other paths are (`.` and `#` in keys)
      'a:\n  b: 1\na.b:\n  c: 2\nb:\n  - y\nb#0: z\nc#0:\n  - w\nc:\n  - v\n',
    ];
    for (const text of cases) expectSame('s.yaml', text);
  });

  it('gives what the composed document gives, for damaged copies of the shipped scenarios', () => {
    const texts = shipped.map((f) => fs.readFileSync(f, 'utf8'));
    const pieces = [
      ' ',
      '  ',
      '\t',
      '\n',
      ':',
      ': ',
      '- ',
      '#',
      ' #',
      '"',
      "'",
      '{',
      '}',
      '[',
      ']',
      ',',
      '&a',
      '*a',
      '!t',
      '?',
      '|',
      '>',
      '\\',
      '---',
      '...',
      '%',
    ];
    const edit = fc.record({
      at: fc.nat(),
      remove: fc.nat({ max: 4 }),
      insert: fc.constantFrom(...pieces),
    });
    let direct = 0;
    const runs = Number(process.env.YAML_TOKEN_RUNS ?? 150);
    fc.assert(
      fc.property(fc.nat({ max: texts.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 3 }), fc.boolean(), (i, edits, crlf) => {
        // a copy with Windows line ends, one time in two
        let text = crlf ? (texts[i] as string).replaceAll('\n', '\r\n') : (texts[i] as string);
        for (const e of edits) {
          const at = e.at % (text.length + 1);
          text = text.slice(0, at) + e.insert + text.slice(at + e.remove);
        }
        expectSame('s.yaml', text);
        if (readDirectly(text)) direct++;
      }),
      { numRuns: runs, seed: Number(process.env.YAML_TOKEN_SEED ?? 20261206) },
    );
    // most damaged copies still parse: most of the comparisons are of the direct reading
    expect(direct).toBeGreaterThan(runs / 3);
  }, 120_000);
});
