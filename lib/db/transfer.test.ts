import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Dexie from 'dexie';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createDb, type EvidenceDb } from './schema';
import { putEvidence, readEvidence } from '../../test/fixtures/db';
import { learnerPassages } from './sheet-queries';
import { installBuiltInCatalogue } from './catalogue';
import { applyImportPlan, backupSource, loadCatalogueIndex, tagsetBatches, unitItems, summaryData } from './transfer';
import { backupChunks, BACKUP_FORMAT_VERSION } from '../export/backup';
import { tagsetCsv, type TagsetFilter } from '../export/tagset';
import { readImport, sniffFile } from '../export/read';
import { ImportError } from '../export/errors';
import { emptyPlan } from '../export/plan';
import { byId, dataset, SPEC_A, type Dataset } from '../export/test-data';

let n = 0;
const names: string[] = [];
function freshDb(): EvidenceDb {
  const name = `transfer-${++n}-${Date.now()}`;
  names.push(name);
  return createDb(name);
}
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

const TABLES = ['specifications', 'learners', 'pages', 'decisions', 'signoffs'] as const;

async function snapshot(db: EvidenceDb) {
  const out: Record<string, unknown[]> = {};
  for (const t of TABLES) out[t] = byId(await db.table(t).toArray());
  Object.assign(out, await readEvidence(db));
  // Built-in specifications are stamped when installed, so two databases differ there.
  out.specifications = (out.specifications as { origin: string }[]).filter((s) => s.origin === 'imported');
  return out;
}

async function fill(db: EvidenceDb, ds: Dataset) {
  await installBuiltInCatalogue(db, { formatVersion: 1, specifications: [SPEC_A] });
  await db.learners.bulkAdd(ds.learners);
  await db.pages.bulkAdd(ds.pages);
  await putEvidence(db, ds.passages, ds.mappings);
  await db.decisions.bulkAdd(ds.decisions);
  await db.signoffs.bulkAdd(ds.signoffs);
}

async function collect(chunks: AsyncIterable<string>): Promise<string> {
  let s = '';
  for await (const c of chunks) s += c;
  return s;
}

async function importText(db: EvidenceDb, text: string, hypothesis?: { learnerId: string; assessor: string; pageUrl?: string }) {
  return applyImportPlan(db, await readImport(sniffFile(text), { hypothesis }));
}

const T0 = '2026-01-01T00:00:00.000Z';
const learner = { id: 'l1', name: 'Jordan Ellis', qualificationIds: ['spec-a:600/0000/1'], unitChoices: { 'spec-a:600/0000/1': ['CU1', 'CU2'] }, archived: false, createdAt: T0, updatedAt: T0 };
const base: Dataset = {
  learners: [learner, { ...learner, id: 'l2', name: 'Priya Shah' }],
  pages: [{ id: 'pg1', url: 'https://portfolio.example/a', title: 'A', kind: 'web', createdAt: T0, updatedAt: T0 }],
  passages: [
    { id: 'p1', learnerId: 'l1', pageId: 'pg1', selectors: [{ type: 'TextQuoteSelector', exact: 'one' }], quote: 'one', createdBy: 'Sam', createdAt: T0, updatedAt: T0 },
    { id: 'p2', learnerId: 'l2', pageId: 'pg1', selectors: [{ type: 'TextQuoteSelector', exact: 'two' }], quote: 'two', createdBy: 'Sam', createdAt: T0, updatedAt: T0 },
  ],
  mappings: [
    { id: 'm1', passageId: 'p1', learnerId: 'l1', criterionId: 'spec-a:CU1:1.1', unitId: 'spec-a:CU1', method: 'Obs', note: '', createdBy: 'Sam', createdAt: '2026-01-10T09:00:00.000Z', updatedAt: T0 },
    { id: 'm2', passageId: 'p1', learnerId: 'l1', criterionId: 'spec-a:CU2:1.1', unitId: 'spec-a:CU2', method: 'Q', note: '', createdBy: 'Sam', createdAt: '2026-02-10T09:00:00.000Z', updatedAt: T0 },
    { id: 'm3', passageId: 'p2', learnerId: 'l2', criterionId: 'spec-a:CU1:1.2', unitId: 'spec-a:CU1', method: 'Pe', note: '', createdBy: 'Sam', createdAt: '2026-01-20T09:00:00.000Z', updatedAt: T0 },
    { id: 'm4', passageId: 'p1', learnerId: 'l1', criterionId: 'spec-a:CU1:2.1', unitId: 'spec-a:CU1', method: 'D', note: '', createdBy: 'Sam', createdAt: '2026-03-01T09:00:00.000Z', updatedAt: T0 },
  ],
  decisions: [
    { id: 'd1', learnerId: 'l1', target: { type: 'mapping', id: 'm1' }, decision: 'refer', reason: 'old', verifier: 'Ivy', createdAt: T0, updatedAt: T0 },
    { id: 'd2', learnerId: 'l1', target: { type: 'mapping', id: 'm1' }, decision: 'agree', reason: 'later', verifier: 'Ivy', createdAt: T0, updatedAt: '2026-04-01T00:00:00.000Z' },
  ],
  signoffs: [{ id: 's1', learnerId: 'l1', unitId: 'spec-a:CU1', assessor: 'Sam', signedAt: '2026-03-02T00:00:00.000Z', updatedAt: T0 }],
};

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

