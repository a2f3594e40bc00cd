import { describe, expect, it } from 'vitest';
import { learnerCoverage } from '../coverage/learner';
import type { DecisionRecord } from '../db/records';
import { SPEC_A } from '../../test/fixtures/catalogue';
import { claimRecord } from './claim';

const T = '2026-03-02T10:00:00.000Z';
const q = SPEC_A.qualifications[0];
const m = (id: string, criterionId: string) => ({ id, criterionId, unitId: criterionId.split(':').slice(0, 2).join(':'), method: 'Obs' as const, passageId: `p-${id}`, createdAt: T, createdBy: 'Jane Smith' });
const coverage = learnerCoverage({
  spec: SPEC_A, qualification: q, unitChoices: { [q.id]: ['CU1', 'CU2'] },
  mappings: [m('1', 'spec-a:CU1:1.1'), m('2', 'spec-a:CU1:1.2'), m('3', 'spec-a:CU1:2.1'), m('4', 'spec-a:CU2:1.1')],
  signoffs: [{ unitId: 'spec-a:CU1', assessor: 'Jane Smith', signedAt: T }, { unitId: 'spec-a:CU2', assessor: 'Jane Smith', signedAt: T }],
});
const decision = (over: Partial<DecisionRecord>): DecisionRecord => ({ id: 'd', learnerId: 'L1', target: { type: 'unit', id: 'spec-a:CU1' }, decision: 'agree', reason: '', verifier: 'Tom Reed', createdAt: '2026-03-09T10:00:00.000Z', updatedAt: T, ...over });

describe('the claim record', () => {
  it("fills each unit's assessment date and assessor initials, and the IV's where the unit was sampled", () => {
    const record = claimRecord(coverage, 'L1', [decision({ id: 'a', verifierInitials: 'TJR' }), decision({ id: 'b', learnerId: 'L2', target: { type: 'unit', id: 'spec-a:CU2' } })]);
    expect(record.rows.map((r) => [r.ref, r.assessedOn, r.assessorInitials, r.iv?.initials ?? '', r.evidenced])).toEqual([
      ['CU1', T, 'JS', 'TJR', '3 of 3'],
      ['CU2', T, 'JS', '', '1 of 1'],
    ]);
  });

  it("states the rules in words (8 of the 10 credits here) and the IV's confirmation only once made", () => {
    const record = claimRecord(coverage, 'L1', []);
    expect(record.rulesMet).toBe(false);
    expect(record.rulesLines[0]).toBe('8 of 10 credits');
    expect(record.rulesConfirmed).toBeNull();
    const confirmed = claimRecord(coverage, 'L1', [decision({ target: { type: 'qualification', id: q.id } })]);
    expect(confirmed.rulesConfirmed).toEqual({ on: '2026-03-09T10:00:00.000Z', verifier: 'Tom Reed', initials: 'TR' });
    // A referral is no confirmation.
    expect(claimRecord(coverage, 'L1', [decision({ target: { type: 'qualification', id: q.id }, decision: 'refer', reason: 'x' })]).rulesConfirmed).toBeNull();
  });
});
