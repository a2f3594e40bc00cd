/**
 * Sampling plans: which learners' units the IV samples. The IV picks cells by hand, or
 * starts from a rule they can read back in one sentence ("every assessor, every assessment
 * method used and every unit at least once, 2 more for Jane Smith; summative"). A rule is
 * turned into cells greedily, each step taking the cell that meets most of what is still
 * unmet, so a small plan covers everything the rule asks; every chosen cell says why.
 * Deterministic: the same records and rule give the same plan on every machine.
 */
import type { Method } from '../catalogue/methods';
import { METHODS } from '../catalogue/methods';
import { CELL_STATE_NAMES, cellAt, cellKey, type Cell, type Grid } from './grid';
import type { PlanLine } from '../export/sampling-plan';
import type { SamplingRuleRecord } from '../db/records';
import { samePerson } from './people';

/** Interim samples look at work in progress; summative samples at units signed off. */
export type SampleStage = 'interim' | 'summative';

/** A sampling rule, as the IV sets it (stored with the plan). */
export type SamplingRule = SamplingRuleRecord;

/** The rule a new plan starts from: every assessor, method and unit once, summative. */
export const DEFAULT_RULE: SamplingRule = { stage: 'summative', everyAssessor: true, perAssessor: 1, everyMethod: true, everyUnit: true, extra: {} };

/** A cell of a plan with the reasons it was chosen. */
export interface PlannedCell {
  learnerId: string;
  unitId: string;
  reasons: string[];
}

/** What a rule asks for that no eligible cell can give. */
export interface Unmet {
  kind: 'assessor' | 'method' | 'unit';
  name: string;
  why: string;
}

/** A proposed plan. */
export interface PlanProposal {
  cells: PlannedCell[];
  unmet: Unmet[];
}

/** May a cell be sampled at this stage? */
export function eligible(cell: Cell, stage: SampleStage): boolean {
  if (cell.mappings === 0) return false;
  return stage === 'summative' ? cell.signedOff !== null : cell.signedOff === null;
}

/** The rule in one sentence, for the plan's header and its export. */
export function describeRule(rule: SamplingRule): string {
  const parts: string[] = [];
  if (rule.everyAssessor) parts.push(rule.perAssessor === 1 ? 'every assessor' : `every assessor ${rule.perAssessor} times`);
  if (rule.everyMethod) parts.push('every assessment method used');
  if (rule.everyUnit) parts.push('every unit');
  const extra = Object.entries(rule.extra)
    .filter(([, n]) => n > 0)
    .map(([name, n]) => `${n} more for ${name}`);
  const what = parts.length ? `${joinWords(parts)} at least once` : 'no cell by rule';
  const stage = rule.stage === 'summative' ? 'summative sample of units signed off' : 'interim sample of work in progress';
  return [what, ...extra].join(', ') + `; ${stage}.`;
}

