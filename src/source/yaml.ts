// Parsing YAML with positions: text → raw tree + locator. Numbers keep their source text so that
// no amount ever passes through a JS number; anchors and aliases are refused (no alias bombs).

import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Node as YamlNode,
  type Range,
} from 'yaml';
import { error, type Diagnostic, type Location } from '../diagnostics/diagnostic.js';
import { Locator, record, type Path, type RawDocument } from './raw-tree.js';

/** Deeper nesting than this is refused: no scenario needs it and it protects the stack. */
export const MAX_DEPTH = 64;

export function parseYaml(file: string, text: string): { doc?: RawDocument; diagnostics: Diagnostic[] } {
  const lineCounter = new LineCounter();
  const diagnostics: Diagnostic[] = [];
  const locate = (start: number, end: number): Location => {
    const a = lineCounter.linePos(start);
    const b = lineCounter.linePos(Math.max(end, start + 1));
    return { file, line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
  };
  let document;
  try {
    document = parseDocument(text, {
      lineCounter,
      prettyErrors: false,
      uniqueKeys: true,
      version: '1.2',
      schema: 'core',
      strict: true,
    });
  } catch (e) {
    return { diagnostics: [error('yaml-syntax', `cannot parse YAML: ${String((e as Error).message ?? e)}`, undefined)] };
  }
  for (const e of document.errors) {
    const [start, end] = e.pos;
    const dup = e.code === 'DUPLICATE_KEY';
    diagnostics.push(
      error(
        dup ? 'duplicate-key' : 'yaml-syntax',
        dup ? 'this key is written twice in the same mapping' : firstLine(e.message),
        locate(start, end),
        dup ? 'keep one of the two entries' : yamlHint(e.code),
      ),
    );
  }
  if (diagnostics.length > 0) return { diagnostics };

  const whole = locate(0, Math.min(1, text.length));
  const locator = new Locator(file, whole);
  const rangeLoc = (r: Range | null | undefined): Location | undefined => (r ? locate(r[0], r[1]) : undefined);

  const walk = (node: YamlNode | null | undefined, path: Path, depth: number): unknown => {
    if (node === null || node === undefined) return null;
    const loc = rangeLoc(node.range);
    if (loc) locator.setValue(path, loc);
    if (depth > MAX_DEPTH) {
      diagnostics.push(error('yaml-syntax', `nesting deeper than ${MAX_DEPTH} levels`, loc, 'a scenario needs only a few levels'));
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
