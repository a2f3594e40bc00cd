import { describe, expect, it } from 'vitest';
import { QUALIFICATIONS } from '../../data/sources/qualifications';
import { unitsByRef } from '../../test/unit/structure-tables';
import type { Qualification } from './model';
import { barredBy, evaluateRules, type AchievedUnit } from './rules';

const qual = (specId: string, number: string): Qualification => {
  const q = QUALIFICATIONS[specId].find((x) => x.number === number);
  if (!q) throw new Error(`no ${number}`);
  return q;
};

// Credits and levels come from each document's structure table.
const tables = { 'edi-l2': unitsByRef('edi-l2'), 'habc-l3': unitsByRef('habc-l3'), 'ascentis-l1': unitsByRef('ascentis-l1') };
// The two Entry 3 mandatory units of the Ascentis document appear only in its barred table
// (refs, lines 198 and 205) and Summary Record of Achievement (Entry 3, 2 credits, lines
// 1346-1347), not in the structure tables of the Level 1 qualifications.
tables['ascentis-l1'].set('J/601/6052', { ref: 'J/601/6052', title: 'Legislation, regulation and procedures to follow in customer service', level: 'Entry 3', credit: 2, line: 1346 });
tables['ascentis-l1'].set('F/601/6065', { ref: 'F/601/6065', title: 'Introduction to customer service', level: 'Entry 3', credit: 2, line: 1347 });

const units = (specId: keyof typeof tables, refs: string[]): AchievedUnit[] =>
  refs.map((ref) => {
    const row = tables[specId].get(ref);
    if (!row) throw new Error(`${ref} is not in the ${specId} tables`);
    return { ref, credit: row.credit, level: row.level };
  });

describe('EDI Level 2 NVQ Certificate 500/9378/2', () => {
  const q = qual('edi-l2', '500/9378/2');
  const ok = ['CU791', 'CU792', 'CU795', 'CU806', 'CU815', 'CU825'];

  it('is met by both mandatory units and one level 2 unit from each optional group (30 credits)', () => {
    const r = evaluateRules(q, units('edi-l2', ok));
    expect(r.missing).toEqual([]);
    expect(r.met).toBe(true);
    expect(r.credits).toBe(30);
    expect(r.groups.map((g) => [g.id, g.met, g.counted])).toEqual([
      ['A', true, ['CU791', 'CU792']],
      ['B', true, ['CU795']],
      ['C', true, ['CU806']],
      ['D', true, ['CU815']],
      ['E', true, ['CU825']],
    ]);
    expect(r.groups[3].requirement).toBe('at least 1 unit');
    expect(r.levels).toEqual([expect.objectContaining({ minLevel: 2, required: 11, credits: 22, met: true })]);
  });

  it('says which optional group still needs a unit', () => {
    for (const [group, drop, add] of [['B', 'CU795', 'CU826'], ['C', 'CU806', 'CU827'], ['D', 'CU815', 'CU828'], ['E', 'CU825', 'CU797']]) {
      const r = evaluateRules(q, units('edi-l2', [...ok.filter((x) => x !== drop), add]));
      expect(r.met).toBe(false);
      expect(r.missing).toEqual([`needs 1 more unit from Group ${group}`]);
    }
  });

  it('says which mandatory unit is missing', () => {
    const r = evaluateRules(q, units('edi-l2', [...ok.filter((x) => x !== 'CU792'), 'CU826']));
    expect(r.groups[0].missingUnits).toEqual(['CU792']);
    expect(r.missing).toEqual(['needs mandatory unit CU792 (Group A)']);
  });

  it('counts credits against the minimum of 28', () => {
    // 8 mandatory + 5 + 5 + 4 + 5 = 27.
    const r = evaluateRules(q, units('edi-l2', ['CU791', 'CU792', 'CU793', 'CU805', 'CU814', 'CU826']));
    expect(r.credits).toBe(27);
    expect(r.missing).toEqual(['needs 1 more credit: 27 of 28', '5 of 11 credits at level 2 or above from Groups B, C, D and E']);
  });

  it('needs eleven optional credits at level 2; level 3 units count, mandatory ones do not', () => {
    // Optional units all at level 1 but CU826 (level 2, 5 credits); then CU832 (level 3, 8) added.
    const short = evaluateRules(q, units('edi-l2', ['CU791', 'CU792', 'CU793', 'CU794', 'CU805', 'CU813', 'CU826']));
    expect(short.credits).toBe(33);
    expect(short.missing).toEqual(['5 of 11 credits at level 2 or above from Groups B, C, D and E']);
    const withL3 = evaluateRules(q, units('edi-l2', ['CU791', 'CU792', 'CU793', 'CU805', 'CU813', 'CU826', 'CU832']));
    expect(withL3.levels[0].credits).toBe(13);
    expect(withL3.met).toBe(true);
  });
});

