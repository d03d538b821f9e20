// Stable ids from labels: `Adult Social Care` → `adult-social-care`, for CSV and JSON row ids.

/** Lower-case letters and digits joined by single hyphens. */
export const slug = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
