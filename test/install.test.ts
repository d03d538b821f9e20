// The package as `npm pack` makes it: what a global install puts on a user's machine. The install
// itself (into a scratch prefix, run from another folder) is scripts/install-check.sh, run by .ci/run.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

interface PackedFile {
  readonly path: string;
}

describe('the packed package', () => {
  const [packed] = JSON.parse(
    execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts', '--silent'], { encoding: 'utf8' }),
  ) as [{ name: string; files: PackedFile[] }];
  const files = packed.files.map((f) => f.path);

  it('carries the command, the build and the shipped scenarios, and no tests', () => {
    expect(files).toContain('bin/mtfs.js');
    expect(files).toContain('dist/mtfs.cjs');
    expect(files).toContain('dist/cli/main.js');
    expect(files).toContain('scenarios/2018.yaml');
    expect(files).toContain('scenarios/2018-savings.csv');
    expect(files.filter((f) => f.startsWith('test/') || f.startsWith('src/'))).toEqual([]);
  });

  it('cannot be published by accident: private, with the `mtfs` command', () => {
    const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { private?: boolean; bin?: Record<string, string> };
    expect(pkg.private).toBe(true);
    expect(pkg.bin).toEqual({ mtfs: 'bin/mtfs.js' });
  });

  it('has a CI step that installs it and runs it from another folder', () => {
    expect(fs.readFileSync('.ci/run', 'utf8')).toContain('scripts/install-check.sh');
    const script = fs.readFileSync('scripts/install-check.sh', 'utf8');
    expect(script).toContain('npm install --prefix');
    expect(script).toContain('--version');
  });
});