describe('HABC Level 3 Diploma 601/4027/6', () => {
  const q = qual('habc-l3', '601/4027/6');
  const mandatory = ['L/506/2150', 'Y/506/2152', 'J/506/2910', 'K/506/2169', 'D/506/1942', 'T/506/2952'];

  it('is met by the mandatory group, 15 credits of Group A and enough more at level 3 or above', () => {
    // 31 + (5 + 5 + 5 + 4 + 3 + 4) = 57, all at level 3 or 4.
    const r = evaluateRules(q, units('habc-l3', [...mandatory, 'Y/506/2166', 'D/506/2170', 'K/506/2172', 'R/506/2151', 'D/506/2167', 'D/506/2153']));
    expect(r.missing).toEqual([]);
    expect(r.met).toBe(true);
    expect(r.credits).toBe(57);
    expect(r.groups.map((g) => [g.id, g.credits, g.met])).toEqual([['Mandatory', 31, true], ['A', 26, true], ['B', 0, true]]);
    expect(r.groups.map((g) => g.requirement)).toEqual(['all 6 units', 'at least 15 credits', 'at most 9 credits']);
  });

  it('counts at most 9 credits from Group B, also towards level 3', () => {
    // Group A: five level 2 units of 3 credits; Group B: three level 3 units of 4 credits.
    const r = evaluateRules(q, units('habc-l3', [...mandatory, 'D/506/2119', 'T/506/2126', 'Y/506/2135', 'T/506/2160', 'A/506/2161', 'H/506/1912', 'A/506/1821', 'J/506/1921']));
    expect(r.groups[2]).toMatchObject({ creditsAchieved: 12, credits: 9, met: true });
    expect(r.notes).toEqual(['only 9 of the 12 credits from Group B count towards the qualification']);
    expect(r.credits).toBe(55);
    expect(r.levels[0]).toMatchObject({ credits: 40, required: 40, met: true });
    expect(r.met).toBe(true);
  });

  it('says how many credits at level 3 or above are missing', () => {
    // Group A and B all at level 2: 31 + 15 + 8 = 54, of which the 31 mandatory are level 3.
    const r = evaluateRules(q, units('habc-l3', [...mandatory, 'D/506/2119', 'T/506/2126', 'Y/506/2135', 'T/506/2160', 'A/506/2161', 'L/506/1807', 'L/506/1869', 'H/506/1814']));
    expect(r.missing).toEqual(['needs 1 more credit: 54 of 55', '31 of 40 credits at level 3 or above']);
  });

  it('says how many Group A credits are missing', () => {
    const r = evaluateRules(q, units('habc-l3', [...mandatory, 'Y/506/2166', 'D/506/2170', 'H/506/1912', 'A/506/1821']));
    expect(r.missing).toEqual(['needs 6 more credits: 49 of 55', 'needs 5 more credits from Group A (10 of 15)']);
  });

  it('names missing mandatory units', () => {
    const r = evaluateRules(q, units('habc-l3', ['L/506/2150', 'Y/506/2152', 'J/506/2910', 'K/506/2169']));
    expect(r.missing[1]).toBe('needs mandatory units D/506/1942, T/506/2952 (Mandatory Group)');
    expect(r.missing).toContain('18 of 40 credits at level 3 or above');
  });
});

