import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { EvidenceDb } from '../db/schema';
import { backupSource, loadCatalogueIndex, tagsetBatches, unitItems, summaryData } from './sources';
import { backupChunks } from '../export/backup';
import type { TagsetFilter } from '../export/tagset/rows';
import { base, collect, deleteDbs, fill, freshDb } from '../../test/fixtures/transfer';

afterEach(deleteDbs);

describe('reading what an export needs', () => {
  it('a backup holds every passage (stored a sheet per learner and page) and counts them in its collection total', async () => {
    const db = freshDb();
    const extra = { ...base.passages[0], id: 'p3', quote: 'three' };
    await fill(db, { ...base, passages: [...base.passages, extra] });
    const doc = JSON.parse(await collect(backupChunks(await backupSource(db, 1))));
    expect(doc.annotations.total).toBe(3);
    expect(doc.annotations.first.items.map((a: { id: string }) => a.id).sort()).toEqual(['p1', 'p2', 'p3'].map((id) => `urn:x-evidence-mapper:passage:${id}`));
  });

  async function ids(db: EvidenceDb, filter: TagsetFilter) {
    const out: string[] = [];
    for await (const batch of tagsetBatches(db, filter, await loadCatalogueIndex(db), 2)) out.push(...batch.map((i) => i.mapping.id));
    return out;
  }

  it('filters by learner, qualification, unit and date range, ordered by learner, passage tagged, then criterion', async () => {
    const db = freshDb();
    await fill(db, base);
    expect(await ids(db, {})).toEqual(['m1', 'm4', 'm2', 'm3']);
    expect(await ids(db, { learnerId: 'l1' })).toEqual(['m1', 'm4', 'm2']);
    expect(await ids(db, { unitId: 'spec-a:CU1' })).toEqual(['m1', 'm4', 'm3']);
    expect(await ids(db, { learnerId: 'l1', unitId: 'spec-a:CU2' })).toEqual(['m2']);
    expect(await ids(db, { qualificationId: 'spec-a:600/0000/1', learnerId: 'l2' })).toEqual(['m3']);
    expect(await ids(db, { qualificationId: 'nope' })).toEqual([]);
    expect(await ids(db, { from: '2026-01-15', to: '2026-02-10' })).toEqual(['m2', 'm3']);
  });

  it('keeps a passage\'s rows together, passages in the order they were tagged', async () => {
    const db = freshDb();
    const earlier = { ...base.passages[0], id: 'p0', quote: 'zero', createdAt: '2025-12-01T00:00:00.000Z' };
    const m5 = { ...base.mappings[0], id: 'm5', passageId: 'p0', criterionId: 'spec-a:CU2:1.2', unitId: 'spec-a:CU2' };
    const m6 = { ...base.mappings[0], id: 'm6', passageId: 'p0', criterionId: 'spec-a:CU1:1.2', unitId: 'spec-a:CU1' };
    await fill(db, { ...base, passages: [...base.passages, earlier], mappings: [...base.mappings, m5, m6] });
    expect(await ids(db, { learnerId: 'l1' })).toEqual(['m6', 'm5', 'm1', 'm4', 'm2']);
  });

  it('attaches the IV\'s latest decision on a mapping', async () => {
    const db = freshDb();
    await fill(db, base);
    const items = await unitItems(db, 'l1', 'spec-a:CU1', await loadCatalogueIndex(db));
    expect(items.find((i) => i.mapping.id === 'm1')?.decision?.id).toBe('d2');
    expect(items.find((i) => i.mapping.id === 'm4')?.decision).toBeUndefined();
    expect((await summaryData(db, 'l1'))?.signoffs.map((s) => s.id)).toEqual(['s1']);
  });
});
