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

/** What composing a node gives: its value in the raw tree and its range, as the composer sets it. */
interface Composed {
  readonly value: unknown;
  readonly start: number;
  readonly valueEnd: number;
  readonly end: number;
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
  try {
    props(document.start, undefined, true, false, document.offset);
    const node = compose(root, '', 0);
    endTokens(document.end, node.end, false);
    return { doc: { file, tree: node.value, locator }, diagnostics };
  } catch (e) {
    if (e === GIVE_UP) return undefined;
    throw e;
  }

  // A node's path is carried as its key string (Locator.keyOf: `.key` and `#index` joined); a node
  // without one (the value of a key refused or written twice) is checked but not recorded.

  /** A node: its value and, when `path` is given, its locations and diagnostics recorded. */
  function compose(token: Token, path: string | undefined, depth: number): Composed {
    if (depth > maxDepth) throw GIVE_UP;
    let c: Composed;
    switch (token.type) {
      case 'scalar':
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
      case 'block-scalar':
        c = scalar(token);
        break;
      case 'block-map':
        c = blockMap(token, path, depth);
        break;
      case 'block-seq':
        c = blockSeq(token, path, depth);
        break;
      case 'flow-collection':
        c = flowCollection(token, path, depth);
        break;
      default:
        throw GIVE_UP;
    }
    if (path !== undefined) locator.setValueSpan(path, c.start, c.valueEnd);
    return c;
  }

  /** The empty scalar where a value is missing, located as a node at `path`. */
  function missing(path: string | undefined, offset: number, before: readonly SourceToken[], p: Props): Composed {
    const c = empty(offset, before, p);
    if (path !== undefined) locator.setValueSpan(path, c.start, c.valueEnd);
    return c;
  }

  /** A key and its value: the key's checks and locations, then the value at `path`.key. */
  function entry(
    out: Record<string, unknown> | undefined,
    path: string | undefined,
    k: Resolved,
    valueOf: (at: string | undefined) => Composed,
  ): Composed {
    if (!out || path === undefined) return valueOf(undefined);
    // the text of a key that is null or a boolean, as the walk of a composed document takes it
    const key = k.text ?? (k.value as string);
    const at = `${path}.${key}`;
    if (key === '__proto__') {
      diagnostics.push(
        error(
          'unknown-key',
          '`__proto__` cannot be used as a key',
          locate(k.start, k.valueEnd),
          'rename the key: no scenario key, year or name is `__proto__`',
        ),
      );
      return valueOf(undefined);
    }
    if (Object.hasOwn(out, key)) {
      const first = locator.keyAt(at);
      if (!first) throw GIVE_UP;
      diagnostics.push(
        error(
          'duplicate-key',
          'this key is written twice in the same mapping',
          locate(k.start, k.valueEnd),
          'keep one of the two entries',
          [`the first is at line ${first.line}, column ${first.column}`],
        ),
      );
      return valueOf(undefined);
    }
    locator.setKeySpan(at, k.start, k.valueEnd);
    const v = valueOf(at);
    out[key] = v.value;
    return v;
  }

  function blockMap(bm: CST.BlockMap, path: string | undefined, depth: number): Composed {
    const out = path !== undefined ? record() : undefined;
    let offset = bm.offset;
    let commentEnd: number | null = null;
    const items = bm.items as CollectionItem[];
    for (let i = 0; i < items.length; i++) {
      const { start, key, sep, value } = items[i] as CollectionItem;
      const keyProps = props(start, undefined, true, false, offset);
      if (!key) {
        if (sep) throw GIVE_UP;
        commentEnd = keyProps.end;
        continue;
      }
      if (!sep || !isFlowScalar(key) || key.indent !== bm.indent || containsNewline(key)) throw GIVE_UP;
      const k = scalar(key);
      const v = entry(out, path, k, (at) => {
        const valueProps = props(sep, 'map-value-ind', false, false, k.end);
        const found = valueProps.found;
        if (!found) throw GIVE_UP;
        if (value?.type === 'block-map' && !valueProps.hasNewline) throw GIVE_UP;
        if (keyProps.end < found.offset - 1024) throw GIVE_UP;
        return value ? compose(value, at, depth + 1) : missing(at, valueProps.end, sep, valueProps);
      });
      offset = v.end;
    }
    if (commentEnd && commentEnd < offset) throw GIVE_UP;
    return { value: out ?? null, start: bm.offset, valueEnd: offset, end: commentEnd ?? offset };
  }

  function blockSeq(bs: CST.BlockSequence, path: string | undefined, depth: number): Composed {
    const out: unknown[] = [];
    let offset = bs.offset;
    let commentEnd: number | null = null;
    for (let i = 0; i < bs.items.length; i++) {
      const { start, value } = bs.items[i] as CollectionItem;
      const p = props(start, 'seq-item-ind', true, false, offset);
      if (!p.found) {
        if (value) throw GIVE_UP;
        commentEnd = p.end;
        continue;
      }
      const at = path !== undefined ? `${path}#${out.length}` : undefined;
      const node = value ? compose(value, at, depth + 1) : missing(at, p.end, start, p);
      out.push(node.value);
      offset = node.end;
    }
    return { value: path !== undefined ? out : null, start: bs.offset, valueEnd: offset, end: commentEnd ?? offset };
  }

