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
  pos: number;
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
    // lexer.hasChars(1), without the call
    while (state && lexer.pos < lexer.buffer.length) {
      // Lexer.parseNext without its generator: the state function of `state`, started (here and in
      // the switches below the cases come in the order a scenario most often has them, as V8's
      // interpreter compares a switch's strings one case after another)
      let lexemes: Steps<string, string | null>;
      switch (state) {
        case 'doc':
          lexemes = lexer.parseDocument();
          break;
        case 'flow':
          lexemes = lexer.parseFlowCollection();
          break;
        case 'block-start':
          lexemes = lexer.parseBlockStart();
          break;
        case 'line-start':
          lexemes = lexer.parseLineStart();
          break;
        case 'stream':
          lexemes = lexer.parseStream();
          break;
        case 'quoted-scalar':
          lexemes = lexer.parseQuotedScalar();
          break;
        case 'plain-scalar':
          lexemes = lexer.parsePlainScalar();
          break;
        case 'block-scalar':
          lexemes = lexer.parseBlockScalar();
          break;
        default:
          state = undefined;
          continue;
      }
      for (;;) {
        const r = lexemes.next();
        if (r.done) {
          state = r.value;
          break;
        }
        // Parser.next(lexeme) without its generator (and without its `LOG_TOKENS` debugging
        // output): the same state kept, the same step taken, its tokens added to `tokens`; a lexeme
        // that is no YAML token at all (an error) is left to `next` itself
        const lexeme = r.value;
        p.source = lexeme;
        let type: CST.TokenType | null = null;
        if (p.atScalar) p.atScalar = false;
        else {
          type = lexemeType(lexeme);
          if (!type) {
            for (const t of p.next(lexeme)) tokens.push(t);
            if (parser.stack.length > maxStack) return { deep: parser };
            continue;
          }
          if (type === 'scalar') {
            p.atNewLine = false;
            p.atScalar = true;
            p.type = 'scalar';
            continue;
          }
          p.type = type;
        }
        // Parser.step() without its generator where it only passes the lexeme to the step of the token
        // being built (the end of a document and the stream itself are left to `step`); the step's tokens
        // taken by calling its generator's next() directly, without for…of's iterator protocol
        const top = p.stack[p.stack.length - 1];
        let steps: Steps<Token, void>;
        if (!top || type === 'doc-end') steps = p.step();
        else
          switch (top.type) {
            case 'block-map':
              steps = p.blockMap(top);
              break;
            case 'scalar':
            case 'double-quoted-scalar':
            case 'single-quoted-scalar':
            case 'alias':
              steps = p.scalar(top);
              break;
            case 'flow-collection':
              steps = p.flowCollection(top);
              break;
            case 'block-seq':
              steps = p.blockSequence(top);
              break;
            case 'document':
              steps = p.document(top);
              break;
            case 'block-scalar':
              steps = p.blockScalar(top);
              break;
            case 'doc-end':
              steps = p.documentEnd(top);
              break;
            default:
              steps = p.step();
          }
        for (let t = steps.next(); t.done !== true; t = steps.next()) tokens.push(t.value);
        // then the parser's offset moved past the lexeme, but for the two marks the lexer adds
        switch (type) {
          case null: // the scalar's own text
            break;
          case 'space':
            if (p.atNewLine && lexeme[0] === ' ') p.indent += lexeme.length;
            break;
          case 'map-value-ind':
          case 'seq-item-ind':
          case 'explicit-key-ind':
            if (p.atNewLine) p.indent += lexeme.length;
            break;
          case 'newline':
            p.atNewLine = true;
            p.indent = 0;
            if (p.onNewLine) p.onNewLine(p.offset + lexeme.length);
            break;
          case 'doc-mode':
          case 'flow-error-end':
            if (parser.stack.length > maxStack) return { deep: parser };
            continue;
          default:
            p.atNewLine = false;
        }
        p.offset += lexeme.length;
        if (parser.stack.length > maxStack) return { deep: parser };
      }
    }
  }
  for (const t of parser.end()) tokens.push(t);
  return { tokens };
}

/**
 * CST.tokenType(lexeme): the kind of token a lexeme starts, or null. The library compares the
 * lexeme with each of its dozen one- to three-character forms in turn, for every lexeme; here it
 * is told by its length and first character (a test compares the two on every one-character text
 * and on random ones).
 */
export function lexemeType(lexeme: string): CST.TokenType | null {
  // the cases in the order of how often a scenario has them
  switch (lexeme.length) {
    case 1:
      switch (lexeme.charCodeAt(0)) {
        case 0x1f:
          return 'scalar';
        case 32: // space
          return 'space';
        case 10: // \n
          return 'newline';
        case 58: // :
          return 'map-value-ind';
        case 44: // ,
          return 'comma';
        case 45: // -
          return 'seq-item-ind';
        case 123: // {
          return 'flow-map-start';
        case 125: // }
          return 'flow-map-end';
        case 91: // [
          return 'flow-seq-start';
        case 93: // ]
          return 'flow-seq-end';
        case 63: // ?
          return 'explicit-key-ind';
        case 0xfeff:
          return 'byte-order-mark';
        case 0x02:
          return 'doc-mode';
        case 0x18:
          return 'flow-error-end';
      }
      break;
    case 0:
      return 'newline';
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
      return 'space';
    case 35: // #
      return 'comment';
    case 34: // "
      return 'double-quoted-scalar';
    case 39: // '
      return 'single-quoted-scalar';
    case 9: // tab
      return 'space';
    case 124: // |
    case 62: // >
      return 'block-scalar-header';
    case 37: // %
      return 'directive-line';
    case 42: // *
      return 'alias';
    case 38: // &
      return 'anchor';
    case 33: // !
      return 'tag';
    default:
      return null;
  }
}
