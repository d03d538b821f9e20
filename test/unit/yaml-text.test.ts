// Reading YAML from its text (source/yaml-text.ts) gives what the library's parser gives: generated
// documents written as scenarios are, in every formatting the plain case allows, and near misses
// just outside it, are read the three ways (text, tokens, composed) and compared.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectSame, readFromText } from '../helpers/yaml-compare.js';

/** A blank line (`spaces` spaces) or a comment line `delta` columns from the block it sits in. */
type Filler = { kind: 'blank'; spaces: number } | { kind: 'comment'; delta: number; text: string };

/** A scalar or a flow collection, written on its key's (or its `-`'s) line. */
interface Leaf {
  kind: 'leaf';
  text: string;
}

/** A body line of a block scalar: text `extra` columns deeper than the first, or blank with `spaces`. */
type BodyLine = { kind: 'text'; extra: number; text: string } | { kind: 'blank'; spaces: number };

/** A literal or folded block scalar: its header and comment on its key's line, its body below. */
interface BlockScalar {
  kind: 'block';
  header: string;
  comment: string;
  /** How much deeper than its key the body is. */
  step: number;
  lines: BodyLine[];
}

interface Entry {
  key: string;
  before: Filler[];
  /** Spaces between `:` and a value on the line. */
  gap: number;
  /** What follows a value on its line, or `key:` with a block below. */
  trailing: string;
  value: Leaf | BlockScalar | MapNode | SeqNode;
}

interface MapNode {
  kind: 'map';
  /** How much deeper than its key this mapping is (unused for an item of a sequence: `- key: …`). */
  step: number;
  entries: Entry[];
  after: Filler[];
}

interface Item {
  before: Filler[];
  /** Spaces after `-`. */
  gap: number;
  trailing: string;
  value: Leaf | MapNode;
}

interface SeqNode {
  kind: 'seq';
  /** How much deeper than its key this sequence is (0: in the key's column). */
  step: number;
  items: Item[];
  after: Filler[];
}

const plainWords = [
  'x',
  'hello world',
  'a  b',
  'a#b',
  'a:b',
  'http://x.y/z',
  '-1,234.5',
  '1,275',
  '0.5',
  '-x',
  '.5',
  '007',
  '0x1F',
  '2018/19',
  '~',
  'null',
  'Null',
  'NULL',
  'true',
  'True',
  'False',
  'FALSE',
  'a - b',
  'x [y] {z}',
  'a, b',
  'it\'s "so"',
  'a ~ b',
  '£1,000',
  'Élan – vital',
  'a -',
  'a?',
  '.inf',
  '-.Inf',
  '.NaN',
  '1e3',
  '+1',
  '0o17',
  'yes',
  'Off',
  '---',
  '...',
  '--- x',
  'a ---',
  'x\u00a0',
  '\u00a0x',
  'a\u00a0 b',
  '😀 x',
  'ﬀ',
  'a\\b',
  'a "b" c',
  "a 'b'",
  'a=b',
  'x%',
  'x@y',
  'a*b',
  'a&b',
  'x!',
  'a |',
  'a >',
];

const quoted = [
  "'it''s'",
  "''",
  '""',
  '"a b"',
  '"a # b"',
  "'a: b'",
  '"x"',
  "' '",
  '"[1, 2]"',
  "'#'",
  "''''",
  '"it\'s"',
  '"😀"',
  "'a''''b'",
  '"  "',
  "'-'",
  '"null"',
  "'1,275'",
];

const flowScalar = fc.constantFrom(
  '1',
  'x',
  'a b',
  '-1',
  '~',
  'null',
  'true',
  'a:b',
  'x.y',
  '2018/19',
  "'q'",
  '"d"',
  "''",
  '"a, b"',
  'a#b',
  '😀',
  "'it''s'",
  '-x',
  'a?b',
);
const flowKey = fc.constantFrom('a', 'b', 'c', '2018/19', 'x y', 'null', '1');
const flowSpace = fc.constantFrom('', ' ', '  ');

