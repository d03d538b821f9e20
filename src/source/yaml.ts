// Parsing YAML with positions: text → raw tree + locator. Numbers keep their source text so that
// no amount ever passes through a JS number; anchors and aliases are refused (no alias bombs).

import {
  Composer,
  CST,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Document,
  type Node as YamlNode,
  type Range,
  YAMLParseError,
} from 'yaml';
import { error, type Diagnostic, type Location } from '../diagnostics/diagnostic.js';
import { Locator, record, type Path, type RawDocument } from './raw-tree.js';
import { parserTokens } from './yaml-stream.js';
import { treeFromText } from './yaml-text.js';
import { treeFromTokens } from './yaml-tokens.js';

/** Deeper nesting than this is refused: no scenario needs it and it protects the stack. */
const MAX_DEPTH = 64;

/**
 * Parses one YAML file into a raw tree and its locator. Diagnostics: yaml-syntax, yaml-alias,
 * unknown-key (`__proto__`), duplicate-key. A file in the plain case is read from its text
 * (yaml-text.ts), any other by the library's parser, whose tokens are read directly (yaml-tokens.ts)
 * or, where the composer could report something, composed into a yaml Document first. `read:
 * 'tokens'` starts from the library's parser, and `read: 'composed'` always composes (the tests
 * compare the three, which give the same).
 */
