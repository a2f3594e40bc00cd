/**
 * A sampling plan as a CSV table: one row per learner's unit in the plan, with who assessed
 * it, by which methods, where it stands and why it was chosen. lib/sampling composes the
 * lines; this module lays them out. Dates are local dd/mm/yyyy.
 */
import { localDate } from './dates';

/** The plan's columns, in order. */
export const PLAN_COLUMNS = ['Learner', 'Unit', 'Unit title', 'Stage', 'Assessors', 'Methods', 'State', 'Why sampled', 'Added to the plan'] as const;

/** One cell of a plan, as lib/sampling composes it. */
export interface PlanLine {
  learner: string;
  unit: string;
  unitTitle: string;
  stage: 'interim' | 'summative';
  assessors: string[];
  methods: string[];
  state: string;
  reasons: string[];
  addedAt: string;
}

/** The plan's rows. */
export function planRows(lines: readonly PlanLine[]): string[][] {
  return lines.map((l) => [
    l.learner, l.unit, l.unitTitle, l.stage === 'interim' ? 'Interim' : 'Summative', l.assessors.join('; '), l.methods.join('; '), l.state,
    l.reasons.length ? l.reasons.join('; ') : 'Chosen by the verifier', localDate(l.addedAt),
  ]);
}