const flowArb: fc.Arbitrary<string> = fc.letrec<{ flow: string }>((tie) => ({
  flow: fc.oneof(
    { depthSize: 'small', maxDepth: 3 },
    fc
      .tuple(fc.array(fc.tuple(flowSpace, fc.oneof(flowScalar, tie('flow')), flowSpace), { maxLength: 4 }), flowSpace)
      .map(([items, inner]) => (items.length === 0 ? `[${inner}]` : `[${items.map(([a, v, b]) => a + v + b).join(',')}]`)),
    fc
      .tuple(
        fc.uniqueArray(fc.tuple(flowKey, flowSpace, fc.oneof(flowScalar, tie('flow')), flowSpace, fc.constantFrom(': ', ': ', ':  ')), {
          maxLength: 3,
          selector: (e) => e[0],
        }),
        flowSpace,
      )
      .map(([items, inner]) =>
        items.length === 0 ? `{${inner}}` : `{${items.map(([k, a, v, b, colon]) => a + k + colon + v + b).join(',')}}`,
      ),
  ),
})).flow;

const leaf: fc.Arbitrary<Leaf> = fc
  .oneof(
    { weight: 5, arbitrary: fc.constantFrom(...plainWords) },
    { weight: 2, arbitrary: fc.constantFrom(...quoted) },
    { weight: 2, arbitrary: flowArb },
  )
  .map((text) => ({ kind: 'leaf', text }));

const trailing = fc.constantFrom('', '', '', ' ', '   ', ' # c', '  #c ', ' #', ' # a: b # c');

const filler: fc.Arbitrary<Filler> = fc.oneof(
  fc.record({ kind: fc.constant('blank' as const), spaces: fc.constantFrom(0, 0, 1, 2, 3, 5, 8) }),
  fc.record({
    kind: fc.constant('comment' as const),
    // a comment deeper than its block after a value on its key's line is left to the library
    delta: fc.oneof({ weight: 10, arbitrary: fc.integer({ min: -8, max: 0 }) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 4 }) }),
    text: fc.constantFrom('#', '# c', '#c: d', '# - x', '#  '),
  }),
);
const fillers = fc.oneof(
  { weight: 3, arbitrary: fc.constant([] as Filler[]) },
  { weight: 2, arbitrary: fc.array(filler, { maxLength: 3 }) },
);

const bodyText = fc.constantFrom(
  'text',
  'more text',
  'a, b [c] {d}',
  'x: y',
  '- item',
  '# not a comment',
  'it\'s "q"',
  'trail  ',
  '£1,275',
  '|',
  '>',
  '---',
  '...',
  '--- x',
  '😀',
  'a\u00a0',
  '"',
  "'",
  '\\',
  '#',
  '-',
  'k:',
);
const blankBodyLine: fc.Arbitrary<BodyLine> = fc.record({
  kind: fc.constant('blank' as const),
  spaces: fc.constantFrom(0, 0, 1, 2, 3, 6, 9),
});
// blank lines before the first with text, more indented than it, are an error
const leadBodyLine: fc.Arbitrary<BodyLine> = fc.record({
  kind: fc.constant('blank' as const),
  spaces: fc.constantFrom(0, 0, 0, 1, 2, 2, 9),
});
const bodyLine: fc.Arbitrary<BodyLine> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('text' as const), extra: fc.constantFrom(0, 0, 0, 1, 2, 4), text: bodyText }) },
  { weight: 1, arbitrary: blankBodyLine },
);

const blockScalar: fc.Arbitrary<BlockScalar> = fc.record({
  kind: fc.constant('block' as const),
  header: fc.constantFrom('|', '>', '|-', '>-'),
  comment: fc.constantFrom('', '', ' ', ' # c', '  #c'),
  // rarely in its key's column, where it is empty
  step: fc.oneof({ weight: 12, arbitrary: fc.integer({ min: 1, max: 4 }) }, { weight: 1, arbitrary: fc.constant(0) }),
  lines: fc.oneof(
    { weight: 1, arbitrary: fc.constant([] as BodyLine[]) },
    {
      weight: 6,
      arbitrary: fc
        .tuple(fc.array(leadBodyLine, { maxLength: 2 }), bodyText, fc.array(bodyLine, { maxLength: 5 }))
        .map(([lead, first, rest]): BodyLine[] => [...lead, { kind: 'text', extra: 0, text: first }, ...rest]),
    },
  ),
});

const keyArb = fc.constantFrom(
  'a',
  'b',
  'key',
  'ref',
  'x y',
  '2018/19',
  'a-b',
  'a#b',
  'k:v',
  'snake_case',
  'K',
  'null',
  'true',
  '~',
  '1',
  '-1',
  '1.50',
  'é',
  '<<',
  'a.b',
  'a b c',
  '😀',
  'x\u00a0y',
  '=',
  "it's",
  'a"b',
  'a[0]',
  'a{b}',
  'a, b',
  'x?',
  'a:b:c',
);

