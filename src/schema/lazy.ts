// Schemas built when first used, once: a run builds only the schemas of what it validates (a
// department's projection never builds the funding, variant or national data schemas). Also the
// cheaper ways of building them that every schema file here uses (see "Building schemas cheaply").

import { z } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

/**
 * A schema (or a shape of schemas) built on the first call and the same object on every call after,
 * so that a schema's identity holds as it would for a constant: its metadata id is registered once,
 * and zod sees one schema wherever it is used. Built twice at most: once to validate, once with its
 * descriptions for the JSON Schema (see `describedSchemas`).
 *
 * Building schemas cheaply. The schemas are written with `zod/mini`, zod's functional form: the same
 * parsers, checks, error messages and JSON Schema as `zod`, without the dozens of methods `zod` installs on
 * every kind of schema the first time one is made, and without its support for values that contain
 * themselves (a parsed YAML or CSV file is a tree: YAML aliases are refused). Metadata (a description,
 * an id) is registered on a schema built in place (`optionalOf(textSchema)`, `z.enum(…)`,
 * `strictObject({…})`) with `.register(docs, m)`, which registers it only while the JSON Schema is
 * built. A schema a `lazySchema` returns is shared by every field that uses it, so a description of
 * one such field goes on a copy, `described(textSchema(), m)` (what `zod`'s `.meta(m)` does), never
 * on the schema itself, which would give every field that description.
 */
export function lazySchema<T>(build: () => T): () => T {
  let built: T | undefined;
  let documented: T | undefined;
  return () => {
    if (describing) {
      if (documented === undefined) {
        if (!english) useEnglish();
        documented = build();
      }
      return documented;
    }
    if (built === undefined) {
      if (!english) useEnglish();
      built = build();
    }
    return built;
  };
}

/**
 * Whether the schemas being built are for the JSON Schema (`mtfs schema`), with every description
 * and id, or for validating, with none: metadata changes no check, error or message, and without it
 * a field's optional schema or described copy need not be a schema of its own (see `optionalOf`,
 * `described`), so validating builds about a fifth fewer schemas.
 */
let describing = false;

/** Runs `make` with the schemas it builds and reads described: the JSON Schema of `mtfs schema`. */
export function describedSchemas<T>(make: () => T): T {
  const was = describing;
  describing = true;
  try {
    return make();
  } finally {
    describing = was;
  }
}

/**
 * The registry schemas' metadata goes in: zod's global registry while schemas are built described
 * (see `describedSchemas`), nowhere otherwise.
 */
export const docs = {
  add(schema: z.core.$ZodType, meta: z.core.GlobalMeta): unknown {
    if (describing) z.globalRegistry.add(schema, meta);
    return docs;
  },
} as unknown as typeof z.globalRegistry;

/**
 * A shared schema with a description of its own use: a copy with the description while schemas are
 * built described (`.clone().register(…)`, as zod's `.meta()`), the schema itself otherwise.
 */
export function described<T extends z.ZodMiniType>(schema: T, meta: z.core.GlobalMeta): T {
  if (!describing) return schema;
  const copy = schema.clone() as T;
  z.globalRegistry.add(copy, meta);
  return copy;
}

/**
 * zod's English messages (`invalid_key` and the like are reported in zod's words), set before the
 * first schema is built: `zod/mini` leaves the choice of language to its user, where `zod` sets
 * English as its first schema is made.
 */
let english = false;
function useEnglish(): void {
  english = true;
  z.config(en());
}

/**
 * A key of an object that is validated key by key (a scenario's top level): its schema, built when
 * first needed, and whether the key may be left out, so that an absent optional key is known to be
 * valid without building its schema.
 */
export interface Field<T extends z.ZodMiniType = z.ZodMiniType> {
  readonly optional: boolean;
  readonly schema: () => T;
  /**
   * The schema of a value that is there: for a key that may be left out, the schema inside its
   * optional one, which gives the same for any value but `undefined` without the optional schema
   * being built; for a key that must be given, its schema.
   */
  readonly present: () => z.ZodMiniType;
}

/** A key that must be given. */
export const required = <T extends z.ZodMiniType>(build: () => T): Field<T> => {
  const schema = lazySchema(build);
  return { optional: false, schema, present: schema };
};

/** A key that may be left out: `z.optional(build())`, with `meta` (a description) when given. */
export const optional = <T extends z.ZodMiniType>(build: () => T, meta?: { description: string }): Field<z.ZodMiniOptional<T>> => {
  const present = lazySchema(build);
  return {
    optional: true,
    schema: lazySchema(() => {
      const schema = optionalOf(present);
      if (meta) docs.add(schema, meta);
      return schema;
    }),
    present,
  };
};

