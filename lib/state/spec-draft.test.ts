import { describe, expect, it } from 'vitest';
import { allMandatoryRules } from '../catalogue/import/review';
import type { Specification } from '../catalogue/model';
import { cellKey, draftQualification, draftUnits, toSpecification } from './spec-draft';

const SPEC: Specification = {
  id: 'file-name', source: 'f.txt', title: 'Care', qualifications: [],
  units: [
    { ref: 'A/1', title: 'One', level: 2, credit: 3, glh: 20, outcomes: [{ number: '1', title: 'Know', criteria: [{ id: 'file-name:A1:1.1', number: '1.1', text: 'Explain' }] }] },
    { ref: 'B/2', title: 'Two', level: 'Entry 3', credit: null, glh: null, outcomes: [{ number: '1', title: 'Do', criteria: [{ id: 'file-name:B2:1.1', number: '1.1', text: 'Show' }] }] },
  ],
};
const source = { id: SPEC.id, source: SPEC.source, title: SPEC.title };

describe('the review draft', () => {
  it('round-trips a specification, with criterion ids rebuilt from the chosen spec id', () => {
    const { spec, errors } = toSpecification(source, draftUnits(SPEC, new Map()), draftQualification(undefined, 'Care'), allMandatoryRules(SPEC), 'care');
    expect([...errors]).toEqual([]);
    expect(spec!.units.map((u) => [u.ref, u.level, u.credit, u.outcomes[0].criteria[0].id])).toEqual([['A/1', 2, 3, 'care:A1:1.1'], ['B/2', 'Entry 3', null, 'care:B2:1.1']]);
    expect(spec!.qualifications[0]).toMatchObject({ id: 'care:q', title: 'Care' });
    // A new version keeps the qualification id learners are registered on, even if its number is corrected.
    const again = toSpecification(source, draftUnits(SPEC, new Map()), { title: 'Care', number: '603/1/1', level: '', glh: '' }, allMandatoryRules(SPEC), 'care', 'care:q');
    expect(again.spec!.qualifications[0]).toMatchObject({ id: 'care:q', number: '603/1/1' });
  });

  it('says what is wrong at each cell instead of saving', () => {
    const units = draftUnits(SPEC, new Map());
    units[0].level = 'nine';
    units[0].credit = '3.5';
    units[1].ref = 'A 1';
    units[1].outcomes[0].criteria[0].text = '  ';
    units[0].outcomes[0].criteria[0].number = '';
    const rules = allMandatoryRules(SPEC);
    const { spec, errors } = toSpecification(source, units, { title: '', number: '', level: '', glh: '' }, rules, 'Bad Id');
    expect(spec).toBeNull();
    expect(errors.get(cellKey(0, 'level'))).toMatch(/"nine" is not a level/);
    expect(errors.get(cellKey(0, 'credit'))).toMatch(/whole number/);
    expect(errors.get(cellKey(1, 'ref'))).toBe('Unit 1 has the same ref');
    expect(errors.get(cellKey(1, 'text', 0, 0))).toMatch(/words are empty/);
    expect(errors.get(cellKey(0, 'number', 0, 0))).toMatch(/number is empty/);
    expect(errors.get('q.title')).toMatch(/needs a title/);
    expect(errors.get('spec')).toMatch(/lower-case letters/);
    expect(errors.get('rules')).toMatch(/B\/2/);
  });
});

describe('the review draft of an imported specification that prints its rules', () => {
  it('starts from the rules the importer read (not every unit mandatory), and saves them unchanged', async () => {
    const { readFileSync } = await import('node:fs');
    const { importText } = await import('../catalogue/import/index');
    const { evaluateRules } = await import('../catalogue/rules');
    const file = 'habc-l3-diploma-customer-service.txt';
    const imported = importText(readFileSync(`../shared/specs/${file}`, 'utf8'), file).specification;
    // As SpecReview's constructor does: the first qualification's rules, else all mandatory.
    const q = imported.qualifications[0];
    const rules = structuredClone(q?.rules ?? allMandatoryRules(imported));
    const { spec, errors } = toSpecification({ id: imported.id, source: file, title: imported.title }, draftUnits(imported, new Map()), draftQualification(q, imported.title), rules, 'habc-test');
    expect([...errors]).toEqual([]);
    const saved = spec!.qualifications[0];
    expect(saved).toMatchObject({ number: '601/4027/6', title: 'HABC Level 3 Diploma in Customer Service (QCF)' });
    expect(saved.rules.groups.map((g) => [g.id, g.mandatory, g.units.length])).toEqual([['Mandatory', true, 6], ['A', false, 22], ['B', false, 17]]);
    // The rules engine reads them: the six mandatory units alone (31 credits) are not enough.
    const byRef = new Map(spec!.units.map((u) => [u.ref, u]));
    const mandatory = saved.rules.groups[0].units.map((r) => ({ ref: r, credit: byRef.get(r)!.credit, level: byRef.get(r)!.level }));
    const result = evaluateRules(saved, mandatory);
    expect([result.met, result.credits, result.minCredits]).toEqual([false, 31, 55]);
  });
});
