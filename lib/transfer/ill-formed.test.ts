import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { exportFile, type ExportRequest } from './export-file';
import { ImportError } from '../export/errors';
import { base, collect, deleteDbs, fill, freshDb, importText, snapshot } from '../../test/fixtures/transfer';
import type { EvidenceDb } from '../db/schema';
import { putEvidence } from '../../test/fixtures/db';

afterEach(deleteDbs);

const LONE = '\ud800';
const wellFormed = (s: string) => (s as string & { isWellFormed(): boolean }).isWellFormed();

async function rejection(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError);
    return (e as Error).message;
  }
  throw new Error('expected the import to be refused');
}

async function exported(db: EvidenceDb, request: ExportRequest) {
  const file = await exportFile(db, request);
  const text = await collect(file.chunks);
  return { text, problems: (file as { problems?: string[] }).problems ?? [] };
}

describe('ill-formed text (a lone surrogate)', () => {
  it('is refused at import, naming the record and field, and nothing is written', async () => {
    const db = freshDb();
    await fill(db, base);
    const doc = JSON.parse((await exported(db, { kind: 'backup' })).text);
    const target = freshDb();
    const withId = structuredClone(doc);
    // A learner with no passages, as in the issue: it imported cleanly and broke every backup after.
    withId.learners.push({ ...withId.learners[1], id: `l3${LONE}` });
    expect(await rejection(importText(target, JSON.stringify(withId)))).toMatch(/^\$\.learners\[2\]\.id: .*ill-formed text/);
    const withQuote = structuredClone(doc);
    withQuote.annotations.first.items[0].target.selector[0].exact = `a${LONE}`;
    expect(await rejection(importText(target, JSON.stringify(withQuote)))).toMatch(/^\$\.annotations\.first\.items\[0\]\.target\.selector\[0\]\.exact: .*ill-formed/);
    expect(await target.learners.count()).toBe(0);

    const csv = Papa.parse<string[]>((await exported(db, { kind: 'tagset', filter: {}, bom: false })).text, { skipEmptyLines: true }).data;
    const note = csv.map((r) => [...r]);
    note[2][note[0].indexOf('Note')] = `x${LONE}`;
    expect(await rejection(importText(target, Papa.unparse(note)))).toMatch(/^Row 3, column "Note" \(M\): .*ill-formed/);
    const record = csv.map((r) => [...r]);
    const col = record[0].indexOf('Passage record');
    record[1][col] = record[1][col].replace('"createdBy":"Sam"', '"createdBy":"S\\ud800"');
    expect(await rejection(importText(target, Papa.unparse(record)))).toMatch(/^Row 2, column "Passage record" \(AA\): \$\.createdBy: .*ill-formed/);
  });

  /** A learner whose id holds a lone surrogate, with a passage, as an older version could import. */
  async function damaged(): Promise<EvidenceDb> {
    const db = freshDb();
    await fill(db, base);
    const bad = { ...base.learners[0], id: `bad${LONE}`, name: `Bad ${LONE}` };
    await db.learners.add(bad);
    await putEvidence(db, [{ ...base.passages[0], id: 'pb', learnerId: bad.id }], [{ ...base.mappings[0], id: 'mb', passageId: 'pb', learnerId: bad.id }]);
    return db;
  }

  it('a backup leaves out and reports what it cannot write, and still restores everything else', async () => {
    const db = await damaged();
    const { text, problems } = await exported(db, { kind: 'backup' });
    expect(problems.length).toBeGreaterThanOrEqual(1);
    expect(problems.join('\n')).toMatch(/learner "Bad \ufffd" \(id "bad\ufffd"\): its id holds ill-formed text/);
    const restored = freshDb();
    await importText(restored, text);
    const after = await snapshot(restored);
    expect((after.passages as { id: string }[]).map((p) => p.id).sort()).toEqual(['p1', 'p2']);
    expect((after.learners as { id: string }[]).map((l) => l.id).sort()).toEqual(['l1', 'l2']);
  });

  it('the tag set, evidence matrix and coverage summary leave out and report what they cannot write', async () => {
    const db = await damaged();
    const tagset = await exported(db, { kind: 'tagset', filter: {}, bom: false });
    expect(wellFormed(tagset.text)).toBe(true);
    expect(tagset.problems).toHaveLength(1);
    expect(Papa.parse(tagset.text, { skipEmptyLines: true }).data).toHaveLength(1 + base.mappings.length);

    // A note no file can hold: the matrix is written without that evidence, and says so.
    const passages = await db.sheets.toArray();
    const sheet = passages.find((s) => s.learnerId === 'l1')!;
    sheet.passages[0].mappings[0].note = `n${LONE}`;
    await db.sheets.put(sheet);
    const matrix = await exported(db, { kind: 'matrix', learnerId: 'l1', unitId: 'spec-a:CU1', bom: false });
    expect(wellFormed(matrix.text)).toBe(true);
    expect(matrix.problems).toHaveLength(1);
    expect(matrix.problems[0]).toMatch(/mapping .*note holds ill-formed text/);

    const summary = await exported(db, { kind: 'summary', learnerId: `bad${LONE}`, bom: false });
    expect(wellFormed(summary.text)).toBe(true);
    expect(summary.problems.length).toBeGreaterThanOrEqual(1);
  });
});