describe('writing an import', () => {
  it('adds what is missing; importing the same plan again changes nothing', async () => {
    const db = freshDb();
    const plan = { ...emptyPlan('backup'), ...structuredClone(base) };
    const first = await applyImportPlan(db, plan);
    expect(first.mappings).toEqual({ added: 4, updated: 0, unchanged: 0 });
    const after = await snapshot(db);
    const second = await applyImportPlan(db, plan);
    expect(second.mappings).toEqual({ added: 0, updated: 0, unchanged: 4 });
    expect(second.passages).toEqual({ added: 0, updated: 0, unchanged: 2 });
    expect(await snapshot(db)).toEqual(after);
  });

  it('reports progress from 0 to 1 as it writes, never going back', async () => {
    const db = freshDb();
    const passages = Array.from({ length: 12_000 }, (_, i) => ({ ...base.passages[0], id: `p-${i}` }));
    const many = passages.map((p, i) => ({ ...base.mappings[0], id: `m-${i}`, passageId: p.id }));
    const seen: number[] = [];
    await applyImportPlan(db, { ...emptyPlan('backup'), ...structuredClone(base), passages, mappings: many }, (f) => seen.push(f));
    expect(seen.length).toBeGreaterThan(3);
    expect(seen.at(-1)).toBe(1);
    expect(seen.every((f, i) => i === 0 || f >= seen[i - 1])).toBe(true);
    expect((await readEvidence(db)).mappings).toHaveLength(12_000);
  });

  it('replaces a record only when the file\'s copy is newer', async () => {
    const db = freshDb();
    await fill(db, base);
    const newer = { ...base.mappings[0], note: 'newer', updatedAt: '2026-05-01T00:00:00.000Z' };
    const older = { ...base.mappings[1], note: 'older', updatedAt: '2025-05-01T00:00:00.000Z' };
    const summary = await applyImportPlan(db, { ...emptyPlan('backup'), mappings: [newer, older] });
    expect(summary.mappings).toEqual({ added: 0, updated: 1, unchanged: 1 });
    const { mappings } = await readEvidence(db);
    expect(mappings.find((m) => m.id === 'm1')?.note).toBe('newer');
    expect(mappings.find((m) => m.id === 'm2')?.note).toBe('');
  });

  it('never changes an existing learner from a CSV, which carries only the name', async () => {
    const db = freshDb();
    await fill(db, base);
    const plan = { ...emptyPlan('csv', 'create-only'), learners: [{ ...learner, name: 'Renamed', qualificationIds: [], updatedAt: '2030-01-01T00:00:00.000Z' }] };
    await applyImportPlan(db, plan);
    expect(await db.learners.get('l1')).toEqual(learner);
  });

  it('keeps one page per address: passages of a file page follow the page already stored for that URL', async () => {
    const db = freshDb();
    await fill(db, base);
    const page = { ...base.pages[0], id: 'other-id' };
    const passage = { ...base.passages[0], id: 'p9', pageId: 'other-id' };
    await applyImportPlan(db, { ...emptyPlan('backup'), pages: [page], passages: [passage] });
    expect(await db.pages.count()).toBe(1);
    expect((await readEvidence(db)).passages.find((p) => p.id === 'p9')?.pageId).toBe('pg1');
  });

  it('writes in one transaction: a failure part-way leaves the database as it was', async () => {
    const db = freshDb();
    await fill(db, base);
    const before = await snapshot(db);
    // Two new pages sharing one address break the unique index after learners were written.
    const pages = [
      { ...base.pages[0], id: 'x1', url: 'https://dup.example/' },
      { ...base.pages[0], id: 'x2', url: 'https://dup.example/' },
    ];
    const plan = { ...emptyPlan('backup'), learners: [{ ...learner, id: 'l9' }], pages };
    await expect(applyImportPlan(db, plan)).rejects.toBeInstanceOf(ImportError);
    expect(await snapshot(db)).toEqual(before);
  });

  it('refuses a plan whose passages belong to a learner nobody has', async () => {
    const db = freshDb();
    await fill(db, base);
    const before = await snapshot(db);
    const plan = { ...emptyPlan('hypothesis'), pages: base.pages, passages: [{ ...base.passages[0], id: 'p7', learnerId: 'ghost' }] };
    await expect(applyImportPlan(db, plan)).rejects.toThrow(/learner \(ghost\) who is neither in it nor in your records/);
    expect(await snapshot(db)).toEqual(before);
  });

  it('refuses a mapping filed under another learner than its passage\'s, and writes nothing', async () => {
    const db = freshDb();
    await fill(db, base);
    const before = await snapshot(db);
    // m9 names learner l2, but passage p1 is l1's evidence: the file contradicts itself.
    const plan = { ...emptyPlan('backup'), mappings: [{ ...base.mappings[0], id: 'm9', learnerId: 'l2', criterionId: 'spec-a:CU2:1.2', unitId: 'spec-a:CU2' }] };
    await expect(applyImportPlan(db, plan)).rejects.toThrow(/mapping "m9" under learner l2, but its passage belongs to learner l1/);
    expect(await snapshot(db)).toEqual(before);
  });

  it('adds a file\'s new mapping to a passage already stored, keeping the passage\'s other mappings', async () => {
    const db = freshDb();
    await fill(db, base);
    const added = { ...base.mappings[0], id: 'm9', criterionId: 'spec-a:CU2:1.2', unitId: 'spec-a:CU2' };
    const summary = await applyImportPlan(db, { ...emptyPlan('backup'), mappings: [added] });
    expect(summary.mappings).toEqual({ added: 1, updated: 0, unchanged: 0 });
    const { mappings } = await readEvidence(db);
    expect(mappings.filter((m) => m.passageId === 'p1').map((m) => m.id)).toEqual(['m1', 'm2', 'm4', 'm9']);
  });
});

