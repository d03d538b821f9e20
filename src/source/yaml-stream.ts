// Parsing YAML, the first step: the yaml library's Lexer and Parser run over a text, lexeme by
// lexeme, giving the parser's tokens (its concrete syntax tree) exactly as Parser.parse does, but
// without the library's dispatching generators between the two. yaml.ts reads the tokens.
// package.json pins yaml to the exact version whose private state functions this calls.

import { CST, Lexer, Parser } from 'yaml';

type Token = CST.Token;
/** A lexer state function's or a parser step's generator: lexemes or tokens, then the next state. */
type Steps<T, R> = Generator<T, R, unknown>;

/**
 * The Lexer's state functions (lexer.js of yaml 2.9): each lexes from its state, yielding lexemes,
 * and returns the next state. `lex()` only sets the text and calls them in turn through
 * `parseNext`, two generators every lexeme passes through.
 */
interface LexerStates {
  buffer: string;
  atEnd: boolean;
  lineEndPos: number | null;
  hasChars(n: number): boolean;
  parseStream(): Steps<string, string | null>;
  parseLineStart(): Steps<string, string | null>;
  parseBlockStart(): Steps<string, string | null>;
  parseDocument(): Steps<string, string | null>;
  parseFlowCollection(): Steps<string, string | null>;
  parseQuotedScalar(): Steps<string, string | null>;
  parseBlockScalar(): Steps<string, string | null>;
  parsePlainScalar(): Steps<string, string | null>;
}

/**
 * The Parser's state and steps (parser.js of yaml 2.9): `next(lexeme)` keeps the offset,
 * indentation and line starts and calls `step()`, which calls the step of the token being built;
 * both are generators made for every lexeme.
 */
interface ParserSteps {
  source: string;
  type: string;
  atScalar: boolean;
  atNewLine: boolean;
  indent: number;
  offset: number;
  onNewLine?: (offset: number) => void;
  stack: Token[];
  next(lexeme: string): Steps<Token, void>;
  step(): Steps<Token, void>;
  document(doc: CST.Document): Steps<Token, void>;
  scalar(scalar: Token): Steps<Token, void>;
  blockScalar(scalar: CST.BlockScalar): Steps<Token, void>;
  blockMap(map: CST.BlockMap): Steps<Token, void>;
  blockSequence(seq: CST.BlockSequence): Steps<Token, void>;
  flowCollection(fc: CST.FlowCollection): Steps<Token, void>;
  documentEnd(docEnd: CST.DocumentEnd): Steps<Token, void>;
}

const LEXER_STATES = [
  'parseStream',
  'parseLineStart',
  'parseBlockStart',
  'parseDocument',
  'parseFlowCollection',
  'parseQuotedScalar',
  'parseBlockScalar',
  'parsePlainScalar',
  'hasChars',
] as const;
const PARSER_STEPS = [
  'next',
  'step',
  'document',
  'scalar',
  'blockScalar',
  'blockMap',
  'blockSequence',
  'flowCollection',
  'documentEnd',
] as const;

/**
 * True when the library has the state functions and steps this module calls (those of yaml 2.9);
 * otherwise the text is parsed through `lex()` and `next()` as the library's own documentation
 * shows. A test checks which the installed version gets, and that both give the same tokens.
 */
export const STEPS_DRIVEN =
  LEXER_STATES.every((m) => typeof (Lexer.prototype as unknown as Record<string, unknown>)[m] === 'function') &&
  PARSER_STEPS.every((m) => typeof (Parser.prototype as unknown as Record<string, unknown>)[m] === 'function');

/**
 * The parser's tokens of `text`, as `new Parser(onNewLine).parse(text)` gives them (onNewLine is
 * called with 0 and then the start of every line, as there), or, as soon as the parser's stack holds
 * more than `maxStack` tokens after a lexeme, the parser at that point.
 */
export function parserTokens(
  text: string,
  onNewLine: (offset: number) => void,
  maxStack: number,
  driven = STEPS_DRIVEN,
): { tokens: Token[] } | { deep: Parser } {
  const parser = new Parser(onNewLine);
  onNewLine(0);
  const tokens: Token[] = [];
  if (!driven) {
    for (const lexeme of new Lexer().lex(text)) {
      for (const t of parser.next(lexeme)) tokens.push(t);
      if (parser.stack.length > maxStack) return { deep: parser };
    }
  } else {
    // as lex(text) starts: the whole text, and no more to come
    const lexer = new Lexer() as unknown as LexerStates;
    lexer.buffer = text;
    lexer.lineEndPos = null;
    lexer.atEnd = true;
    const p = parser as unknown as ParserSteps;
    let state: string | null | undefined = 'stream';
    while (state && lexer.hasChars(1)) {
      const lexemes = lexerState(lexer, state);
      if (!lexemes) break;
      for (;;) {
        const r = lexemes.next();
        if (r.done) {
          state = r.value;
          break;
        }
        take(p, r.value, tokens);
        if (parser.stack.length > maxStack) return { deep: parser };
      }
    }
  }
  for (const t of parser.end()) tokens.push(t);
  return { tokens };
}

