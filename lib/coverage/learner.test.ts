import { describe, expect, it } from 'vitest';
import { learnerCoverage } from './learner';
import { progressLines } from './progress';
import { FX, FXQ, evidenceEverything, mapping, signoff } from '../../test/fixtures/coverage';

/** A learner who chose `optional` and achieved `achieved` (every criterion evidenced and signed off). */
function coverageOf(optional: string[], achieved: string[], extra: { signOnly?: string[]; evidenceOnly?: string[] } = {}) {
  return learnerCoverage({
    spec: FX,
    qualification: FXQ,
    unitChoices: { [FXQ.id]: optional },
    mappings: evidenceEverything(FX, 'L', [...achieved, ...(extra.evidenceOnly ?? [])]),
    signoffs: [...achieved, ...(extra.signOnly ?? [])].map((r) => signoff('L', 'fx', r)),
  });
}

const M = ['M/100/0001', 'M/100/0002'];

describe('a learner\'s coverage of a qualification', () => {
  it('shows the chosen units, mandatory first, each with its coverage, and the totals', () => {
    const cov = learnerCoverage({
      spec: FX,
      qualification: FXQ,
      unitChoices: { [FXQ.id]: ['C/100/0006'] },
      mappings: [mapping('L', 'p1', 'fx:M1000001:1.1'), mapping('L', 'p1', 'fx:C1000006:1.1'), mapping('L', 'p9', 'fx:O1000003:1.1')],
      signoffs: [],
    });
    expect(cov.chosen).toEqual([...M, 'C/100/0006']);
    expect(cov.units.map((u) => [u.ref, u.evidenced, u.total])).toEqual([
      ['M/100/0001', 1, 3],
      ['M/100/0002', 0, 3],
      ['C/100/0006', 1, 1],
    ]);
    // O/100/0003 is not chosen: its evidence is kept but not shown among the units.
    expect([cov.evidenced, cov.total]).toEqual([2, 7]);
    expect(cov.options.find((o) => o.ref === 'O/100/0003')?.chosen).toBe(false);
  });

  it('lists units not chosen that hold evidence, with their passages and any bar, so their evidence is not lost from view', () => {
    const cov = learnerCoverage({
      spec: FX,
      qualification: FXQ,
      unitChoices: { [FXQ.id]: ['O/100/0004'] },
      mappings: [
        mapping('L', 'p1', 'fx:M1000001:1.1'),
        mapping('L', 'p2', 'fx:O1000003:1.1'),
        mapping('L', 'p3', 'fx:O1000003:1.2'),
        mapping('L', 'p3', 'fx:O1000003:2.1'),
        mapping('L', 'p4', 'fx:O1000005:1.1'),
      ],
      signoffs: [],
    });
    expect(cov.unchosenEvidence.map((u) => [u.ref, u.passages, u.refusal !== null])).toEqual([
      ['O/100/0003', 2, false],
      ['O/100/0005', 1, true],
    ]);
    expect(learnerCoverage({ spec: FX, qualification: FXQ, unitChoices: {}, mappings: [mapping('L', 'p1', 'fx:M1000001:1.1')], signoffs: [] }).unchosenEvidence).toEqual([]);
  });

  it('counts towards the rules only units that are fully evidenced AND signed off', () => {
    const cov = coverageOf(['O/100/0003', 'C/100/0006'], ['M/100/0001'], { signOnly: ['M/100/0002'], evidenceOnly: ['O/100/0003'] });
    expect(cov.progress.achievedRefs).toEqual(['M/100/0001']);
    expect(cov.progress.achieved.credits).toBe(4);
    expect(cov.units.find((u) => u.ref === 'M/100/0002')?.signoff?.assessor).toBe('Sam Assessor');
    expect(cov.units.find((u) => u.ref === 'O/100/0003')).toMatchObject({ allEvidenced: true, achieved: false });
  });

  it('takes the latest sign-off of a unit', () => {
    const cov = learnerCoverage({
      spec: FX, qualification: FXQ, unitChoices: {}, mappings: evidenceEverything(FX, 'L', ['M/100/0001']),
      signoffs: [signoff('L', 'fx', 'M/100/0001', 'Ann', '2026-02-01T00:00:00Z'), signoff('L', 'fx', 'M/100/0001', 'Bob', '2026-03-01T00:00:00Z')],
    });
    expect(cov.units[0].signoff).toEqual({ assessor: 'Bob', signedAt: '2026-03-01T00:00:00Z' });
  });

  it('plans: the chosen set is evaluated as if achieved, so the assessor sees if it would complete the qualification', () => {
    const cov = coverageOf(['O/100/0003', 'C/100/0006'], []);
    expect(cov.progress.plan.met).toBe(true);
    expect(cov.progress.achieved.met).toBe(false);
    expect(cov.progress.achieved.missing[0]).toBe('needs 14 more credits: 0 of 14');
  });
});

