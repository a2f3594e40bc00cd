/**
 * The benchmarks' IV cohort (issue 14): 200 learners x 40 units with 100,000 mappings,
 * 2,000 sign-offs and 5,000 decisions, from a seeded generator so every run is the same;
 * mappings and sign-offs come learner by learner, as the database read gives them.
 * Used in Node (scripts/bench/sampling.ts) and in Chromium (the grid's render fixture).
 */
import { METHODS } from '../../lib/catalogue/methods';
import type { GridInput, GridMapping } from '../../lib/sampling/grid';
import { rng } from './rng';

export const LEARNERS = 200;
export const UNITS = 40;
export const MAPPINGS = 100_000;

export function samplingCohort(): GridInput & { mappings: GridMapping[]; units: { id: string; ref: string; title: string }[] } {
  const r = rng(14);
  const learners = Array.from({ length: LEARNERS }, (_, i) => ({ id: `L${i}`, name: `Learner ${i}` }));
  const units = Array.from({ length: UNITS }, (_, i) => ({ id: `spec:U${i}`, ref: `U${i}`, title: `Unit ${i}` }));
  const assessors = Array.from({ length: 12 }, (_, i) => `Assessor ${i}`);
  const when = (d: number) => new Date(Date.UTC(2026, 0, 1 + d)).toISOString();
  const mappings: GridMapping[] = [];
  for (let i = 0; i < MAPPINGS; i++) {
    const l = Math.floor(r() * LEARNERS);
    mappings.push({ id: `m${i}`, learnerId: `L${l}`, unitId: units[Math.floor(r() * UNITS)].id, method: METHODS[Math.floor(r() * METHODS.length)], createdBy: assessors[l % assessors.length], updatedAt: when(Math.floor(r() * 300)) });
  }
  // As the database gives them (lib/db/sampling.ts reads learner by learner).
  const learnerOf = (m: { learnerId: string }) => Number(m.learnerId.slice(1));
  mappings.sort((a, b) => learnerOf(a) - learnerOf(b));
  const signoffs = Array.from({ length: 2_000 }, () => {
    const l = Math.floor(r() * LEARNERS);
    return { learnerId: `L${l}`, unitId: units[Math.floor(r() * UNITS)].id, assessor: assessors[l % assessors.length], signedAt: when(Math.floor(r() * 300)) };
  });
  const decisions = Array.from({ length: 5_000 }, (_, i) => {
    const m = mappings[Math.floor(r() * MAPPINGS)];
    return { id: `d${i}`, learnerId: m.learnerId, target: { type: 'mapping' as const, id: m.id }, decision: r() < 0.8 ? ('agree' as const) : ('refer' as const), createdAt: when(300 + Math.floor(r() * 30)) };
  });
  signoffs.sort((a, b) => learnerOf(a) - learnerOf(b));
  return { learners, units, mappings, signoffs, decisions };
}

/** The cohort's mappings by learner id, as lib/db/sampling.ts's loadGridRecords gives them. */
export function byLearner<T extends { learnerId: string }>(records: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of records) {
    const list = out.get(r.learnerId);
    if (list) list.push(r);
    else out.set(r.learnerId, [r]);
  }
  return out;
}
