import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { docId, fromDocs, parseDocId, toDocs, type SyncDoc, type SyncRecords } from './docs';
import { syncRecords } from '../../test/fixtures/sync-data';
import { WRITERS } from './design';

const sorted = (r: SyncRecords): SyncRecords =>
  Object.fromEntries(Object.entries(r).map(([k, list]) => [k, [...(list as { id: string }[])].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))])) as unknown as SyncRecords;
/** As a document comes back from a server: through JSON. */
const overTheWire = (docs: SyncDoc[]) => JSON.parse(JSON.stringify(docs)) as SyncDoc[];

describe('records as CouchDB documents', () => {
  it('Dexie records -> documents -> records is the identity (through JSON, as over HTTP)', () => {
    fc.assert(
      fc.property(syncRecords, (records) => {
        const back = fromDocs(overTheWire(toDocs(records, 'ann')));
        expect(back.problems).toEqual([]);
        expect(sorted(back.records)).toEqual(sorted(records));
      }),
      { numRuns: 200 },
    );
  });

  it('gives every record one document with a stable id, named by its type; deletions of records gone are deleted documents', () => {
    fc.assert(
      fc.property(syncRecords, (records) => {
        const docs = toDocs(records, 'ann');
        expect(new Set(docs.map((d) => d._id)).size).toBe(docs.length);
        expect(toDocs(records, 'ann')).toEqual(docs);
        for (const d of docs) {
          expect(parseDocId(d._id)?.type).toBe(d.type);
          // Every type is one the server's rules know.
          expect(WRITERS[d.type]).toBeDefined();
          expect(d._deleted === true).toBe(d.record === undefined && d.tombstone?.deleted === true);
        }
        for (const p of records.passages) expect(docs.find((d) => d._id === docId('passage', p.id))?.record).toEqual(p);
      }),
      { numRuns: 100 },
    );
  });

  it("never puts an assessor's work and an IV's decision in one document", () => {
    fc.assert(
      fc.property(syncRecords, (records) => {
        for (const d of toDocs(records, 'x')) {
          const ivOnly = WRITERS[d.type].length === 1 && WRITERS[d.type][0] === 'iv';
          const record = d.record as { target?: unknown; selectors?: unknown } | undefined;
          if (record?.target) expect(ivOnly).toBe(true);
          if (record?.selectors) expect(WRITERS[d.type]).toEqual(['assessor']);
        }
      }),
    );
  });

  it('a criterion taken off is a deleted mapping document; a passage deleted and undone is live again with its undo', () => {
    const removal = { id: 'p1|spec-a:CU1:1.1', kind: 'mapping' as const, learnerId: 'l1', passageId: 'p1', deleted: true, at: '2026-02-01T00:00:00.000Z', by: 'Sam' };
    const undo = { id: 'p2', kind: 'passage' as const, learnerId: 'l1', deleted: false, at: '2026-02-02T00:00:00.000Z', by: 'Sam' };
    const empty: SyncRecords = { learners: [], pages: [], passages: [], decisions: [], signoffs: [], samplingPlans: [], responses: [], specifications: [], tombstones: [removal, undo] };
    expect(toDocs(empty, 'ann')).toEqual([
      { _id: 'mapping:p1|spec-a:CU1:1.1', type: 'mapping', author: 'ann', tombstone: removal, _deleted: true },
      { _id: 'passage:p2', type: 'passage', author: 'ann', tombstone: undo },
    ]);
  });

  it('reports documents whose id and contents disagree, reads the rest, and skips design documents', () => {
    const learner = { id: 'l1', name: 'Jo', qualificationIds: [], unitChoices: {}, archived: false, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
    const { records, problems } = fromDocs([
      { _id: '_design/evidence-mapper', type: 'x', author: '' } as unknown as SyncDoc,
      { _id: 'learner:l1', type: 'learner', author: 'ann', record: learner },
      { _id: 'learner:l2', type: 'learner', author: 'ann', record: learner },
      { _id: 'passage:d1', type: 'decision', author: 'ann', record: { id: 'd1' } },
      { _id: 'mapping:m1', type: 'mapping', author: 'ann', record: { id: 'm1' } },
      { _id: 'signoff:s1', type: 'signoff', author: 'ann', tombstone: { id: 's2', kind: 'signoff', learnerId: 'l1', deleted: true, at: '2026-01-01T00:00:00.000Z', by: '' } },
      { _id: 'note:1', type: 'note', author: 'ann' } as unknown as SyncDoc,
    ]);
    expect(records.learners).toEqual([learner]);
    expect(problems).toEqual([
      { id: 'learner:l2', reason: 'its record has another id' },
      { id: 'passage:d1', reason: 'its id says passage but it says decision' },
      { id: 'mapping:m1', reason: 'a mapping travels inside its passage, not as a document of its own' },
      { id: 'signoff:s1', reason: 'its deletion names another record' },
      { id: 'note:1', reason: 'not an Evidence Mapper document' },
    ]);
  });
});
