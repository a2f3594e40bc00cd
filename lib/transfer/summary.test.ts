import { describe, expect, it } from 'vitest';
import { coverageSummary } from './summary';
import { SUMMARY_COLUMNS } from '../export/summary';
import { indexCatalogue } from '../catalogue/lookup';
import { SPEC_A } from '../../test/fixtures/export-data';
import type { LearnerRecord, MappingRecord } from '../db/records';

const T = '2026-01-01T00:00:00.000Z';
const learner: LearnerRecord = { id: 'l1', name: 'Jordan', qualificationIds: ['spec-a:600/0000/1'], unitChoices: { 'spec-a:600/0000/1': ['CU1', 'CU2'] }, archived: false, createdAt: T, updatedAt: T };
const mapping = (criterionId: string, method: MappingRecord['method'], createdAt: string): MappingRecord => ({
  id: criterionId, passageId: 'p', learnerId: 'l1', criterionId, unitId: criterionId.slice(0, criterionId.lastIndexOf(':')), method, note: '', createdBy: 'Sam', createdAt, updatedAt: createdAt,
});

describe('coverage summary', () => {
  const catalogue = indexCatalogue([SPEC_A]);
  it('counts criteria evidenced of the total per unit; achieved needs all evidenced and a sign-off', () => {
    const mappings = ['spec-a:CU1:1.1', 'spec-a:CU1:1.2', 'spec-a:CU1:2.1', 'spec-a:CU2:1.1'].map((c) => mapping(c, 'Obs', T));
    const signoff = { id: 's', learnerId: 'l1', unitId: 'spec-a:CU1', assessor: 'Sam', signedAt: '2026-03-02T12:00:00.000Z', updatedAt: T };
    const rows = coverageSummary(learner, mappings, [signoff], catalogue);
    expect(SUMMARY_COLUMNS).toHaveLength(rows[0].length);
    expect(rows).toEqual([
      ['Jordan', '600/0000/1 Level 2 Certificate in Testing', 'CU1', 'Deliver a service, "well"', '3', '3', '3 of 3', 'Yes', 'Sam', '02/03/2026'],
      ['Jordan', '600/0000/1 Level 2 Certificate in Testing', 'CU2', 'Handle complaints', '1', '1', '1 of 1', 'No', '', ''],
    ]);
    const partial = coverageSummary(learner, mappings.slice(0, 1), [signoff], catalogue);
    expect(partial[0].slice(4, 8)).toEqual(['1', '3', '1 of 3', 'No']);
    expect(partial[1].slice(4, 8)).toEqual(['0', '1', '0 of 1', 'No']);
  });

  it('lists a unit of a qualification missing from the catalogue once, matched to its mappings by unit id', () => {
    // The learner's qualification was deleted from the catalogue; the ref is kept as printed ("CS 27").
    const gone: LearnerRecord = { ...learner, qualificationIds: ['spec-x:600/9999/9'], unitChoices: { 'spec-x:600/9999/9': ['CS 27', 'L/506/2150'] } };
    const mappings = [mapping('spec-x:CS27:1.1', 'Obs', T), mapping('spec-x:L5062150:2.1', 'Q', T)];
    const rows = coverageSummary(gone, mappings, [], catalogue);
    expect(rows.map((r) => r.slice(0, 4))).toEqual([
      ['Jordan', 'spec-x:600/9999/9', 'CS27', '(not in the catalogue)'],
      ['Jordan', 'spec-x:600/9999/9', 'L5062150', '(not in the catalogue)'],
    ]);
  });
});
