/**
 * Checks the hand-written rules of combination (data/sources/qualifications.ts) against
 * the built-in catalogue and the documents: every ref they name is a parsed unit of the
 * same specification, each group lists exactly the rows of the document's structure table,
 * and the catalogue's credits and levels are the tables' figures.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { QUALIFICATIONS } from '../../data/sources/qualifications';
import type { Catalogue, Unit } from '../../lib/catalogue/model';
import { structureTable } from './structure-tables';

const ROOT = resolve(__dirname, '../..');
const CATALOGUE = resolve(ROOT, 'data', 'catalogue.json');

function catalogue(): Catalogue {
  if (!existsSync(CATALOGUE)) throw new Error('data/catalogue.json is missing: run npm run catalogue:generate');
  return JSON.parse(readFileSync(CATALOGUE, 'utf8')) as Catalogue;
}

const unitsOf = (specId: string): Map<string, Unit> => {
  const spec = catalogue().specifications.find((s) => s.id === specId);
  if (!spec) throw new Error(`no specification ${specId} in data/catalogue.json`);
  return new Map(spec.units.map((u) => [u.ref, u]));
};

describe('rules of combination data', () => {
  it('defines the four qualifications under their specifications', () => {
    expect(Object.fromEntries(Object.entries(QUALIFICATIONS).map(([k, qs]) => [k, qs.map((q) => q.id)]))).toEqual({
      'edi-l2': ['edi-l2:500/9378/2'],
      'habc-l3': ['habc-l3:601/4027/6'],
      'ascentis-l1': ['ascentis-l1:600/1686/3', 'ascentis-l1:600/1684/X'],
    });
  });

  for (const [specId, quals] of Object.entries(QUALIFICATIONS)) {
    for (const q of quals) {
      it(`${q.number}: every ref in its groups and barred pairs is a parsed unit of ${specId}`, () => {
        const units = unitsOf(specId);
        const refs = [...q.rules.groups.flatMap((g) => g.units), ...q.rules.barred.flatMap((b) => b.units)];
        expect(refs.filter((r) => !units.has(r))).toEqual([]);
        // A unit belongs to one group only.
        const inGroups = q.rules.groups.flatMap((g) => g.units);
        expect(new Set(inGroups).size).toBe(inGroups.length);
      });
    }
  }

  it('EDI groups are the structure table\'s groups A to E, and credits and levels agree', () => {
    const table = structureTable('edi-l2');
    const q = QUALIFICATIONS['edi-l2'][0];
    expect(Object.fromEntries(q.rules.groups.map((g) => [g.id, g.units]))).toEqual(table.groups);
    const units = unitsOf('edi-l2');
    expect(table.rows).toHaveLength(49);
    expect(table.rows.filter((r) => units.get(r.ref)?.credit !== r.credit || units.get(r.ref)?.level !== r.level).map((r) => r.ref)).toEqual([]);
  });

  it('HABC groups are Appendix 1\'s groups, and credits and levels agree', () => {
    const table = structureTable('habc-l3');
    const q = QUALIFICATIONS['habc-l3'][0];
    expect(Object.fromEntries(q.rules.groups.map((g) => [g.id, g.units]))).toEqual(table.groups);
    const units = unitsOf('habc-l3');
    expect(table.rows).toHaveLength(45);
    expect(table.rows.filter((r) => units.get(r.ref)?.credit !== r.credit || units.get(r.ref)?.level !== r.level).map((r) => r.ref)).toEqual([]);
    // The mandatory units' credits add up to the 31 the document states.
    const mandatory = q.rules.groups.find((g) => g.mandatory)!;
    expect(mandatory.units.reduce((n, r) => n + (units.get(r)?.credit ?? 0), 0)).toBe(31);
  });

  it('Ascentis groups are the Rules of Combination tables, and credits and levels agree', () => {
    const table = structureTable('ascentis-l1');
    const [award, certificate] = QUALIFICATIONS['ascentis-l1'];
    expect(award.rules.groups.map((g) => g.units)).toEqual([table.groups['Award A'], table.groups.B]);
    expect(certificate.rules.groups.map((g) => g.units)).toEqual([table.groups['Certificate A'], table.groups.B]);
    const units = unitsOf('ascentis-l1');
    expect(table.rows.filter((r) => units.get(r.ref)?.credit !== r.credit || units.get(r.ref)?.level !== r.level).map((r) => r.ref)).toEqual([]);
    // Minimum credits: mandatory credits plus Group B's minimum make the stated totals.
    for (const q of [award, certificate]) {
      const mandatoryCredits = q.rules.groups[0].units.reduce((n, r) => n + (units.get(r)?.credit ?? 0), 0);
      expect(mandatoryCredits + (q.rules.groups[1].minCredits ?? 0)).toBe(q.rules.minCredits);
    }
  });

  it('Ascentis barred pairs each set an Entry 3 unit against a Level 1 unit', () => {
    const units = unitsOf('ascentis-l1');
    for (const b of QUALIFICATIONS['ascentis-l1'][0].rules.barred) {
      expect([units.get(b.units[0])?.level, units.get(b.units[1])?.level]).toEqual(['Entry 3', 1]);
      // The reason names both units by the titles the catalogue gives them (case aside).
      const reason = b.reason.toLowerCase();
      expect(reason).toContain(units.get(b.units[0])!.title.toLowerCase());
      expect(reason).toContain(units.get(b.units[1])!.title.toLowerCase());
    }
  });
});