/** Lexer.parseNext without its generator: the state function of `state`, started. */
function lexerState(lexer: LexerStates, state: string): Steps<string, string | null> | undefined {
  switch (state) {
    case 'stream':
      return lexer.parseStream();
    case 'line-start':
      return lexer.parseLineStart();
    case 'block-start':
      return lexer.parseBlockStart();
    case 'doc':
      return lexer.parseDocument();
    case 'flow':
      return lexer.parseFlowCollection();
    case 'quoted-scalar':
      return lexer.parseQuotedScalar();
    case 'block-scalar':
      return lexer.parseBlockScalar();
    case 'plain-scalar':
      return lexer.parsePlainScalar();
    default:
      return undefined;
  }
}

/**
 * Parser.next(lexeme) without its generator (and without its `LOG_TOKENS` debugging output): the
 * same state kept, the same step taken, its tokens added to `tokens`. A lexeme that is no YAML
 * token at all (an error) is left to `next` itself.
 */
function take(p: ParserSteps, lexeme: string, tokens: Token[]): void {
  p.source = lexeme;
  if (p.atScalar) {
    p.atScalar = false;
    drain(step(p), tokens);
    p.offset += lexeme.length;
    return;
  }
  const type = lexemeType(lexeme);
  if (!type) {
    for (const t of p.next(lexeme)) tokens.push(t);
    return;
  }
  if (type === 'scalar') {
    p.atNewLine = false;
    p.atScalar = true;
    p.type = 'scalar';
    return;
  }
  p.type = type;
  drain(step(p), tokens);
  switch (type) {
    case 'newline':
      p.atNewLine = true;
      p.indent = 0;
      if (p.onNewLine) p.onNewLine(p.offset + lexeme.length);
      break;
    case 'space':
      if (p.atNewLine && lexeme[0] === ' ') p.indent += lexeme.length;
      break;
    case 'explicit-key-ind':
    case 'map-value-ind':
    case 'seq-item-ind':
      if (p.atNewLine) p.indent += lexeme.length;
      break;
    case 'doc-mode':
    case 'flow-error-end':
      return;
    default:
      p.atNewLine = false;
  }
  p.offset += lexeme.length;
}

/** The tokens a step yields, added to `tokens`: its generator's next() called directly, without for…of's iterator protocol. */
function drain(steps: Steps<Token, void>, tokens: Token[]): void {
  for (let r = steps.next(); r.done !== true; r = steps.next()) tokens.push(r.value);
}

/**
 * Parser.step() without its generator where it only passes the lexeme to the step of the token
 * being built; the end of a document and the stream itself are left to `step`.
 */
function step(p: ParserSteps): Steps<Token, void> {
  const top = p.stack[p.stack.length - 1];
  if (!top || p.type === 'doc-end') return p.step();
  switch (top.type) {
    case 'document':
      return p.document(top);
    case 'alias':
    case 'scalar':
    case 'single-quoted-scalar':
    case 'double-quoted-scalar':
      return p.scalar(top);
    case 'block-scalar':
      return p.blockScalar(top);
    case 'block-map':
      return p.blockMap(top);
    case 'block-seq':
      return p.blockSequence(top);
    case 'flow-collection':
      return p.flowCollection(top);
    case 'doc-end':
      return p.documentEnd(top);
    default:
      return p.step();
  }
}

/**
 * CST.tokenType(lexeme): the kind of token a lexeme starts, or null. The library compares the
 * lexeme with each of its dozen one- to three-character forms in turn, for every lexeme; here it
 * is told by its length and first character (a test compares the two on every one-character text
 * and on random ones).
 */
export function lexemeType(lexeme: string): CST.TokenType | null {
  switch (lexeme.length) {
    case 0:
      return 'newline';
    case 1:
      switch (lexeme.charCodeAt(0)) {
        case 0xfeff:
          return 'byte-order-mark';
        case 0x02:
          return 'doc-mode';
        case 0x18:
          return 'flow-error-end';
        case 0x1f:
          return 'scalar';
        case 10: // \n
          return 'newline';
        case 45: // -
          return 'seq-item-ind';
        case 63: // ?
          return 'explicit-key-ind';
        case 58: // :
          return 'map-value-ind';
        case 123: // {
          return 'flow-map-start';
        case 125: // }
          return 'flow-map-end';
        case 91: // [
          return 'flow-seq-start';
        case 93: // ]
          return 'flow-seq-end';
        case 44: // ,
          return 'comma';
      }
      break;
    case 2:
      if (lexeme === '\r\n') return 'newline';
      break;
    case 3:
      if (lexeme === '---') return 'doc-start';
      if (lexeme === '...') return 'doc-end';
      break;
  }
  switch (lexeme.charCodeAt(0)) {
    case 32: // space
    case 9: // tab
      return 'space';
    case 35: // #
      return 'comment';
    case 37: // %
      return 'directive-line';
    case 42: // *
      return 'alias';
    case 38: // &
      return 'anchor';
    case 33: // !
      return 'tag';
    case 39: // '
      return 'single-quoted-scalar';
    case 34: // "
      return 'double-quoted-scalar';
    case 124: // |
    case 62: // >
      return 'block-scalar-header';
    default:
      return null;
  }
}
