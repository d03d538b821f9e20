// A variant's operations (remove, add, set and scale lines; its own controls) as a transform of a
// scenario. The operations themselves live with the loader (load/variant.ts), which applies them
// when it loads a file that `extends:` another, since loading sits below transforms.

import { applyVariant } from '../load/variant.js';
import type { WrittenVariant } from '../schema/variant.js';
import type { RawDocument } from '../source/raw-tree.js';
import type { Transform } from './transform.js';

/** The variant as written (validated), with the document that locates its operations. */
export interface VariantSpec {
  readonly doc: RawDocument;
  readonly written: WrittenVariant;
}

export const variantOps: Transform<VariantSpec> = (base, spec) => applyVariant(spec.doc, spec.written, base);
