import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import Dexie from 'dexie';
import { createDb, type EvidenceDb } from './schema';
import { createPassage, deletePassage, passagesForPage, updatePassage, countPassagesForPage, recordAnchorStatus, restorePassage, KEEP_DELETED_MS } from './evidence';
import { readEvidence } from '../../test/fixtures/db';
import { chooseLearner, createLearner, learnerForSite } from './learners';

let db: EvidenceDb;
let name: string;
let learnerId: string;
beforeEach(async () => {
  name = `ev-${Math.random()}`;
  db = createDb(name);
  learnerId = (await createLearner(db, { name: 'Jordan Ellis', qualificationIds: ['edi-l2:500/9378/2'] })).id;
});
afterEach(async () => {
  db.close();
  await Dexie.delete(name);
});

const quote = { type: 'TextQuoteSelector', exact: 'I watched her face', prefix: '', suffix: '' };
const newPassage = (passageId: string) => ({
  passageId, learnerId, url: 'https://p.example/l?id=1#top', title: 'Portfolio', selectors: [quote], quote: 'I watched her face',
  createdBy: 'Sam Assessor',
  mappings: [
    { criterionId: 'edi-l2:CU795:1.8', method: 'Obs' as const, note: '' },
    { criterionId: 'edi-l2:CU795:1.7', method: 'Obs' as const, note: 'calm' },
  ],
});