export function parseYaml(
  file: string,
  text: string,
  options: { read?: 'text' | 'tokens' | 'composed' } = {},
): { doc?: RawDocument; diagnostics: Diagnostic[] } {
  const lineCounter = new LineCounter();
  const diagnostics: Diagnostic[] = [];
  const locate = locatorIn(lineCounter.lineStarts, file);
  const read = options.read ?? 'text';
  if (read === 'text') {
    const plain = treeFromText(file, text, () => wholeOf(locate, text), locate, lineCounter.lineStarts, MAX_DEPTH - 1);
    if (plain) return plain;
  }
  let document: Document.Parsed | undefined;
  try {
    // parsing (iterative) and composing (recursive) are separate, so that nesting too deep for the
    // composer's stack is refused before it starts
    const parsed = parseTokens(text, lineCounter);
    if ('deepAt' in parsed) return { diagnostics: [deepNesting(locate(parsed.deepAt, parsed.deepAt + 1))] };
    const tokens = parsed.tokens;
    if (read !== 'composed') {
      // nodes read to MAX_DEPTH − 1 deep: a file read this way has no collection nested deeper
      // than MAX_DEPTH, which is all tooDeep looks for, so only the composer's files need it
      const direct = treeFromTokens(file, tokens, wholeOf(locate, text), locate, MAX_DEPTH - 1);
      if (direct) return direct;
    }
    const deep = tooDeep(tokens);
    if (deep !== undefined) return { diagnostics: [deepNesting(locate(deep, deep + 1))] };
    const composer = new Composer({ uniqueKeys: false, version: '1.2', schema: 'core', strict: true });
    for (const doc of composer.compose(tokens, true, text.length)) {
      if (!document) document = doc;
      else {
        document.errors.push(
          new YAMLParseError(doc.range.slice(0, 2) as [number, number], 'MULTIPLE_DOCS', 'the file holds more than one YAML document'),
        );
        break;
      }
    }
  } catch (e) {
    // the last resort: nothing the parser throws may escape as a stack trace
    const overflow = e instanceof RangeError;
    return {
      diagnostics: [
        overflow
          ? deepNesting(locate(0, 1))
          : error(
              'yaml-syntax',
              `cannot parse YAML: ${e instanceof Error ? e.message : String(e)}`,
              locate(0, 1),
              'check the YAML syntax of this file',
            ),
      ],
    };
  }
  if (!document) return { diagnostics: [error('yaml-syntax', 'cannot parse YAML', locate(0, 1))] };
  for (const e of dedupe(document.errors)) {
    const [start, end] = e.pos;
    diagnostics.push(error('yaml-syntax', firstLine(e.message), locate(start, end), yamlHint(e.code)));
  }
  if (diagnostics.length > 0) return { diagnostics };

  const locator = new Locator(file, wholeOf(locate, text));
  const rangeLoc = (r: Range | null | undefined): Location | undefined => (r ? locate(r[0], r[1]) : undefined);

  const walk = (node: YamlNode | null | undefined, path: Path, depth: number): unknown => {
    if (node === null || node === undefined) return null;
    const loc = rangeLoc(node.range);
    if (loc) locator.setValue(path, loc);
    if (depth > MAX_DEPTH) {
      diagnostics.push(deepNesting(loc));
      return null;
    }
    if (isAlias(node)) {
      diagnostics.push(error('yaml-alias', 'YAML aliases (*name) are not supported', loc, 'write the value out in full'));
      return null;
    }
    if (node.anchor) {
      diagnostics.push(error('yaml-alias', `YAML anchors (&${node.anchor}) are not supported`, loc, 'remove the anchor'));
    }
    if (isMap(node)) {
      const out = record();
      for (const pair of node.items) {
        const keyNode = pair.key as YamlNode | null;
        let key: string;
        if (isScalar(keyNode)) {
          key = typeof keyNode.value === 'string' ? keyNode.value : (keyNode.source ?? String(keyNode.value));
        } else {
          const kl = rangeLoc(keyNode?.range) ?? loc;
          diagnostics.push(error('yaml-syntax', 'keys must be plain text', kl, 'write the key as a single word'));
          continue;
        }
        const kl = rangeLoc(keyNode.range);
        if (key === '__proto__') {
          // zod drops a `__proto__` key from records without a word: `levels: {__proto__: 1275}`
          // would lose the level silently
          diagnostics.push(
            error(
              'unknown-key',
              '`__proto__` cannot be used as a key',
              kl ?? loc,
              'rename the key: no scenario key, year or name is `__proto__`',
            ),
          );
          continue;
        }
        if (Object.hasOwn(out, key)) {
          // found here rather than by the yaml library, whose check is quadratic in the number of keys
          const first = locator.key([...path, key]);
          diagnostics.push(
            error('duplicate-key', 'this key is written twice in the same mapping', kl ?? loc, 'keep one of the two entries', [
              `the first is at line ${first.line}, column ${first.column}`,
            ]),
          );
          continue;
        }
        if (kl) locator.setKey([...path, key], kl);
        out[key] = walk(pair.value as YamlNode | null, [...path, key], depth + 1);
        if (!locator.has([...path, key]) && kl) locator.setValue([...path, key], kl);
      }
      return out;
    }
    if (isSeq(node)) {
      return node.items.map((item, i) => walk(item as YamlNode, [...path, i], depth + 1));
    }
    if (isScalar(node)) {
      const v = node.value;
      if (typeof v === 'number' || typeof v === 'bigint') return node.source ?? String(v);
      if (typeof v === 'string' || typeof v === 'boolean' || v === null) return v;
      return node.source ?? String(v);
    }
    diagnostics.push(error('yaml-syntax', 'unsupported YAML node', loc));
    return null;
  };

  const tree = walk(document.contents as YamlNode | null, [], 0);
  return { doc: { file, tree, locator }, diagnostics };
}

/**
 * Locations in one text from its line starts (filled in by the parser as it goes): the location from
 * `start` to `end` (at least one character) as the yaml library's LineCounter.linePos gives each
 * (its binary search, line and column 1-based), without the two positions it makes. This runs for
 * every key and value of every file read, mostly in document order: the line of the last start
 * asked for, or the next, is tried before searching, and an end before the next line starts is on
 * the start's line.
 */
