// Types of bench/generate.mjs, for the tests that generate line tables with it.

export const YEARS: readonly string[];
export const LINES_PER_FILE: number;
export function prng(seed: number): () => number;
export function generateScenario(dir: string, name: string, lines: number, seed?: number, authority?: string, perFile?: number): string;
export function generateAuthorities(dir: string, count: number, lines: number): string[];
