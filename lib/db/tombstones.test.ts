import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { createDb, type EvidenceDb } from './schema';
import { createPassage, deletePassage, restorePassage, updatePassage } from './evidence';
import { createLearner } from './learners';
import { signOffUnit, withdrawSignoff } from './signoffs';
import { isAlive, putTombstones } from './tombstones';

let db: EvidenceDb;
let name: string;
let learnerId: string;
beforeEach(async () => {
  name = `tomb-${Math.random()}`;
  db = createDb(name);
  learnerId = (await createLearner(db, { name: 'Jordan Ellis', qualificationIds: ['edi-l2:500/9378/2'] })).id;
});
afterEach(async () => {
  db.close();
  await Dexie.delete(name);
});

const t = (n: number) => new Date(Date.UTC(2026, 2, 1, 10, 0, n)).toISOString();
const passage = (passageId: string) => ({
  passageId, learnerId, url: 'https://p.example/a', title: 'A', selectors: [{ type: 'TextQuoteSelector', exact: 'I watched' }], quote: 'I watched', createdBy: 'Sam',
  mappings: [{ criterionId: 'edi-l2:CU795:1.8', method: 'Obs' as const, note: '' }, { criterionId: 'edi-l2:CU795:1.7', method: 'Q' as const, note: '' }],
});

describe('deletions recorded so that they travel', () => {
  it('records who deleted a passage and when, and its Undo as a later event that keeps it alive', async () => {
    const p = await createPassage(db, passage('p1'), t(1));
    await deletePassage(db, 'p1', t(5), 'Sam');
    expect(await db.tombstones.get('p1')).toEqual({ id: 'p1', kind: 'passage', learnerId, deleted: true, at: t(5), by: 'Sam' });
    expect(isAlive(p, await db.tombstones.get('p1'))).toBe(false);
    await restorePassage(db, 'p1', passage('p1'), t(7));
    const undo = await db.tombstones.get('p1');
    expect(undo).toMatchObject({ deleted: false, at: t(7) });
    expect(isAlive(p, undo)).toBe(true);
  });

  it('records a criterion taken off a passage, and not one put straight back', async () => {
    const p = await createPassage(db, passage('p1'), t(1));
    const [a, b] = p.mappings;
    await updatePassage(db, 'p1', { add: [], removeMappingIds: [a.id], notes: [] }, 'Ali', t(3));
    expect(await db.tombstones.get(a.id)).toEqual({ id: a.id, kind: 'mapping', learnerId, passageId: 'p1', deleted: true, at: t(3), by: 'Ali' });
    await updatePassage(db, 'p1', { add: [{ criterionId: b.criterionId, method: 'Wt', note: '' }], removeMappingIds: [b.id], notes: [] }, 'Ali', t(4));
    expect(await db.tombstones.get(b.id)).toBeUndefined();
  });

  it('records a withdrawn sign-off', async () => {
    const s = await signOffUnit(db, learnerId, 'edi-l2:CU795', 'Sam', t(1));
    expect(await withdrawSignoff(db, learnerId, 'edi-l2:CU795', 'Sam', t(2))).toBe(1);
    expect(await db.tombstones.get(s.id)).toMatchObject({ kind: 'signoff', deleted: true, at: t(2) });
  });

  it('keeps the later of two events on one record, whichever arrives first', async () => {
    const del = { id: 'x', kind: 'passage' as const, learnerId, deleted: true, at: t(5), by: 'A' };
    const undo = { ...del, deleted: false, at: t(9), by: 'B' };
    await db.transaction('rw', db.tombstones, () => putTombstones(db, [undo]));
    await db.transaction('rw', db.tombstones, () => putTombstones(db, [del]));
    expect(await db.tombstones.get('x')).toEqual(undo);
    // At one moment, the deletion wins, on every machine.
    await db.transaction('rw', db.tombstones, () => putTombstones(db, [{ ...del, at: t(9) }]));
    expect((await db.tombstones.get('x'))?.deleted).toBe(true);
  });
});
