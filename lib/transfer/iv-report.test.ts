import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { exportFile } from './export-file';
import { base, collect, deleteDbs, fill, freshDb } from '../../test/fixtures/transfer';
import { recordDecision } from '../db/sampling';
import { updatePassage } from '../db/evidence';

afterEach(deleteDbs);

async function rows(db: Parameters<typeof exportFile>[0], request: Parameters<typeof exportFile>[1], now: Date) {
  const file = await exportFile(db, request, now);
  const text = await collect(file.chunks);
  return { filename: file.filename, rows: Papa.parse<Record<string, string>>(text.replace(/^\ufeff/, ''), { header: true, skipEmptyLines: true }).data };
}

describe('the IV report export', () => {
  it("writes a row per sample from the database, marks one the assessor changed since, and sums per assessor", async () => {
    const db = freshDb();
    await fill(db, base);
    await recordDecision(db, { learnerId: 'l1', target: { type: 'mapping', id: 'm1' }, decision: 'agree', reason: '', verifier: 'Tom Reed', stage: 'summative' }, '2026-03-01T10:00:00.000Z');
    await recordDecision(db, { learnerId: 'l2', target: { type: 'mapping', id: 'm3' }, decision: 'refer', reason: 'Not her words', action: { text: 'Add a witness', due: '2026-03-10' }, verifier: 'Tom Reed' }, '2026-03-01T11:00:00.000Z');
    // After the decision, the assessor changes m1's note: the sample is no longer current.
    await updatePassage(db, 'p1', { add: [], removeMappingIds: [], notes: [{ mappingId: 'm1', note: 'seen at the desk' }] }, 'Sam', '2026-03-02T09:00:00.000Z');

    const report = await rows(db, { kind: 'ivreport', bom: true }, new Date('2026-03-20T12:00:00Z'));
    expect(report.filename).toBe('iv-report-all-learners-2026-03-20.csv');
    expect(report.rows).toHaveLength(2);
    expect(report.rows[0]).toMatchObject({ Learner: 'Jordan Ellis', Criterion: 'CU1 1.1', 'Evidence (quote)': 'one', Assessor: 'Sam', Decision: 'Agree', State: 'Changed since verified', 'Changed since verified': "Yes: Changed since verified: the assessor's note was changed." });
    expect(report.rows[1]).toMatchObject({ Learner: 'Priya Shah', Criterion: 'CU1 1.2', Decision: 'Refer', Reason: 'Not her words', Action: 'Add a witness', 'Action due': '10/03/2026', 'Action state': 'Overdue', State: 'Referred' });

    const one = await rows(db, { kind: 'ivreport', learnerId: 'l2', bom: false }, new Date('2026-03-05T12:00:00Z'));
    expect(one.rows.map((r) => r.Learner)).toEqual(['Priya Shah']);
    expect(one.rows[0]['Action state']).toBe('Open');

    const summary = await rows(db, { kind: 'ivsummary', bom: true }, new Date('2026-03-20T12:00:00Z'));
    expect(summary.rows).toEqual([{ Assessor: 'Sam', Sampled: '2', Agreed: '1', Referred: '1', 'Changed since verified': '1', 'Open actions': '1' }]);
  });
});
