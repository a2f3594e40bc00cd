/**
 * The IV's sampling grid: a qualification's learners by its units, each cell saying who
 * assessed it, by which methods, and where it stands (in progress, assessed, sampled,
 * agreed, referred). Plain data in, plain data out; each learner's row is worked out when
 * first read, so that a cohort of 200 learners x 40 units with 100,000 mappings is on
 * screen before every row is counted.
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

/** What the grid reads of a mapping. */
export type GridMapping = Pick<MappingRecord, 'id' | 'learnerId' | 'unitId' | 'method' | 'createdBy' | 'updatedAt'>;

/** What the grid reads. */
export interface GridInput {
  learners: readonly { id: string; name: string }[];
  /** The qualification's units, in its order: id is `${specId}:${unitKey}`. */
  units: readonly { id: string; ref: string }[];
  /** The mappings, or the mappings by learner id as the database reads them (no pass to group them). */
  mappings: readonly GridMapping[] | ReadonlyMap<string, readonly GridMapping[]>;
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

/**
 * The records of a grid, grouped by learner, with each learner's row of cells worked out the
 * first time it is asked for and then kept: the grid on screen asks for the rows in view
 * only, so the first frame does not wait for a pass over every mapping of the cohort (the
 * plan's coverage and the rule's proposal, which need every cell, ask for them after). It
 * does not depend on the plan, so choosing cells does not work the rows out again.
 */
export class GridBase {
  readonly learnerIds: string[];
  readonly unitIds: string[];
  readonly #learnerIndex: Map<string, number>;
  readonly #unitIndex: Map<string, number>;
  readonly #mappings: (readonly GridMapping[] | undefined)[];
  readonly #signoffs: (GridInput['signoffs'][number][] | undefined)[];
  readonly #unitDecisions: ({ unitId: string; decision: 'agree' | 'refer' }[] | undefined)[];
  readonly #onMapping = new Map<string, 'agree' | 'refer'>();
  readonly #rows: (Omit<Cell, 'planned' | 'state'> | undefined)[][] = [];

  constructor(input: Omit<GridInput, 'planned'>) {
    this.learnerIds = input.learners.map((l) => l.id);
    this.unitIds = input.units.map((u) => u.id);
    this.#learnerIndex = new Map(this.learnerIds.map((id, i) => [id, i]));
    this.#unitIndex = new Map(this.unitIds.map((id, i) => [id, i]));
    this.#mappings = input.mappings instanceof Map ? this.#grouped(input.mappings) : this.#byLearner(input.mappings as readonly GridMapping[]);
    this.#signoffs = this.#byLearner(input.signoffs);
    this.#unitDecisions = new Array(this.learnerIds.length);
    for (const d of latestByTarget(input.decisions).values()) {
      if (d.target.type === 'mapping') this.#onMapping.set(d.target.id, d.decision);
      else if (d.target.type === 'unit') {
        const l = this.#learnerIndex.get(d.learnerId);
        if (l !== undefined) (this.#unitDecisions[l] ??= []).push({ unitId: d.target.id, decision: d.decision });
      }
    }
  }

  /** Records already grouped by learner id, by their learner's index (other learners left out). */
  #grouped<T>(byId: ReadonlyMap<string, readonly T[]>): (readonly T[] | undefined)[] {
    const out: (readonly T[] | undefined)[] = new Array(this.learnerIds.length);
    for (const [learnerId, records] of byId) {
      const l = this.#learnerIndex.get(learnerId);
      if (l !== undefined) out[l] = records;
    }
    return out;
  }

  /** Records grouped by their learner's index (records of other learners are left out). */
  #byLearner<T extends { learnerId: string }>(records: readonly T[]): (T[] | undefined)[] {
    const out: (T[] | undefined)[] = new Array(this.learnerIds.length);
    let last = '';
    let group: T[] | undefined;
    for (const r of records) {
      // Records come learner by learner from the database: one lookup per learner, not per record.
      if (r.learnerId !== last || group === undefined) {
        last = r.learnerId;
        const l = this.#learnerIndex.get(r.learnerId);
        group = l === undefined ? undefined : (out[l] ??= []);
        if (group === undefined) continue;
      }
      group.push(r);
    }
    return out;
  }

