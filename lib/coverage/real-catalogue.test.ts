/**
 * Coverage and progress on the built-in catalogue (data/catalogue.json): learners on each
 * real qualification whose units are evidenced and signed off through the same path the
 * panel uses (mappings + sign-offs -> learnerCoverage -> progress). The unit sets and the
 * figures expected were worked out by hand from the specifications' rules tables
 * (credits and levels of each unit as the tables print them).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Catalogue, Qualification, Specification } from '../catalogue/model';
import { unitKey } from '../catalogue/ids';
import { findQualification, findUnit } from '../catalogue/lookup';
import { learnerCoverage } from './learner';
import { progressLines } from './progress';
import { evidenceEverything, signoff } from '../../test/fixtures/coverage';
import { addUnit, chosenRefs, mandatoryRefs } from './units';

const ROOT = resolve(import.meta.dirname, '..', '..');
const catalogue = JSON.parse(readFileSync(resolve(ROOT, 'data', 'catalogue.json'), 'utf8')) as Catalogue;

function qual(id: string): { spec: Specification; qualification: Qualification } {
  const found = findQualification(catalogue.specifications, id);
  if (!found) throw new Error(`no qualification ${id} in data/catalogue.json`);
  return found;
}

/** A learner who chose `optional` units and achieved `achieved` ones (evidenced in full and signed off). */
function learner(id: string, optional: readonly string[], achieved: readonly string[]) {
  const { spec, qualification } = qual(id);
  return learnerCoverage({
    spec,
    qualification,
    unitChoices: { [qualification.id]: [...optional] },
    mappings: evidenceEverything(spec, 'L', achieved),
    signoffs: achieved.map((r) => signoff('L', spec.id, r)),
  });
}

const HABC = 'habc-l3:601/4027/6';
const HABC_MANDATORY = ['L/506/2150', 'Y/506/2152', 'J/506/2910', 'K/506/2169', 'D/506/1942', 'T/506/2952']; // 5+5+4+4+10+3 = 31, all level 3

