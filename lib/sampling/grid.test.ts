import { describe, expect, it } from 'vitest';
import { buildGrid, cellAt, cellKey, Grid, GridBase } from './grid';
import type { GridInput, GridMapping } from './grid';

const t = (day: number) => `2026-03-${String(day).padStart(2, '0')}T10:00:00.000Z`;

function input(over: Partial<GridInput> = {}): GridInput {
  return {
    learners: [{ id: 'L1', name: 'Ann' }, { id: 'L2', name: 'Ben' }],
    units: [{ id: 'edi:CU795', ref: 'CU795' }, { id: 'edi:CU802', ref: 'CU802' }],
    mappings: [
      { id: 'm1', learnerId: 'L1', unitId: 'edi:CU795', method: 'Obs', createdBy: 'Jane', updatedAt: t(1) },
      { id: 'm2', learnerId: 'L1', unitId: 'edi:CU795', method: 'Q', createdBy: 'Jane', updatedAt: t(3) },
      { id: 'm3', learnerId: 'L2', unitId: 'edi:CU795', method: 'Wt', createdBy: 'Ali', updatedAt: t(2) },
      { id: 'm4', learnerId: 'L2', unitId: 'edi:CU802', method: 'Obs', createdBy: 'Ali', updatedAt: t(2) },
      { id: 'mx', learnerId: 'L9', unitId: 'edi:CU795', method: 'Obs', createdBy: 'Zed', updatedAt: t(2) },
    ],
    signoffs: [{ learnerId: 'L2', unitId: 'edi:CU802', assessor: 'Ali', signedAt: t(4) }],
    decisions: [],
    ...over,
  };
}

describe('the sampling grid', () => {
  it('says who assessed each cell, by which methods, and when it last changed', () => {
    const grid = buildGrid(input());
    const c = cellAt(grid, 'L1', 'edi:CU795');
    expect(c).toMatchObject({ mappings: 2, assessors: ['Jane'], methods: ['Obs', 'Q'], lastChange: t(3), state: 'in-progress' });
    expect(cellAt(grid, 'L2', 'edi:CU802')).toMatchObject({ state: 'assessed', signedOff: { assessor: 'Ali', signedAt: t(4) } });
    expect(cellAt(grid, 'L1', 'edi:CU802').state).toBe('empty');
  });

  it('ignores records of learners and units outside the grid', () => {
    const grid = buildGrid(input());
    expect([...grid.cells.keys()].some((k) => k.startsWith('L9'))).toBe(false);
  });

  it('moves a cell through sampled, agreed and referred as the plan and the latest decisions say', () => {
    const planned = new Set([cellKey('L1', 'edi:CU795'), cellKey('L2', 'edi:CU802')]);
    expect(cellAt(buildGrid(input({ planned })), 'L1', 'edi:CU795').state).toBe('sampled');
    const agree = { id: 'd1', learnerId: 'L1', target: { type: 'mapping' as const, id: 'm1' }, decision: 'agree' as const, createdAt: t(5) };
    expect(cellAt(buildGrid(input({ planned, decisions: [agree] })), 'L1', 'edi:CU795').state).toBe('agreed');
    const refer = { ...agree, id: 'd2', target: { type: 'mapping' as const, id: 'm2' }, decision: 'refer' as const };
    expect(cellAt(buildGrid(input({ planned, decisions: [agree, refer] })), 'L1', 'edi:CU795')).toMatchObject({ state: 'referred', agreed: 1, referred: 1 });
    // A later agreement on the referred mapping replaces the referral.
    const reAgree = { ...refer, id: 'd3', decision: 'agree' as const, createdAt: t(6) };
    expect(cellAt(buildGrid(input({ planned, decisions: [agree, refer, reAgree] })), 'L1', 'edi:CU795')).toMatchObject({ state: 'agreed', agreed: 2, referred: 0 });
  });

  it('counts a decision on the unit itself', () => {
    const unitRefer = { id: 'd1', learnerId: 'L2', target: { type: 'unit' as const, id: 'edi:CU802' }, decision: 'refer' as const, createdAt: t(5) };
    expect(cellAt(buildGrid(input({ decisions: [unitRefer] })), 'L2', 'edi:CU802').state).toBe('referred');
    expect(cellAt(buildGrid(input({ decisions: [unitRefer] })), 'L1', 'edi:CU802').state).toBe('empty');
  });

  it('breaks a tie between decisions made at the same moment the same way on every machine', () => {
    const a = { id: 'a', learnerId: 'L1', target: { type: 'mapping' as const, id: 'm1' }, decision: 'refer' as const, createdAt: t(5) };
    const b = { ...a, id: 'b', decision: 'agree' as const };
    expect(cellAt(buildGrid(input({ decisions: [a, b] })), 'L1', 'edi:CU795').state).toBe('agreed');
    expect(cellAt(buildGrid(input({ decisions: [b, a] })), 'L1', 'edi:CU795').state).toBe('agreed');
  });

  it('gives the same cells read one by one, all at once, or with a plan laid over the same records', () => {
    const planned = new Set([cellKey('L1', 'edi:CU795'), cellKey('L1', 'edi:CU802')]);
    const whole = [...buildGrid(input({ planned })).cells.values()];
    const base = new GridBase(input());
    const one = new Grid(base, planned);
    const read = whole.map((c) => one.cell(c.learnerId, c.unitId));
    expect(read).toEqual(whole);
    // A planned cell with no evidence is in the grid (sampled); the same records without the plan are not.
    expect(one.cell('L1', 'edi:CU802')).toMatchObject({ planned: true, state: 'sampled', mappings: 0 });
    expect(new Grid(base).cell('L1', 'edi:CU802')).toBeUndefined();
    expect(new Grid(base).cell('L1', 'edi:CU795')).toMatchObject({ planned: false, state: 'in-progress', mappings: 2 });
  });

  it('reads mappings already grouped by learner (as the database gives them) the same as a flat list', () => {
    const flat = input();
    const grouped = new Map<string, GridMapping[]>();
    for (const m of flat.mappings as readonly GridMapping[]) grouped.set(m.learnerId, [...(grouped.get(m.learnerId) ?? []), m]);
    expect([...buildGrid({ ...flat, mappings: grouped }).cells.values()]).toEqual([...buildGrid(flat).cells.values()]);
  });
});
