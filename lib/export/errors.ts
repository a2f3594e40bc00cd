/**
 * The one error an import throws for a bad file: its message is for the user and names
 * the problem (row and column of a CSV, or the JSON path), so the UI shows it as is.
 */

/** A file that cannot be imported; nothing has been written. */
export class ImportError extends Error {
  override name = 'ImportError';
}

/** Formats a JSON path the way people read it: `$.rows[3].target[0].selector`. */
export function jsonPath(path: readonly PropertyKey[]): string {
  let s = '$';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : /^[A-Za-z_$][\w$]*$/.test(String(p)) ? `.${String(p)}` : `[${JSON.stringify(String(p))}]`;
  return s;
}
