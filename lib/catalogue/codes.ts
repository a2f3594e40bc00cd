/**
 * How a typed query is cut into tokens, shared by the catalogue browser (a filter) and
 * lib/search (a ranking), so one query means the same words in both.
 */

/** A criterion or outcome number as typed: "2", "2.3", "2.3." (a trailing dot while typing). */
export const NUMBER = /^\d+(\.\d+)*\.?$/;

/**
 * Splits a query on spaces, commas and semicolons and trims punctuation from each token's
 * ends, keeping a number's trailing dot ("2.3." may still become "2.3.1"); empty tokens go.
 * Case is left as typed.
 */
export function splitQuery(query: string): string[] {
  return query
    .split(/[\s,;]+/)
    .map((t) => t.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}.]+$/gu, ''))
    .filter(Boolean);
}