export function locatorIn(lineStarts: readonly number[], file: string): (start: number, end: number) => Location {
  let hint = 0;
  return (start, end) => {
    if (end <= start) end = start + 1;
    const n = lineStarts.length;
    let a = hint;
    if (!isLowerBound(lineStarts, start, a)) {
      a++;
      if (!isLowerBound(lineStarts, start, a)) a = lowerBound(lineStarts, start, 0);
    }
    hint = a;
    const b = a === n || end <= (lineStarts[a] as number) ? a : lowerBound(lineStarts, end, a + 1);
    return {
      file,
      line: lineStarts[a] === start ? a + 1 : a,
      column: lineStarts[a] === start ? 1 : a === 0 ? start : start - (lineStarts[a - 1] as number) + 1,
      endLine: lineStarts[b] === end ? b + 1 : b,
      endColumn: lineStarts[b] === end ? 1 : b === 0 ? end : end - (lineStarts[b - 1] as number) + 1,
    };
  };
}

/** True when `i` is what lowerBound(lineStarts, offset, 0) gives. */
function isLowerBound(lineStarts: readonly number[], offset: number, i: number): boolean {
  const n = lineStarts.length;
  return i <= n && (i === n || (lineStarts[i] as number) >= offset) && (i === 0 || (lineStarts[i - 1] as number) < offset);
}

/** The first index at or after `low` whose line start is not before `offset` (the length if none is). */
function lowerBound(lineStarts: readonly number[], offset: number, low: number): number {
  let high = lineStarts.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((lineStarts[mid] as number) < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The location of a whole file: its first character. */
const wholeOf = (locate: (start: number, end: number) => Location, text: string): Location => locate(0, Math.min(1, text.length));

const deepNesting = (loc: Location | undefined): Diagnostic =>
  error(
    'yaml-syntax',
    `nesting deeper than ${MAX_DEPTH} levels`,
    loc,
    'a scenario needs only a few levels: check the brackets and the indentation',
  );

/**
 * The parser's tokens, one lexeme at a time, stopping as soon as the parser's own stack is far deeper
 * than any scenario (a megabyte of `[` would otherwise take seconds and a gigabyte to parse).
 */
function parseTokens(text: string, lineCounter: LineCounter): { tokens: CST.Token[] } | { deepAt: number } {
  const parsed = parserTokens(text, lineCounter.addNewLine, 2 * MAX_DEPTH + 8);
  if ('tokens' in parsed) return parsed;
  const { stack, offset } = parsed.deep;
  const open = stack.filter((t) => t.type === 'block-map' || t.type === 'block-seq' || t.type === 'flow-collection');
  return { deepAt: open[MAX_DEPTH]?.offset ?? offset };
}

/**
 * The offset of the first collection nested deeper than MAX_DEPTH in the parser's tokens, if any.
 * Walks with an explicit stack: the tokens of a 10,000-deep `[[[…` must not overflow it either.
 */
function tooDeep(tokens: readonly CST.Token[]): number | undefined {
  const stack: { token: CST.Token | undefined; depth: number }[] = tokens.map((token) => ({ token, depth: 0 }));
  while (stack.length > 0) {
    const { token, depth } = stack.pop() as { token: CST.Token | undefined; depth: number };
    if (!token) continue;
    if (token.type === 'document') stack.push({ token: token.value, depth });
    else if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      if (depth + 1 > MAX_DEPTH) return token.offset;
      for (const item of token.items) {
        if ('key' in item && item.key) stack.push({ token: item.key, depth: depth + 1 });
        if (item.value) stack.push({ token: item.value, depth: depth + 1 });
      }
    }
  }
  return undefined;
}

/** One report per message and place: a broken bracket must not repeat the same error a thousand times. */
function dedupe(errors: readonly YAMLParseError[]): YAMLParseError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const k = `${e.code} ${e.pos[0]} ${e.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, '');
}

function yamlHint(code: string): string {
  switch (code) {
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
      return 'check the indentation: nested keys are indented by the same number of spaces';
    case 'MULTILINE_IMPLICIT_KEY':
      return 'a key and its value must be on one line, or the value indented below';
    case 'TAB_AS_INDENT':
      return 'indent with spaces, not tabs';
    default:
      return 'check the YAML syntax around this point (quote text that contains `:` or `#`)';
  }
}
