// The published JSON Schema accepts the shipped scenarios and refuses what mtfs refuses.

import Ajv2020 from 'ajv/dist/2020.js';
import fs from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from '../../src/cli/commands/schema.js';

const ajv = new Ajv2020.default({ strict: false, allErrors: true });
const validate = ajv.compile(scenarioJsonSchema() as object);

describe('mtfs schema', () => {
  const files = fs.readdirSync('scenarios').filter((f) => f.endsWith('.yaml'));
  it.each(files)('accepts scenarios/%s', (f) => {
    const ok = validate(parse(fs.readFileSync(`scenarios/${f}`, 'utf8')));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('refuses an unknown key and a malformed amount', () => {
    const doc = parse(fs.readFileSync('scenarios/2018.yaml', 'utf8')) as Record<string, unknown>;
    expect(validate({ ...doc, departmnet: 'x' })).toBe(false);
    expect(validate({ ...doc, original_budget: { amount: '1,2k', source: 's' } })).toBe(false);
  });
});
