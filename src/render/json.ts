// JSON output: stable key order as built, two-space indent, trailing newline. Amounts are strings.

export const asJson = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