describe('HABC Level 3 Diploma 601/4027/6', () => {
  it('a learner part-way through: the progress says what the rules say for that set', () => {
    // Chosen: the mandatory 31 credits; Group A D/506/2119 (3, L2), T/506/2126 (3, L2),
    // Y/506/2135 (3, L2), F/506/2159 (3, L2), R/506/2151 (4, L3) = 16; Group B L/506/1807 (2, L2).
    const optional = ['D/506/2119', 'T/506/2126', 'Y/506/2135', 'F/506/2159', 'R/506/2151', 'L/506/1807'];
    // Achieved so far: L/506/2150, Y/506/2152, J/506/2910 (14 credits at level 3) and D/506/2119 (3, L2).
    const cov = learner(HABC, optional, ['L/506/2150', 'Y/506/2152', 'J/506/2910', 'D/506/2119']);
    // Mandatory first, then the optional units in the order the rules list them.
    expect(cov.chosen).toEqual([...HABC_MANDATORY, 'R/506/2151', 'D/506/2119', 'T/506/2126', 'Y/506/2135', 'F/506/2159', 'L/506/1807']);

    const now = cov.progress.achieved;
    expect(now.credits).toBe(17);
    expect(now.missing).toEqual([
      'needs 38 more credits: 17 of 55',
      'needs mandatory units K/506/2169, D/506/1942, T/506/2952 (Mandatory Group)',
      'needs 12 more credits from Group A (3 of 15)',
      '14 of 40 credits at level 3 or above',
    ]);

    // The chosen set, once achieved: 31 + 16 + 2 = 49 credits, 31 + 4 = 35 at level 3.
    const plan = cov.progress.plan;
    expect(plan.met).toBe(false);
    expect(plan.credits).toBe(49);
    expect(plan.groups.map((g) => [g.id, g.met, g.credits])).toEqual([['Mandatory', true, 31], ['A', true, 16], ['B', true, 2]]);
    expect(plan.missing).toEqual(['needs 6 more credits: 49 of 55', '35 of 40 credits at level 3 or above']);
    expect(progressLines(plan)[0]).toBe('49 of 55 credits');
  });

  it('a complete set meets every rule once every unit is evidenced and signed off', () => {
    // Group A Y/506/2166 5, D/506/2170 5, K/506/2172 5, R/506/2151 4 = 19 (all L3);
    // Group B H/506/1912 4, A/506/1821 4 = 8 (L3). 31 + 19 + 8 = 58 credits, all at level 3.
    const optional = ['Y/506/2166', 'D/506/2170', 'K/506/2172', 'R/506/2151', 'H/506/1912', 'A/506/1821'];
    const all = [...HABC_MANDATORY, ...optional];
    const cov = learner(HABC, optional, all);
    expect(cov.units.every((u) => u.achieved && u.fraction === 1)).toBe(true);
    expect(cov.evidenced).toBe(cov.total);
    expect(cov.progress.achieved).toMatchObject({ met: true, credits: 58, missing: [] });
    expect(cov.progress.achieved.levels[0]).toMatchObject({ credits: 58, required: 40, met: true });
    expect(progressLines(cov.progress.achieved).at(-1)).toBe('The rules of combination are met.');

    // One unit not signed off: its credits no longer count, and the progress says so.
    const unsigned = learnerCoverage({
      ...qual(HABC),
      unitChoices: { [HABC]: optional },
      mappings: evidenceEverything(qual(HABC).spec, 'L', all),
      signoffs: all.filter((r) => r !== 'D/506/1942').map((r) => signoff('L', 'habc-l3', r)),
    });
    expect(unsigned.progress.achieved.missing).toEqual([
      'needs 7 more credits: 48 of 55',
      'needs mandatory unit D/506/1942 (Mandatory Group)',
    ]);
  });

  it('Group B counts at most 9 credits', () => {
    // Group A 15 (Y/506/2166, D/506/2170, K/506/2172); Group B H/506/1912, A/506/1821, J/506/1921 = 12.
    const optional = ['Y/506/2166', 'D/506/2170', 'K/506/2172', 'H/506/1912', 'A/506/1821', 'J/506/1921'];
    const p = learner(HABC, optional, [...HABC_MANDATORY, ...optional]).progress.achieved;
    expect(p.groups[2]).toMatchObject({ creditsAchieved: 12, credits: 9 });
    expect(p).toMatchObject({ credits: 55, met: true });
    expect(p.notes).toContain('only 9 of the 12 credits from Group B count towards the qualification');
  });

  it('misses the level rule with enough credits at level 2', () => {
    // Group A at level 2: D/506/2119 3, T/506/2126 3, Y/506/2135 3, T/506/2143 4, F/506/2159 3,
    // Y/506/2149 3, T/506/2160 3, A/506/2161 3 = 25. 31 + 25 = 56 credits, 31 at level 3.
    const optional = ['D/506/2119', 'T/506/2126', 'Y/506/2135', 'T/506/2143', 'F/506/2159', 'Y/506/2149', 'T/506/2160', 'A/506/2161'];
    const p = learner(HABC, optional, [...HABC_MANDATORY, ...optional]).progress.achieved;
    expect(p.credits).toBe(56);
    expect(p.missing).toEqual(['31 of 40 credits at level 3 or above']);
  });
});

/** Complete unit sets worked out by hand for each qualification (see each comment). */
const COMPLETE: Record<string, string[]> = {
  // A CU791 4 (L1), CU792 4 (L2); one from each of B-E: CU795 5, CU806 5, CU815 6, CU826 5 (all L2).
  // 29 credits >= 28; 21 credits at level 2 from B-E >= 11.
  'edi-l2:500/9378/2': ['CU791', 'CU792', 'CU795', 'CU806', 'CU815', 'CU826'],
  'habc-l3:601/4027/6': [...HABC_MANDATORY, 'Y/506/2166', 'D/506/2170', 'K/506/2172', 'R/506/2151', 'H/506/1912', 'A/506/1821'],
  // A R/601/6071 3; B R/601/6068 2 (L1), H/601/6074 3 (L1): 8 credits >= 7, 5 from B with 5 at L1.
  'ascentis-l1:600/1686/3': ['R/601/6071', 'R/601/6068', 'H/601/6074'],
  // A R/601/6071 3, M/601/6076 2; B R/601/6068 2, H/601/6074 3, A/601/6078 2, F/601/6079 2 = 9: 14 >= 13.
  'ascentis-l1:600/1684/X': ['R/601/6071', 'M/601/6076', 'R/601/6068', 'H/601/6074', 'A/601/6078', 'F/601/6079'],
};

