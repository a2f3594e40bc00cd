import { describe, expect, it } from 'vitest';
import { criterionCode, criterionId, criterionNumberOf, localPartOf, parseCriterionId, specIdOf, unitIdOf, unitIdOfCriterion, unitKey } from './ids';

describe('catalogue ids', () => {
  it('builds unit and criterion ids from refs printed in any of their forms', () => {
    expect(unitKey('L/506/2150')).toBe('L5062150');
    expect(unitKey('cs 27')).toBe('CS27');
    expect(unitIdOf('skills-cfa-l3', 'CS 27')).toBe('skills-cfa-l3:CS27');
    expect(criterionId('edi-l2', 'CU795', '2.3')).toBe('edi-l2:CU795:2.3');
    expect(criterionId('edi-l2', 'CU795', '2.3', 2)).toBe('edi-l2:CU795:2.3~2');
  });

  it('reads ids back: spec, unit, number, copy', () => {
    expect(specIdOf('habc-l3:601/4027/6')).toBe('habc-l3');
    expect(localPartOf('habc-l3:601/4027/6')).toBe('601/4027/6');
    expect(specIdOf('edi-l2:CU795')).toBe('edi-l2');
    expect(unitIdOfCriterion('edi-l2:CU795:2.3~2')).toBe('edi-l2:CU795');
    expect(criterionNumberOf('edi-l2:CU795:2.3~2')).toBe('2.3~2');
    expect(parseCriterionId('edi-l2:CU795:2.3~2')).toEqual({ specId: 'edi-l2', unitKey: 'CU795', number: '2.3', copy: 2 });
    expect(parseCriterionId('edi-l2:CU795:2.3')).toEqual({ specId: 'edi-l2', unitKey: 'CU795', number: '2.3', copy: 1 });
    expect(parseCriterionId('edi-l2:CU795')).toBeUndefined();
  });

  it('names a criterion the way assessors write it', () => {
    expect(criterionCode('edi-l2:CU795:2.3')).toBe('CU795 2.3');
    expect(criterionCode('not-an-id')).toBe('not-an-id');
  });
});
