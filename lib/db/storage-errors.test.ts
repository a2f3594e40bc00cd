import { describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { isStorageFailure, notSavedMessage } from './storage-errors';

const named = (name: string, message: string) => Object.assign(new Error(message), { name });

describe('a write the disk could not take', () => {
  it('is told apart by the errors Chromium 156 gave on a full tmpfs, bare or wrapped by Dexie', () => {
    const measured = [
      named('QuotaExceededError', 'Encountered disk full while committing transaction.'),
      named('UnknownError', 'Connection is closing because of: IO error: .../000003.log: FILE_ERROR_NO_SPACE (ChromeMethodBFE: 3::WritableFileAppend::8)'),
      named('UnknownError', 'Internal error opening backing store for indexedDB.open.'),
      named('AbortError', 'The transaction was aborted, so the request cannot be fulfilled.'),
      named('InvalidStateError', "Failed to execute 'transaction' on 'IDBDatabase': The database connection is closing."),
    ];
    for (const e of measured) {
      expect(isStorageFailure(e)).toBe(true);
      expect(isStorageFailure(new Dexie.AbortError('Transaction aborted', e))).toBe(true);
    }
  });

  it('is not confused with the errors the user should see as they are', () => {
    for (const e of [new Error('This highlight was already deleted.'), new Error('That learner no longer exists.'), named('ConstraintError', 'Key already exists in the object store.'), 'text', null]) {
      expect(isStorageFailure(e)).toBe(false);
    }
    // A transaction aborted because one of its own requests failed is that request's failure.
    expect(isStorageFailure(new Dexie.AbortError('Transaction aborted', named('ConstraintError', 'Key already exists in the object store.')))).toBe(false);
  });

  it('names what was not saved and what to do', () => {
    expect(notSavedMessage('the tag on \u201cwords\u201d')).toMatch(/^Not saved: the tag on \u201cwords\u201d\. .*free some disk space, then save again\. .*download a backup/);
  });
});
