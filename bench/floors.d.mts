// Types of bench/floors.mjs, for the test that checks each floor's files.

export const FLOORS: readonly { readonly command: string; readonly files: readonly string[] }[];
