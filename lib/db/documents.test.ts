import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDb, type EvidenceDb } from './schema';
import { recordOpenedDocument } from './documents';
import { createPassage, passagesForPage } from './evidence';
import { createLearner } from './learners';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const C = 'c'.repeat(64);
const T = '2026-03-03T10:00:00.000Z';

let db: EvidenceDb;
let n = 0;
beforeEach(async () => {
  db = createDb(`documents-${n++}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await db.delete();
});

describe('documents as evidence pages', () => {
  it('keys a document by its bytes: the same file from another URL or from disk is the same page, remembering each', async () => {
    const first = await recordOpenedDocument(db, { sha256: A, kind: 'pdf', title: 'Statement', fingerprints: ['fp1', 'fp2'], url: 'http://portfolio.test/a/statement.pdf?utm_source=x', fileName: 'statement.pdf', pageCount: 2 }, T);
    expect(first.address).toBe(`urn:sha256:${A}`);
    const learner = await createLearner(db, { name: 'Jordan Ellis', qualificationIds: ['edi-l2:x'] });
    await createPassage(db, { passageId: 'p1', url: first.address, title: 'Statement', learnerId: learner.id, selectors: [{ type: 'TextQuoteSelector', exact: 'words' }], quote: 'words', mappings: [], createdBy: 'Sam' });
    const again = await recordOpenedDocument(db, { sha256: A, kind: 'pdf', title: 'Statement', fingerprints: ['fp1', 'fp2'], fileName: 'copy.pdf', pageCount: 2 }, T);
    expect(again.address).toBe(first.address);
    expect(again.versions).toEqual([]);
    expect(again.page.document).toEqual({ sha256: A, fingerprints: ['fp1', 'fp2'], urls: ['http://portfolio.test/a/statement.pdf'], fileNames: ['statement.pdf', 'copy.pdf'], pageCount: 2 });
    expect((await passagesForPage(db, learner.id, again.address)).map((p) => p.id)).toEqual(['p1']);
    expect(await db.pages.count()).toBe(1);
  });

  it('a file with other bytes at a known URL, or sharing the PDF\u2019s first fingerprint, is another version of it; an unrelated file is not', async () => {
    await recordOpenedDocument(db, { sha256: A, kind: 'pdf', title: 'v1', fingerprints: ['fp1', 'x'], url: 'http://portfolio.test/a.pdf', pageCount: 2 }, T);
    const byUrl = await recordOpenedDocument(db, { sha256: B, kind: 'pdf', title: 'v2', fingerprints: ['other', 'y'], url: 'http://portfolio.test/a.pdf#page=2', pageCount: 2 }, T);
    expect(byUrl.versions).toEqual([`urn:sha256:${A}`]);
    const byFingerprint = await recordOpenedDocument(db, { sha256: C, kind: 'pdf', title: 'v3', fingerprints: ['fp1', 'z'], fileName: 'v3.pdf', pageCount: 3 }, T);
    expect(byFingerprint.versions).toEqual([`urn:sha256:${A}`]);
    const unrelated = await recordOpenedDocument(db, { sha256: 'd'.repeat(64), kind: 'docx', title: 'Account', fingerprints: [], fileName: 'a.pdf', pageCount: 1 }, T);
    expect(unrelated.versions).toEqual([]);
  });

  it('passages kept against the PDF’s own URL (a Hypothesis import) belong to the document opened from that URL', async () => {
    await db.pages.add({ id: 'hyp', url: 'http://portfolio.test/a.pdf', title: 'Statement', kind: 'pdf', createdAt: T, updatedAt: T });
    const opened = await recordOpenedDocument(db, { sha256: A, kind: 'pdf', title: 'Statement', fingerprints: [], url: 'http://portfolio.test/a.pdf', pageCount: 2 }, T);
    expect(opened.versions).toEqual(['http://portfolio.test/a.pdf']);
  });
});
