// The cheaper ways src/schema/lazy.ts builds schemas check, report and describe exactly as the
// plain zod forms they stand for.

import { describe, expect, it } from 'vitest';
import { z } from 'zod/mini';
import {
  checkedArray,
  checkedRecord,
  checkedString,
  described,
  describedSchemas,
  docs,
  lazySchema,
  optionalOf,
  strictObject,
} from '../../src/schema/lazy.js';

const text = () => z.string().check(z.trim(), z.minLength(1, 'this text cannot be empty'));

/** The outcome of a parse as zod reports it: data, or the finished errors. */
function outcome(schema: z.ZodMiniType, value: unknown): unknown {
  const r = schema.safeParse(value, { jitless: true });
  return r.success ? { data: r.data } : { issues: r.error.issues };
}

const VALUES: unknown[] = [
  undefined,
  null,
  '',
  '  ',
  ' G6 ',
  'AC14',
  '2018/19',
  '135,053',
  3,
  true,
  [],
  ['a'],
  ['a', ''],
  {},
  { a: 'x' },
  { a: '' },
  { b: 'x' },
  { a: 'x', b: 'y' },
  { a: 'x', c: 1 },
];

describe('optionalOf', () => {
  it('builds its inner schema only when a value is there to check', () => {
    let builds = 0;
    const field = optionalOf(() => {
      builds++;
      return text();
    });
    const object = strictObject({ a: field, b: z.optional(z.string()) });
    expect(object.safeParse({ b: 'x' }, { jitless: true }).success).toBe(true);
    expect(object.safeParse({}, { jitless: true }).success).toBe(true);
    expect(builds).toBe(0);
    expect(object.safeParse({ a: ' x ' }, { jitless: true })).toEqual({ success: true, data: { a: 'x' } });
    expect(object.safeParse({ a: 'y' }, { jitless: true }).success).toBe(true);
    expect(builds).toBe(1);
  });

  it('checks, reports and describes as z.optional', () => {
    const lazy = strictObject({ a: optionalOf(text), b: optionalOf(() => z.array(z.enum(['x', 'y']))) });
    const plain = z.strictObject({ a: z.optional(text()), b: z.optional(z.array(z.enum(['x', 'y']))) });
    for (const v of [...VALUES, { b: ['x'] }, { b: ['z'] }, { b: 'x' }]) expect(outcome(lazy, v)).toEqual(outcome(plain, v));
    for (const v of VALUES) expect(outcome(optionalOf(text), v)).toEqual(outcome(z.optional(text()), v));
    expect(z.toJSONSchema(lazy)).toEqual(z.toJSONSchema(plain));
  });
});

describe('a schema with checks made as one', () => {
  const min = () => z.minLength(1, 'at least one');
  const cases: [string, z.ZodMiniType, z.ZodMiniType][] = [
    ['string', checkedString(z.trim(), z.minLength(1, 'empty')), z.string().check(z.trim(), z.minLength(1, 'empty'))],
    ['string with a pattern', checkedString(z.regex(/^[A-Z]\w*$/, 'a ref')), z.string().check(z.regex(/^[A-Z]\w*$/, 'a ref'))],
    ['array', checkedArray(z.string(), min()), z.array(z.string()).check(min())],
    [
      'record',
      checkedRecord(
        z.string(),
        z.string(),
        z.refine((v) => Object.keys(v).length > 0, 'declare one'),
      ),
      z.record(z.string(), z.string()).check(z.refine((v) => Object.keys(v).length > 0, 'declare one')),
    ],
  ];
  it.each(cases)('%s: the same results, errors and JSON Schema as the chained form', (_, one, chained) => {
    for (const v of VALUES) expect(outcome(one, v)).toEqual(outcome(chained, v));
    expect(z.toJSONSchema(one)).toEqual(z.toJSONSchema(chained));
  });
});

describe('descriptions', () => {
  const base = lazySchema(() => z.string());
  const withMeta = lazySchema(() =>
    strictObject({
      a: optionalOf(base).register(docs, { description: 'field a' }),
      b: optionalOf(base).register(docs, { description: 'field b' }),
      c: described(base(), { description: 'field c' }),
    }).register(docs, { description: 'the object' }),
  );

  it('are registered only on the schemas built for the JSON Schema', () => {
    const validating = withMeta();
    expect(z.globalRegistry.get(validating)).toBeUndefined();
    // validating, the two fields of the same inner schema share one optional schema, and `c` is the schema itself
    expect(validating.shape.a).toBe(validating.shape.b);
    expect(validating.shape.c).toBe(base());

    const documented = describedSchemas(() => withMeta());
    expect(documented).not.toBe(validating);
    expect(describedSchemas(() => withMeta())).toBe(documented);
    expect(z.globalRegistry.get(documented)?.description).toBe('the object');
    expect(documented.shape.a).not.toBe(documented.shape.b);
    expect(z.globalRegistry.get(documented.shape.b)?.description).toBe('field b');
    expect(z.globalRegistry.get(documented.shape.c)?.description).toBe('field c');
    expect(withMeta()).toBe(validating);
  });

  it('change no result or error', () => {
    const documented = describedSchemas(() => withMeta());
    for (const v of [...VALUES, { a: 'x', b: 'y', c: 'z' }, { c: 1 }, { c: 'z', d: 1 }])
      expect(outcome(withMeta(), v)).toEqual(outcome(documented, v));
  });
});
