// Loading a scenario variant: a file that `extends:` another scenario and removes, adds, sets or
// scales lines. The base is loaded unchanged and the operations are kept as written (validated and
// located); transform/variant.ts applies them (`realise`). Pure given the loader of the base.

import { append, error, hasErrors, type Diagnostic, type Location } from '../diagnostics/diagnostic.js';
import type { Result } from '../diagnostics/result.js';
import type { Scenario, VariantInfo, VariantOps } from '../model/scenario.js';
import { validate } from '../schema/diagnose.js';
import { variantSchema, type WrittenVariant } from '../schema/variant.js';
import type { Path, RawDocument } from '../source/raw-tree.js';
import { atReference } from './read-source.js';
import { relativeTo } from './reader.js';

/** How many `extends:` links a chain may have. */
export const MAX_VARIANT_DEPTH = 8;

/** Loads the base a variant names, with the chain of variants that led to it (to refuse cycles). */
export type LoadBase = (file: string, chain: readonly string[]) => Result<Scenario>;

export function loadVariant(doc: RawDocument, chain: readonly string[], loadBase: LoadBase): Result<Scenario> {
  const diagnostics: Diagnostic[] = [];
  const at = (p: Path): Location => doc.locator.value(p);
  const v = validate(variantSchema(), doc.tree, doc);
  append(diagnostics, v.diagnostics);
  const ext = (doc.tree as { extends?: unknown }).extends;
  if (typeof ext !== 'string' || ext.trim() === '') return { diagnostics };

  const baseFile = relativeTo(doc.file, ext.trim());
  if (chain.includes(baseFile)) {
    diagnostics.push(
      error(
        'extends-cycle',
        `${doc.file} extends ${baseFile}, which already extends it: ${[...chain, baseFile].join(' → ')}`,
        at(['extends']),
        'a variant must extend a scenario that does not lead back to it',
      ),
    );
    return { diagnostics };
  }
  if (chain.length > MAX_VARIANT_DEPTH) {
    diagnostics.push(
      error(
        'extends-cycle',
        `more than ${MAX_VARIANT_DEPTH} variants extend one another`,
        at(['extends']),
        'extend the base scenario directly',
      ),
    );
    return { diagnostics };
  }
  // a variant named as a department is a department all the way down: its base may not have departments
  const base = loadBase(baseFile, chain);
  // the base file itself missing, a folder or too large is reported where the variant names it
  append(diagnostics, atReference(base.diagnostics, at(['extends']), `the scenario ${baseFile} named by \`extends\` does not exist`));
  if (!base.value || !v.data || hasErrors(diagnostics)) return { diagnostics };

  // as loaded, a variant is its base with the operations still to apply
  const variant: VariantInfo = {
    base: base.value,
    ops: variantOps(doc, v.data),
    ...(v.data.description ? { description: v.data.description } : {}),
  };
  return { value: { ...base.value, file: doc.file, inputs: [doc.file, ...base.value.inputs], variant }, diagnostics };
}

/** A variant's operations as written: the validated file and the document that locates them. */
export interface WrittenOps {
  readonly doc: RawDocument;
  readonly written: WrittenVariant;
}

/** The operations of a variant file, as the scenario carries them. */
export const variantOps = (doc: RawDocument, written: WrittenVariant): VariantOps =>
  ({ doc, written }) satisfies WrittenOps as unknown as VariantOps;

/** The operations as written, for the transform that applies them. */
export const writtenOps = (ops: VariantOps): WrittenOps => ops as unknown as WrittenOps;
