// Colour on a terminal: the codes diagnostics carry in each style, with line breaks and codes
// already in the text, and none without colour.

import { describe, expect, it } from 'vitest';
import { BOLD, DIM, paint, RED, YELLOW } from '../../src/cli/colour.js';
import { styler } from '../../src/cli/output.js';
import type { Io } from '../../src/cli/io.js';

const E = '\u001b';

describe('paint', () => {
  it.each([
    ['error[amount-format]', [RED, BOLD], `${E}[31m${E}[1merror[amount-format]${E}[22m${E}[39m`],
    ['warning[x]', [YELLOW, BOLD], `${E}[33m${E}[1mwarning[x]${E}[22m${E}[39m`],
    ['   | excerpt', [DIM], `${E}[2m   | excerpt${E}[22m`],
    // each line is styled on its own, CRLF kept whole, a trailing break leaves an empty styled line
    ['two\nlines', [RED, BOLD], `${E}[31m${E}[1mtwo${E}[22m${E}[39m\n${E}[31m${E}[1mlines${E}[22m${E}[39m`],
    ['crlf\r\nline', [BOLD], `${E}[1mcrlf${E}[22m\r\n${E}[1mline${E}[22m`],
    ['a\n', [DIM], `${E}[2ma${E}[22m\n${E}[2m${E}[22m`],
    // an end code inside the text is followed by its start code again, so the rest keeps its style
    [`inner ${E}[39m red ${E}[22m bold`, [RED, BOLD], `${E}[31m${E}[1minner ${E}[39m${E}[31m red ${E}[22m${E}[1m bold${E}[22m${E}[39m`],
    [`inner ${E}[39m red ${E}[22m bold`, [DIM], `${E}[2minner ${E}[39m red ${E}[22m${E}[2m bold${E}[22m`],
    ['', [RED, BOLD], ''],
  ])('%j', (text, styles, painted) => expect(paint(text, ...styles)).toBe(painted));
});

describe('styler', () => {
  const io = (color: boolean) => ({ color }) as Io;

  it('colours only when the Io has colour', () => {
    const plain = styler(io(false));
    expect([plain.error('e'), plain.warning('w'), plain.dim('d'), plain.bold('b\nc')]).toEqual(['e', 'w', 'd', 'b\nc']);
    const coloured = styler(io(true));
    expect([coloured.error('e'), coloured.warning('w'), coloured.dim('d'), coloured.bold('b')]).toEqual([
      `${E}[31m${E}[1me${E}[22m${E}[39m`,
      `${E}[33m${E}[1mw${E}[22m${E}[39m`,
      `${E}[2md${E}[22m`,
      `${E}[1mb${E}[22m`,
    ]);
  });
});
