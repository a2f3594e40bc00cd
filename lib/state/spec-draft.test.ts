import { describe, expect, it } from 'vitest';
import { allMandatoryRules } from '../catalogue/import/review';
import type { Specification } from '../catalogue/model';
import { cellKey, draftQualification, draftUnits, toSpecification, type DraftQualification } from './spec-draft';

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
    const { spec, errors } = toSpecification(source, draftUnits(SPEC, new Map()), [draftQualification(undefined, 'Care', allMandatoryRules(SPEC))], 'care');
    expect([...errors]).toEqual([]);
    expect(spec!.units.map((u) => [u.ref, u.level, u.credit, u.outcomes[0].criteria[0].id])).toEqual([['A/1', 2, 3, 'care:A1:1.1'], ['B/2', 'Entry 3', null, 'care:B2:1.1']]);
    expect(spec!.qualifications[0]).toMatchObject({ id: 'care:q', title: 'Care' });
    // A new version keeps the qualification id learners are registered on, even if its number is corrected.
    const again = toSpecification(source, draftUnits(SPEC, new Map()), [{ ...draftQualification(undefined, 'Care', allMandatoryRules(SPEC)), number: '603/1/1' }], 'care', spec!.qualifications);
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
    const { spec, errors } = toSpecification(source, units, [draftQualification(undefined, '', rules)], 'Bad Id');
    expect(spec).toBeNull();
    expect(errors.get(cellKey(0, 'level'))).toMatch(/"nine" is not a level/);
    expect(errors.get(cellKey(0, 'credit'))).toMatch(/whole number/);
    expect(errors.get(cellKey(1, 'ref'))).toBe('Unit 1 has the same ref');
    expect(errors.get(cellKey(1, 'text', 0, 0))).toMatch(/words are empty/);
    expect(errors.get(cellKey(0, 'number', 0, 0))).toMatch(/number is empty/);
    expect(errors.get('q0.title')).toMatch(/needs a title/);
    expect(errors.get('spec')).toMatch(/lower-case letters/);
    expect(errors.get('q0.rules')).toMatch(/B\/2/);
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
    const { spec, errors } = toSpecification({ id: imported.id, source: file, title: imported.title }, draftUnits(imported, new Map()), [{ ...draftQualification(q, imported.title), rules }], 'habc-test');
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

describe('a specification that defines several qualifications', () => {
  const award: DraftQualification = { ...draftQualification(undefined, 'Award', allMandatoryRules(SPEC)), number: '600/1/1', level: '1', glh: '60' };
  const certificate: DraftQualification = {
    ...draftQualification(undefined, 'Certificate', allMandatoryRules(SPEC)), number: '600/1/2',
    rules: { minCredits: 3, groups: [{ id: 'A', title: 'Optional A', mandatory: false, units: ['A/1', 'B/2'] }], levelConstraints: [], barred: [], summary: '3 credits from A' },
  };

  it('saves every qualification with its own rules, not only the first', () => {
    const { spec, errors } = toSpecification(source, draftUnits(SPEC, new Map()), [award, certificate], 'care');
    expect([...errors]).toEqual([]);
    expect(spec!.qualifications.map((q) => [q.id, q.title, q.number, q.level, q.glh, q.rules.minCredits, q.rules.groups.map((g) => `${g.id}:${g.mandatory}:${g.units.join('+')}`)])).toEqual([
      ['care:600/1/1', 'Award', '600/1/1', 1, 60, 3, ['M:true:A/1+B/2']],
      ['care:600/1/2', 'Certificate', '600/1/2', null, null, 3, ['A:false:A/1+B/2']],
    ]);
  });

  it('a new version keeps both ids (matched by number, else title) whatever their order, and gives a new one its own', () => {
    const replaced = toSpecification(source, draftUnits(SPEC, new Map()), [award, certificate], 'care').spec!.qualifications;
    const kept = replaced.map((q, i) => ({ ...q, id: `old-${i}` }));
    // Certificate first now; the Award's number corrected (matched by title); a third added.
    const extended = { ...draftQualification(undefined, 'Extended Certificate', allMandatoryRules(SPEC)), number: '600/1/3' };
    const { spec, errors } = toSpecification(source, draftUnits(SPEC, new Map()), [certificate, { ...award, number: '600/1/9' }, extended], 'care', kept);
    expect([...errors]).toEqual([]);
    expect(spec!.qualifications.map((q) => [q.title, q.id])).toEqual([['Certificate', 'old-1'], ['Award', 'old-0'], ['Extended Certificate', 'care:600/1/3']]);
  });

  it('puts each problem at its own qualification, and refuses two with one number', () => {
    const units = draftUnits(SPEC, new Map());
    const bad = { ...certificate, level: 'nine', rules: { ...certificate.rules, groups: [{ ...certificate.rules.groups[0], units: ['Z/9'] }] } };
    const { spec, errors } = toSpecification(source, units, [award, bad, { ...award }], 'care');
    expect(spec).toBeNull();
    expect(errors.get('q1.level')).toMatch(/"nine" is not a level/);
    expect(errors.get('q1.rules')).toMatch(/Z\/9/);
    expect(errors.get('q2.number')).toBe('Qualification 1 has the same number');
    expect([...errors.keys()].filter((k) => k.startsWith('q0.'))).toEqual([]);
  });

  it('needs at least one qualification', () => {
    expect(toSpecification(source, draftUnits(SPEC, new Map()), [], 'care').errors.get('spec')).toMatch(/no qualification/);
  });
});
