import { describe, expect, it } from 'vitest';
import type { Qualification, Specification } from './model';
import { rulesExample } from './rules-example';

const unit = (ref: string, credit: number, level = 2) => ({ ref, title: ref, level, credit, glh: null, outcomes: [] });
const SPEC: Specification = { id: 's', source: '', title: 'S', qualifications: [], units: [unit('M1', 5), unit('M2', 5), unit('O1', 4), unit('O2', 4, 3), unit('O3', 4)] };
const Q: Qualification = {
  id: 's:1', number: '1', title: 'Q', level: 2, glh: null,
  rules: {
    minCredits: 18, summary: '',
    groups: [{ id: 'A', title: 'Mandatory', mandatory: true, units: ['M1', 'M2'] }, { id: 'B', title: 'Optional', mandatory: false, units: ['O1', 'O2', 'O3'], minUnits: 2 }],
    levelConstraints: [], barred: [{ units: ['O1', 'O3'], reason: 'overlap' }],
  },
};

describe('the rules check on an example learner', () => {
  it('with the mandatory units only, says what is missing in the engine\'s words', () => {
    const ex = rulesExample(SPEC, Q, 0);
    expect(ex.units).toEqual(['M1', 'M2']);
    expect(ex.result.met).toBe(false);
    expect(ex.result.missing).toEqual(['needs 8 more credits: 10 of 18', 'needs 2 more units from Group B']);
  });

  it('with 8 optional credits, the rules are met', () => {
    const ex = rulesExample(SPEC, Q, 8);
    expect(ex.units).toEqual(['M1', 'M2', 'O1', 'O2']);
    expect(ex.optionalCredits).toBe(8);
    expect(ex.result.met).toBe(true);
  });
});