/**
 * zod/mini's optional schema (`z.optional(inner)`) whose inner schema is built when a value is first
 * there to check, or when something else asks for it (the JSON Schema, a "did you mean"): a key a
 * file leaves out is valid without its schema, and whatever that schema is made of, being built.
 * No inner schema here has a default, so a missing value is always simply absent (`optin` is
 * "optional"): the same results, errors and JSON Schema as `z.optional(inner)`.
 */
const LazyOptional = z.core.$constructor('ZodMiniLazyOptional', (inst: z.ZodMiniOptional, def: z.core.$ZodOptionalDef) => {
  z.ZodMiniOptional.init(inst, def);
  inst._zod.optin = 'optional';
  inst._zod.parse = (payload, ctx) => (payload.value === undefined ? payload : def.innerType._zod.run(payload, ctx));
});

/**
 * `z.optional(build())`, with `build()` run when the inner schema is first needed (see
 * LazyOptional). To validate, one optional schema serves every field of the same `build` (a field's
 * description is only registered while schemas are built described, on a schema of its own).
 */
export function optionalOf<T extends z.core.SomeType>(build: () => T): z.ZodMiniOptional<T> {
  if (!describing) {
    const shared = sharedOptionals.get(build);
    if (shared) return shared as z.ZodMiniOptional<T>;
  }
  let inner: T | undefined;
  const def = {
    type: 'optional' as const,
    get innerType(): T {
      if (inner === undefined) inner = build();
      return inner;
    },
  };
  const schema = new LazyOptional(def as unknown as z.core.$ZodOptionalDef) as unknown as z.ZodMiniOptional<T>;
  if (!describing) sharedOptionals.set(build, schema);
  return schema;
}
const sharedOptionals = new Map<() => z.core.SomeType, z.ZodMiniOptional<z.core.SomeType>>();

/**
 * `z.string().check(...checks)` made as one schema rather than two: `z.string()` makes a string
 * schema that `.check()` then copies with the checks added, and the first is never used. The same
 * checks, errors and JSON Schema.
 */
export function checkedString(...checks: z.core.$ZodCheck<string>[]): z.ZodMiniString<string> {
  return new z.ZodMiniString({ type: 'string', checks }) as z.ZodMiniString<string>;
}

/** `z.array(element).check(...checks)` made as one schema (as checkedString). */
export function checkedArray<T extends z.core.$ZodType>(element: T, ...checks: z.core.$ZodCheck<unknown[]>[]): z.ZodMiniArray<T> {
  return new z.ZodMiniArray({ type: 'array', element, checks }) as unknown as z.ZodMiniArray<T>;
}

/** `z.record(keyType, valueType).check(...checks)` made as one schema (as checkedString). */
export function checkedRecord<K extends z.core.$ZodRecordKey, V extends z.core.$ZodType>(
  keyType: K,
  valueType: V,
  ...checks: z.core.$ZodCheck<Record<string, unknown>>[]
): z.ZodMiniRecord<K, V> {
  return new z.ZodMiniRecord({ type: 'record', keyType, valueType, checks }) as unknown as z.ZodMiniRecord<K, V>;
}

/** The zod shape of some fields. */
export type FieldsShape<F extends Record<string, Field>> = { [K in keyof F]: ReturnType<F[K]['schema']> };

/** The zod shape of some fields, every schema built. */
export function shapeOf<F extends Record<string, Field>>(fields: F): FieldsShape<F> {
  return Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, f.schema()])) as FieldsShape<F>;
}

/** The one `z.never()` every strict object here takes for its unknown keys (z.strictObject makes one for each). */
const noOtherKeys = lazySchema(() => z.never());

/**
 * `zod/mini`'s object schema with the parser zod compiles for an object (as `zod`'s objects have):
 * validate() in diagnose.ts uses it once a schema has checked many values (the rows of a long line
 * table); before that it checks without it, as zod/mini's own objects always do.
 */
const ObjectSchema = z.core.$constructor('ZodMiniObjectJIT', (inst: z.ZodMiniObject, def: z.core.$ZodObjectDef) => {
  z.core.$ZodObjectJIT.init(inst, def);
  z.ZodMiniObject.init(inst, def);
});

/**
 * `z.strictObject(shape)`: an object schema whose unknown keys are errors, sharing one `never` schema
 * for them rather than building one per object (as z.strictObject does), and compiled when used
 * often. The same checks, errors and JSON Schema.
 */
export function strictObject<S extends z.core.$ZodLooseShape>(shape: S): z.ZodMiniObject<S, z.core.$strict> {
  return new ObjectSchema({ type: 'object', shape, catchall: noOtherKeys() }) as z.ZodMiniObject<S, z.core.$strict>;
}

/** `z.object(shape)`: an object schema that drops unknown keys, compiled when used often. */
export function object<S extends z.core.$ZodLooseShape>(shape: S): z.ZodMiniObject<S, z.core.$strip> {
  return new ObjectSchema({ type: 'object', shape }) as z.ZodMiniObject<S, z.core.$strip>;
}
