/**
 * Well-formed text: a string with no lone UTF-16 surrogate. Such a string cannot be
 * written as UTF-8 (a Blob silently turns it into U+FFFD) nor put in an IRI
 * (encodeURIComponent throws "URI malformed"), so an import refuses it and an export
 * leaves out, and reports, a record that holds one.
 */

const native = typeof (String.prototype as { isWellFormed?: unknown }).isWellFormed === 'function';

/** True when `s` holds no lone surrogate (String.prototype.isWellFormed, with a fallback). */
export function isWellFormed(s: string): boolean {
  return native ? (s as string & { isWellFormed(): boolean }).isWellFormed() : isWellFormedByHand(s);
}

/** {@link isWellFormed} without String.prototype.isWellFormed (older engines). */
export function isWellFormedByHand(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c > 0xdbff) return false;
    const d = s.charCodeAt(i + 1);
    if (!(d >= 0xdc00 && d <= 0xdfff)) return false;
    i++;
  }
  return true;
}

/**
 * The path to the first string (or object key) in a JSON-like value that is not well
 * formed, or null when there is none. Keys are named by the path to them.
 */
export function illFormedPath(value: unknown, path: PropertyKey[] = []): PropertyKey[] | null {
  if (typeof value === 'string') return isWellFormed(value) ? null : path;
  if (typeof value !== 'object' || value === null) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v = value[i];
      if (typeof v === 'number' || typeof v === 'boolean') continue;
      const bad = illFormedPath(v, [...path, i]);
      if (bad) return bad;
    }
    return null;
  }
  for (const key in value) {
    if (!isWellFormed(key)) return [...path, key];
    const v = (value as Record<string, unknown>)[key];
    if (typeof v === 'string') {
      if (!isWellFormed(v)) return [...path, key];
    } else if (typeof v === 'object' && v !== null) {
      const bad = illFormedPath(v, [...path, key]);
      if (bad) return bad;
    }
  }
  return null;
}

/** Text safe to show: each lone surrogate as U+FFFD. */
export function shown(s: string): string {
  return isWellFormed(s) ? s : s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/** What is wrong with a string that is not well formed. */
export const ILL_FORMED = 'holds ill-formed text (a lone UTF-16 surrogate, which no file can hold)';

/** Why a record was refused or left out: its field (a path) holds ill-formed text. */
export function illFormedReason(path: readonly PropertyKey[]): string {
  const field = path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${shown(String(p))}`)).join('').replace(/^\./, '');
  return `${field ? `its ${field}` : 'it'} ${ILL_FORMED}`;
}

/** Reports a record an export could not write (it goes on with the rest). */
export type OnSkip = (problem: string) => void;
