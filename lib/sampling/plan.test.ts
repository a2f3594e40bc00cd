import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { METHODS, type Method } from '../catalogue/methods';
import { buildGrid, cellKey, type GridInput } from './grid';
import { DEFAULT_RULE, describeRule, eligible, planCoverage, proposePlan, type SamplingRule } from './plan';

const t = '2026-03-01T10:00:00.000Z';
const units = ['u:A', 'u:B', 'u:C'].map((id) => ({ id, ref: id.slice(2) }));

function cohort(): GridInput {
  const m = (id: string, learnerId: string, unitId: string, method: Method, createdBy: string) => ({ id, learnerId, unitId, method, createdBy, updatedAt: t });
  return {
    learners: ['L1', 'L2', 'L3', 'L4'].map((id) => ({ id, name: id })),
    units,
    mappings: [
      m('1', 'L1', 'u:A', 'Obs', 'Jane'),
      m('2', 'L1', 'u:B', 'Obs', 'Jane'),
      m('3', 'L2', 'u:A', 'Wt', 'Jane'),
      m('4', 'L3', 'u:B', 'Q', 'Ali'),
      m('5', 'L3', 'u:C', 'Obs', 'Ali'),
      m('6', 'L4', 'u:C', 'D', 'Ali'),
      m('7', 'L4', 'u:A', 'Obs', 'Ali'),
    ],
    signoffs: ['L1:u:A', 'L1:u:B', 'L2:u:A', 'L3:u:B', 'L3:u:C', 'L4:u:C'].map((k) => {
      const [learnerId, ...rest] = k.split(':');
      return { learnerId, unitId: rest.join(':'), assessor: learnerId === 'L1' || learnerId === 'L2' ? 'Jane' : 'Ali', signedAt: t };
    }),
    decisions: [],
  };
}

describe('sampling rules', () => {
  it('reads back as one sentence', () => {
    expect(describeRule(DEFAULT_RULE)).toBe('every assessor, every assessment method used and every unit at least once; summative sample of units signed off.');
    expect(describeRule({ ...DEFAULT_RULE, everyMethod: false, stage: 'interim', extra: { 'Ali Khan': 2 } })).toBe('every assessor and every unit at least once, 2 more for Ali Khan; interim sample of work in progress.');
  });

  it('covers every assessor, method and unit with few cells, each with its reasons', () => {
    const grid = buildGrid(cohort());
    const plan = proposePlan(grid, DEFAULT_RULE, new Set(), (u) => u.slice(2));
    const keys = new Set(plan.cells.map((c) => cellKey(c.learnerId, c.unitId)));
    const cov = planCoverage(grid, keys);
    expect(cov.assessors.unsampled).toEqual([]);
    expect(cov.units.unsampled).toEqual([]);
    expect(cov.methods.unsampled).toEqual([]);
    expect(plan.unmet).toEqual([]);
    // Summative: L4's u:A is not signed off, so it is never chosen.
    expect(keys.has(cellKey('L4', 'u:A'))).toBe(false);
    expect(plan.cells.length).toBeLessThanOrEqual(4);
    for (const c of plan.cells) expect(c.reasons.length).toBeGreaterThan(0);
    expect(plan.cells.flatMap((c) => c.reasons)).toEqual(expect.arrayContaining(['assessor Jane', 'assessor Ali', 'method Wt', 'method D', 'method Q', 'unit A', 'unit B', 'unit C']));
  });

  it('samples a flagged assessor more, and says what it cannot meet', () => {
    const grid = buildGrid(cohort());
    const rule: SamplingRule = { ...DEFAULT_RULE, everyMethod: false, everyUnit: false, extra: { jane: 5 } };
    const plan = proposePlan(grid, rule);
    expect(plan.cells.filter((c) => grid.cells.get(cellKey(c.learnerId, c.unitId))!.assessors.includes('Jane'))).toHaveLength(3);
    expect(plan.unmet).toEqual([{ kind: 'assessor', name: 'Jane', why: '3 more cells asked for than Jane has eligible work' }]);
  });

  it('takes work in progress for an interim sample, and names a unit with none', () => {
    const plan = proposePlan(buildGrid(cohort()), { ...DEFAULT_RULE, stage: 'interim' });
    expect(plan.cells.map((c) => cellKey(c.learnerId, c.unitId))).toEqual([cellKey('L4', 'u:A')]);
    expect(plan.unmet.map((u) => `${u.kind} ${u.name}`)).toEqual(['unit u:B', 'unit u:C']);
  });

  it('counts cells already planned towards the rule', () => {
    const grid = buildGrid(cohort());
    const all = new Set([...grid.cells.values()].filter((c) => eligible(c, 'summative')).map((c) => cellKey(c.learnerId, c.unitId)));
    expect(proposePlan(grid, DEFAULT_RULE, all).cells).toEqual([]);
  });

  it('meets every requirement that some eligible cell can meet, on any cohort (property)', () => {
    const arb = fc.record({
      mappings: fc.array(
        fc.record({ l: fc.integer({ min: 0, max: 5 }), u: fc.integer({ min: 0, max: 2 }), m: fc.constantFrom(...METHODS), a: fc.constantFrom('Jane', 'Ali', 'Sam'), signed: fc.boolean() }),
        { maxLength: 40 },
      ),
      stage: fc.constantFrom('interim' as const, 'summative' as const),
    });
    fc.assert(
      fc.property(arb, ({ mappings, stage }) => {
        const input: GridInput = {
          learners: [0, 1, 2, 3, 4, 5].map((i) => ({ id: `L${i}`, name: `L${i}` })),
          units,
          mappings: mappings.map((x, i) => ({ id: `m${i}`, learnerId: `L${x.l}`, unitId: units[x.u].id, method: x.m, createdBy: x.a, updatedAt: t })),
          signoffs: mappings.filter((x) => x.signed).map((x) => ({ learnerId: `L${x.l}`, unitId: units[x.u].id, assessor: x.a, signedAt: t })),
          decisions: [],
        };
        const grid = buildGrid(input);
        const rule = { ...DEFAULT_RULE, stage };
        const plan = proposePlan(grid, rule);
        const again = proposePlan(grid, rule);
        expect(again).toEqual(plan);
        const keys = new Set(plan.cells.map((c) => cellKey(c.learnerId, c.unitId)));
        expect(keys.size).toBe(plan.cells.length);
        const chosen = [...keys].map((k) => grid.cells.get(k)!);
        for (const c of chosen) expect(eligible(c, stage)).toBe(true);
        const eligibleCells = [...grid.cells.values()].filter((c) => eligible(c, stage));
        const unmet = new Set(plan.unmet.map((u) => `${u.kind}:${u.name}`));
        for (const c of eligibleCells) {
          for (const a of c.assessors) expect(chosen.some((x) => x.assessors.includes(a)) || unmet.has(`assessor:${a}`)).toBe(true);
          for (const m of c.methods) expect(chosen.some((x) => x.methods.includes(m))).toBe(true);
          expect(chosen.some((x) => x.unitId === c.unitId)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});
