// Golden files of `mtfs options`: the catalogue, the national yield of a mix, the costs of needs,
// sufficiency, and the local view under each basis, as tables, CSV, JSON and Markdown.
// The cases are in helpers/golden-cases.ts, shared with the determinism replay.

import { describe, expect, it } from 'vitest';
import { runCli, transcript } from './helpers/cli.js';
import { OPTIONS_CASES } from './helpers/golden-cases.js';

describe('mtfs options', () => {
  it.each(OPTIONS_CASES)('$name', async ({ argv, golden }) => {
    const r = await runCli(argv);
    expect(r.code).toBe(0);
    await expect(transcript(argv, r)).toMatchFileSnapshot(`./${golden}`);
  });
});
