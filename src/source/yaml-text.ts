// Parsing YAML, the plainest case: a file written as scenarios are written (block mappings and
// sequences indented with spaces, scalars and flow collections each on one line, block scalars,
// comments) read straight from its text into the raw tree, with the locations and line starts the
// yaml library's parser and yaml-tokens.ts would give it. On anything else it gives up, before a
// diagnostic or a value could differ, and yaml.ts parses the file with the library as before; the
// tests compare the readings on every YAML file of the project, damaged copies and generated documents.

import { CST } from 'yaml';
import type { Diagnostic, Location } from '../diagnostics/diagnostic.js';
import { Locator, record, type RawDocument } from './raw-tree.js';
import { coreScalar } from './yaml-tokens.js';

/** Thrown (and caught in treeFromText) wherever the text leaves the plain case. */
const GIVE_UP: unique symbol = Symbol('give up');

/**
 * Characters outside the plain case anywhere in a file: tabs, control characters (a carriage return
 * only where it ends a line, `\r\n`, as Windows writes them), a byte-order mark, and the characters
 * some YAML readers take as line breaks.
 */
const OUTSIDE = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f\u0085\u2028\u2029\ufeff]|\r(?!\n)/;

/**
 * The start of a plain scalar that the plain case leaves to the library: indicators (`-`, `?` and
 * `:` count only before a space or the end of a line), anchors, tags, aliases, block scalars,
 * directives and reserved characters.
 */
const SPECIAL_START = new Set(['#', ',', '[', ']', '{', '}', '&', '*', '!', '|', '>', '%', '@', '`', '?', ':']);

const NL = 10;
const CR = 13;
const SPACE = 32;
const HASH = 35;
const COLON = 58;
const DASH = 45;
const DQUOTE = 34;
const SQUOTE = 39;
const BACKSLASH = 92;
const COMMA = 44;
const LBRACKET = 91;
const RBRACKET = 93;
const LBRACE = 123;
const RBRACE = 125;
const GT = 62;
const PIPE = 124;

/** The longest key read here (the composer refuses implicit keys over 1024 characters). */
const MAX_KEY = 1000;

/** A node's start, the end of its value and its end with what follows it, as yaml-tokens.ts's Range. */
interface Span {
  start: number;
  valueEnd: number;
  end: number;
}

/** What lies between the end of a value's line and the next line with content (see gap). */
interface Gap {
  /** The first character of the next line with content, or the end of the text. */
  at: number;
  /** That line's indentation (-1 at the end of the text). */
  indent: number;
  /** The deepest indentation of a comment line in between (-1 for none). */
  deepestComment: number;
}

/**
 * The raw tree of `text`, as parseYaml reads it through the library's parser (the same values,
 * locations, line starts and no diagnostics), when every line of it is in the plain case; else
 * undefined, with `lineStarts` left empty. `lineStarts` is filled with the offset of each line's
 * start, as the library's LineCounter is, before `whole` (the whole file's location) is asked for.
 */
