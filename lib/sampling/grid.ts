/**
 * The IV's sampling grid: a qualification's learners by its units, each cell saying who
 * assessed it, by which methods, and where it stands (in progress, assessed, sampled,
 * agreed, referred). Plain data in, plain data out; built in one pass over the mappings so
 * that a cohort of 200 learners x 40 units with 100,000 mappings stays quick.
 */
import type { Method } from '../catalogue/methods';
import type { DecisionRecord, MappingRecord, SignoffRecord } from '../db/records';
import { latestByTarget } from './decisions';

/**
 * Where a cell stands, in the order an IV reads it: no evidence yet; evidence being
 * gathered; signed off by the assessor; in the sampling plan awaiting a decision; agreed;
 * referred back to the assessor.
 */
export type CellState = 'empty' | 'in-progress' | 'assessed' | 'sampled' | 'agreed' | 'referred';

/** Words for each state, as the grid's legend and the exports print them. */
export const CELL_STATE_NAMES: Record<CellState, string> = {
  empty: 'No evidence',
  'in-progress': 'In progress',
  assessed: 'Assessed',
  sampled: 'Sampled',
  agreed: 'Agreed',
  referred: 'Referred',
};

/** What the grid reads. */
export interface GridInput {
  learners: readonly { id: string; name: string }[];
  /** The qualification's units, in its order: id is `${specId}:${unitKey}`. */
  units: readonly { id: string; ref: string }[];
  mappings: readonly Pick<MappingRecord, 'id' | 'learnerId' | 'unitId' | 'method' | 'createdBy' | 'updatedAt'>[];
  signoffs: readonly Pick<SignoffRecord, 'learnerId' | 'unitId' | 'assessor' | 'signedAt'>[];
  decisions: readonly Pick<DecisionRecord, 'id' | 'learnerId' | 'target' | 'decision' | 'createdAt'>[];
  /** Cell keys (cellKey) in the sampling plan. */
  planned?: ReadonlySet<string>;
}

/** One learner's unit. */
export interface Cell {
  learnerId: string;
  unitId: string;
  mappings: number;
  /** Everyone who mapped evidence here or signed it off, in first-seen order. */
  assessors: string[];
  methods: Method[];
  /** The latest sign-off, if the assessor signed the unit off. */
  signedOff: { assessor: string; signedAt: string } | null;
  /** The latest change to the cell's evidence (a mapping's updatedAt). */
  lastChange: string | null;
  /** Latest decisions on the cell's mappings (and on the unit itself), counted. */
  agreed: number;
  referred: number;
  planned: boolean;
  state: CellState;
}

/** The whole grid. */
export interface Grid {
  learnerIds: string[];
  unitIds: string[];
  /** By cellKey; only cells with evidence, a sign-off, a decision or a plan are present. */
  cells: Map<string, Cell>;
}

/** A cell's key: learner and unit. */
export function cellKey(learnerId: string, unitId: string): string {
  return `${learnerId}\u0000${unitId}`;
}

/** The two halves of a cell key. */
export function splitCellKey(key: string): { learnerId: string; unitId: string } {
  const i = key.indexOf('\u0000');
  return { learnerId: key.slice(0, i), unitId: key.slice(i + 1) };
}

/** A cell with nothing in it yet. */
export function emptyCell(learnerId: string, unitId: string): Cell {
  return { learnerId, unitId, mappings: 0, assessors: [], methods: [], signedOff: null, lastChange: null, agreed: 0, referred: 0, planned: false, state: 'empty' };
}

/** Builds the grid. Mappings, sign-offs and decisions of other learners or units are ignored. */
export function buildGrid(input: GridInput): Grid {
  const learnerIds = input.learners.map((l) => l.id);
  const unitIds = input.units.map((u) => u.id);
  const learnerIndex = new Map(learnerIds.map((id, i) => [id, i]));
  const unitIndex = new Map(unitIds.map((id, i) => [id, i]));
  const width = unitIds.length;
  // Cells by learner index * width + unit index: no key string per mapping.
  const slots: (Cell | undefined)[] = new Array(learnerIds.length * width);
  const cellOf = (learnerId: string, unitId: string): Cell | undefined => {
    const l = learnerIndex.get(learnerId);
    const u = unitIndex.get(unitId);
    if (l === undefined || u === undefined) return undefined;
    return (slots[l * width + u] ??= emptyCell(learnerId, unitId));
  };

  const latest = latestByTarget(input.decisions);
  const onMapping = new Map<string, 'agree' | 'refer'>();
  for (const d of latest.values()) {
    if (d.target.type === 'mapping') onMapping.set(d.target.id, d.decision);
    else if (d.target.type === 'unit') {
      const cell = cellOf(d.learnerId, d.target.id);
      if (cell) tally(cell, d.decision);
    }
  }

  for (const m of input.mappings) {
    const cell = cellOf(m.learnerId, m.unitId);
    if (!cell) continue;
    cell.mappings++;
    if (!cell.assessors.includes(m.createdBy)) cell.assessors.push(m.createdBy);
    if (!cell.methods.includes(m.method)) cell.methods.push(m.method);
    if (cell.lastChange === null || laterTime(m.updatedAt, cell.lastChange)) cell.lastChange = m.updatedAt;
    if (onMapping.size) {
      const d = onMapping.get(m.id);
      if (d) tally(cell, d);
    }
  }
  for (const s of input.signoffs) {
    const cell = cellOf(s.learnerId, s.unitId);
    if (!cell) continue;
    if (!cell.signedOff || laterTime(s.signedAt, cell.signedOff.signedAt)) cell.signedOff = { assessor: s.assessor, signedAt: s.signedAt };
    if (!cell.assessors.includes(s.assessor)) cell.assessors.push(s.assessor);
  }
  for (const key of input.planned ?? []) {
    const { learnerId, unitId } = splitCellKey(key);
    const cell = cellOf(learnerId, unitId);
    if (cell) cell.planned = true;
  }
  const cells = new Map<string, Cell>();
  for (const cell of slots) {
    if (!cell) continue;
    cell.state = stateOf(cell);
    cells.set(cellKey(cell.learnerId, cell.unitId), cell);
  }
  return { learnerIds, unitIds, cells };
}

function tally(cell: Cell, decision: 'agree' | 'refer'): void {
  if (decision === 'agree') cell.agreed++;
  else cell.referred++;
}

/** a is a later time than b. Two ISO strings in UTC of one length compare as text; others are parsed. */
function laterTime(a: string, b: string): boolean {
  if (a.length === b.length && a.endsWith('Z') && b.endsWith('Z')) return a > b;
  return Date.parse(a) > Date.parse(b);
}

/** A cell's state: a referral outranks an agreement, a decision outranks the plan. */
export function stateOf(cell: Omit<Cell, 'state'>): CellState {
  if (cell.referred > 0) return 'referred';
  if (cell.agreed > 0) return 'agreed';
  if (cell.planned) return 'sampled';
  if (cell.signedOff) return 'assessed';
  if (cell.mappings > 0) return 'in-progress';
  return 'empty';
}

/** The cell at learner x unit, empty when nothing is there. */
export function cellAt(grid: Grid, learnerId: string, unitId: string): Cell {
  return grid.cells.get(cellKey(learnerId, unitId)) ?? emptyCell(learnerId, unitId);
}
