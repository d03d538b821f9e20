// docs/architecture.md against the source tree: every folder of src/ (and each report under
// src/reports/) has its own section there, and every folder the map describes exists.

import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';

const doc = fs.readFileSync('docs/architecture.md', 'utf8');
const described = [...doc.matchAll(/^### (src\/[\w/-]+?)\/?$/gm)].map((m) => m[1]!);
const folders = (dir: string): string[] =>
  fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => path.posix.join(dir, e.name));
const actual = [...folders('src'), ...folders('src/reports')];

it('describes every folder of src/ and every report', () => {
  expect(actual.length).toBeGreaterThan(10);
  expect(actual.filter((f) => !described.includes(f))).toEqual([]);
});

it('describes only folders that exist', () => {
  expect(described.filter((f) => !fs.existsSync(f) || !fs.statSync(f).isDirectory())).toEqual([]);
});

it('names each layer of the dependency rule, in its order', () => {
  const rule = fs.readFileSync('.dependency-cruiser.cjs', 'utf8');
  const layers = JSON.parse(/const LAYERS = (\[[^\]]*\])/.exec(rule)![1]!.replace(/'/g, '"')) as string[];
  const order = layers.map((l) => described.indexOf(`src/${l}`));
  expect(order.every((i) => i >= 0)).toBe(true);
  expect(order).toEqual([...order].sort((a, b) => a - b));
});
