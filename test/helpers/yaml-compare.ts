// The readings of one YAML text compared (from the text, from the parser's tokens, composed): the
// tests of src/source/yaml-text.ts and yaml-tokens.ts assert that all three give the same.

import { expect } from 'vitest';
import { LineCounter, Parser } from 'yaml';
import type { Location } from '../../src/diagnostics/diagnostic.js';
import type { Path, RawDocument } from '../../src/source/raw-tree.js';
import { parseYaml } from '../../src/source/yaml.js';
import { treeFromText } from '../../src/source/yaml-text.js';
import { treeFromTokens } from '../../src/source/yaml-tokens.js';

/** Every path of a raw tree, its keys included. */
function paths(tree: unknown, at: Path = []): Path[] {
  const out: Path[] = [at];
  if (Array.isArray(tree)) tree.forEach((v, i) => out.push(...paths(v, [...at, i])));
  else if (tree !== null && typeof tree === 'object') for (const [k, v] of Object.entries(tree)) out.push(...paths(v, [...at, k]));
  return out;
}

const located = (doc: RawDocument | undefined): [Path, Location, Location, boolean][] =>
  doc ? paths(doc.tree).map((p) => [p, doc.locator.value(p), doc.locator.key(p), doc.locator.has(p)]) : [];

/** The three readings of one text (from the text, from the parser's tokens, composed), compared. */
export function expectSame(file: string, text: string): void {
  const composed = parseYaml(file, text, { read: 'composed' });
  for (const read of ['text', 'tokens'] as const) {
    const direct = parseYaml(file, text, { read });
    expect(direct.diagnostics).toStrictEqual(composed.diagnostics);
    expect(direct.doc?.tree).toStrictEqual(composed.doc?.tree);
    expect(direct.doc?.locator.whole).toStrictEqual(composed.doc?.locator.whole);
    expect(located(direct.doc)).toStrictEqual(located(composed.doc));
  }
}

const anywhere: Location = { file: 'f', line: 1, column: 1, endLine: 1, endColumn: 2 };

/** True when the text is read from its text (yaml-text.ts), without the library's parser. */
export function readFromText(text: string): boolean {
  return (
    treeFromText(
      'f',
      text,
      () => anywhere,
      () => anywhere,
      [],
      63,
    ) !== undefined
  );
}

/** True when the text is read from its tokens (not composed). */
export function readDirectly(text: string): boolean {
  const lc = new LineCounter();
  const tokens = [...new Parser(lc.addNewLine).parse(text)];
  return treeFromTokens('f', tokens, anywhere, () => anywhere, 64) !== undefined;
}
