import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { createDb, VERSIONS } from './schema';
import { EVERYTHING, withoutChangeLog } from './change-log';
import { createLearner, renameLearner } from './learners';
import { createPassage, deletePassage } from './evidence';
import { setAssessorName } from './settings';
import { clearPushed, pendingChanges } from '../sync/engine';

const names: string[] = [];
let n = 0;
const fresh = (upTo?: number) => {
  const name = `change-log-${++n}-${Date.now()}`;
  names.push(name);
  return createDb(name, upTo);
};
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

const ids = async (db: ReturnType<typeof createDb>) => (await pendingChanges(db)).map((e) => e.id).sort();

describe('the change log', () => {
  it('names each shared record written, once however often it is written, and nothing for settings', async () => {
    const db = fresh();
    expect(await ids(db)).toEqual([]);
    await setAssessorName(db, 'Ann');
    expect(await ids(db)).toEqual([]);
    const jo = await createLearner(db, { name: 'Jo', qualificationIds: ['s:q'] });
    await renameLearner(db, jo.id, 'Joanne');
    const p = await createPassage(db, { passageId: 'p1', learnerId: jo.id, url: 'https://example.org/a', title: 'A', selectors: [], quote: 'q', mappings: [], createdBy: 'Ann' });
    const page = await db.pages.get(p.pageId);
    expect(await ids(db)).toEqual([`learners/"${jo.id}"`, `pages/"${page!.id}"`, `sheets/${JSON.stringify([jo.id, page!.id])}`].sort());
    await deletePassage(db, 'p1', undefined, 'Ann');
    expect(await ids(db)).toContain('tombstones/"p1"');
    db.close();
  });

  it('names only the records a write put, not those it failed on, and leaves the failure its own error', async () => {
    const db = fresh();
    const jo = await createLearner(db, { name: 'Jo', qualificationIds: ['s:q'] });
    await db.changeLog.clear();
    const at = new Date().toISOString();
    const sam = { ...jo, id: 'learner-sam', name: 'Sam', createdAt: at, updatedAt: at };
    let error: unknown;
    await db.transaction('rw', db.learners, async () => {
      // Jo is there already: her add fails, Sam's goes in and the transaction goes on.
      await db.learners.bulkAdd([{ ...jo }, sam]).catch((e) => (error = e));
    });
    expect((error as Error).name).toBe('BulkError');
    expect(await db.learners.get('learner-sam')).toBeTruthy();
    expect(await ids(db)).toEqual(['learners/"learner-sam"']);
    db.close();
  });

  it('a store cleared makes the next run compare everything', async () => {
    const db = fresh();
    await db.learners.clear();
    expect(await ids(db)).toEqual([EVERYTHING]);
    db.close();
  });

  it('writes made for records that came from the server leave no entry; writes beside them do', async () => {
    const db = fresh();
    await withoutChangeLog(db, async () => {
      await db.learners.put({ id: 'from-server', name: 'Sam', qualificationIds: [], unitChoices: {}, archived: false, createdAt: 't', updatedAt: 't' });
    });
    expect(await ids(db)).toEqual([]);
    await createLearner(db, { name: 'Mine', qualificationIds: ['s:q'] });
    expect(await ids(db)).toHaveLength(1);
    db.close();
  });

  it('a pushed entry is cleared, unless the record was written again after the run read it', async () => {
    const db = fresh();
    const a = await createLearner(db, { name: 'A', qualificationIds: ['s:q'] });
    const b = await createLearner(db, { name: 'B', qualificationIds: ['s:q'] });
    const read = await pendingChanges(db);
    await renameLearner(db, b.id, 'B2'); // written while the run was pushing
    await clearPushed(db, read);
    expect(await ids(db)).toEqual([`learners/"${b.id}"`]);
    expect(a.id).not.toBe(b.id);
    db.close();
  });

  it('a version 6 database with records opens at version 7 with one "compare everything" entry; an empty one with none', async () => {
    const v6 = fresh(6);
    await v6.open();
    await v6.learners.add({ id: 'l1', name: 'Jo', qualificationIds: [], unitChoices: {}, archived: false, createdAt: 't', updatedAt: 't' });
    const name = v6.name;
    v6.close();
    const db = createDb(name);
    await db.open();
    expect(db.verno).toBe(VERSIONS[VERSIONS.length - 1].version);
    expect(await ids(db)).toEqual([EVERYTHING]);
    expect((await db.learners.get('l1'))?.name).toBe('Jo');
    db.close();

    const empty = fresh(6);
    await empty.open();
    const emptyName = empty.name;
    empty.close();
    const after = createDb(emptyName);
    await after.open();
    expect(await ids(after)).toEqual([]);
    after.close();
  });
});
