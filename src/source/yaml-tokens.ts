// Parsing YAML, the common case: the parser's tokens read straight into the raw tree, without
// composing a yaml Document first. Only for files in which the composer would find nothing to
// report; on anything else it gives up and yaml.ts composes the file as before.

import { CST } from 'yaml';
import { error, type Diagnostic, type Location } from '../diagnostics/diagnostic.js';
import { Locator, record, type RawDocument } from './raw-tree.js';

type Token = CST.Token;
type SourceToken = CST.SourceToken;
type CollectionItem = CST.CollectionItem;

/** Thrown (and caught in treeFromTokens) wherever the composer could report something. */
const GIVE_UP: unique symbol = Symbol('give up');

/**
 * Where the node composed last was written, as the composer sets its range, and a plain scalar's
 * text. One record for a whole file, written by each node in turn and read by its caller at once:
 * a new object for each node, key and value was a tenth of the garbage reading a scenario made.
 */
interface Range {
  start: number;
  valueEnd: number;
  end: number;
  /** The text of a plain scalar (undefined for any other node). */
  text: string | undefined;
}

/**
 * The raw tree of a single-document stream, as walking the document the yaml Composer makes of the
 * same tokens (version 1.2, core schema, strict, keys not checked for uniqueness) would give it: the
 * same values, locations and diagnostics. Undefined wherever the composer could report an error
 * (and for what it does not take the shortcut on: anchors, aliases, tags, explicit keys, tabs in
 * indentation, directives, several documents), so that the caller composes the file instead.
 */