  /** A learner's cells (by unit index) with evidence, a sign-off or a decision; worked out once. */
  row(l: number): readonly (Omit<Cell, 'planned' | 'state'> | undefined)[] {
    const kept = this.#rows[l];
    if (kept) return kept;
    const learnerId = this.learnerIds[l];
    const cells: (Omit<Cell, 'planned' | 'state'> | undefined)[] = new Array(this.unitIds.length);
    const cellOf = (unitId: string) => {
      const u = this.#unitIndex.get(unitId);
      if (u === undefined) return undefined;
      return (cells[u] ??= emptyCell(learnerId, unitId));
    };
    for (const d of this.#unitDecisions[l] ?? []) {
      const cell = cellOf(d.unitId);
      if (cell) tally(cell, d.decision);
    }
    for (const m of this.#mappings[l] ?? []) {
      const cell = cellOf(m.unitId);
      if (!cell) continue;
      cell.mappings++;
      if (!cell.assessors.includes(m.createdBy)) cell.assessors.push(m.createdBy);
      if (!cell.methods.includes(m.method)) cell.methods.push(m.method);
      if (cell.lastChange === null || laterTime(m.updatedAt, cell.lastChange)) cell.lastChange = m.updatedAt;
      if (this.#onMapping.size) {
        const d = this.#onMapping.get(m.id);
        if (d) tally(cell, d);
      }
    }
    for (const s of this.#signoffs[l] ?? []) {
      const cell = cellOf(s.unitId);
      if (!cell) continue;
      if (!cell.signedOff || laterTime(s.signedAt, cell.signedOff.signedAt)) cell.signedOff = { assessor: s.assessor, signedAt: s.signedAt };
      if (!cell.assessors.includes(s.assessor)) cell.assessors.push(s.assessor);
    }
    this.#rows[l] = cells;
    return cells;
  }

  learnerIndex(learnerId: string): number | undefined {
    return this.#learnerIndex.get(learnerId);
  }

  unitIndex(unitId: string): number | undefined {
    return this.#unitIndex.get(unitId);
  }
}

/**
 * The whole grid: the records' cells with the sampling plan laid over them. A cell is worked
 * out when first read (cell(), or cells for every one).
 */
export class Grid {
  readonly learnerIds: string[];
  readonly unitIds: string[];
  readonly #base: GridBase;
  readonly #planned: ReadonlySet<string>;
  readonly #rows: (Cell | undefined)[][] = [];
  #all: Map<string, Cell> | null = null;

  constructor(base: GridBase, planned: ReadonlySet<string> = new Set()) {
    this.#base = base;
    this.#planned = planned;
    this.learnerIds = base.learnerIds;
    this.unitIds = base.unitIds;
  }

  #row(l: number): (Cell | undefined)[] {
    let row = this.#rows[l];
    if (row) return row;
    const learnerId = this.learnerIds[l];
    const base = this.#base.row(l);
    row = new Array(this.unitIds.length);
    for (let u = 0; u < this.unitIds.length; u++) {
      const b = base[u];
      const planned = this.#planned.size > 0 && this.#planned.has(cellKey(learnerId, this.unitIds[u]));
      if (!b && !planned) continue;
      const cell: Cell = { ...(b ?? emptyCell(learnerId, this.unitIds[u])), planned, state: 'empty' };
      cell.state = stateOf(cell);
      row[u] = cell;
    }
    this.#rows[l] = row;
    return row;
  }

  /** The cell at learner x unit, when it has evidence, a sign-off, a decision or a place in the plan. */
  cell(learnerId: string, unitId: string): Cell | undefined {
    const l = this.#base.learnerIndex(learnerId);
    const u = this.#base.unitIndex(unitId);
    return l === undefined || u === undefined ? undefined : this.#row(l)[u];
  }

  /** Every cell with something in it, by cellKey, learner by learner. */
  get cells(): ReadonlyMap<string, Cell> {
    if (this.#all) return this.#all;
    const all = new Map<string, Cell>();
    for (let l = 0; l < this.learnerIds.length; l++) {
      for (const cell of this.#row(l)) if (cell) all.set(cellKey(cell.learnerId, cell.unitId), cell);
    }
    return (this.#all = all);
  }
}

/** Builds the grid. Mappings, sign-offs and decisions of other learners or units are ignored. */
export function buildGrid(input: GridInput): Grid {
  return new Grid(new GridBase(input), input.planned);
}

function tally(cell: Pick<Cell, 'agreed' | 'referred'>, decision: 'agree' | 'refer'): void {
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
  return grid.cell(learnerId, unitId) ?? emptyCell(learnerId, unitId);
}
