// Colour for diagnostics on a terminal: the four styles mtfs uses, as the ANSI codes of a 16-colour
// terminal, written out here rather than by a colour library loaded on every run.

/** An ANSI style: the code that starts it and the code that ends it. */
export interface AnsiStyle {
  readonly open: string;
  readonly close: string;
}

const ansi = (open: number, close: number): AnsiStyle => ({ open: `\u001b[${open}m`, close: `\u001b[${close}m` });

export const RED = ansi(31, 39);
export const YELLOW = ansi(33, 39);
export const BOLD = ansi(1, 22);
export const DIM = ansi(2, 22);

/**
 * `text` in `styles` (outermost first), as chalk writes it: an end code of one of the styles inside
 * `text` is followed by its start code again (so that the rest stays styled), and each line break
 * ends the styles before it and starts them again after it (some terminals let colour bleed into
 * the next line otherwise). Empty text stays empty.
 */
export function paint(text: string, ...styles: readonly AnsiStyle[]): string {
  if (text === '') return text;
  let out = text;
  if (out.includes('\u001b')) for (const s of [...styles].reverse()) out = out.split(s.close).join(s.close + s.open);
  const open = styles.map((s) => s.open).join('');
  const close = styles
    .map((s) => s.close)
    .reverse()
    .join('');
  out = out.replace(/\r?\n/g, (lineBreak) => close + lineBreak + open);
  return open + out + close;
}