export function treeFromTokens(
  file: string,
  tokens: readonly Token[],
  whole: Location,
  locate: (start: number, end: number) => Location,
  maxDepth: number,
): { doc: RawDocument; diagnostics: Diagnostic[] } | undefined {
  let document: CST.Document | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.type === 'document' && !document) document = t;
    else if (t.type !== 'comment' && t.type !== 'newline' && t.type !== 'space') return undefined;
  }
  const root = document?.value;
  // a block scalar at the root is resolved as not being in a collection; scenarios never are one
  if (!document || !root || root.type === 'block-scalar') return undefined;
  const locator = new Locator(file, whole, locate);
  const diagnostics: Diagnostic[] = [];
  const range: Range = { start: 0, valueEnd: 0, end: 0, text: undefined };
  const p: Props = { found: undefined, comma: undefined, hasNewline: false, comment: false, end: 0 };
  try {
    props(p, document.start, undefined, true, false, document.offset);
    const value = compose(root, '', 0);
    endTokens(document.end, range.end, false);
    return { doc: { file, tree: value, locator }, diagnostics };
  } catch (e) {
    if (e === GIVE_UP) return undefined;
    throw e;
  }

  // A node's path is carried as its key string (Locator.keyOf: `.key` and `#index` joined); a node
  // without one (the value of a key refused or written twice) is checked but not recorded. Each
  // node's value is returned and its range left in `range`.

  /** A node: its value and, when `path` is given, its locations and diagnostics recorded. */
  function compose(token: Token, path: string | undefined, depth: number): unknown {
    if (depth > maxDepth) throw GIVE_UP;
    let value: unknown;
    switch (token.type) {
      case 'scalar':
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
      case 'block-scalar':
        value = scalar(token, range);
        break;
      case 'block-map':
        value = blockMap(token, path, depth);
        break;
      case 'block-seq':
        value = blockSeq(token, path, depth);
        break;
      case 'flow-collection':
        value = flowCollection(token, path, depth);
        break;
      default:
        throw GIVE_UP;
    }
    if (path !== undefined) locator.setValueSpan(path, range.start, range.valueEnd);
    return value;
  }

  /** The value of a key (the empty scalar when it has none), at `path` (see props for `p`). */
  function valueOf(value: Token | undefined, path: string | undefined, depth: number, before: readonly SourceToken[]): unknown {
    if (value) return compose(value, path, depth + 1);
    empty(range, p.end, before, p);
    if (path !== undefined) locator.setValueSpan(path, range.start, range.valueEnd);
    return null;
  }

  /**
   * A key's checks and location: the path of its value, or undefined when the value is not to be
   * recorded (the key refused or written twice, or a mapping that is itself not recorded).
   */
  function keyed(
    out: Record<string, unknown> | undefined,
    path: string | undefined,
    key: string,
    start: number,
    valueEnd: number,
  ): string | undefined {
    if (!out || path === undefined) return undefined;
    const at = `${path}.${key}`;
    if (key === '__proto__') {
      diagnostics.push(
        error(
          'unknown-key',
          '`__proto__` cannot be used as a key',
          locate(start, valueEnd),
          'rename the key: no scenario key, year or name is `__proto__`',
        ),
      );
      return undefined;
    }
    if (Object.hasOwn(out, key)) {
      const first = locator.keyAt(at);
      if (!first) throw GIVE_UP;
      diagnostics.push(
        error('duplicate-key', 'this key is written twice in the same mapping', locate(start, valueEnd), 'keep one of the two entries', [
          `the first is at line ${first.line}, column ${first.column}`,
        ]),
      );
      return undefined;
    }
    locator.setKeySpan(at, start, valueEnd);
    return at;
  }

  function blockMap(bm: CST.BlockMap, path: string | undefined, depth: number): unknown {
    const out = path !== undefined ? record() : undefined;
    let offset = bm.offset;
    let commentEnd: number | null = null;
    const items = bm.items as CollectionItem[];
    for (let i = 0; i < items.length; i++) {
      const { start, key, sep, value } = items[i] as CollectionItem;
      props(p, start, undefined, true, false, offset);
      const keyPropsEnd = p.end;
      if (!key) {
        if (sep) throw GIVE_UP;
        commentEnd = keyPropsEnd;
        continue;
      }
      if (!sep || !isFlowScalar(key) || key.indent !== bm.indent || containsNewline(key)) throw GIVE_UP;
      // the text of a key that is null or a boolean, as the walk of a composed document takes it
      const k = scalar(key, range);
      const name = range.text ?? (k as string);
      const at = keyed(out, path, name, range.start, range.valueEnd);
      const found = props(p, sep, 'map-value-ind', false, false, range.end);
      if (!found) throw GIVE_UP;
      if (value?.type === 'block-map' && !p.hasNewline) throw GIVE_UP;
      if (keyPropsEnd < found.offset - 1024) throw GIVE_UP;
      const v = valueOf(value, at, depth, sep);
      if (at !== undefined) (out as Record<string, unknown>)[name] = v;
      offset = range.end;
    }
    if (commentEnd && commentEnd < offset) throw GIVE_UP;
    set(range, bm.offset, offset, commentEnd ?? offset);
    return out ?? null;
  }

  function blockSeq(bs: CST.BlockSequence, path: string | undefined, depth: number): unknown {
    const out: unknown[] = [];
    let offset = bs.offset;
    let commentEnd: number | null = null;
    for (let i = 0; i < bs.items.length; i++) {
      const { start, value } = bs.items[i] as CollectionItem;
      if (!props(p, start, 'seq-item-ind', true, false, offset)) {
        if (value) throw GIVE_UP;
        commentEnd = p.end;
        continue;
      }
      out.push(valueOf(value, path !== undefined ? `${path}#${out.length}` : undefined, depth, start));
      offset = range.end;
    }
    set(range, bs.offset, offset, commentEnd ?? offset);
    return path !== undefined ? out : null;
  }

  function flowCollection(fc: CST.FlowCollection, path: string | undefined, depth: number): unknown {
    const isMap = fc.start.source === '{';
    const out = path !== undefined ? record() : undefined;
    const list: unknown[] = [];
    let offset = fc.offset + fc.start.source.length;
    const items = fc.items as CollectionItem[];
    for (let i = 0; i < items.length; ++i) {
      const { start, key, sep, value } = items[i] as CollectionItem;
      props(p, start, undefined, false, true, offset);
      if (!sep && !value) {
        if (key || (i === 0 && p.comma) || i < items.length - 1) throw GIVE_UP;
        offset = p.end;
        continue;
      }
      if ((i === 0) !== !p.comma) throw GIVE_UP;
      if (!isMap) {
        if (sep || key || !value || isBlock(value)) throw GIVE_UP;
        list.push(compose(value, path !== undefined ? `${path}#${list.length}` : undefined, depth + 1));
        offset = range.end;
        continue;
      }
      if (!key || !sep || !isFlowScalar(key) || (value && isBlock(value))) throw GIVE_UP;
      const k = scalar(key, range);
      const name = range.text ?? (k as string);
      const at = keyed(out, path, name, range.start, range.valueEnd);
      if (!props(p, sep, 'map-value-ind', false, true, range.end)) throw GIVE_UP;
      const v = valueOf(value, at, depth, sep);
      if (at !== undefined) (out as Record<string, unknown>)[name] = v;
      offset = range.end;
    }
    const [ce, ...ee] = fc.end;
    if (ce?.source !== (isMap ? '}' : ']')) throw GIVE_UP;
    const cePos = ce.offset + ce.source.length;
    const end = ee.length > 0 ? endTokens(ee, cePos, true) : cePos;
    set(range, fc.offset, cePos, end);
    return isMap ? (out ?? null) : path !== undefined ? list : null;
  }
}

