// Validation gives the same result whether zod checks a value without its compiled parser (a
// schema's first 256 values) or with it (from the 257th on): src/schema/diagnose.ts, and the object
// schemas src/schema/lazy.ts makes with zod/mini.

import { describe, expect, it } from 'vitest';
import { validate } from '../../src/schema/diagnose.js';
import { lineSchema } from '../../src/schema/scenario.js';
import { parseYaml } from '../../src/source/yaml.js';

const LINES = `- ref: G6
  type: growth
  description: Older People demand
  levels: {2018/19: 1275, 2021/22: 4680}
  unstated: linear
  source: a report, para 23
- ref: G7
  type: groth
  description: Learning Disability demand
  levels: {2018/19: 1,2k}
  unstatd: linear
  slippage: {years: 0, colour: red}
`;

/** Each line's validated data and diagnostics, as text. */
function validateAll(): string[] {
  const { doc, diagnostics } = parseYaml('lines.yaml', LINES);
  expect(diagnostics).toEqual([]);
  const lines = doc!.tree as unknown[];
  return lines.map((line, i) => {
    const v = validate(lineSchema(), line, doc!, [i]);
    return JSON.stringify([v.data, v.diagnostics]);
  });
}

describe('validate', () => {
  it("gives the same data and diagnostics before and after a schema's parser is compiled", () => {
    const first = validateAll();
    expect(first[0]).toContain('"ref":"G6"');
    expect(first[1]).toContain('unknown key `unstatd` in [2]');
    expect(first[1]).toContain('unknown key `colour` in [2].slippage');
    expect(first[1]).toContain('did you mean `growth`?');
    // 2 lines a round: 200 rounds take the schema past 256 values, so the last are compiled
    let last = first;
    for (let round = 0; round < 200; round++) last = validateAll();
    expect(last).toEqual(first);
  });

  it('the line schema gives the same result with its compiled parser as without it', () => {
    const { doc } = parseYaml('lines.yaml', LINES);
    const outcome = (r: ReturnType<ReturnType<typeof lineSchema>['safeParse']>) =>
      r.success ? r.data : r.error.issues.map((i) => ({ code: i.code, path: i.path, message: i.message }));
    for (const line of doc!.tree as unknown[]) {
      expect(outcome(lineSchema().safeParse(line))).toEqual(outcome(lineSchema().safeParse(line, { jitless: true })));
    }
  });
});
