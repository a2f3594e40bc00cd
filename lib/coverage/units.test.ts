import { describe, expect, it } from 'vitest';
import { addUnit, chosenRefs, mandatoryRefs, removeUnit, unitOptions } from './units';
import { FX, FXQ } from '../../test/fixtures/coverage';

describe('units chosen for a learner', () => {
  it('preselects the mandatory units even when nothing is stored', () => {
    expect(mandatoryRefs(FXQ)).toEqual(['M/100/0001', 'M/100/0002']);
    expect(chosenRefs(FXQ, {})).toEqual(['M/100/0001', 'M/100/0002']);
    expect(chosenRefs(FXQ, undefined)).toEqual(['M/100/0001', 'M/100/0002']);
  });

  it('adds the stored optional choices in the order the rules list them, ignoring other qualifications and stale refs', () => {
    const refs = chosenRefs(FXQ, {
      [FXQ.id]: ['C/100/0007', 'O/100/0003', 'X/999/9999'],
      'other:1': ['C/100/0006'],
    });
    expect(refs).toEqual(['M/100/0001', 'M/100/0002', 'O/100/0003', 'C/100/0007']);
  });

  it('matches refs printed without slashes or in lower case', () => {
    expect(chosenRefs(FXQ, { [FXQ.id]: ['o1000003'] })).toContain('O/100/0003');
  });

  it('adds an optional unit and keeps the rules order', () => {
    const r = addUnit(FX, FXQ, ['M/100/0001', 'M/100/0002', 'C/100/0006'], 'O/100/0004');
    expect(r).toEqual({ ok: true, units: ['M/100/0001', 'M/100/0002', 'O/100/0004', 'C/100/0006'] });
  });

  it('refuses a barred pair, either way round, with the reason the rules give', () => {
    const base = chosenRefs(FXQ, { [FXQ.id]: ['O/100/0004'] });
    const r = addUnit(FX, FXQ, base, 'O/100/0005');
    expect(r.ok).toBe(false);
    expect(r.units).toEqual(base);
    if (!r.ok) {
      expect(r.reason).toContain('Queries and requests (Entry 3) may not be taken with Handle queries (Level 1)');
      expect(r.reason).toContain('Handle queries (O/100/0004)');
    }
    const back = addUnit(FX, FXQ, ['M/100/0001', 'M/100/0002', 'O/100/0005'], 'O/100/0004');
    expect(back.ok).toBe(false);
  });

  it('refuses a unit the qualification does not offer', () => {
    const r = addUnit(FX, FXQ, ['M/100/0001'], 'Z/000/0000');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/not a unit of Fixture Level 2 Certificate/);
  });

  it('removes an optional unit but refuses to remove a mandatory one', () => {
    const chosen = ['M/100/0001', 'M/100/0002', 'O/100/0003'];
    expect(removeUnit(FX, FXQ, chosen, 'O/100/0003')).toEqual({ ok: true, units: ['M/100/0001', 'M/100/0002'] });
    const r = removeUnit(FX, FXQ, chosen, 'M/100/0002');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toBe('Follow the rules (M/100/0002) is mandatory for Fixture Level 2 Certificate');
  });

  it('lists every unit the qualification offers for the picker, marking the barred ones with why', () => {
    const options = unitOptions(FX, FXQ, ['M/100/0001', 'M/100/0002', 'O/100/0004']);
    expect(options.map((o) => o.ref)).toEqual(['M/100/0001', 'M/100/0002', 'O/100/0003', 'O/100/0004', 'O/100/0005', 'C/100/0006', 'C/100/0007']);
    const byRef = Object.fromEntries(options.map((o) => [o.ref, o]));
    expect(byRef['M/100/0001']).toMatchObject({ mandatory: true, chosen: true, refusal: null, groups: ['A'], unitId: 'fx:M1000001', credit: 4, level: 2 });
    expect(byRef['O/100/0004']).toMatchObject({ mandatory: false, chosen: true, refusal: null });
    expect(byRef['O/100/0005'].chosen).toBe(false);
    expect(byRef['O/100/0005'].refusal).toMatch(/may not be taken with/);
    expect(byRef['C/100/0006'].refusal).toBeNull();
  });
});
