import { describe, expect, it } from 'vitest';
import { gapsOnly, unitCoverage } from './unit-coverage';
import { FX, evidenceEverything, mapping } from '../../test/fixtures/coverage';

const talk = FX.units[0]; // M/100/0001: outcomes 1 (1.1, 1.2) and 2 (2.1)
const c = (n: string) => `fx:M1000001:${n}`;

describe('a unit\'s coverage', () => {
  it('marks each criterion evidenced or not, with distinct passages and the methods used', () => {
    const cov = unitCoverage('fx', talk, [
      mapping('L', 'p1', c('1.1'), 'Wt'),
      mapping('L', 'p2', c('1.1'), 'Obs'),
      mapping('L', 'p2', c('1.1'), 'Obs'), // the same passage mapped twice counts once
      mapping('L', 'p3', c('2.1'), 'D'),
    ]);
    const [o1, o2] = cov.outcomes;
    expect(o1.criteria.map((x) => [x.number, x.evidenced, x.passages, x.methods])).toEqual([
      ['1.1', true, 2, ['Obs', 'Wt']],
      ['1.2', false, 0, []],
    ]);
    expect(o1).toMatchObject({ number: '1', title: 'Greet customers', evidenced: 1, total: 2 });
    expect(o2.criteria[0]).toMatchObject({ id: c('2.1'), text: 'Summarise what was agreed', evidenced: true, passages: 1, methods: ['D'] });
    expect(cov).toMatchObject({ unitId: 'fx:M1000001', ref: 'M/100/0001', title: 'Talk to customers', evidenced: 2, total: 3, passages: 3, allEvidenced: false, achieved: false });
    expect(cov.fraction).toBeCloseTo(2 / 3);
  });

  it('ignores mappings of other units', () => {
    const cov = unitCoverage('fx', talk, [mapping('L', 'p1', 'fx:M1000002:1.1'), mapping('L', 'p1', 'other:M1000001:1.1')]);
    expect(cov.evidenced).toBe(0);
    expect(cov.passages).toBe(0);
  });

  it('is achieved only when every criterion is evidenced and the unit is signed off', () => {
    const all = evidenceEverything(FX, 'L', ['M/100/0001']);
    const unsigned = unitCoverage('fx', talk, all);
    expect(unsigned).toMatchObject({ allEvidenced: true, signoff: null, achieved: false, fraction: 1 });

    const signed = unitCoverage('fx', talk, all, { assessor: 'Sam Assessor', signedAt: '2026-02-01T10:00:00Z' });
    expect(signed).toMatchObject({ achieved: true, signoff: { assessor: 'Sam Assessor', signedAt: '2026-02-01T10:00:00Z' } });

    const gap = unitCoverage('fx', talk, all.slice(1), { assessor: 'Sam Assessor', signedAt: '2026-02-01T10:00:00Z' });
    expect(gap).toMatchObject({ allEvidenced: false, achieved: false });
    expect(gap.signoff).not.toBeNull();
  });

  it('reports mapped criteria the unit no longer has, and does not count them', () => {
    const cov = unitCoverage('fx', talk, [mapping('L', 'p1', c('9.9')), mapping('L', 'p1', c('1.1'))]);
    expect(cov.unknownCriteria).toEqual([c('9.9')]);
    expect(cov.evidenced).toBe(1);
  });

  it('"gaps only" keeps just the criteria not yet evidenced, dropping outcomes without gaps', () => {
    const cov = unitCoverage('fx', talk, [mapping('L', 'p1', c('1.1')), mapping('L', 'p1', c('2.1'))]);
    const gaps = gapsOnly(cov);
    expect(gaps.outcomes.map((o) => [o.number, o.criteria.map((x) => x.number)])).toEqual([['1', ['1.2']]]);
    expect(gaps.evidenced).toBe(cov.evidenced); // the unit's figures stay those of the whole unit
    expect(cov.outcomes).toHaveLength(2); // the full coverage is left as it was
  });

  it('a unit without criteria shows 0 of 0 and is never achieved', () => {
    const cov = unitCoverage('fx', { ...talk, outcomes: [] }, [], { assessor: 'A', signedAt: '2026-01-01T00:00:00Z' });
    expect(cov).toMatchObject({ evidenced: 0, total: 0, fraction: 0, achieved: false });
  });
});
