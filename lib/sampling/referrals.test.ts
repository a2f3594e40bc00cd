import { describe, expect, it } from 'vitest';
import type { DecisionRecord, ResponseRecord } from '../db/records';
import { actionState, decisionDrift, openReferrals, unitDecisions, type EvidenceNow } from './referrals';

const T = (d: number) => `2026-03-${String(d).padStart(2, '0')}T10:00:00.000Z`;
const mapping = { criterionId: 'edi-l2:CU795:1.8', method: 'Obs' as const, note: '', updatedAt: T(1), createdBy: 'Sam' };
const snapshot = { quote: 'I greeted the client', criterionId: mapping.criterionId, method: 'Obs' as const, note: '', mappingUpdatedAt: T(1) };
const evidence = (over: Partial<EvidenceNow['mapping']> = {}, anchor?: 'orphan'): EvidenceNow => ({
  mapping: { ...mapping, ...over }, passage: { id: 'p1', quote: 'I greeted the client', ...(anchor ? { anchor: { status: anchor, at: T(3) } } : {}) }, page: { url: 'https://p.example/a', title: 'Diary' },
});
let n = 0;
const decision = (over: Partial<DecisionRecord>): DecisionRecord => ({
  id: `d${++n}`, learnerId: 'L1', target: { type: 'mapping', id: 'm1' }, decision: 'refer', reason: 'Whose words?', verifier: 'Tom', snapshot, createdAt: T(2), updatedAt: T(2), ...over,
});
const learners = new Map([['L1', { name: 'Ann' }], ['L2', { name: 'Ben' }]]);

describe('referrals and open actions, as the assessor sees them', () => {
  it('lists the latest decision per target when it refers or has an action not done; a later agreement clears a referral', () => {
    const referred = decision({ id: 'a', createdAt: T(2) });
    const agreedLater = decision({ id: 'b', target: { type: 'mapping', id: 'm2' }, createdAt: T(2) });
    const cleared = decision({ id: 'c', target: { type: 'mapping', id: 'm2' }, decision: 'agree', reason: '', createdAt: T(4) });
    const agreedWithAction = decision({ id: 'd', target: { type: 'unit', id: 'edi-l2:CU791' }, decision: 'agree', reason: '', snapshot: undefined, action: { text: 'Date the record', due: '2026-03-30' } });
    const agreedDone = decision({ id: 'e', target: { type: 'unit', id: 'edi-l2:CU792' }, decision: 'agree', reason: '', snapshot: undefined, action: { text: 'x', due: '2026-03-01', done: T(3) } });
    const list = openReferrals({ decisions: [referred, agreedLater, cleared, agreedWithAction, agreedDone], responses: [], learners, evidence: new Map([['m1', evidence()]]), today: '2026-03-10' });
    expect(list.map((r) => [r.decision.id, r.target, r.action])).toEqual([['d', 'unit CU791', 'open'], ['a', 'CU795 1.8', 'none']]);
    expect(list[1]).toMatchObject({ learnerName: 'Ann', quote: 'I greeted the client', passageId: 'p1', pageUrl: 'https://p.example/a', pageTitle: 'Diary', drift: '' });
  });

  it("names a referred document passage by the document's title, file name and page", () => {
    const doc = { url: `urn:sha256:${'b'.repeat(64)}`, title: 'Witness statement', document: { sha256: 'b'.repeat(64), fingerprints: [], urls: [], fileNames: ['statement.pdf'], pageCount: 2 } };
    const now: EvidenceNow = { ...evidence(), passage: { id: 'p1', quote: 'I greeted the client', selectors: [{ type: 'PageSelector', index: 1, label: '2' }] as never }, page: doc };
    const [r] = openReferrals({ decisions: [decision({ id: 'doc' })], responses: [], learners, evidence: new Map([['m1', now]]), today: '2026-03-10' });
    expect(r.pageTitle).toBe('Witness statement (statement.pdf), page 2');
  });

  it('puts overdue actions first, marks a due date of today as not yet overdue, and keeps a done action listed until the IV decides again', () => {
    expect(actionState({ action: { text: 'x', due: '2026-03-10' } }, '2026-03-10')).toBe('open');
    expect(actionState({ action: { text: 'x', due: '2026-03-09' } }, '2026-03-10')).toBe('overdue');
    expect(actionState({ action: { text: 'x', due: '2026-03-09', done: T(9) } }, '2026-03-10')).toBe('done');
    expect(actionState({}, '2026-03-10')).toBe('none');
    const later = decision({ id: 'late', target: { type: 'mapping', id: 'm3' }, action: { text: 'x', due: '2026-04-01' } });
    const overdue = decision({ id: 'over', target: { type: 'mapping', id: 'm4' }, action: { text: 'x', due: '2026-03-05' } });
    const done = decision({ id: 'done', target: { type: 'mapping', id: 'm5' }, action: { text: 'x', due: '2026-03-05', done: T(8) } });
    const list = openReferrals({ decisions: [later, done, overdue], responses: [], learners, evidence: new Map(), today: '2026-03-10' });
    expect(list.map((r) => [r.decision.id, r.action])).toEqual([['over', 'overdue'], ['late', 'open'], ['done', 'done']]);
  });

  it("never shows a decision as current when the evidence changed since: method, deletion, orphaned passage", () => {
    expect(decisionDrift(decision({}), evidence())).toEqual([]);
    expect(decisionDrift(decision({}), evidence({ method: 'Q', updatedAt: T(5) }))).toEqual(['method-changed']);
    expect(decisionDrift(decision({}), undefined)).toEqual(['mapping-deleted']);
    expect(decisionDrift(decision({}), evidence({}, 'orphan'))).toEqual(['orphaned']);
    expect(decisionDrift(decision({ target: { type: 'unit', id: 'u' }, snapshot: undefined }), undefined)).toEqual([]);
    const [r] = openReferrals({ decisions: [decision({ id: 'x' })], responses: [], learners, evidence: new Map([['m1', evidence({ method: 'Q' })]]), today: '2026-03-10' });
    expect(r.drift).toBe('Changed since verified: the method was changed.');
    const [gone] = openReferrals({ decisions: [decision({ id: 'y' })], responses: [], learners, evidence: new Map(), today: '2026-03-10' });
    expect(gone).toMatchObject({ drift: 'Changed since verified: the mapping was deleted.', passageId: null, quote: 'I greeted the client', target: 'CU795 1.8' });
  });

  it("gathers each decision's responses, oldest first, and names a learner not on file by id", () => {
    const d = decision({ id: 'r', learnerId: 'L9' });
    const resp = (id: string, at: string, kind: ResponseRecord['kind']): ResponseRecord => ({ id, decisionId: 'r', learnerId: 'L9', by: 'Sam', kind, text: id, createdAt: at, updatedAt: at });
    const [r] = openReferrals({ decisions: [d], responses: [resp('second', T(6), 'remapped'), resp('first', T(5), 'reply'), { ...resp('other', T(4), 'reply'), decisionId: 'zz' }], learners, evidence: new Map(), today: '2026-03-10' });
    expect(r.responses.map((x) => x.id)).toEqual(['first', 'second']);
    expect(r.learnerName).toBe('L9');
  });
});

