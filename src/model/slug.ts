// Stable ids from labels: `Adult Social Care` → `adult-social-care`, for CSV and JSON row ids.

/**
 * Lower-case letters and digits joined by single hyphens: each run of other characters becomes one
 * hyphen, and none is kept at either end (what replacing /[^a-z0-9]+/g with `-` and trimming
 * hyphens gives, in one pass over the text).
 */
export const slug = (s: string): string => {
  const lower = s.toLowerCase();
  let out = '';
  let gap = false; // other characters since the last letter or digit
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      if (gap && out !== '') out += '-';
      out += lower[i];
      gap = false;
    } else gap = true;
  }
  return out;
};
