import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { createDb, type EvidenceDb } from './schema';
import { assessorName, setUserIdentity, shouldAskAssessorName, userIdentity } from './settings';

let db: EvidenceDb;
let name: string;
beforeEach(() => {
  name = `settings-${Math.random()}`;
  db = createDb(name);
});
afterEach(async () => {
  db.close();
  await Dexie.delete(name);
});

describe('who the user is', () => {
  it('is one set of settings: saved from Settings, it names the tags, and the first tag does not ask again', async () => {
    expect(await userIdentity(db)).toEqual({ name: '', initials: '', role: 'assessor' });
    expect(await shouldAskAssessorName(db)).toBe(true);
    await setUserIdentity(db, { name: '  Tom Reed ', initials: 'tr', role: 'verifier' });
    expect(await userIdentity(db)).toEqual({ name: 'Tom Reed', initials: 'TR', role: 'verifier' });
    expect(await assessorName(db)).toBe('Tom Reed');
    expect(await shouldAskAssessorName(db)).toBe(false);
  });

  it('refuses a blank name, keeping what was saved', async () => {
    await setUserIdentity(db, { name: 'Sam Patel', initials: 'SP', role: 'both' });
    await expect(setUserIdentity(db, { name: ' ', initials: '', role: 'assessor' })).rejects.toThrow(/Type your name/);
    expect(await userIdentity(db)).toEqual({ name: 'Sam Patel', initials: 'SP', role: 'both' });
  });
});
