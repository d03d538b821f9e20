// Schemas built when first used, once: a run builds only the schemas of what it validates (a
// department's projection never builds the funding, variant or national data schemas). Also the
// cheaper ways of building them that every schema file here uses (see "Building schemas cheaply").

import { z } from 'zod';

/**
 * A schema (or a shape of schemas) built on the first call and the same object on every call after,
 * so that a schema's identity holds as it would for a constant: its metadata id is registered once,
 * and zod sees one schema wherever it is used.
 *
 * Building schemas cheaply: zod's `.meta(m)` makes a copy of the schema and registers `m` on the
 * copy. On a schema built in place (`textSchema().optional()`, `z.enum(…)`, `strictObject({…})`)
 * `.register(z.globalRegistry, m)` registers it on that schema instead: the same JSON Schema, one
 * schema fewer to build. A schema a `lazySchema` returns is shared by every field that uses it, so
 * a description of one such field takes `.meta(m)` (a copy), never `.register`, which would give
 * every field that description.
 */
export function lazySchema<T>(build: () => T): () => T {
  let built: T | undefined;
  return () => (built ??= build());
}

/**
 * A key of an object that is validated key by key (a scenario's top level): its schema, built when
 * first needed, and whether the key may be left out, so that an absent optional key is known to be
 * valid without building its schema.
 */
export interface Field<T extends z.ZodType = z.ZodType> {
  readonly optional: boolean;
  readonly schema: () => T;
}

/** A key that must be given. */
export const required = <T extends z.ZodType>(build: () => T): Field<T> => ({ optional: false, schema: lazySchema(build) });

/** A key that may be left out: `build().optional()`, with `meta` (a description) when given. */
export const optional = <T extends z.ZodType>(build: () => T, meta?: { description: string }): Field<z.ZodOptional<T>> => ({
  optional: true,
  schema: lazySchema(() => {
    const schema = build().optional();
    if (meta) z.globalRegistry.add(schema, meta);
    return schema;
  }),
});

/** The zod shape of some fields. */
export type FieldsShape<F extends Record<string, Field>> = { [K in keyof F]: ReturnType<F[K]['schema']> };

/** The zod shape of some fields, every schema built. */
export function shapeOf<F extends Record<string, Field>>(fields: F): FieldsShape<F> {
  return Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, f.schema()])) as FieldsShape<F>;
}

/** The one `z.never()` every strict object here takes for its unknown keys (z.strictObject makes one for each). */
const noOtherKeys = lazySchema(() => z.never());

/**
 * `z.strictObject(shape)`: an object schema whose unknown keys are errors, sharing one `never` schema
 * for them rather than building one per object (as z.strictObject does). The same checks, issues and
 * JSON Schema.
 */
export function strictObject<S extends z.core.$ZodLooseShape>(shape: S): z.ZodObject<S, z.core.$strict> {
  return new z.ZodObject({ type: 'object', shape, catchall: noOtherKeys() }) as z.ZodObject<S, z.core.$strict>;
}