describe('evidence passages', () => {
  it('saves a passage with its mappings and finds it by the page URL in any form', async () => {
    await createPassage(db, newPassage(crypto.randomUUID()));
    const found = await passagesForPage(db, learnerId, 'https://p.example/l?utm_medium=x&id=1');
    expect(found).toHaveLength(1);
    expect(found[0].mappings.map((m) => m.criterionId).sort()).toEqual(['edi-l2:CU795:1.7', 'edi-l2:CU795:1.8']);
    expect(await countPassagesForPage(db, learnerId, 'https://p.example/l?id=1')).toBe(1);
    expect(await countPassagesForPage(db, learnerId, 'https://p.example/l?id=2')).toBe(0);
  });

  it('a retried save of the same passage creates no duplicates', async () => {
    const id = crypto.randomUUID();
    await Promise.all([createPassage(db, newPassage(id)), createPassage(db, newPassage(id))]);
    expect((await readEvidence(db)).passages).toHaveLength(1);
    expect((await readEvidence(db)).mappings).toHaveLength(2);
  });

  it('changes a saved mapping\'s method: the mapping then names who changed it and when; the others are untouched', async () => {
    const p = await createPassage(db, { ...newPassage(crypto.randomUUID()), createdBy: 'Sam' });
    const m17 = p.mappings.find((m) => m.criterionId.endsWith('1.7'))!;
    const m18 = p.mappings.find((m) => m.criterionId.endsWith('1.8'))!;
    const later = '2026-06-01T09:30:00.000Z';
    const after = await updatePassage(db, p.id, { add: [], removeMappingIds: [], notes: [], methods: [{ mappingId: m17.id, method: 'Wt' }] }, 'Alex Second', later);
    const stored = (await readEvidence(db)).mappings.find((m) => m.id === m17.id)!;
    expect(stored).toMatchObject({ method: 'Wt', createdBy: 'Alex Second', updatedAt: later, createdAt: m17.createdAt, note: m17.note });
    expect(after.mappings.find((m) => m.id === m18.id)).toEqual(m18);
    // Choosing the method it already has changes nothing, not even who answers for it.
    const again = await updatePassage(db, p.id, { add: [], removeMappingIds: [], notes: [], methods: [{ mappingId: m17.id, method: 'Wt' }] }, 'Someone Else', '2026-06-02T09:30:00.000Z');
    expect(again.mappings.find((m) => m.id === m17.id)).toMatchObject({ createdBy: 'Alex Second', updatedAt: later });
  });

  it('adds and removes criteria and edits notes; refuses to leave a passage with none', async () => {
    const p = await createPassage(db, newPassage(crypto.randomUUID()));
    const m17 = p.mappings.find((m) => m.criterionId.endsWith('1.7'))!;
    const m18 = p.mappings.find((m) => m.criterionId.endsWith('1.8'))!;
    const after = await updatePassage(db, p.id, { add: [{ criterionId: 'edi-l2:CU802:1.1', method: 'Obs', note: '' }], removeMappingIds: [m17.id], notes: [{ mappingId: m18.id, note: 'read her frown' }] }, 'Sam');
    expect(after.mappings.map((m) => m.criterionId).sort()).toEqual(['edi-l2:CU795:1.8', 'edi-l2:CU802:1.1']);
    expect(after.mappings.find((m) => m.id === m18.id)?.note).toBe('read her frown');
    const ids = after.mappings.map((m) => m.id);
    await expect(updatePassage(db, p.id, { add: [], removeMappingIds: ids, notes: [] }, 'Sam')).rejects.toThrow(/at least one criterion/);
    expect((await readEvidence(db)).mappings.filter((m) => m.passageId === p.id)).toHaveLength(2);
  });

  it('delete then restore (undo) brings back the same passage and mappings', async () => {
    // These are whole stored passages, and a restore is a new write with its own updatedAt:
    // the clock is held so that "the same passage" can be compared field for field.
    vi.useFakeTimers({ toFake: ['Date'] });
    onTestFinished(() => void vi.useRealTimers());
    const p = await createPassage(db, newPassage(crypto.randomUUID()));
    const deleted = (await deletePassage(db, p.id))!;
    expect((await readEvidence(db)).passages).toHaveLength(0);
    expect(await db.sheets.count()).toBe(0);
    expect((await readEvidence(db)).mappings).toHaveLength(0);
    const restored = await createPassage(db, {
      passageId: deleted.passage.id, learnerId: deleted.learnerId, url: deleted.url, title: deleted.title,
      selectors: deleted.passage.selectors, quote: deleted.passage.quote, createdBy: deleted.passage.createdBy,
      createdAt: deleted.passage.createdAt, mappings: deleted.passage.mappings,
      mappingTimes: Object.fromEntries(deleted.passage.mappings.map((m) => [m.criterionId, m.createdAt])),
    });
    expect(restored).toEqual(p);
  });

  it('delete then restorePassage (undo) puts back exactly what was stored: mapping authors, every updatedAt, the anchor status', async () => {
    const p = await createPassage(db, newPassage(crypto.randomUUID()), '2026-05-01T10:00:00.000Z');
    await updatePassage(db, p.id, { add: [{ criterionId: 'edi-l2:CU802:1.1', method: 'Q', note: '' }], removeMappingIds: [], notes: [] }, 'Alex Second', '2026-05-01T11:00:00.000Z');
    await recordAnchorStatus(db, [{ passageId: p.id, status: 'fuzzy' }], '2026-05-02T09:00:00.000Z');
    const before = await db.sheets.toArray();
    const deleted = (await deletePassage(db, p.id, '2026-05-03T09:00:00.000Z'))!;
    expect(await db.sheets.count()).toBe(0);
    // The page sends back only the view's fields: the fallback must not be what is used.
    const fallback = { ...newPassage(p.id), createdBy: 'Somebody Else', mappings: [{ criterionId: 'edi-l2:CU795:1.8', method: 'Obs' as const, note: '' }] };
    const restored = await restorePassage(db, deleted.passage.id, fallback, '2026-05-03T09:00:05.000Z');
    expect(restored).toEqual(deleted.passage);
    expect(await db.sheets.toArray()).toEqual(before);
    expect(await db.deletedPassages.count()).toBe(0);
    // Undo pressed twice (two tabs) changes nothing.
    expect(await restorePassage(db, p.id, fallback, '2026-05-03T09:00:09.000Z')).toEqual(deleted.passage);
    expect(await db.sheets.toArray()).toEqual(before);
  });

  it('once a deleted passage is no longer kept, undo restores from the page\'s copy, keeping each mapping\'s author and time', async () => {
    const t0 = Date.parse('2026-05-01T10:00:00.000Z');
    const p = await createPassage(db, newPassage(crypto.randomUUID()), new Date(t0).toISOString());
    const q = await createPassage(db, { ...newPassage(crypto.randomUUID()), quote: 'other' }, new Date(t0).toISOString());
    const later = await updatePassage(db, p.id, { add: [{ criterionId: 'edi-l2:CU802:1.1', method: 'Q', note: '' }], removeMappingIds: [], notes: [] }, 'Alex Second', new Date(t0 + 1000).toISOString());
    const deleted = (await deletePassage(db, p.id, new Date(t0 + 2000).toISOString()))!;
    // A day later another delete drops the first from the kept ones.
    await deletePassage(db, q.id, new Date(t0 + 2000 + KEEP_DELETED_MS + 1).toISOString());
    expect((await db.deletedPassages.toArray()).map((d) => d.passageId)).toEqual([q.id]);
    const view = deleted.passage;
    const restored = await restorePassage(db, view.id, {
      passageId: view.id, learnerId: deleted.learnerId, url: deleted.url, title: deleted.title, selectors: view.selectors, quote: view.quote,
      createdBy: view.createdBy, createdAt: view.createdAt, mappings: view.mappings,
      mappingTimes: Object.fromEntries(view.mappings.map((m) => [m.criterionId, m.createdAt])),
      mappingAuthors: Object.fromEntries(view.mappings.map((m) => [m.criterionId, m.createdBy])),
    });
    expect(restored.mappings.map((m) => [m.criterionId, m.createdBy, m.createdAt])).toEqual(later.mappings.map((m) => [m.criterionId, m.createdBy, m.createdAt]));
  });

  it('refuses to restore a deleted passage whose learner is gone, with a clear message', async () => {
    const p = await createPassage(db, newPassage(crypto.randomUUID()));
    await deletePassage(db, p.id);
    await db.learners.delete(learnerId);
    await expect(restorePassage(db, p.id, newPassage(p.id))).rejects.toThrow(/learner no longer exists/);
    expect(await db.deletedPassages.count()).toBe(1);
  });

  it('a save racing a delete of the same passage either fails as deleted or saves the whole passage', async () => {
    const p = await createPassage(db, newPassage(crypto.randomUUID()));
    const results = await Promise.allSettled([
      updatePassage(db, p.id, { add: [{ criterionId: 'edi-l2:CU802:1.1', method: 'Q', note: '' }], removeMappingIds: [], notes: [] }, 'Sam'),
      deletePassage(db, p.id),
    ]);
    const left = (await readEvidence(db)).passages.find((x) => x.id === p.id);
    if (results[0].status === 'rejected') {
      expect(String(results[0].reason)).toMatch(/deleted/);
      expect(left).toBeUndefined();
    } else {
      // The update ran first, then the delete took the passage and everything in it.
      expect(left).toBeUndefined();
      expect(results[1].status === 'fulfilled' && results[1].value?.passage.mappings).toHaveLength(3);
    }
  });
});

