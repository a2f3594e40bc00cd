/**
 * Telling a write the browser could not store (the disk is full) from other failures, and
 * saying so to the user: what was not saved and what to do. Chromium reports a full disk
 * as "QuotaExceededError: Encountered disk full while committing transaction", as an
 * "IO error ... FILE_ERROR_NO_SPACE", or, once the database was closed by one, as a
 * connection closing or a backing store that cannot be opened; Dexie may wrap any of them.
 */

const FULL = /QuotaExceeded|AbortError|transaction was aborted|disk full|NO_SPACE|No space left|IO error|backing store|connection is closing|DatabaseClosed|quota/i;

/** True when `e` (or the error it wraps) says the profile's storage could not be written. */
export function isStorageFailure(e: unknown): boolean {
  for (let err = e as { name?: unknown; message?: unknown; inner?: unknown } | undefined, depth = 0; err && depth < 4; err = err.inner as typeof err, depth++) {
    if (FULL.test(`${String(err.name ?? '')} ${String(err.message ?? '')}`)) return true;
  }
  return false;
}

/** The message for a write that failed for lack of space: `what` was not saved, and what to do. */
export function notSavedMessage(what: string): string {
  return (
    `Not saved: ${what}. The browser could not write to its storage; the disk is probably full. ` +
    'What you typed is still here: free some disk space, then save again. ' +
    'To keep a copy of your records, download a backup from Evidence Mapper\u2019s Settings (options page).'
  );
}
