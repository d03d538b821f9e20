// The YAML files of the project (its scenarios, data, tests and docs), for the tests that read each
// of them: the readings of YAML in src/source/ must agree on all of them.

import fs from 'node:fs';
import path from 'node:path';

export const projectRoot = path.resolve(import.meta.dirname, '..', '..');

function yamlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name.startsWith('.') || e.name === 'dist' ? [] : yamlFiles(p);
    return /\.ya?ml$/.test(e.name) ? [p] : [];
  });
}

/** Every YAML file under scenarios/, data/, test/ and docs/, sorted. */
export const projectYamlFiles = (): string[] =>
  ['scenarios', 'data', 'test', 'docs'].flatMap((d) => yamlFiles(path.join(projectRoot, d))).sort();
