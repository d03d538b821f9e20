// The text-safety module every renderer uses: what each format's function changes and what it keeps.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { htmlText, markdownCode, markdownText, spreadsheetText, terminalText } from '../../src/render/safe-text.js';

describe('terminalText', () => {
  it.each([
    ['\u001b]52;c;eA==\u0007', '·]52;c;eA==·'],
    ['\u001b[31mred', '·[31mred'],
    ['\u009b31m\u007f', '·31m·'],
    ['abc\u202efdp.exe', 'abc·fdp.exe'],
    ['a\tb\r\nc', 'a b··c'],
    ['£1,275 – Older People’s “care”', '£1,275 – Older People’s “care”'],
  ])('%j → %j', (raw, shown) => expect(terminalText(raw)).toBe(shown));

  it('leaves no control or bidi character in any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        // eslint-disable-next-line no-control-regex
        expect(terminalText(s)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      }),
    );
  });

  it('changes exactly the text the patterns change, for every UTF-16 code unit', () => {
    // eslint-disable-next-line no-control-regex
    const unsafe = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
    const byPatterns = (s: string): string => s.replace(/\t/g, ' ').replace(unsafe, '·');
    for (let c = 0; c <= 0xffff; c++) {
      const s = `a${String.fromCharCode(c)}b`;
      expect(terminalText(s)).toBe(byPatterns(s));
    }
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(terminalText(s)).toBe(byPatterns(s));
      }),
    );
  });
});

describe('markdownText', () => {
  it.each([
    ['a | b', 'a \\| b'],
    ['first\n| x |\n# h', 'first \\| x \\| # h'],
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
    ['&lt; & co', '&amp;lt; & co'],
    ['[a](http://x) ![i](y)', '\\[a\\](http://x) !\\[i\\](y)'],
    ['`code` **b** _i_ ~~s~~', '\\`code\\` \\*\\*b\\*\\* \\_i\\_ \\~\\~s\\~\\~'],
    ['net_budget', 'net_budget'],
    ['# h', '\\# h'],
    ['- item', '\\- item'],
    ['1. item', '1\\. item'],
    ['Review of Direct Services (2018/19)', 'Review of Direct Services (2018/19)'],
  ])('%j → %j', (raw, shown) => expect(markdownText(raw)).toBe(shown));

  it('never leaves a newline, a raw tag or an unescaped pipe', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const m = markdownText(s);
        expect(m).not.toMatch(/[\r\n<>]/);
        expect(m).not.toMatch(/(^|[^\\])(\\\\)*\|/);
      }),
    );
  });

  it('fences a code span longer than any backtick run inside', () => {
    expect(markdownCode('a`b')).toBe('``a`b``');
    expect(markdownCode('`x')).toBe('`` `x ``');
    expect(markdownCode('f.yaml:1:2')).toBe('`f.yaml:1:2`');
  });
});

describe('spreadsheetText', () => {
  it.each(['=1+1', '+1', '-1+1', '@SUM(A1)', '\t=1', '\r=1', '=HYPERLINK("http:x","y")', '\uff1d1'])('neutralises %j', (s) =>
    expect(spreadsheetText(s)).toBe(`'${s}`),
  );
  it.each(['Older People', 'net_budget', '', "'quoted"])('keeps %j', (s) => expect(spreadsheetText(s)).toBe(s));
});

describe('htmlText', () => {
  it('escapes the five characters that change HTML', () => {
    expect(htmlText(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
  it('escapes each of them wherever it is, and nothing else (property)', () => {
    const oneByOne = (s: string) =>
      s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
    const text = fc.string({ unit: fc.constantFrom('&', '<', '>', '"', "'", 'a', ' ', '£', ';', '#', '\n') });
    fc.assert(
      fc.property(fc.oneof(text, fc.string()), (s) => {
        expect(htmlText(s)).toBe(oneByOne(s));
      }),
      { numRuns: 2000 },
    );
  });
});
