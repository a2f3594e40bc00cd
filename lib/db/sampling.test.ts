import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { createDb, type EvidenceDb } from './schema';
import { createPassage, updatePassage } from './evidence';
import { createLearner, setLearnerArchived } from './learners';
import { signOffUnit } from './signoffs';
import { changePlan, closeAction, createPlan, deletePlan, loadGridRecords, plansFor, recordDecision, reopenAction, restorePlan } from './sampling';

let db: EvidenceDb;
let name: string;
const Q = 'edi-l2:500/9378/2';
let ann: string;
let ben: string;
beforeEach(async () => {
  name = `samp-${Math.random()}`;
  db = createDb(name);
  ann = (await createLearner(db, { name: 'Ann', qualificationIds: [Q] })).id;
  ben = (await createLearner(db, { name: 'Ben', qualificationIds: [Q, 'habc-l3:603/2974/4'] })).id;
});
afterEach(async () => {
  db.close();
  await Dexie.delete(name);
});

const t = (n: number) => new Date(Date.UTC(2026, 2, 1, 10, 0, n)).toISOString();
const passage = (passageId: string, learnerId: string, criterionId: string, createdBy = 'Sam') => ({
  passageId, learnerId, url: `https://p.example/${passageId}`, title: passageId, selectors: [], quote: `words of ${passageId}`, createdBy,
  mappings: [{ criterionId, method: 'Obs' as const, note: '' }],
});

describe('the IV records', () => {
  it('reads a qualification cohort: its learners not archived, their mappings on its specification, sign-offs and decisions', async () => {
    await createPassage(db, passage('p1', ann, 'edi-l2:CU795:1.8'), t(1));
    await createPassage(db, passage('p2', ben, 'edi-l2:CU802:1.1'), t(1));
    await createPassage(db, passage('p3', ben, 'habc-l3:L5062150:1.1'), t(1));
    await signOffUnit(db, ben, 'edi-l2:CU802', 'Sam', t(2));
    const other = (await createLearner(db, { name: 'Cy', qualificationIds: ['habc-l3:603/2974/4'] })).id;
    await createPassage(db, passage('p4', other, 'habc-l3:L5062150:1.1'), t(1));
    const r = await loadGridRecords(db, Q);
    expect(r.learners.map((l) => l.name)).toEqual(['Ann', 'Ben']);
    expect([...r.mappings.values()].flat().map((m) => m.passageId).sort()).toEqual(['p1', 'p2']);
    expect(r.signoffs.map((s) => s.unitId)).toEqual(['edi-l2:CU802']);
    await setLearnerArchived(db, ann, true);
    expect((await loadGridRecords(db, Q)).learners.map((l) => l.name)).toEqual(['Ben']);
  });

  it('keeps a plan of cells with their reasons, adds none twice, and puts a deleted plan back exactly', async () => {
    const plan = await createPlan(db, { qualificationId: Q, title: 'Summative, spring', verifier: 'Tom' }, t(1));
    const cell = { learnerId: ann, unitId: 'edi-l2:CU795', stage: 'summative' as const, reasons: ['unit CU795'] };
    await changePlan(db, plan.id, { add: [cell], remove: [] }, t(2));
    const twice = await changePlan(db, plan.id, { add: [{ ...cell, reasons: ['again'] }, { ...cell, unitId: 'edi-l2:CU802', reasons: [] }], remove: [] }, t(3));
    expect(twice.cells.map((c) => [c.unitId, c.reasons])).toEqual([['edi-l2:CU795', ['unit CU795']], ['edi-l2:CU802', []]]);
    const less = await changePlan(db, plan.id, { add: [], remove: [{ learnerId: ann, unitId: 'edi-l2:CU795' }] }, t(4));
    expect(less.cells.map((c) => c.unitId)).toEqual(['edi-l2:CU802']);
    const gone = await deletePlan(db, plan.id);
    expect(await plansFor(db, Q)).toEqual([]);
    await restorePlan(db, gone!);
    expect(await plansFor(db, Q)).toEqual([less]);
    await expect(createPlan(db, { qualificationId: Q, title: ' ', verifier: 'Tom' })).rejects.toThrow(/needs a title/);
  });

  it('records a decision with the evidence as it stood, and refuses a referral with no reason', async () => {
    const p = await createPassage(db, passage('p1', ann, 'edi-l2:CU795:1.8'), t(1));
    const target = { type: 'mapping' as const, id: p.mappings[0].id };
    await expect(recordDecision(db, { learnerId: ann, target, decision: 'refer', reason: '  ', verifier: 'Tom' })).rejects.toThrow(/reason to refer/);
    const d = await recordDecision(db, { learnerId: ann, target, decision: 'refer', reason: 'Whose words?', feedback: 'Ask the witness', action: { text: 'Add a witness statement', due: '2026-03-20' }, stage: 'summative', verifier: 'Tom', verifierInitials: 'TR' }, t(5));
    expect(d).toMatchObject({ decision: 'refer', reason: 'Whose words?', feedback: 'Ask the witness', action: { text: 'Add a witness statement', due: '2026-03-20' }, verifierInitials: 'TR', snapshot: { quote: 'words of p1', criterionId: 'edi-l2:CU795:1.8', method: 'Obs', note: '', mappingUpdatedAt: t(1) } });
    // The assessor's mapping is untouched by the decision.
    expect((await db.sheets.toArray())[0].passages[0].mappings[0].updatedAt).toBe(t(1));
    expect((await closeAction(db, d.id, t(9), 'Sam')).action?.done).toBe(t(9));
    // Undo of "Done": the action is open again. Each is the assessor's own record (a response);
    // the IV's decision is not changed as a record (its updatedAt stays), so it never travels as hers.
    const reopened = await reopenAction(db, d.id, t(9.5), 'Sam');
    expect(reopened.action).toEqual({ text: 'Add a witness statement', due: '2026-03-20' });
    expect(reopened.updatedAt).toBe(d.updatedAt);
    expect((await db.responses.where('decisionId').equals(d.id).toArray()).map((r) => [r.kind, r.by, r.createdAt]).sort()).toEqual([['action-done', 'Sam', t(9)], ['action-reopened', 'Sam', t(9.5)]]);
    await expect(reopenAction(db, 'nope')).rejects.toThrow(/no action to reopen/);
    await updatePassage(db, 'p1', { add: [{ criterionId: 'edi-l2:CU795:1.7', method: 'Obs', note: '' }], removeMappingIds: [target.id], notes: [] }, 'Sam', t(10));
    await expect(recordDecision(db, { learnerId: ann, target, decision: 'agree', reason: '', verifier: 'Tom' })).rejects.toThrow(/no longer exists/);
  });
});