  function flowCollection(fc: CST.FlowCollection, path: string | undefined, depth: number): Composed {
    const isMap = fc.start.source === '{';
    const out = path !== undefined ? record() : undefined;
    const list: unknown[] = [];
    let offset = fc.offset + fc.start.source.length;
    const items = fc.items as CollectionItem[];
    for (let i = 0; i < items.length; ++i) {
      const { start, key, sep, value } = items[i] as CollectionItem;
      const p = props(start, undefined, false, true, offset);
      if (!sep && !value) {
        if (key || (i === 0 && p.comma) || i < items.length - 1) throw GIVE_UP;
        offset = p.end;
        continue;
      }
      if ((i === 0) !== !p.comma) throw GIVE_UP;
      if (!isMap) {
        if (sep || key || !value || isBlock(value)) throw GIVE_UP;
        const node = compose(value, path !== undefined ? `${path}#${list.length}` : undefined, depth + 1);
        list.push(node.value);
        offset = node.end;
        continue;
      }
      if (!key || !sep || !isFlowScalar(key) || (value && isBlock(value))) throw GIVE_UP;
      const k = scalar(key);
      const v = entry(out, path, k, (at) => {
        const valueProps = props(sep, 'map-value-ind', false, true, k.end);
        if (!valueProps.found) throw GIVE_UP;
        return value ? compose(value, at, depth + 1) : missing(at, valueProps.end, sep, valueProps);
      });
      offset = v.end;
    }
    const [ce, ...ee] = fc.end;
    if (ce?.source !== (isMap ? '}' : ']')) throw GIVE_UP;
    const cePos = ce.offset + ce.source.length;
    const end = ee.length > 0 ? endTokens(ee, cePos, true) : cePos;
    return { value: isMap ? (out ?? null) : path !== undefined ? list : null, start: fc.offset, valueEnd: cePos, end };
  }
}

/** A scalar as the composer resolves it, with its range; a plain one also with its text. */
type Resolved = Composed & { readonly text?: string };

function scalar(token: CST.FlowScalar | CST.BlockScalar): Resolved {
  const oneLine = token.type === 'block-scalar' ? undefined : oneLineValue(token);
  let value: string;
  let start: number;
  let valueEnd: number;
  let end: number;
  if (oneLine !== undefined) {
    value = oneLine;
    start = token.offset;
    valueEnd = token.offset + token.source.length;
    end = endTokens((token as CST.FlowScalar).end, valueEnd, true);
  } else {
    let failed = false;
    const r = CST.resolveAsScalar(token, true, () => {
      failed = true;
    });
    if (failed || !r) throw GIVE_UP;
    value = r.value;
    [start, valueEnd, end] = r.range;
  }
  if (token.type !== 'scalar') return { value, start, valueEnd, end };
  return { value: coreScalar(value), text: value, start, valueEnd, end };
}

/**
 * A plain scalar's value in the core schema: null (``, `~`, `null`, `Null`, `NULL`), a boolean
 * (`true`, `True`, `TRUE`, `false`, `False`, `FALSE`) or its text (numbers keep theirs), as the
 * composer's tests give it; compared by length first, as most scalars are none of these.
 */
function coreScalar(text: string): string | boolean | null {
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

/** The composer's empty scalar (null) where a value is missing, and its range. */
function empty(offset: number, before: readonly SourceToken[] | undefined, p: Props): Composed {
  const at = emptyScalarPosition(offset, before);
  return { value: null, start: at, valueEnd: at, end: p.comment ? p.end : at };
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

interface Props {
  readonly found: SourceToken | undefined;
  readonly comma: SourceToken | undefined;
  readonly hasNewline: boolean;
  readonly comment: boolean;
  readonly end: number;
}

/**
 * The composer's resolveProps (compose/resolve-props.js) for the tokens before a node, when they
 * hold only spaces without tabs, line breaks, comments (outside flow collections), at most one
 * `indicator` and (in flow collections) at most one comma: anything else gives up, and so does
 * everything resolveProps would report.
 */
function props(
  tokens: readonly SourceToken[],
  indicator: string | undefined,
  startOnNewline: boolean,
  flow: boolean,
  offset: number,
): Props {
  let hasSpace = startOnNewline;
  let hasNewline = false;
  let comment = false;
  let found: SourceToken | undefined;
  let comma: SourceToken | undefined;
  // indexed loops and a fixed-shape result: this runs before every node, mostly in V8's interpreter
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
  const end = last ? last.offset + last.source.length : offset;
  return { found, comma, hasNewline, comment, end };
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