const { map: mapArb } = fc.letrec<{ map: MapNode; seq: SeqNode; value: Leaf | BlockScalar | MapNode | SeqNode }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', maxDepth: 4 },
    { weight: 6, arbitrary: leaf },
    { weight: 1, arbitrary: blockScalar },
    { weight: 2, arbitrary: tie('map') as fc.Arbitrary<MapNode> },
    { weight: 2, arbitrary: tie('seq') as fc.Arbitrary<SeqNode> },
  ),
  map: fc.record({
    kind: fc.constant('map' as const),
    step: fc.integer({ min: 1, max: 4 }),
    entries: fc.array(
      fc.record({
        key: keyArb,
        before: fillers,
        gap: fc.constantFrom(1, 1, 1, 2, 3),
        trailing,
        value: tie('value') as fc.Arbitrary<Entry['value']>,
      }),
      { minLength: 1, maxLength: 5 },
    ),
    after: fillers,
  }),
  seq: fc.record({
    kind: fc.constant('seq' as const),
    step: fc.oneof({ weight: 2, arbitrary: fc.constant(0) }, { weight: 3, arbitrary: fc.integer({ min: 1, max: 4 }) }),
    items: fc.array(
      fc.record({
        before: fillers,
        gap: fc.constantFrom(1, 1, 1, 2, 3),
        trailing,
        value: fc.oneof({ weight: 3, arbitrary: leaf }, { weight: 2, arbitrary: tie('map') as fc.Arbitrary<MapNode> }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    after: fillers,
  }),
}));

const pad = (n: number): string => ' '.repeat(Math.max(0, n));

function renderFillers(out: string[], fs: readonly Filler[], indent: number): void {
  for (const f of fs) out.push(f.kind === 'blank' ? pad(f.spaces) : pad(indent + f.delta) + f.text);
}

/**
 * The lines of a mapping whose keys are in column `indent`; `first` (as long as `indent`), when
 * given, takes the place of the first key's indentation (`- ` of a sequence's item).
 */
function renderMap(out: string[], m: MapNode, indent: number, first?: string): void {
  const used = new Set<string>();
  m.entries.forEach((e, i) => {
    let key = e.key;
    for (let k = 2; used.has(key); k++) key = `${e.key}${k}`;
    used.add(key);
    if (i > 0 || first === undefined) renderFillers(out, e.before, indent);
    const head = (i === 0 && first !== undefined ? first : pad(indent)) + key + ':';
    const v = e.value;
    if (v.kind === 'leaf') out.push(head + pad(e.gap) + v.text + e.trailing);
    else if (v.kind === 'block') {
      out.push(`${head}${pad(e.gap)}${v.header}${v.comment}`);
      const body = indent + v.step;
      for (const l of v.lines) out.push(l.kind === 'text' ? pad(body + l.extra) + l.text : pad(l.spaces));
    } else if (v.kind === 'map') {
      out.push(head + e.trailing);
      renderMap(out, v, indent + v.step);
    } else {
      out.push(head + e.trailing);
      renderSeq(out, v, indent + v.step);
    }
  });
  renderFillers(out, m.after, indent);
}

function renderSeq(out: string[], s: SeqNode, indent: number): void {
  for (const item of s.items) {
    renderFillers(out, item.before, indent);
    const dash = pad(indent) + '-' + pad(item.gap);
    if (item.value.kind === 'leaf') out.push(dash + item.value.text + item.trailing);
    else renderMap(out, item.value, dash.length, dash);
  }
  renderFillers(out, s.after, indent);
}

/** A whole document: a mapping from the first column, header comments, a final newline or not. */
const documentArb = fc.record({ header: fillers, root: mapArb, finalNewline: fc.boolean() }).map(({ header, root, finalNewline }) => {
  const out: string[] = [];
  renderFillers(out, header, 0);
  renderMap(out, root, 0);
  return out.join('\n') + (finalNewline ? '\n' : '');
});

/** Edits that take a document just outside the plain case (or not: a few stay in it). */
const nearMisses: ((text: string, at: number) => string)[] = [
  // a tab in the indentation or after a key
  (t, at) => onLine(t, at, (l) => l.replace(/^( *) /, '$1\t')),
  (t, at) => onLine(t, at, (l) => l.replace(': ', ':\t')),
  (t) => t.replaceAll('\n', '\r\n'),
  // `key:` and `- ` with nothing
  (t, at) => onLine(t, at, (l) => l.replace(/^( *[^ #][^:]*:) .*$/, '$1')),
  (t, at) => onLine(t, at, (l) => l.replace(/^( *- ).*$/, '$1')),
  (t, at) => onLine(t, at, (l) => l.replace(/^( *-) .*$/, '$1')),
  // anchors, aliases, tags
  (t, at) => onLine(t, at, (l) => l.replace(': ', ': &a ')),
  (t, at) => onLine(t, at, (l) => l.replace(': ', ': *a ')),
  (t, at) => onLine(t, at, (l) => l.replace(': ', ': !!str ')),
  (t, at) => onLine(t, at, (l) => l.replace(/^( *)([^ #-])/, '$1!t $2')),
  // document markers
  (t) => `---\n${t}`,
  (t) => `--- # c\n${t}`,
  (t) => `%YAML 1.2\n---\n${t}`,
  (t, at) => insertLine(t, at, '---'),
  (t, at) => insertLine(t, at, '...'),
  (t, at) => insertLine(t, at, '--- x'),
  (t, at) => onLine(t, at, (l) => l.replace(/^([^ #-])/, '---$1')),
  (t, at) => onLine(t, at, (l) => l.replace(/^([^ #-])/, '...$1')),
  // duplicate keys, `__proto__`
  (t, at) => onLine(t, at, (l) => (/^ *[^ #-][^:]*: \S/.test(l) ? `${l}\n${l}` : l)),
  (t, at) => onLine(t, at, (l) => l.replace(/^( *)[^ #:-][^:]*:/, '$1__proto__:')),
  (t, at) => onLine(t, at, (l) => l.replace(/\{ *[^ ,:}]+:/, '{__proto__:')),
  // flows over several lines, unclosed, followed by more, keys without a space after `:`
  (t, at) => onLine(t, at, (l) => l.replace(/([\]}])( *)$/, '$1 x$2')),
  (t, at) => onLine(t, at, (l) => l.replace(/\{( *[^ :,{}[\]]+):( *)/, '{$1:')),
  (t, at) => onLine(t, at, (l) => l.replace(/([\]}])( *)$/, '$1,$2')),
  (t, at) => onLine(t, at, (l) => l.replace(/\]/, ' ,]')),
  // items of a flow just outside: indicators, a comment, a key without a value, escapes
  ...['-', '- x', '?', 'x:', ':x', 'a #b', '&a x', '*a', '!t x', '"\\t"', 'a: b', '[a]: b', '"a": b'].map(
    (item) => (t: string, at: number) => onLine(t, at, (l) => l.replace(/([[,] *)[^ ,[\]{}]+/, `$1${item}`)),
  ),
  // quoted keys, quoted scalars over two lines, quoted scalars followed by more
  (t, at) => onLine(t, at, (l) => l.replace(/^( *)([^ #:-][^:]*):/, '$1"$2":')),
  (t, at) => onLine(t, at, (l) => l.replace(/^( *)([^ #:-][^:]*):/, "$1'$2':")),
  (t, at) => onLine(t, at, (l) => l.replace(/^( *)(.*)"([^"]*) ([^"]*)"/, '$1$2"$3\n$1  $4"')),
  (t, at) => onLine(t, at, (l) => l.replace(/(["'])( *)$/, '$1x$2')),
  (t, at) => onLine(t, at, (l) => l.replace(', ', ',\n    ')),
  (t, at) => onLine(t, at, (l) => l.replace(/\[(.*)\]/, '[$1')),
  // a space before `:`, explicit keys
  (t, at) => onLine(t, at, (l) => l.replace(/^( *[^ #:-][^:]*):/, '$1 :')),
  (t, at) => onLine(t, at, (l) => l.replace(/^( *)([^ #:-][^:]*):/, '$1? $2\n$1:')),
  // block scalars: indentation indicators, keeping, in a sequence, empty
  (t) => t.replace(/: ([|>])(-?)/, ': $1$22'),
  (t) => t.replace(/: ([|>])(-?)/, ': $1+'),
  (t) => t.replace(/: ([|>])-?/, ': $1#c'),
  (t, at) => onLine(t, at, (l) => l.replace(/^( *)- .*$/, '$1- |\n$1   block')),
  (t, at) => onLine(t, at, (l) => l.replace(/^( *)- (.*)$/, '$1-\n$1  $2')),
  (t, at) => onLine(t, at, (l) => l.replace(/^( *)- (.*)$/, '$1- - $2')),
  // values that are not plain scalars of the plain case
  (t, at) => onLine(t, at, (l) => l.replace(/: \S.*$/, ': -')),
  (t, at) => onLine(t, at, (l) => l.replace(/: \S.*$/, ': ?x')),
  (t, at) => onLine(t, at, (l) => l.replace(/: \S.*$/, ': a: b')),
  (t, at) => onLine(t, at, (l) => l.replace(/: \S.*$/, ': a:')),
  // a plain scalar continued, a line one column off
  (t, at) => onLine(t, at, (l) => l.replace(/^( *)([^ #-][^:]*: [a-z].*)$/, '$1$2\n$1  continued')),
  (t, at) => onLine(t, at, (l) => ` ${l}`),
  (t, at) => onLine(t, at, (l) => l.replace(/^ /, '')),
  // the whole document indented
  (t) => t.replace(/^/gm, ' '),
  (t) => t.replace(/^(?=.)/gm, '  '),
  // a comment without a space before it, escapes
  (t, at) => onLine(t, at, (l) => l.replace(/ #/, '#')),
  (t) => t.replace(/([\]}"'])( +)#/, '$1#'),
  (t) => t.replace(/"([^"\n]*)"/, '"$1\\n"'),
  (t) => t.replace(/"([^"\n]*)"/, '"\\"$1"'),
  (t) => t.replace(/'([^'\n]*)'/, "'\\$1'"),
];

function onLine(text: string, at: number, edit: (line: string) => string): string {
  const lines = text.split('\n');
  const i = at % lines.length;
  lines[i] = edit(lines[i] as string);
  return lines.join('\n');
}

/**
 * The line at `at` (of those with content) and the lines after it that belong to it (deeper, or
 * the next items of its sequence), moved `by` columns.
 */
function shiftBlock(text: string, at: number, by: number, firstItems = false): string {
  const lines = text.split('\n');
  const indentOf = (l: string): number => l.length - l.trimStart().length;
  const isItem = (l: string): boolean => /^ *-( |$)/.test(l);
  let content = lines.flatMap((l, i) => (l.trim() === '' || l.trimStart().startsWith('#') ? [] : [i]));
  // or only the first items of sequences, the lines after a `key:`
  if (firstItems)
    content = content.filter((i, k) => k > 0 && isItem(lines[i] as string) && /: *(#.*)?$/.test(lines[content[k - 1] as number] as string));
  if (content.length === 0) return text;
  const first = content[at % content.length] as number;
  const head = lines[first] as string;
  const depth = indentOf(head);
  if (depth + by < 0) return text;
  for (let i = first; i < lines.length; i++) {
    const l = lines[i] as string;
    const belongs = i === first || l.trim() === '' || indentOf(l) > depth || (indentOf(l) === depth && isItem(head) && isItem(l));
    if (!belongs) break;
    lines[i] = by < 0 ? l.slice(Math.min(-by, indentOf(l))) : ' '.repeat(by) + l;
  }
  return lines.join('\n');
}

function insertLine(text: string, at: number, line: string): string {
  const lines = text.split('\n');
  lines.splice(at % (lines.length + 1), 0, line);
  return lines.join('\n');
}

describe('reading YAML from its text', () => {
  it('gives what the library gives, for generated documents and near misses', () => {
    const runs = Number(process.env.YAML_TEXT_RUNS ?? 2000);
    let plain = 0;
    let fromText = 0;
    // a near miss, or a block moved a column
    const edit = fc.oneof(
      { weight: 3, arbitrary: fc.constant(null) },
      { weight: 2, arbitrary: fc.tuple(fc.nat({ max: nearMisses.length - 1 }), fc.nat()) },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom(-1, 1), fc.boolean(), fc.nat()) },
    );
    fc.assert(
      fc.property(documentArb, edit, fc.integer({ min: 1, max: 6 }), (text, miss, endSpaces) => {
        if (miss?.length === 2) {
          const [which, at] = miss;
          expectSame('g.yaml', (nearMisses[which] as (t: string, at: number) => string)(text, at));
          return;
        }
        if (miss?.length === 3) {
          const [by, firstItems, at] = miss;
          expectSame('g.yaml', shiftBlock(text, at, by, firstItems));
          return;
        }
        plain++;
        expectSame('g.yaml', text);
        if (!readFromText(text)) return;
        fromText++;
        // and, of a document read from its text, the near misses where a slip in the reading would
        // show: its first sequences a column before their key's (or after), a last line of spaces
        // without a newline, a comment right after a flow or a quoted scalar
        const variants = new Set([
          ...[0, 1].flatMap((at) => [-1, 1].map((by) => shiftBlock(text, at, by, true))),
          text.endsWith('\n') ? text + ' '.repeat(endSpaces) : text,
          text.replace(/([\]}"'])( +)#/, '$1#'),
        ]);
        for (const v of variants) if (v !== text) expectSame('g.yaml', v);
        // and the same document with Windows line ends, read from its text as well
        const crlf = text.replaceAll('\n', '\r\n');
        expectSame('g.yaml', crlf);
        expect(readFromText(crlf)).toBe(true);
      }),
      { numRuns: runs, seed: Number(process.env.YAML_TEXT_SEED ?? 20261206) },
    );
    // the comparisons are mostly of the reading from the text, not of its giving up
    expect(fromText).toBeGreaterThan(plain / 2);
  }, 120_000);

  it('gives what the library gives, for lines of the plain case at random indentations', () => {
    // each line a piece of the plain case at any indentation: mostly not a document, but where one
    // is, its blocks are indented every way the structured documents above are not
    const piece = fc.constantFrom(
      'K: 1',
      'K: x y  # c',
      'K:',
      'K:  # c',
      'K: |',
      'K: >-',
      'K: [a, {b: c}]',
      "K: 'q'",
      '- x',
      '-  x',
      '- K: 1',
      '- K:',
      '- [x]',
      '-',
      '# c',
      '#',
      '',
      'text',
      'more text',
      'x: y',
    );
    // the indentation from the line before's: mostly the same, deeper or back out
    const delta = fc.oneof(
      { weight: 3, arbitrary: fc.constant(0) },
      { weight: 2, arbitrary: fc.integer({ min: 1, max: 4 }) },
      { weight: 2, arbitrary: fc.integer({ min: -6, max: -1 }) },
    );
    const line = fc.tuple(delta, piece);
    let fromText = 0;
    const runs = Number(process.env.YAML_TEXT_RUNS ?? 3000);
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 12 }), fc.boolean(), (lines, finalNewline) => {
        let indent = 0;
        // keys numbered by line, so that no mapping has one twice
        const text = lines
          .map(([d, p], i) => {
            indent = i === 0 ? 0 : Math.max(0, indent + d);
            return ' '.repeat(indent) + p.replace('K', `k${i}`);
          })
          .join('\n');
        const whole = finalNewline ? `${text}\n` : text;
        if (readFromText(whole)) fromText++;
        expectSame('l.yaml', whole);
      }),
      { numRuns: runs, seed: Number(process.env.YAML_TEXT_SEED ?? 20261206) },
    );
    expect(fromText).toBeGreaterThan(runs / 25);
  }, 120_000);

  it('gives what the library gives, for nesting about as deep as is allowed', () => {
    const maps = (d: number): string => Array.from({ length: d }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' x\n';
    // an item of a sequence and its mapping are two levels
    const items = (d: number): string =>
      'a:\n' +
      Array.from({ length: d >> 1 }, (_, i) => `${' '.repeat(2 * i)}- k:`)
        .join('\n')
        .replace(/ k:$/, ' x') +
      '\n';
    const flows = (d: number): string => `a: ${'['.repeat(d)}x${']'.repeat(d)}\n`;
    const mixed = (d: number): string =>
      `${maps(d >> 1).replace(/ x\n$/, ' ')}${'{a: '.repeat(d - (d >> 1))}x${'}'.repeat(d - (d >> 1))}\n`;
    let fromText = 0;
    for (let d = 56; d <= 68; d++) {
      for (const text of [maps(d), items(d), flows(d), mixed(d)]) {
        expectSame('deep.yaml', text);
        if (readFromText(text)) fromText++;
      }
    }
    expect(fromText).toBeGreaterThan(10);
  });
});
