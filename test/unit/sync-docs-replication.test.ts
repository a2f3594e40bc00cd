/**
 * Records as documents through a real CouchDB-protocol server and its rules: the assessor's
 * and the IV's documents each pushed by their author, then pulled by a third profile and read
 * back, deletions included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { NodePouch, startTestCouch, type TestCouch } from '../sync/couch';
import { syncRecords } from '../fixtures/sync-data';
import { fromDocs, toDocs, type SyncDoc, type SyncRecords } from '../../lib/sync/docs';
import { WRITERS } from '../../lib/sync/design';

let couch: TestCouch;
beforeAll(async () => {
  couch = await startTestCouch();
});
afterAll(() => couch?.stop());

const byKey = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const sorted = (r: SyncRecords) => Object.fromEntries(Object.entries(r).map(([k, list]) => [k, [...(list as { id: string }[])].sort(byKey)]));
let n = 0;

/** Every document of a PouchDB, deleted ones with their bodies, as the changes feed gives them. */
async function everyDoc(db: any): Promise<SyncDoc[]> {
  const changes = await db.changes({ include_docs: true, since: 0 });
  return changes.results.map((r: { doc: SyncDoc }) => r.doc);
}

describe('documents through the server', () => {
  it('records pushed by their authors come back the same to a profile that pulls them, deletions with their tombstones', async () => {
    const ann = await couch.user(['assessor']);
    const ivy = await couch.user(['iv']);
    const samples = fc.sample(syncRecords, { numRuns: 6, seed: 15 });
    for (const records of samples) {
      const team = await couch.teamDatabase();
      // The IV's documents are written by the IV, the rest by the assessor.
      const ivTypes = new Set(Object.keys(WRITERS).filter((t) => !WRITERS[t].includes('assessor')));
      const annDocs = toDocs(records, ann.username).filter((d) => !ivTypes.has(d.type));
      const ivyDocs = toDocs(records, ivy.username).filter((d) => ivTypes.has(d.type));
      const annDb = new NodePouch(`ann-${++n}`, { adapter: 'memory' });
      const ivyDb = new NodePouch(`ivy-${n}`, { adapter: 'memory' });
      // A document is written as it is stored (deleted ones with their bodies), new_edits as a
      // client's own first revision.
      await annDb.bulkDocs(annDocs);
      await ivyDb.bulkDocs(ivyDocs);
      const up = [await annDb.replicate.to(couch.remote(team, ann), { retry: false }), await ivyDb.replicate.to(couch.remote(team, ivy), { retry: false })];
      expect(up.map((r) => r.doc_write_failures)).toEqual([0, 0]);
      const third = new NodePouch(`third-${n}`, { adapter: 'memory' });
      await third.replicate.from(couch.remote(team, ivy), { retry: false });
      const { records: back, problems } = fromDocs(await everyDoc(third));
      expect(problems).toEqual([]);
      expect(sorted(back)).toEqual(sorted(records));
    }
  });
});
