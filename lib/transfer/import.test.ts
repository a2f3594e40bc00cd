import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readEvidence } from '../../test/fixtures/db';
import { learnerPassages } from '../db/sheet-queries';
import { installBuiltInCatalogue } from '../db/catalogue';
import { applyImportPlan } from './import';
import { backupSource, loadCatalogueIndex, tagsetBatches } from './sources';
import { backupChunks, BACKUP_FORMAT_VERSION } from '../export/backup';
import { tagsetCsv } from '../export/tagset/write';
import { ImportError } from '../export/errors';
import { emptyPlan } from '../export/plan';
import { byId, dataset, SPEC_A } from '../../test/fixtures/export-data';
import { base, collect, deleteDbs, fill, freshDb, importText, learner, snapshot, T0 } from '../../test/fixtures/transfer';

afterEach(deleteDbs);

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

  it("carries the assessor's responses to IV decisions in a backup: restored exactly, once, and refused when malformed", async () => {
    const a = freshDb();
    await fill(a, base);
    const reply = { id: 'r1', decisionId: 'd1', learnerId: 'l1', by: 'Sam', kind: 'reply' as const, text: 'The witness is the supervisor', createdAt: '2026-04-02T00:00:00.000Z', updatedAt: '2026-04-02T00:00:00.000Z' };
    const remapped = { ...reply, id: 'r2', kind: 'remapped' as const, text: '' };
    await a.responses.bulkAdd([reply, remapped]);
    const text = await collect(backupChunks(await backupSource(a)));
    expect(JSON.parse(text).responses).toEqual([reply, remapped]);
    const b = freshDb();
    const first = await importText(b, text);
    expect(first.responses).toEqual({ added: 2, updated: 0, unchanged: 0 });
    expect(await b.responses.where('decisionId').equals('d1').sortBy('id')).toEqual([reply, remapped]);
    expect((await importText(b, text)).responses).toEqual({ added: 0, updated: 0, unchanged: 2 });
    const bad = JSON.parse(text);
    bad.responses[1].kind = 'shrug';
    await expect(importText(freshDb(), JSON.stringify(bad))).rejects.toThrow(/\$\.responses\[1\]\.kind/);
    // A backup of a version before responses reads as none.
    const old = JSON.parse(text);
    delete old.responses;
    expect((await importText(freshDb(), JSON.stringify(old))).responses).toEqual({ added: 0, updated: 0, unchanged: 0 });
    a.close();
    b.close();
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
