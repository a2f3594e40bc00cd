/**
 * Formula-injection defence for spreadsheet cells (OWASP "CSV Injection"): quoted page
 * text is untrusted, and a cell that starts with = + - @ tab or carriage return would be
 * run as a formula. Such cells get a leading apostrophe, which spreadsheets show as
 * "text". The scheme is a bijection, so our importer restores exactly what was exported:
 * a value that already starts with apostrophes before a trigger gets one more, and the
 * importer removes exactly one.
 */

const NEEDS_GUARD = /^'*[=+\-@\t\r]/;
const GUARDED = /^'+[=+\-@\t\r]/;

/** Makes a cell safe to open in a spreadsheet (prefixes `'` where OWASP advises). */
export function neutraliseCell(value: string): string {
  // The first character decides almost every cell; the regex is for apostrophe runs.
  const c = value.charCodeAt(0);
  if (c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13) return `'${value}`;
  return c === 39 && NEEDS_GUARD.test(value) ? `'${value}` : value;
}

/** Reverses {@link neutraliseCell} exactly. */
export function restoreCell(value: string): string {
  if (value.charCodeAt(0) !== 39) return value;
  // As in neutraliseCell, the next character decides almost every guarded cell.
  const c = value.charCodeAt(1);
  if (c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13) return value.slice(1);
  return c === 39 && GUARDED.test(value) ? value.slice(1) : value;
}