/** A node's range (see Range), with no plain scalar's text. */
function set(range: Range, start: number, valueEnd: number, end: number): void {
  range.start = start;
  range.valueEnd = valueEnd;
  range.end = end;
  range.text = undefined;
}

/** A scalar's value as the composer resolves it; its range (and a plain one's text) in `range`. */
function scalar(token: CST.FlowScalar | CST.BlockScalar, range: Range): unknown {
  const oneLine = token.type === 'block-scalar' ? undefined : oneLineValue(token);
  let value: string;
  if (oneLine !== undefined) {
    value = oneLine;
    const valueEnd = token.offset + token.source.length;
    set(range, token.offset, valueEnd, endTokens((token as CST.FlowScalar).end, valueEnd, true));
  } else {
    let failed = false;
    const r = CST.resolveAsScalar(token, true, () => {
      failed = true;
    });
    if (failed || !r) throw GIVE_UP;
    value = r.value;
    set(range, r.range[0], r.range[1], r.range[2]);
  }
  if (token.type !== 'scalar') return value;
  range.text = value;
  return coreScalar(value);
}

/**
 * A plain scalar's value in the core schema: null (``, `~`, `null`, `Null`, `NULL`), a boolean
 * (`true`, `True`, `TRUE`, `false`, `False`, `FALSE`) or its text (numbers keep theirs), as the
 * composer's tests give it; compared by length first, as most scalars are none of these.
 */
export function coreScalar(text: string): string | boolean | null {
  switch (text.length) {
    case 0:
      return null;
    case 1:
      return text === '~' ? null : text;
    case 4:
      if (text === 'null' || text === 'Null' || text === 'NULL') return null;
      return text === 'true' || text === 'True' || text === 'TRUE' ? true : text;
    case 5:
      return text === 'false' || text === 'False' || text === 'FALSE' ? false : text;
    default:
      return text;
  }
}

