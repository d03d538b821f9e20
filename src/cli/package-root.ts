// The folder mtfs is installed in, found by walking up from a module to the package.json named
// `mtfs`: the same answer from src/ (tests), dist/ (compiled) and dist/mtfs.cjs (the bundle).

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function packageRoot(moduleUrl: string): string {
  const start = path.dirname(fileURLToPath(moduleUrl));
  for (let dir = start; ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: unknown };
      if (pkg.name === 'mtfs') return dir;
    } catch {
      // no package.json here (or not ours): keep walking up
    }
    if (path.dirname(dir) === dir) return path.resolve(start, '..', '..');
  }
}