describe('learner per site', () => {
  it('remembers the learner chosen on a site, falling back to the last chosen', async () => {
    const other = await createLearner(db, { name: 'Alex Kim', qualificationIds: ['edi-l2:500/9378/2'] });
    expect(await learnerForSite(db, 'https://a.example/x')).toBeNull();
    await chooseLearner(db, other.id, 'https://a.example/x');
    expect((await learnerForSite(db, 'https://a.example/y'))?.name).toBe('Alex Kim');
    await chooseLearner(db, learnerId, 'https://b.example/');
    expect((await learnerForSite(db, 'https://a.example/z'))?.name).toBe('Alex Kim');
    expect((await learnerForSite(db, 'https://c.example/'))?.name).toBe('Jordan Ellis');
  });
});

describe('anchor status', () => {
  it('records how passages anchored, changing only what changed', async () => {
    const { recordAnchorStatus } = await import('./evidence');
    const a = await createPassage(db, newPassage(crypto.randomUUID()));
    const b = await createPassage(db, newPassage(crypto.randomUUID()));
    expect(await recordAnchorStatus(db, [{ passageId: a.id, status: 'exact' }, { passageId: b.id, status: 'orphan' }, { passageId: 'gone', status: 'exact' }])).toBe(2);
    expect(await recordAnchorStatus(db, [{ passageId: a.id, status: 'exact' }])).toBe(0);
    expect((await readEvidence(db)).passages.find((x) => x.id === b.id)?.anchor?.status).toBe('orphan');
  });
});