describe('bad files', () => {
  it('each get a clear error and leave the database as it was', async () => {
    const db = freshDb();
    await fill(db, base);
    const before = await snapshot(db);
    const backup = JSON.parse(await collect(backupChunks(await backupSource(db))));
    const cases: [string, string, RegExp][] = [
      ['empty', '', /^The file is empty\.$/],
      ['binary', '\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\b\x06\0\0\0\x1f\xf3\xffa'.repeat(4), /not text/],
      ['truncated JSON', JSON.stringify(backup).slice(0, 300), /^The JSON in this file is cut short: it ends inside \$\./],
      ['CSV with missing columns', 'Learner,Unit,Criterion,Evidence\r\nJordan,CU1,1.1,words\r\n', /has no "Learner reference".*columns/],
      ['newer backup', JSON.stringify({ ...backup, formatVersion: BACKUP_FORMAT_VERSION + 1 }), /newer version of Evidence Mapper/],
    ];
    for (const [what, text, message] of cases) {
      await expect(importText(db, text), what).rejects.toThrow(message);
      expect(await snapshot(db), what).toEqual(before);
    }
  });
});

describe('round trips through the database', () => {
  it('property: a backup of random records restores them exactly into an empty database', async () => {
    await fc.assert(
      fc.asyncProperty(dataset, async (ds) => {
        const a = freshDb();
        await fill(a, ds);
        await a.specifications.put({ ...SPEC_A, id: 'mine', title: 'My own, "imported"', origin: 'imported', contentHash: 'h', updatedAt: T0 });
        const text = await collect(backupChunks(await backupSource(a, 3)));
        const b = freshDb();
        await installBuiltInCatalogue(b, { formatVersion: 1, specifications: [SPEC_A] });
        await importText(b, text);
        expect(await snapshot(b)).toEqual(await snapshot(a));
        await importText(b, text);
        expect(await snapshot(b)).toEqual(await snapshot(a));
        a.close();
        b.close();
      }),
      { numRuns: 25 },
    );
  });

  it('property: a tag-set CSV of random records brings back every passage and mapping', async () => {
    await fc.assert(
      fc.asyncProperty(dataset, async (ds) => {
        const a = freshDb();
        await fill(a, ds);
        const catalogue = await loadCatalogueIndex(a);
        const text = await collect(tagsetCsv(tagsetBatches(a, {}, catalogue, 3), catalogue, { bom: true }));
        const b = freshDb();
        if (ds.mappings.length === 0) return;
        await importText(b, text);
        const mapped = new Set(ds.mappings.map((m) => m.passageId));
        const back = await readEvidence(b);
        expect(back.mappings).toEqual(byId(ds.mappings));
        expect(back.passages).toEqual(byId(ds.passages.filter((p) => mapped.has(p.id))));
        expect(byId(await b.decisions.toArray())).toEqual(byId(ds.decisions));
        const again = await importText(b, text);
        expect(again.mappings.added + again.mappings.updated + again.passages.added + again.pages.added).toBe(0);
        a.close();
        b.close();
      }),
      { numRuns: 25 },
    );
  });

  it('Hypothesis annotations imported twice make their passages once', async () => {
    const db = freshDb();
    await fill(db, base);
    const text = readFileSync(resolve(import.meta.dirname, '..', '..', '..', 'shared', 'fixtures', 'hypothesis-baselines', 'wikipedia-regression-testing.json'), 'utf8');
    const first = await importText(db, text, { learnerId: 'l2', assessor: 'Sam' });
    expect(first.passages.added).toBe(5);
    const second = await importText(db, text, { learnerId: 'l2', assessor: 'Sam' });
    expect(second.passages).toEqual({ added: 0, updated: 0, unchanged: 5 });
    expect(await learnerPassages(db, 'l2')).toHaveLength(6);
  });
});