describe("a unit's decisions, as the IV re-checks them", () => {
  it("gives the latest decision on the unit and on each of its mappings (found by the mapping now, or the snapshot once deleted), agreed or referred, with responses", () => {
    const unit = decision({ id: 'u', target: { type: 'unit', id: 'edi-l2:CU795' }, decision: 'agree', reason: '', snapshot: undefined });
    const oldRefer = decision({ id: 'm1-old', createdAt: T(2) });
    const newAgree = decision({ id: 'm1-new', decision: 'agree', reason: '', createdAt: T(6) });
    const deleted = decision({ id: 'gone', target: { type: 'mapping', id: 'm9' }, snapshot: { ...snapshot, criterionId: 'edi-l2:CU795:1.2' } });
    const otherUnit = decision({ id: 'other', target: { type: 'mapping', id: 'm7' }, snapshot: { ...snapshot, criterionId: 'edi-l2:CU791:1.1' } });
    const otherLearner = decision({ id: 'ben', learnerId: 'L2', target: { type: 'unit', id: 'edi-l2:CU795' } });
    const reply: ResponseRecord = { id: 'r', decisionId: 'm1-new', learnerId: 'L1', by: 'Sam', kind: 'reply', text: 'thanks', createdAt: T(7), updatedAt: T(7) };
    const list = unitDecisions(
      { decisions: [oldRefer, newAgree, unit, deleted, otherUnit, otherLearner], responses: [reply], learners, evidence: new Map([['m1', evidence({ method: 'Q' })]]), today: '2026-03-10' },
      'L1', 'edi-l2:CU795',
    );
    expect(list.map((r) => [r.decision.id, r.target, r.drift])).toEqual([
      ['u', 'unit CU795', ''],
      ['gone', 'CU795 1.2', 'Changed since verified: the mapping was deleted.'],
      ['m1-new', 'CU795 1.8', 'Changed since verified: the method was changed.'],
    ]);
    expect(list[2].responses).toEqual([reply]);
  });
});