describe('progress against every rule of the fixture qualification', () => {
  it('meets all rules with a complete set', () => {
    const p = coverageOf(['O/100/0003', 'C/100/0006'], [...M, 'O/100/0003', 'C/100/0006']).progress.achieved;
    expect(p).toMatchObject({ met: true, credits: 16, minCredits: 14, missing: [], barred: [] });
    expect(p.groups.map((g) => [g.id, g.met])).toEqual([['A', true], ['B', true], ['C', true]]);
    expect(p.levels.map((l) => [l.credits, l.required, l.met])).toEqual([[16, 12, true]]);
  });

  it('misses the mandatory group when a mandatory unit is not achieved', () => {
    const p = coverageOf(['O/100/0003', 'C/100/0006', 'C/100/0007'], ['M/100/0001', 'O/100/0003', 'C/100/0006']).progress.achieved;
    expect(p.met).toBe(false);
    expect(p.groups[0]).toMatchObject({ met: false, missingUnits: ['M/100/0002'] });
    expect(p.missing).toContain('needs mandatory unit M/100/0002 (Group A)');
  });

  it('misses a minimum of units', () => {
    const p = coverageOf(['C/100/0006', 'C/100/0007'], [...M, 'C/100/0006', 'C/100/0007']).progress.achieved;
    expect(p.groups[1].met).toBe(false);
    expect(p.missing).toContain('needs 1 more unit from Group B');
  });

  it('caps a group at its maximum credits, and says so', () => {
    const p = coverageOf(['O/100/0003', 'C/100/0006', 'C/100/0007'], [...M, 'O/100/0003', 'C/100/0006', 'C/100/0007']).progress.achieved;
    expect(p.groups[2]).toMatchObject({ creditsAchieved: 8, credits: 4 });
    expect(p.credits).toBe(16);
    expect(p.notes.join(' ')).toMatch(/only 4 of the 8 credits from Group C/);
  });

  it('misses the minimum credits', () => {
    const p = coverageOf(['O/100/0004'], [...M, 'O/100/0004']).progress.achieved;
    expect(p.credits).toBe(10);
    expect(p.missing).toContain('needs 4 more credits: 10 of 14');
  });

  it('misses a level constraint while meeting the credits', () => {
    const p = coverageOf(['O/100/0004', 'C/100/0006'], [...M, 'O/100/0004', 'C/100/0006']).progress.achieved;
    expect(p.credits).toBe(14);
    expect(p.levels[0]).toMatchObject({ credits: 11, required: 12, met: false });
    expect(p.missing).toEqual(['11 of 12 credits at level 2 or above']);
  });

  it('reports a barred pair achieved before the rule was applied, and sets one aside', () => {
    const p = coverageOf(['O/100/0004', 'O/100/0005', 'O/100/0003', 'C/100/0006'], [...M, 'O/100/0003', 'O/100/0004', 'O/100/0005', 'C/100/0006']).progress.achieved;
    expect(p.met).toBe(false);
    expect(p.barred).toHaveLength(1);
    expect(p.missing.join('\n')).toMatch(/O\/100\/0005 and O\/100\/0004 cannot both count/);
  });

  it('writes the progress as plain lines', () => {
    const p = coverageOf(['O/100/0004'], [...M, 'O/100/0004']).progress.achieved;
    expect(progressLines(p)).toEqual([
      '10 of 14 credits',
      'Mandatory Group: all 2 units; 7 credits from 2 units (met)',
      'Optional Group B: at least 1 unit; 3 credits from 1 unit (met)',
      'Optional Group C: at most 4 credits; 0 credits from 0 units (met)',
      '7 of 12 credits at level 2 or above (not met)',
      'Needs 4 more credits: 10 of 14',
      '7 of 12 credits at level 2 or above',
    ]);
  });
});
