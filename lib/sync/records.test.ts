import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deleteDbs, freshDb } from '../../test/fixtures/transfer';
import { syncRecords } from '../../test/fixtures/sync-data';
import { fromDocs, toDocs, type SyncDoc, type SyncRecords } from './docs';
import { readSyncRecords, writeSyncRecords } from './records';

afterEach(deleteDbs);

const byKey = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const sorted = (r: SyncRecords) => Object.fromEntries(Object.entries(r).map(([k, list]) => [k, [...(list as { id: string }[])].sort(byKey)]));

describe("a profile's database through documents", () => {
  it('Dexie -> documents -> an empty profile\'s Dexie gives back every shared record exactly', async () => {
    await fc.assert(
      fc.asyncProperty(syncRecords, async (records) => {
        const a = freshDb();
        await writeSyncRecords(a, structuredClone(records));
        const held = await readSyncRecords(a);
        const docs = JSON.parse(JSON.stringify(toDocs(held, 'ann'))) as SyncDoc[];
        const { records: back, problems } = fromDocs(docs);
        expect(problems).toEqual([]);
        const b = freshDb();
        await writeSyncRecords(b, back);
        expect(sorted(await readSyncRecords(b))).toEqual(sorted(held));
        a.close();
        b.close();
        await deleteDbs();
      }),
      { numRuns: 30 },
    );
  });

  it('a deletion that arrives as a document takes the passage away from a profile holding it', async () => {
    const records = fc.sample(syncRecords.filter((r) => r.passages.length > 0 && r.tombstones.length === 0), { numRuns: 1, seed: 7 })[0];
    const db = freshDb();
    await writeSyncRecords(db, records);
    const gone = records.passages[0];
    const later = new Date(Date.parse(gone.updatedAt) + 1000).toISOString();
    const deletion = { id: gone.id, kind: 'passage' as const, learnerId: gone.learnerId, deleted: true, at: later, by: 'Sam' };
    const empty: SyncRecords = { learners: [], pages: [], passages: [], decisions: [], signoffs: [], samplingPlans: [], responses: [], specifications: [], tombstones: [deletion] };
    const [doc] = toDocs(empty, 'ann');
    expect(doc._deleted).toBe(true);
    await writeSyncRecords(db, fromDocs([doc]).records);
    const after = await readSyncRecords(db);
    expect(after.passages.map((p) => p.id)).not.toContain(gone.id);
    expect(after.tombstones).toEqual([deletion]);
    db.close();
  });
});