describe('Ascentis Level 1 Award 600/1686/3', () => {
  const q = qual('ascentis-l1', '600/1686/3');

  it('is met by the mandatory unit, 2 credits at level 1 and 2 more at any level', () => {
    const r = evaluateRules(q, units('ascentis-l1', ['R/601/6071', 'R/601/6068', 'A/601/6064']));
    expect(r.missing).toEqual([]);
    expect(r.met).toBe(true);
    expect(r.credits).toBe(7);
    expect(r.groups[1].requirement).toBe('at least 4 credits, 2 credits at level 1 or above');
  });

  it('needs 2 Group B credits at level 1', () => {
    const r = evaluateRules(q, units('ascentis-l1', ['R/601/6071', 'A/601/6047', 'M/601/6062']));
    expect(r.credits).toBe(7);
    expect(r.missing).toEqual(['0 of 2 credits at level 1 or above from Group B']);
  });

  it('needs 7 credits, 4 of them from Group B', () => {
    const r = evaluateRules(q, units('ascentis-l1', ['R/601/6071', 'R/601/6068']));
    expect(r.missing).toEqual(['needs 2 more credits: 5 of 7', 'needs 2 more credits from Group B (2 of 4)']);
  });

  it('needs the mandatory unit', () => {
    const r = evaluateRules(q, units('ascentis-l1', ['R/601/6068', 'A/601/6064', 'H/601/6074']));
    expect(r.missing).toEqual(['needs mandatory unit R/601/6071 (Group A)']);
  });

  it('does not count the lesser unit of a barred pair, and says why', () => {
    const r = evaluateRules(q, units('ascentis-l1', ['R/601/6071', 'A/601/6047', 'R/601/6068', 'M/601/6062']));
    expect(r.barred).toEqual([expect.objectContaining({ units: ['A/601/6047', 'R/601/6068'], setAside: 'A/601/6047' })]);
    expect(r.credits).toBe(7);
    expect(r.met).toBe(false);
    expect(r.missing).toEqual([
      'A/601/6047 and R/601/6068 cannot both count: The importance of appearance and behaviour in customer service (Entry 3) may not be taken with Create a good impression to customers (Level 1)',
    ]);
  });

  it('reports every barred pair of the document, and refuses to add its second unit', () => {
    for (const b of q.rules.barred) {
      const [a, c] = b.units;
      const r = evaluateRules(q, units('ascentis-l1', [...new Set(['R/601/6071', a, c])]));
      expect(r.missing).toContain(`${a} and ${c} cannot both count: ${b.reason}`);
      expect(r.met).toBe(false);
      expect(barredBy(q, [a], c)).toEqual([{ with: a, reason: b.reason }]);
      expect(barredBy(q, [c], a)).toEqual([{ with: c, reason: b.reason }]);
    }
    expect(q.rules.barred).toHaveLength(10);
  });

  it('keeps the mandatory unit when it is barred with another', () => {
    const r = evaluateRules(q, units('ascentis-l1', ['J/601/6052', 'R/601/6071', 'R/601/6068', 'H/601/6074']));
    expect(r.barred[0].setAside).toBe('J/601/6052');
    expect(r.groups[0].met).toBe(true);
    expect(r.missing).toEqual([
      'J/601/6052 and R/601/6071 cannot both count: Legislation, regulation and procedures to follow in customer service (Entry 3) may not be taken with Apply legislation, regulation and organisational procedures for customer service (Level 1)',
    ]);
  });

  it('lets a unit be added when it makes no barred pair', () => {
    expect(barredBy(q, ['R/601/6071', 'R/601/6068'], 'T/601/6077')).toEqual([]);
    // Refs are compared without spaces or slashes, as unit keys are.
    expect(barredBy(q, ['A/601/6047'], 'R6016068')).toHaveLength(1);
  });

  it('counts nothing for units outside its groups', () => {
    const r = evaluateRules(q, units('ascentis-l1', ['R/601/6071', 'R/601/6068', 'A/601/6064', 'F/601/6065']));
    expect(r.notInRules).toEqual(['F/601/6065']);
    expect(r.credits).toBe(7);
  });
});

describe('Ascentis Level 1 Certificate 600/1684/X', () => {
  const q = qual('ascentis-l1', '600/1684/X');

  it('is met by both mandatory units and 8 Group B credits, 2 of them at level 1', () => {
    const r = evaluateRules(q, units('ascentis-l1', ['R/601/6071', 'M/601/6076', 'R/601/6068', 'H/601/6074', 'M/601/6062', 'L/601/6067']));
    expect(r.missing).toEqual([]);
    expect(r.credits).toBe(14);
    expect(r.met).toBe(true);
  });

  it('needs Working in customer service as a mandatory unit', () => {
    const r = evaluateRules(q, units('ascentis-l1', ['R/601/6071', 'R/601/6068', 'H/601/6074', 'M/601/6062', 'L/601/6067', 'A/601/6064']));
    expect(r.missing).toEqual(['needs mandatory unit M/601/6076 (Group A)']);
  });

  it('needs 8 credits from Group B', () => {
    const r = evaluateRules(q, units('ascentis-l1', ['R/601/6071', 'M/601/6076', 'R/601/6068', 'H/601/6074']));
    expect(r.missing).toEqual(['needs 3 more credits: 10 of 13', 'needs 3 more credits from Group B (5 of 8)']);
  });

  it('needs 2 Group B credits at level 1', () => {
    const r = evaluateRules(q, units('ascentis-l1', ['R/601/6071', 'M/601/6076', 'A/601/6047', 'R/601/6054', 'D/601/6056', 'M/601/6059']));
    expect(r.credits).toBe(14);
    expect(r.missing).toEqual(['0 of 2 credits at level 1 or above from Group B']);
  });

  it('sets aside the Entry 3 unit barred with its mandatory Level 1 unit', () => {
    const r = evaluateRules(q, units('ascentis-l1', ['R/601/6071', 'M/601/6076', 'K/601/6058', 'R/601/6068', 'H/601/6074', 'M/601/6062', 'L/601/6067']));
    expect(r.barred[0]).toMatchObject({ units: ['K/601/6058', 'M/601/6076'], setAside: 'K/601/6058' });
    expect(r.credits).toBe(14);
    expect(r.missing).toEqual([
      'K/601/6058 and M/601/6076 cannot both count: The customer service job role (Entry 3) may not be taken with Working in customer service (Level 1)',
    ]);
  });
});
