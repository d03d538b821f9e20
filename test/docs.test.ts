// The user docs (README.md and docs/*.md) against the built CLI: every ```console block is run as
// shown and must print what is shown; the words users cannot look up are absent; the diagnostics
// catalogue lists exactly the codes that have a reproducer under test/errors/. Needs `npm run build`.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = process.cwd();
const DOCS = [
  'README.md',
  ...fs
    .readdirSync('docs')
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

interface Example {
  readonly file: string;
  readonly line: number;
  readonly setup: readonly string[];
  readonly steps: readonly { readonly command: string; readonly shown: string }[];
}

/** Every ```console block of a file, with the `<!-- run: … -->` setup commands written just above it. */
function examples(file: string): Example[] {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const found: Example[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== '```console') continue;
    const setup: string[] = [];
    for (let j = i - 1; j >= 0 && lines[j]!.startsWith('<!-- run: '); j--)
      setup.unshift(lines[j]!.slice('<!-- run: '.length, -' -->'.length));
    const steps: { command: string; shown: string }[] = [];
    let k = i + 1;
    for (; k < lines.length && lines[k] !== '```'; k++) {
      const text = lines[k]!;
      if (text.startsWith('$ ')) {
        let command = text.slice(2);
        while (command.endsWith('\\')) command = `${command.slice(0, -1)} ${lines[++k]!.trim()}`;
        steps.push({ command, shown: '' });
      } else if (steps.length > 0) {
        const last = steps[steps.length - 1]!;
        steps[steps.length - 1] = { command: last.command, shown: last.shown + text + '\n' };
      }
    }
    found.push({ file, line: i + 1, setup, steps });
    i = k;
  }
  return found;
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'mtfs-docs-'));
const bin = path.join(scratch, 'bin');
fs.mkdirSync(bin);
fs.writeFileSync(path.join(bin, 'mtfs'), `#!/bin/sh\nexec node ${JSON.stringify(path.join(ROOT, 'bin/mtfs.js'))} "$@"\n`, {
  mode: 0o755,
});
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** A fresh folder with the shipped scenarios, data and test fixtures, as a clone has them. */
function workspace(name: string): string {
  const dir = path.join(scratch, name);
  for (const sub of ['scenarios', 'data', 'test/fixtures']) fs.cpSync(path.join(ROOT, sub), path.join(dir, sub), { recursive: true });
  return dir;
}

/** What a command prints: its standard output, then its standard error (the order is then stable). */
function sh(command: string, cwd: string): string {
  const r = spawnSync('/bin/sh', ['-c', command], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}`, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  return r.stdout + r.stderr;
}

const tidy = (text: string): string[] => text.split('\n').map((l) => l.trimEnd());

/** The shown output, split at `…` lines, must appear in order in the real one. */
function shownIn(shown: string, actual: string): boolean {
  const real = tidy(actual);
  const chunks: string[][] = [[]];
  for (const line of tidy(shown.replace(/\n+$/, ''))) {
    if (line.trim() === '…') chunks.push([]);
    else chunks[chunks.length - 1]!.push(line);
  }
  let at = 0;
  for (const chunk of chunks.filter((c) => c.length > 0)) {
    let found = -1;
    for (let i = at; i + chunk.length <= real.length && found < 0; i++) if (chunk.every((l, j) => real[i + j] === l)) found = i;
    if (found < 0) return false;
    at = found + chunk.length;
  }
  return true;
}

const all = DOCS.flatMap(examples);

describe('every command shown in the docs prints what is shown', () => {
  it('finds examples in the README and in docs/', () => {
    expect(all.filter((e) => e.file === 'README.md').length).toBeGreaterThan(0);
    expect(all.filter((e) => e.file !== 'README.md').length).toBeGreaterThan(3);
  });

  it.each(all.map((e) => [`${e.file}:${e.line}`, e] as const))('%s', (name, example) => {
    const cwd = workspace(name.replace(/[^\w]+/g, '-'));
    for (const command of example.setup) sh(command, cwd);
    expect(example.steps.length).toBeGreaterThan(0);
    for (const step of example.steps) {
      const actual = sh(step.command, cwd);
      if (!shownIn(step.shown, actual)) expect(`$ ${step.command}\n${actual}`).toBe(`$ ${step.command}\n${step.shown}`);
    }
  });
});

it('never uses words a reader cannot look up', () => {
  const banned = /(?<!--)\b(seeds?|issues?|the brief|helpers?)\b/i; // `--seed` is the risk option
  const hits = DOCS.flatMap((file) =>
    fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .map((text, i) => ({ at: `${file}:${i + 1}`, text }))
      .filter((l) => banned.test(l.text)),
  );
  expect(hits).toEqual([]);
});

it('the diagnostics catalogue lists exactly the codes with a reproducer under test/errors/', () => {
  const doc = fs.readFileSync('docs/diagnostics.md', 'utf8');
  const listed = [...doc.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]!).sort();
  const folders = fs
    .readdirSync('test/errors', { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  expect(folders.length).toBeGreaterThan(10);
  expect(listed).toEqual(folders);
});
