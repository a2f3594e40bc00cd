import { describe, expect, it } from 'vitest';
import { lastScopeMask, maskFor } from './scope';

// Criteria 0-1 in unit CU795 of edi-l2, 2 in L/506/2150 of habc-l3, 3 in CU795 of another spec.
const criteria = [
  { qualificationIds: ['edi-l2:500/9378/2'] },
  { qualificationIds: ['edi-l2:500/9378/2'] },
  { qualificationIds: ['habc-l3:601/4027/6'] },
  { qualificationIds: [] },
];
const unitDocs = new Map([
  ['CU795', [0, 1, 3]],
  ['edi-l2:CU795', [0, 1]],
  ['other:CU795', [3]],
  ['L5062150', [2]],
  ['habc-l3:L5062150', [2]],
]);
const mask = (scope: Parameters<typeof maskFor>[0]) => {
  const m = maskFor(scope, criteria, unitDocs);
  return m && [...m];
};

describe('maskFor', () => {
  it('is null for no scope or an empty one', () => {
    expect(mask(undefined)).toBeNull();
    expect(mask({})).toBeNull();
    expect(mask({ units: [], qualification: '' })).toBeNull();
  });

  it('takes a qualification by id or by number, in any case', () => {
    expect(mask({ qualification: 'habc-l3:601/4027/6' })).toEqual([0, 0, 1, 0]);
    expect(mask({ qualification: ' 500/9378/2 ' })).toEqual([1, 1, 0, 0]);
    expect(mask({ qualification: 'HABC-L3:601/4027/6' })).toEqual([0, 0, 1, 0]);
  });

  it('takes a unit ref in every specification, or one specification\'s unit by "specId:ref"', () => {
    expect(mask({ unit: 'cu795' })).toEqual([1, 1, 0, 1]);
    expect(mask({ unit: 'edi-l2:CU795' })).toEqual([1, 1, 0, 0]);
    expect(mask({ units: ['L/506/2150', 'other:CU 795'] })).toEqual([0, 0, 1, 1]);
  });

  it('joins a qualification and units', () => {
    expect(mask({ qualification: '601/4027/6', unit: 'other:CU795' })).toEqual([0, 0, 1, 1]);
  });
});

describe('lastScopeMask', () => {
  it('reuses the mask while the scope stays the same', () => {
    const masks = lastScopeMask(criteria, unitDocs);
    const a = masks({ unit: 'CU795' });
    expect(masks({ unit: 'CU795' })).toBe(a);
    expect(masks(undefined)).toBeNull();
    const b = masks({ unit: 'L5062150' });
    expect(b).not.toBe(a);
    expect([...b!]).toEqual([0, 0, 1, 0]);
  });
});

describe('maskFor, the learner\'s chosen units', () => {
  it('marks chosen units 2 above the rest of the qualification (1) and others (0)', () => {
    expect(mask({ qualification: 'edi-l2:500/9378/2', chosenUnits: ['edi-l2:CU795'] })).toEqual([2, 2, 0, 0]);
    expect(mask({ qualifications: ['habc-l3:601/4027/6', 'edi-l2:500/9378/2'], chosenUnits: ['L/506/2150'] })).toEqual([1, 1, 2, 0]);
    expect(mask({ chosenUnits: ['CU795'] })).toEqual([2, 2, 0, 2]);
  });
});