const allQualifications = catalogue.specifications.flatMap((s) => s.qualifications.map((q) => ({ spec: s, q })));

describe('every rule of every qualification in the built-in catalogue, met and missed', () => {
  it('has a complete set for each qualification the catalogue defines', () => {
    expect(allQualifications.map(({ q }) => q.id).sort()).toEqual(Object.keys(COMPLETE).sort());
  });

  for (const { spec, q } of allQualifications) {
    const complete = COMPLETE[q.id] ?? [];
    const mandatory = new Set(mandatoryRefs(q).map(unitKey));
    const optionalOf = (refs: string[]) => refs.filter((r) => !mandatory.has(unitKey(r)));
    const evaluate = (achieved: string[]) => learner(q.id, optionalOf(achieved), achieved).progress.achieved;
    const credit = (ref: string) => findUnit(spec, ref)?.credit ?? 0;

    describe(q.id, () => {
      it('a complete set meets every rule', () => {
        const p = evaluate(complete);
        expect(p.missing).toEqual([]);
        expect(p.met).toBe(true);
        expect(p.groups.every((g) => g.met)).toBe(true);
        expect(p.levels.every((l) => l.met)).toBe(true);
      });

      it('minimum credits: missed when optional units are dropped below it', () => {
        const set = [...complete];
        while (set.reduce((s, r) => s + credit(r), 0) >= q.rules.minCredits) {
          const last = optionalOf(set).at(-1)!;
          set.splice(set.indexOf(last), 1);
        }
        const p = evaluate(set);
        expect(p.met).toBe(false);
        expect(p.credits).toBeLessThan(q.rules.minCredits);
        expect(p.missing[0]).toBe(`needs ${q.rules.minCredits - p.credits} more credit${q.rules.minCredits - p.credits === 1 ? '' : 's'}: ${p.credits} of ${q.rules.minCredits}`);
      });

      for (const ref of mandatoryRefs(q)) {
        it(`mandatory unit ${ref}: missed when it is not achieved, even with everything else`, () => {
          const cov = learner(q.id, optionalOf(complete), complete.filter((r) => unitKey(r) !== unitKey(ref)));
          expect(cov.units.find((u) => unitKey(u.ref) === unitKey(ref))?.achieved).toBe(false);
          const p = cov.progress.achieved;
          expect(p.met).toBe(false);
          expect(p.groups.find((g) => g.mandatory)!.missingUnits).toEqual([ref]);
          expect(p.missing.join('\n')).toContain(ref);
        });
      }

      for (const g of q.rules.groups.filter((g) => !g.mandatory)) {
        const inGroup = (r: string) => g.units.some((u) => unitKey(u) === unitKey(r));
        if (g.minUnits !== undefined || g.minCredits !== undefined || g.minCreditsAtLevel) {
          it(`Group ${g.id}'s minimum: missed without its units`, () => {
            const p = evaluate(complete.filter((r) => !inGroup(r)));
            const res = p.groups.find((x) => x.id === g.id)!;
            expect(res).toMatchObject({ met: false, credits: 0, counted: [] });
            expect(p.missing.some((m) => m.includes(`Group ${g.id}`))).toBe(true);
          });
        }
        if (g.minCreditsAtLevel) {
          const l = g.minCreditsAtLevel;
          it(`Group ${g.id}: ${l.credits} credits at ${l.level}: missed with only lower-level units`, () => {
            const lower = g.units.filter((r) => {
              const lv = findUnit(spec, r)?.level;
              return typeof lv === 'string' && !q.rules.barred.some((b) => b.units.map(unitKey).includes(unitKey(r)) && b.units.some((o) => complete.some((c) => unitKey(c) === unitKey(o))));
            });
            const set = [...complete.filter((r) => !inGroup(r)), ...lower.slice(0, 4)];
            const p = evaluate(set);
            expect(p.groups.find((x) => x.id === g.id)!.met).toBe(false);
            expect(p.missing).toContain(`0 of ${l.credits} credits at level ${l.level} or above from Group ${g.id}`);
          });
        }
        if (g.maxCredits !== undefined) {
          it(`Group ${g.id}'s maximum of ${g.maxCredits} credits: excess credits do not count`, () => {
            const extra = g.units.filter((r) => !complete.some((c) => unitKey(c) === unitKey(r)));
            const set = [...complete, ...extra];
            const p = evaluate(set);
            const res = p.groups.find((x) => x.id === g.id)!;
            expect(res.creditsAchieved).toBeGreaterThan(g.maxCredits!);
            expect(res.credits).toBe(g.maxCredits);
            expect(p.notes.join('\n')).toContain(`only ${g.maxCredits} of the ${res.creditsAchieved} credits from Group ${g.id}`);
          });
        }
      }

      for (const c of q.rules.levelConstraints) {
        it(`level rule "${c.description}": missed when units at that level are swapped for lower ones`, () => {
          const low = (r: string) => {
            const lv = findUnit(spec, r)?.level ?? null;
            return typeof lv === 'number' ? lv < (c.minLevel as number) : true;
          };
          const scope = q.rules.groups.filter((g) => !c.groups || c.groups.includes(g.id));
          // Keep the mandatory units, drop optional ones at or above the level in scope, then
          // add every lower-level optional unit in scope so credits are not what fails.
          const inScope = (r: string) => scope.some((g) => g.units.some((u) => unitKey(u) === unitKey(r)));
          const kept = complete.filter((r) => mandatory.has(unitKey(r)) || !inScope(r) || low(r));
          const lower = scope.filter((g) => !g.mandatory).flatMap((g) => g.units).filter((r) => low(r) && !kept.includes(r));
          const p = evaluate([...kept, ...lower]);
          const res = p.levels.find((l) => l.description === c.description)!;
          expect(res.met).toBe(false);
          expect(res.credits).toBeLessThan(c.credits);
          expect(p.missing.join('\n')).toContain(`${res.credits} of ${c.credits} credits at level ${c.minLevel} or above`);
        });
      }

      for (const b of q.rules.barred) {
        const offered = (r: string) => q.rules.groups.some((g) => g.units.some((u) => unitKey(u) === unitKey(r)));
        const [x, y] = b.units;
        if (!offered(x) || !offered(y)) {
          it(`barred pair ${x} / ${y}: the unit outside this qualification cannot be added at all`, () => {
            const outside = offered(x) ? y : x;
            const r = addUnit(spec, q, chosenRefs(q, {}), outside);
            expect(r.ok).toBe(false);
          });
          continue;
        }
        it(`barred pair ${x} / ${y}: refused with the reason, either way round, and flagged if both were achieved`, () => {
          for (const [first, second] of [[x, y], [y, x]]) {
            if (mandatory.has(unitKey(second))) continue; // a mandatory unit is always chosen
            const chosen = chosenRefs(q, { [q.id]: [first] });
            const r = addUnit(spec, q, chosen, second);
            expect(r.ok).toBe(false);
            if (!r.ok) expect(r.reason).toContain(b.reason);
          }
          const p = evaluate([...new Set([...complete, x, y])]);
          expect(p.met).toBe(false);
          expect(p.barred.map((z) => z.units)).toContainEqual([x, y]);
          expect(p.missing.join('\n')).toContain(`${x} and ${y} cannot both count: ${b.reason}`);
        });
      }
    });
  }
});
