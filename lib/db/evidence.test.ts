import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import Dexie from 'dexie';
import { createDb, type EvidenceDb } from './schema';
import { createPassage, deletePassage, passagesForPage, updatePassage, countPassagesForPage } from './evidence';
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
