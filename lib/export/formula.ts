/**
 * Formula-injection defence for spreadsheet cells, the one guard every CSV writer here uses
 * (csvCell): quoted page text is untrusted, and a cell that starts with = + - @ tab, carriage
 * return or line feed (OWASP "CSV Injection") or NUL (OWASP ASVS 5.0, 1.2.10) may be run as a
 * formula: a spreadsheet drops a leading line break or NUL and reads the `=` after it. Such
 * cells get a leading apostrophe, which spreadsheets show as "text". The scheme is a
 * bijection, so our importer restores exactly what was exported: a value that already starts
 * with apostrophes before a trigger gets one more, and the importer removes exactly one.
 */

const NEEDS_GUARD = /^'*[=+\-@\t\r\n\0]/;
const GUARDED = /^'+[=+\-@\t\r\n\0]/;

/** True for the first characters OWASP lists: = + - @ tab CR LF, and NUL. */
function isTrigger(c: number): boolean {
  return c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13 || c === 10 || c === 0;
}

/** Makes a cell safe to open in a spreadsheet (prefixes `'` where OWASP advises). */
export function neutraliseCell(value: string): string {
  // The first character decides almost every cell; the regex is for apostrophe runs.
  const c = value.charCodeAt(0);
  if (isTrigger(c)) return `'${value}`;
  return c === 39 && NEEDS_GUARD.test(value) ? `'${value}` : value;
}

/** Reverses {@link neutraliseCell} exactly. */
export function restoreCell(value: string): string {
  if (value.charCodeAt(0) !== 39) return value;
  // As in neutraliseCell, the next character decides almost every guarded cell.
  if (isTrigger(value.charCodeAt(1))) return value.slice(1);
  return value.charCodeAt(1) === 39 && GUARDED.test(value) ? value.slice(1) : value;
}
