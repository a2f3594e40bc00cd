/**
 * Telling a write the browser could not store (the disk is full) from other failures, and
 * saying so to the user: what was not saved and what to do. Chromium reports a full disk
 * as "QuotaExceededError: Encountered disk full while committing transaction", as an
 * "IO error ... FILE_ERROR_NO_SPACE", or, once the database was closed by one, as a
 * connection closing or a backing store that cannot be opened; Dexie may wrap any of them.
 */

const FULL = /QuotaExceeded|AbortError|transaction was aborted|disk full|NO_SPACE|No space left|IO error|backing store|connection is closing|DatabaseClosed|quota/i;

/** True when `e` says the profile's storage could not be written; an error that wraps another is judged by the one it wraps. */
export function isStorageFailure(e: unknown): boolean {
  let err = e as { name?: unknown; message?: unknown; inner?: unknown } | null | undefined;
  if (!err || typeof err !== 'object') return false;
  for (let depth = 0; depth < 4 && err.inner && typeof err.inner === 'object'; depth++) err = err.inner as typeof err;
  return FULL.test(`${String(err.name ?? '')} ${String(err.message ?? '')}`);
}

/** The message for a write that failed for lack of space: `what` was not saved, and what to do. */
export function notSavedMessage(what: string): string {
  return (
    `Not saved: ${what}. The browser could not write to its storage; the disk is probably full. ` +
    'What you typed is still here: free some disk space, then save again. ' +
    'To keep a copy of your records, download a backup from Evidence Mapper\u2019s Settings (options page).'
  );
}