/** Characters a plain scalar cannot start with (resolve-flow-scalar.js reports them). */
const BAD_PLAIN_START = /^[\t,%|>@`]/;

/**
 * The value of a scalar written on one line, as resolveFlowScalar (compose/resolve-flow-scalar.js)
 * gives it, without its per-character work: the text itself, or between its quotes (`''` in single
 * quotes is one quote). Undefined for anything else (a line break, an escape, a missing closing
 * quote, a bad first character), which resolveAsScalar resolves or reports.
 */
function oneLineValue(token: CST.FlowScalar): string | undefined {
  const source = token.source;
  if (source.includes('\n') || source.includes('\r')) return undefined;
  switch (token.type) {
    case 'scalar':
      return BAD_PLAIN_START.test(source) ? undefined : source;
    case 'double-quoted-scalar':
      return source.length > 1 && source.endsWith('"') && !source.includes('\\') ? source.slice(1, -1) : undefined;
    case 'single-quoted-scalar':
      return source.length > 1 && source.endsWith("'") ? source.slice(1, -1).replace(/''/g, "'") : undefined;
    default:
      return undefined;
  }
}

/** The composer's empty scalar (null) where a value is missing: its range in `range`. */
function empty(range: Range, offset: number, before: readonly SourceToken[] | undefined, p: Props): void {
  const at = emptyScalarPosition(offset, before);
  set(range, at, at, p.comment ? p.end : at);
}

/** yaml's emptyScalarPosition (compose/util-empty-scalar-position.js), for a missing `pos`. */
function emptyScalarPosition(offset: number, before: readonly SourceToken[] | undefined): number {
  if (!before) return offset;
  for (let i = before.length - 1; i >= 0; --i) {
    let st = before[i] as SourceToken;
    if (st.type === 'space' || st.type === 'comment' || st.type === 'newline') {
      offset -= st.source.length;
      continue;
    }
    st = before[++i] as SourceToken;
    while (st?.type === 'space') {
      offset += st.source.length;
      st = before[++i] as SourceToken;
    }
    break;
  }
  return offset;
}

/** What props finds in the tokens before a node: one record for a whole file, written by each call. */
interface Props {
  found: SourceToken | undefined;
  comma: SourceToken | undefined;
  hasNewline: boolean;
  comment: boolean;
  end: number;
}

/**
 * The composer's resolveProps (compose/resolve-props.js) for the tokens before a node, when they
 * hold only spaces without tabs, line breaks, comments (outside flow collections), at most one
 * `indicator` and (in flow collections) at most one comma: anything else gives up, and so does
 * everything resolveProps would report. What it finds is written into `p`; returns the indicator found.
 */
function props(
  p: Props,
  tokens: readonly SourceToken[],
  indicator: string | undefined,
  startOnNewline: boolean,
  flow: boolean,
  offset: number,
): SourceToken | undefined {
  let hasSpace = startOnNewline;
  let hasNewline = false;
  let comment = false;
  let found: SourceToken | undefined;
  let comma: SourceToken | undefined;
  // indexed loops: this runs before every node, mostly in V8's interpreter
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as SourceToken;
    switch (token.type) {
      case 'space':
        if (token.source.includes('\t')) throw GIVE_UP;
        hasSpace = true;
        break;
      case 'comment':
        if (flow || !hasSpace) throw GIVE_UP;
        comment = true;
        break;
      case 'newline':
        hasNewline = true;
        hasSpace = true;
        break;
      case 'comma':
        if (!flow || comma) throw GIVE_UP;
        comma = token;
        hasSpace = false;
        break;
      default:
        if (token.type !== indicator || found) throw GIVE_UP;
        found = token;
        hasSpace = false;
    }
  }
  const last = tokens[tokens.length - 1];
  p.found = found;
  p.comma = comma;
  p.hasNewline = hasNewline;
  p.comment = comment;
  p.end = last ? last.offset + last.source.length : offset;
  return found;
}

/** The composer's resolveEnd (compose/resolve-end.js) for what follows a node: its end offset. */
function endTokens(tokens: readonly SourceToken[] | undefined, offset: number, reqSpace: boolean): number {
  let hasSpace = false;
  const n = tokens ? tokens.length : 0;
  for (let i = 0; i < n; i++) {
    const { type, source } = (tokens as readonly SourceToken[])[i] as SourceToken;
    if (type === 'comment') {
      if (reqSpace && !hasSpace) throw GIVE_UP;
    } else if (type === 'space' || type === 'newline') hasSpace = true;
    else throw GIVE_UP;
    offset += source.length;
  }
  return offset;
}

const isFlowScalar = (t: Token): t is CST.FlowScalar =>
  t.type === 'scalar' || t.type === 'single-quoted-scalar' || t.type === 'double-quoted-scalar';

const isBlock = (t: Token): boolean => t.type === 'block-map' || t.type === 'block-seq';

/** yaml's containsNewline (compose/util-contains-newline.js) for a scalar key. */
function containsNewline(key: CST.FlowScalar): boolean {
  if (key.source.includes('\n')) return true;
  const end = key.end;
  if (end) for (let i = 0; i < end.length; i++) if ((end[i] as SourceToken).type === 'newline') return true;
  return false;
}
