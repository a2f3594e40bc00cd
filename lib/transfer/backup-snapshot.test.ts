import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { backupSource } from './sources';
import { backupChunks } from '../export/backup';
import { createPassage, deletePassage, restorePassage } from '../db/evidence';
import type { QuarantinedRecord } from '../db/records';
import { createLearner } from '../db/learners';
import { base, deleteDbs, fill, freshDb, importText, snapshot } from '../../test/fixtures/transfer';
import { dataset, isoTime, nastyText, type Dataset } from '../../test/fixtures/export-data';
import type { EvidenceDb } from '../db/schema';

afterEach(deleteDbs);

/** A write the assessor makes while a backup is being written. */
type Write = { kind: 'learner' } | { kind: 'tag'; learner: number; page: number; fresh: boolean; pageId?: string };

async function write(db: EvidenceDb, w: Write, n: number): Promise<void> {
  if (w.kind === 'learner') {
    await createLearner(db, { name: `New ${n}`, qualificationIds: ['spec-a:600/0000/1'] });
    return;
  }
  const learners = await db.learners.toArray();
  const pages = await db.pages.toArray();
  const learner = learners[w.learner % learners.length];
  const url = w.fresh || !pages.length ? `https://portfolio.example/new-${n}` : pages[w.page % pages.length].url;
  // A page stored first under an id of the test's choosing, so its sheet may sort anywhere among the others.
  if (w.fresh && w.pageId !== undefined && !(await db.pages.get(w.pageId))) {
    await db.pages.add({ id: w.pageId, url, title: 'New', kind: 'web', createdAt: learner.createdAt, updatedAt: learner.createdAt });
  }
  await createPassage(db, {
    passageId: `written-${n}`, learnerId: learner.id, url, title: 'New', quote: 'new words', createdBy: 'Sam',
    selectors: [{ type: 'TextQuoteSelector', exact: 'new words' }], mappings: [{ criterionId: 'spec-a:CU1:1.1', method: 'Obs', note: '' }],
  });
}

/** Writes a backup, making `writes[i]` before the (i+1)th chunk is asked for. */
async function backupWhileWriting(db: EvidenceDb, writes: (Write | null)[], size: number): Promise<string> {
  let text = '';
  let i = 0;
  for await (const chunk of backupChunks(await backupSource(db, size))) {
    text += chunk;
    const w = writes[i++];
    if (w) await write(db, w, i);
  }
  return text;
}

describe('a backup taken while the assessor keeps tagging', () => {
  it('is one snapshot: a passage on a new page tagged mid-export does not break the restore', async () => {
    const db = freshDb();
    // A learner sorting before l1, so the sheets read in one range span l1's new page.
    const l0 = { ...base.learners[0], id: 'l0', name: 'Alex' };
    await fill(db, { ...base, learners: [l0, ...base.learners], passages: [...base.passages, { ...base.passages[0], id: 'p0', learnerId: 'l0' }] });
    const before = await snapshot(db);
    const text = await backupWhileWriting(db, [{ kind: 'tag', learner: 1, page: 0, fresh: true }], 20);
    const restored = freshDb();
    await importText(restored, text);
    const after = await snapshot(restored);
    expect(after.passages).toEqual(before.passages);
    expect(after.pages).toEqual(before.pages);
  });

  it('property: every backup written, whatever is tagged meanwhile, restores into an empty profile, quarantine and recently deleted passages too', async () => {
    const write: fc.Arbitrary<Write | null> = fc.oneof(
      fc.constant(null),
      fc.constant({ kind: 'learner' as const }),
      fc.record({ kind: fc.constant('tag' as const), learner: fc.nat(), page: fc.nat(), fresh: fc.boolean(), pageId: fc.option(fc.string({ minLength: 1, maxLength: 3 }), { nil: undefined }) }),
    );
    // What an upgrade set aside: any JSON, kept exactly.
    const json = fc.json({ maxDepth: 2 }).map((t) => JSON.parse(t) as unknown);
    const quarantined: fc.Arbitrary<QuarantinedRecord[]> = fc.uniqueArray(
      fc.record({ recordId: fc.string({ minLength: 1, maxLength: 6 }), source: fc.constantFrom('version 1 mappings', 'version 1 passages'), what: nastyText, reason: nastyText, record: json, quarantinedAt: isoTime }),
      { maxLength: 3, selector: (q) => `${q.source}/${q.recordId}` },
    ).map((list) => list.map((q) => ({ id: `${q.source}/${q.recordId}`, ...q })));
    await fc.assert(
      fc.asyncProperty(dataset, fc.array(write, { maxLength: 6 }), fc.integer({ min: 2, max: 4 }), quarantined, fc.uniqueArray(fc.nat(), { maxLength: 3 }), async (ds: Dataset, writes, size, quarantine, deletes) => {
        const db = freshDb();
        await fill(db, ds);
        await db.quarantine.bulkPut(quarantine);
        // Passages the assessor deleted a moment ago (kept a day for Undo).
        const deleted = ds.passages.length ? [...new Set(deletes.map((i) => ds.passages[i % ds.passages.length].id))] : [];
        for (const id of deleted) await deletePassage(db, id);
        const before = await snapshot(db);
        const text = await backupWhileWriting(db, writes, size);
        const restored = freshDb();
        await importText(restored, text);
        const after = await snapshot(restored);
        // Everything there when the backup began is in it (tags made meanwhile may be too).
        expect(after.learners).toEqual(before.learners);
        expect(after.pages).toEqual(expect.arrayContaining(before.pages));
        const ids = new Set((after.passages as { id: string }[]).map((p) => p.id));
        for (const p of before.passages as { id: string }[]) expect(ids.has(p.id)).toBe(true);
        expect(after.quarantine).toEqual(before.quarantine);
        expect(after.deletedPassages).toEqual(before.deletedPassages);
        // Undo in the restored profile puts a deleted passage back exactly as it was stored.
        for (const id of deleted) {
          const kept = (before.deletedPassages as { passageId: string; passage: unknown }[]).find((d) => d.passageId === id)!;
          const back = await restorePassage(restored, id, { passageId: id, learnerId: '', url: '', title: '', selectors: [], quote: '', createdBy: '', mappings: [] });
          expect(back).toEqual(kept.passage);
        }
        await deleteDbs();
      }),
      { numRuns: 100 },
    );
  }, 180_000);
});