function joinWords(parts: string[]): string {
  return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/**
 * Cells the rule asks for, on top of the cells already in the plan (which count towards
 * the rule first). `unitRef` names units in the reasons.
 */
export function proposePlan(grid: Grid, rule: SamplingRule, already: ReadonlySet<string> = new Set(), unitRef: (unitId: string) => string = (u) => u): PlanProposal {
  const candidates: Cell[] = [];
  for (const learnerId of grid.learnerIds) {
    for (const unitId of grid.unitIds) {
      const cell = grid.cells.get(cellKey(learnerId, unitId));
      if (cell && eligible(cell, rule.stage)) candidates.push(cell);
    }
  }

  // What is still needed: per assessor a count, per method and unit one cell.
  const assessorNeed = new Map<string, number>();
  const assessorNames = new Map<string, string>();
  const methodNeed = new Set<Method>();
  const unitNeed = new Set<string>();
  for (const c of candidates) {
    for (const a of c.assessors) if (!assessorNames.has(a)) assessorNames.set(a, a);
    if (rule.everyMethod) for (const m of c.methods) methodNeed.add(m);
  }
  for (const a of assessorNames.keys()) {
    const extra = Object.entries(rule.extra).reduce((n, [name, more]) => (samePerson(name, a) ? n + Math.max(0, more) : n), 0);
    const need = (rule.everyAssessor ? Math.max(0, rule.perAssessor) : 0) + extra;
    if (need > 0) assessorNeed.set(a, need);
  }
  if (rule.everyUnit) for (const u of grid.unitIds) unitNeed.add(u);

  const perLearner = new Map<string, number>();
  const take = (cell: Cell): string[] => {
    const reasons: string[] = [];
    for (const a of cell.assessors) {
      const need = assessorNeed.get(a) ?? 0;
      if (need > 0) {
        assessorNeed.set(a, need - 1);
        reasons.push(`assessor ${a}`);
      }
    }
    for (const m of cell.methods) {
      if (methodNeed.delete(m)) reasons.push(`method ${m}`);
    }
    if (unitNeed.delete(cell.unitId)) reasons.push(`unit ${unitRef(cell.unitId)}`);
    perLearner.set(cell.learnerId, (perLearner.get(cell.learnerId) ?? 0) + 1);
    return reasons;
  };
  const gain = (cell: Cell): number => {
    let g = 0;
    for (const a of cell.assessors) if ((assessorNeed.get(a) ?? 0) > 0) g++;
    for (const m of cell.methods) if (methodNeed.has(m)) g++;
    if (unitNeed.has(cell.unitId)) g++;
    return g;
  };

  const chosen = new Set<string>();
  for (const c of candidates) {
    const key = cellKey(c.learnerId, c.unitId);
    if (already.has(key)) {
      take(c);
      chosen.add(key);
    }
  }
  // Units and methods nobody can give are unmet, not searched for.
  const unmet: Unmet[] = [];
  const candidateUnits = new Set(candidates.map((c) => c.unitId));
  for (const u of [...unitNeed]) {
    if (!candidateUnits.has(u)) {
      unitNeed.delete(u);
      unmet.push({ kind: 'unit', name: unitRef(u), why: rule.stage === 'summative' ? 'no learner has this unit signed off yet' : 'no learner has work in progress on this unit' });
    }
  }

  const cells: PlannedCell[] = [];
  for (;;) {
    let best: Cell | undefined;
    let bestGain = 0;
    for (const c of candidates) {
      const key = cellKey(c.learnerId, c.unitId);
      if (chosen.has(key)) continue;
      const g = gain(c);
      // Ties go to the learner sampled least so far, then to grid order.
      if (g > bestGain || (g === bestGain && g > 0 && best && (perLearner.get(c.learnerId) ?? 0) < (perLearner.get(best.learnerId) ?? 0))) {
        best = c;
        bestGain = g;
      }
    }
    if (!best) break;
    chosen.add(cellKey(best.learnerId, best.unitId));
    cells.push({ learnerId: best.learnerId, unitId: best.unitId, reasons: take(best) });
  }

  for (const [a, need] of assessorNeed) {
    if (need > 0) unmet.push({ kind: 'assessor', name: a, why: `${need} more ${need === 1 ? 'cell' : 'cells'} asked for than ${a} has eligible work` });
  }
  for (const m of METHODS) if (methodNeed.has(m)) unmet.push({ kind: 'method', name: m, why: 'no eligible cell left uses it' });
  return { cells, unmet };
}

/** What a plan covers, whatever way its cells were chosen. */
export interface PlanCoverage {
  cells: number;
  learners: { sampled: number; of: number };
  units: { sampled: string[]; unsampled: string[] };
  assessors: { sampled: string[]; unsampled: string[] };
  methods: { sampled: Method[]; unsampled: Method[] };
  /** Cells with evidence not in the plan. */
  unsampledCells: number;
}

/** What a plan covers of the grid, and what is still unsampled. */
export function planCoverage(grid: Grid, planned: ReadonlySet<string>): PlanCoverage {
  const learners = new Set<string>();
  const units = new Set<string>();
  const assessors = new Set<string>();
  const allAssessors = new Set<string>();
  const methods = new Set<Method>();
  const allMethods = new Set<Method>();
  let cells = 0;
  let unsampledCells = 0;
  for (const cell of grid.cells.values()) {
    for (const a of cell.assessors) allAssessors.add(a);
    for (const m of cell.methods) allMethods.add(m);
    const inPlan = planned.has(cellKey(cell.learnerId, cell.unitId));
    if (!inPlan) {
      if (cell.mappings > 0) unsampledCells++;
      continue;
    }
    cells++;
    learners.add(cell.learnerId);
    units.add(cell.unitId);
    for (const a of cell.assessors) assessors.add(a);
    for (const m of cell.methods) methods.add(m);
  }
  return {
    cells,
    learners: { sampled: learners.size, of: grid.learnerIds.length },
    units: { sampled: grid.unitIds.filter((u) => units.has(u)), unsampled: grid.unitIds.filter((u) => !units.has(u)) },
    assessors: { sampled: [...allAssessors].filter((a) => assessors.has(a)), unsampled: [...allAssessors].filter((a) => !assessors.has(a)) },
    methods: { sampled: METHODS.filter((m) => methods.has(m)), unsampled: METHODS.filter((m) => allMethods.has(m) && !methods.has(m)) },
    unsampledCells,
  };
}

/** The lines of a stored plan's CSV, in the grid's order (learners, then units). */
export function planLines(
  grid: Grid,
  plan: { cells: readonly { learnerId: string; unitId: string; stage: SampleStage; reasons: string[]; addedAt: string }[] },
  names: { learner: (id: string) => string; unit: (id: string) => { ref: string; title: string } },
): PlanLine[] {
  const learnerOrder = new Map(grid.learnerIds.map((id, i) => [id, i]));
  const unitOrder = new Map(grid.unitIds.map((id, i) => [id, i]));
  return [...plan.cells]
    .sort((a, b) => (learnerOrder.get(a.learnerId) ?? 1e9) - (learnerOrder.get(b.learnerId) ?? 1e9) || (unitOrder.get(a.unitId) ?? 1e9) - (unitOrder.get(b.unitId) ?? 1e9))
    .map((c) => {
      const cell = cellAt(grid, c.learnerId, c.unitId);
      const unit = names.unit(c.unitId);
      return {
        learner: names.learner(c.learnerId), unit: unit.ref, unitTitle: unit.title, stage: c.stage, assessors: cell.assessors, methods: cell.methods,
        state: CELL_STATE_NAMES[cell.state], reasons: c.reasons, addedAt: c.addedAt,
      };
    });
}