export function treeFromText(
  file: string,
  text: string,
  whole: () => Location,
  locate: (start: number, end: number) => Location,
  lineStarts: number[],
  maxDepth: number,
): { doc: RawDocument; diagnostics: Diagnostic[] } | undefined {
  if (OUTSIDE.test(text)) return undefined;
  lineStarts.push(0);
  for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', nl + 1)) lineStarts.push(nl + 1);
  const locator = new Locator(file, whole(), locate);
  const n = text.length;
  /** The character at `i`, a line's end as `\n` whether written `\n` or `\r\n` (see OUTSIDE). */
  const code = (i: number): number => {
    const c = text.charCodeAt(i);
    return c === CR ? NL : c;
  };
  const span: Span = { start: 0, valueEnd: 0, end: 0 };
  // where reading has got to: after a value, the start of the next line (or the end of the text)
  let pos = 0;
  try {
    const first = gap(0);
    // the root: a block mapping from the first column (a document marker is not a key)
    if (first.indent !== 0 || text.startsWith('---', first.at) || text.startsWith('...', first.at)) throw GIVE_UP;
    const tree = blockMap(first.at, 0, '', 0);
    locator.setValueSpan('', span.start, span.valueEnd);
    const after = gap(pos);
    if (after.indent !== -1) throw GIVE_UP;
    return { doc: { file, tree, locator }, diagnostics: [] };
  } catch (e) {
    if (e === GIVE_UP) {
      lineStarts.length = 0;
      return undefined;
    }
    throw e;
  }

  /**
   * A block mapping whose first key starts at `at`, `indent` its column. Reads its entries, leaves
   * `pos` at the start of the line after it and its span in `span`, and returns its value.
   */
  function blockMap(at: number, indent: number, path: string, depth: number): Record<string, unknown> {
    if (depth > maxDepth) throw GIVE_UP;
    const out = record();
    const start = at;
    let end = at;
    let keyAt = at;
    for (;;) {
      const keyEnd = plainKeyEnd(keyAt);
      const name = text.slice(keyAt, keyEnd);
      const valuePath = keyed(out, path, name, keyAt, keyEnd);
      // after `key:`, a value on the same line or a block on the lines below
      const v = skipSpaces(keyEnd + 1);
      const onLine = v < n && code(v) !== NL && code(v) !== HASH;
      const c = text.charCodeAt(v);
      if (onLine && (c === GT || c === PIPE)) {
        out[name] = blockScalar(v, indent, valuePath);
      } else if (onLine) out[name] = leaf(v, valuePath, depth + 1);
      else {
        lineEnd(v);
        const below = gap(pos);
        // a sequence may start in the key's own column; nothing below (an empty value) is left to the library
        if (isSeqItem(below.at) && below.indent >= indent) out[name] = blockSeq(below.at, below.indent, valuePath, depth + 1);
        else if (below.indent > indent) out[name] = blockMap(below.at, below.indent, valuePath, depth + 1);
        else throw GIVE_UP;
        locator.setValueSpan(valuePath, span.start, span.valueEnd);
      }
      end = span.end;
      const next = gap(pos);
      if (onLine) trailing(next, indent);
      if (next.indent === indent && !isSeqItem(next.at)) {
        keyAt = next.at;
        continue;
      }
      if (next.indent > indent) throw GIVE_UP;
      span.start = start;
      span.valueEnd = end;
      span.end = ends(next, indent, end);
      return out;
    }
  }

  /** A block sequence whose first `-` is at `at`, `indent` its column (see blockMap). */
  function blockSeq(at: number, indent: number, path: string, depth: number): unknown[] {
    if (depth > maxDepth) throw GIVE_UP;
    const out: unknown[] = [];
    const start = at;
    let end = at;
    let dash = at;
    for (;;) {
      const v = skipSpaces(dash + 1);
      if (v >= n || code(v) === NL || code(v) === HASH || isSeqItem(v)) throw GIVE_UP;
      const itemPath = `${path}#${out.length}`;
      let onLine = true;
      if (keyOnLine(v)) {
        // `- key: value`: a mapping whose keys are in the column of its first
        out.push(blockMap(v, v - lineStartOf(v), itemPath, depth + 1));
        locator.setValueSpan(itemPath, span.start, span.valueEnd);
        onLine = false;
      } else out.push(leaf(v, itemPath, depth + 1));
      end = span.end;
      const next = gap(pos);
      if (onLine) trailing(next, indent);
      if (next.indent === indent && isSeqItem(next.at)) {
        dash = next.at;
        continue;
      }
      if (next.indent > indent) throw GIVE_UP;
      span.start = start;
      span.valueEnd = end;
      span.end = ends(next, indent, end);
      return out;
    }
  }

  /**
   * The path of the value of key `name` (from `start` to `end` of the text) in the mapping `out` at
   * `path`, its key's location recorded; a key written twice or `__proto__`, which the library's
   * reading reports, is left to it.
   */
  function keyed(out: Record<string, unknown>, path: string, name: string, start: number, end: number): string {
    if (name === '__proto__' || Object.hasOwn(out, name)) throw GIVE_UP;
    const at = `${path}.${name}`;
    locator.setKeySpan(at, start, end);
    return at;
  }

  /**
   * What a block's end leaves: the blank and comment lines after its last entry stay with it (and
   * end it) when one of those comments is indented as far as it is; else they go to the block around
   * it, as the library's parser moves them. A block in the first column never keeps them.
   */
  function ends(next: Gap, indent: number, end: number): number {
    if (next.deepestComment < 0 || indent <= 0 || next.deepestComment < indent) return end;
    return next.at;
  }

  /**
   * The checks on the lines after an entry whose value was on its key's line: a comment indented
   * deeper than the block would be joined to that value by the library's parser.
   */
  function trailing(next: Gap, indent: number): void {
    if (next.deepestComment > indent) throw GIVE_UP;
  }

  /**
   * A value written on one line, at `at`: a scalar or a flow collection, then spaces, a comment and
   * the line's end. Records its location, leaves its span in `span` and `pos` after its line.
   */
  function leaf(at: number, path: string, depth: number): unknown {
    if (depth > maxDepth) throw GIVE_UP;
    const c = text.charCodeAt(at);
    let value: unknown;
    let valueEnd: number;
    if (c === LBRACE || c === LBRACKET) {
      value = flow(at, path, depth);
      valueEnd = span.valueEnd;
    } else if (c === DQUOTE || c === SQUOTE) {
      valueEnd = quotedEnd(at);
      value = quotedValue(at, valueEnd);
    } else {
      valueEnd = plainValueEnd(at);
      value = coreScalar(text.slice(at, valueEnd));
    }
    locator.setValueSpan(path, at, valueEnd);
    span.start = at;
    span.valueEnd = valueEnd;
    span.end = lineEnd(valueEnd);
    return value;
  }

  /**
   * A literal or folded block scalar whose header (`|`, `>`, `|-` or `>-`) is at `at`, the value of a
   * key in a mapping indented `indent`: its lines delimited as the library's lexer delimits them
   * (parseBlockScalar, without an indentation indicator or `+`), and its value and range resolved
   * by the library (CST.resolveAsScalar). Leaves its span in `span` and `pos` after its last line.
   */
  function blockScalar(at: number, indent: number, path: string): unknown {
    let h = at + 1;
    if (text.charCodeAt(h) === DASH) h++;
    const afterHeader = h < n ? code(h) : NL;
    if (afterHeader !== SPACE && afterHeader !== NL) throw GIVE_UP;
    const props: CST.SourceToken[] = [{ type: 'block-scalar-header', offset: at, indent, source: text.slice(at, h) }];
    const spaces = skipSpaces(h);
    if (spaces > h) props.push({ type: 'space', offset: h, indent, source: text.slice(h, spaces) });
    // where the header's line ends: a comment runs to it, without the `\r` of a `\r\n`
    let eol = spaces;
    if (text.charCodeAt(spaces) === HASH) {
      const nl = text.indexOf('\n', spaces);
      if (nl === -1 || spaces === h) throw GIVE_UP;
      eol = text.charCodeAt(nl - 1) === CR ? nl - 1 : nl;
      props.push({ type: 'comment', offset: spaces, indent, source: text.slice(spaces, eol) });
    }
    if (eol >= n || code(eol) !== NL) throw GIVE_UP;
    const body = text.charCodeAt(eol) === CR ? eol + 2 : eol + 1;
    props.push({ type: 'newline', offset: eol, indent, source: text.slice(eol, body) });
    // the lexer's parseBlockScalar: the first line with content sets the indentation
    let nl = body - 1;
    let first = 0;
    let i = body;
    for (; i < n; i++) {
      const d = code(i);
      if (d === SPACE) first++;
      else if (d === NL) {
        nl = i;
        first = 0;
      } else break;
    }
    if (first >= indent + 1) {
      // lines go on while blank or indented at least as far as the first (the spaces ending a
      // text without a final newline too, as the lexer's continueScalar takes them)
      for (;;) {
        let k = nl + 1;
        while (k < n && text.charCodeAt(k) === SPACE) k++;
        if (k >= n) {
          if (k - (nl + 1) >= first) nl = n;
          break;
        }
        if (code(k) !== NL && k - (nl + 1) < first) break;
        nl = text.indexOf('\n', k);
        if (nl === -1) {
          nl = n;
          break;
        }
      }
    }
    // blank lines at its end, no more indented than its first line, are not its own
    for (;;) {
      let k = nl - 1;
      if (text.charCodeAt(k) === CR) k--;
      const last = k;
      while (k >= 0 && text.charCodeAt(k) === SPACE) k--;
      if (k >= 0 && text.charCodeAt(k) === NL && k >= body && k + 1 + first > last) nl = k;
      else break;
    }
    const source = text.slice(body, nl + 1);
    const token: CST.BlockScalar = { type: 'block-scalar', offset: at, indent, props, source };
    let failed = false;
    const resolved = CST.resolveAsScalar(token, true, () => {
      failed = true;
    });
    if (failed || !resolved) throw GIVE_UP;
    const [start, valueEnd] = resolved.range;
    locator.setValueSpan(path, start, valueEnd);
    span.start = start;
    span.valueEnd = valueEnd;
    span.end = valueEnd;
    pos = Math.min(nl + 1, n);
    return resolved.value;
  }

  /**
   * A flow collection on one line from its bracket at `at`: `{key: value, …}` with plain keys, or
   * `[value, …]`, its values scalars or flow collections. Its span in `span` (end: its closing bracket).
   */
  function flow(at: number, path: string, depth: number): unknown {
    if (depth > maxDepth) throw GIVE_UP;
    const isMap = text.charCodeAt(at) === LBRACE;
    const close = isMap ? RBRACE : RBRACKET;
    const out = isMap ? record() : [];
    let i = skipInlineSpaces(at + 1);
    if (text.charCodeAt(i) === close) {
      span.start = at;
      span.valueEnd = span.end = i + 1;
      return out;
    }
    for (;;) {
      let itemPath: string;
      let name = '';
      if (isMap) {
        const keyEnd = flowPlainEnd(i);
        if (text.charCodeAt(keyEnd) !== COLON || text.charCodeAt(keyEnd + 1) !== SPACE) throw GIVE_UP;
        name = text.slice(i, keyEnd);
        itemPath = keyed(out as Record<string, unknown>, path, name, i, keyEnd);
        i = skipInlineSpaces(keyEnd + 1);
      } else itemPath = `${path}#${(out as unknown[]).length}`;
      const c = text.charCodeAt(i);
      let value: unknown;
      let valueEnd: number;
      if (c === LBRACE || c === LBRACKET) {
        value = flow(i, itemPath, depth + 1);
        valueEnd = span.valueEnd;
      } else if (c === DQUOTE || c === SQUOTE) {
        valueEnd = quotedEnd(i);
        value = quotedValue(i, valueEnd);
      } else {
        valueEnd = flowPlainEnd(i);
        if (valueEnd === i || text.charCodeAt(valueEnd) === COLON) throw GIVE_UP;
        value = coreScalar(text.slice(i, valueEnd));
      }
      locator.setValueSpan(itemPath, i, valueEnd);
      if (isMap) (out as Record<string, unknown>)[name] = value;
      else (out as unknown[]).push(value);
      i = skipInlineSpaces(valueEnd);
      const d = text.charCodeAt(i);
      if (d === close) {
        span.start = at;
        span.valueEnd = span.end = i + 1;
        return out;
      }
      if (d !== COMMA) throw GIVE_UP;
      i = skipInlineSpaces(i + 1);
      if (i >= n || text.charCodeAt(i) === close || text.charCodeAt(i) === COMMA) throw GIVE_UP;
    }
  }

  /** After a value ending at `at`: spaces, a comment after a space, then the line's end; `pos` after it. */
  function lineEnd(at: number): number {
    let i = skipSpaces(at);
    if (i < n && text.charCodeAt(i) === HASH) {
      if (text.charCodeAt(i - 1) !== SPACE) throw GIVE_UP;
      i = text.indexOf('\n', i);
      if (i === -1) i = n;
    }
    if (i < n) {
      if (text.charCodeAt(i) === CR) i++;
      if (text.charCodeAt(i) !== NL) throw GIVE_UP;
      i++;
    }
    pos = i;
    return i;
  }

  /**
   * From the start of a line `at`: the blank and comment lines up to the next line with content
   * (see Gap). A line with content that starts a document marker is left to the library.
   */
  function gap(at: number): Gap {
    let deepestComment = -1;
    let line = at;
    while (line < n) {
      const i = skipSpaces(line);
      if (i >= n) return { at: n, indent: -1, deepestComment };
      const c = code(i);
      if (c === NL) {
        line = i + 1;
        continue;
      }
      if (c === HASH) {
        const indent = i - line;
        if (indent > deepestComment) deepestComment = indent;
        const nl = text.indexOf('\n', i);
        if (nl === -1) return { at: n, indent: -1, deepestComment };
        line = nl + 1;
        continue;
      }
      if (i === line && (text.startsWith('---', i) || text.startsWith('...', i))) throw GIVE_UP;
      return { at: i, indent: i - line, deepestComment };
    }
    return { at: n, indent: -1, deepestComment };
  }

  /** True when the line from `at` is `key: …` (a plain key, then `:` and a space or the line's end). */
  function keyOnLine(at: number): boolean {
    const c = code(at);
    if (c === DQUOTE || c === SQUOTE || c === LBRACE || c === LBRACKET) return false;
    for (let i = at; i < n; i++) {
      const d = code(i);
      if (d === NL) return false;
      if (d === COLON && endsKey(i)) return true;
      if (d === HASH && code(i - 1) === SPACE) return false;
    }
    return false;
  }

  /** The end of a block mapping's plain key at `at`, which must be followed by `:` and a space or the line's end. */
  function plainKeyEnd(at: number): number {
    plainStart(at, false);
    for (let i = at; i < n && i - at <= MAX_KEY; i++) {
      const d = code(i);
      if (d === NL) break;
      if (d === COLON && endsKey(i)) {
        if (code(i - 1) === SPACE) throw GIVE_UP;
        return i;
      } else if (d === HASH && code(i - 1) === SPACE) break;
    }
    throw GIVE_UP;
  }

  /** The end of a plain scalar value in a block (its trailing spaces not included). */
  function plainValueEnd(at: number): number {
    plainStart(at, false);
    let last = at;
    for (let i = at; i < n; i++) {
      const d = code(i);
      if (d === NL) break;
      if (d === SPACE) {
        if (code(i + 1) === HASH) break;
        continue;
      }
      // `key: a: b` is a mapping on one line, which the composer refuses
      if (d === COLON && endsKey(i)) throw GIVE_UP;
      last = i + 1;
    }
    return last;
  }

  /** The end of a plain scalar in a flow collection: before `,`, a bracket, `: ` or spaces before one. */
  function flowPlainEnd(at: number): number {
    plainStart(at, true);
    let last = at;
    for (let i = at; i < n; i++) {
      const d = code(i);
      if (d === NL || isFlowIndicator(d)) break;
      if (d === SPACE) {
        if (code(i + 1) === HASH) throw GIVE_UP;
        continue;
      }
      if (d === COLON && (endsKey(i) || isFlowIndicator(code(i + 1)))) {
        if (last !== i) throw GIVE_UP;
        return i;
      }
      last = i + 1;
    }
    if (code(last) === NL || last >= n) throw GIVE_UP;
    return last;
  }

  /** Gives up unless a plain scalar of the plain case can start at `at`. */
  function plainStart(at: number, inFlow: boolean): void {
    if (at >= n) throw GIVE_UP;
    const c = text[at] as string;
    if (c === '\n' || c === '\r' || c === ' ' || c === '"' || c === "'" || c === '\\' || SPECIAL_START.has(c)) throw GIVE_UP;
    if (c === '-') {
      const d = at + 1 < n ? code(at + 1) : NL;
      if (d === SPACE || d === NL || (inFlow && isFlowIndicator(d))) throw GIVE_UP;
    }
  }

  /** The end (after the closing quote) of a quoted scalar at `at` closed on its line, without escapes. */
  function quotedEnd(at: number): number {
    const q = code(at);
    for (let i = at + 1; i < n; i++) {
      const d = code(i);
      if (d === NL || d === BACKSLASH) throw GIVE_UP;
      if (d === q) {
        if (q === SQUOTE && code(i + 1) === SQUOTE) {
          i++;
          continue;
        }
        const after = i + 1 < n ? code(i + 1) : NL;
        // a quoted scalar is followed by a space, the line's end or (in flow) `,` or a bracket
        if (after === HASH || (after !== SPACE && after !== NL && after !== COMMA && after !== RBRACE && after !== RBRACKET)) throw GIVE_UP;
        return i + 1;
      }
    }
    throw GIVE_UP;
  }

  function quotedValue(at: number, end: number): string {
    const inner = text.slice(at + 1, end - 1);
    return text.charCodeAt(at) === SQUOTE && inner.includes("''") ? inner.replaceAll("''", "'") : inner;
  }

  /** True when the `:` at `i` ends a key: a space or the line's (or the text's) end follows it. */
  function endsKey(i: number): boolean {
    const e = i + 1 < n ? code(i + 1) : NL;
    return e === SPACE || e === NL;
  }

  function skipSpaces(at: number): number {
    let i = at;
    while (i < n && text.charCodeAt(i) === SPACE) i++;
    return i;
  }

  function skipInlineSpaces(at: number): number {
    const i = skipSpaces(at);
    if (i >= n || code(i) === NL || code(i) === HASH) throw GIVE_UP;
    return i;
  }

  function isSeqItem(at: number): boolean {
    if (code(at) !== DASH) return false;
    const d = at + 1 < n ? code(at + 1) : NL;
    return d === SPACE || d === NL;
  }

  function lineStartOf(at: number): number {
    return text.lastIndexOf('\n', at - 1) + 1;
  }
}

/** `,` and the brackets of flow collections, which end a plain scalar inside one. */
function isFlowIndicator(c: number): boolean {
  return c === COMMA || c === LBRACKET || c === RBRACKET || c === LBRACE || c === RBRACE;
}
