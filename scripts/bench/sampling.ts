/**
 * Benchmark of the IV's sampling grid (issue 14): 200 learners x 40 units with 100,000
 * mappings, 2,000 sign-offs and 5,000 decisions; the time to build the grid (every cell's
 * assessors, methods and state), to propose a plan from the default rule, and to count what
 * a plan covers. Median and p95 of 30 runs. Target for the grid on screen: < 200 ms, of
 * which this computing is one part. `npm run bench -- sampling`.
 */
import { cpus, loadavg } from 'node:os';
import { METHODS } from '../../lib/catalogue/methods';
import { buildGrid, cellKey, type GridInput } from '../../lib/sampling/grid';
import { DEFAULT_RULE, planCoverage, proposePlan } from '../../lib/sampling/plan';
import { rng } from '../lib/rng';

const LEARNERS = 200;
const UNITS = 40;
const MAPPINGS = 100_000;
const RUNS = 30;

function cohort(): GridInput {
  const r = rng(14);
  const learners = Array.from({ length: LEARNERS }, (_, i) => ({ id: `L${i}`, name: `Learner ${i}` }));
  const units = Array.from({ length: UNITS }, (_, i) => ({ id: `spec:U${i}`, ref: `U${i}` }));
  const assessors = Array.from({ length: 12 }, (_, i) => `Assessor ${i}`);
  const when = (d: number) => new Date(Date.UTC(2026, 0, 1 + d)).toISOString();
  const mappings: GridInput['mappings'][number][] = [];
  for (let i = 0; i < MAPPINGS; i++) {
    const l = Math.floor(r() * LEARNERS);
    mappings.push({ id: `m${i}`, learnerId: `L${l}`, unitId: units[Math.floor(r() * UNITS)].id, method: METHODS[Math.floor(r() * METHODS.length)], createdBy: assessors[l % assessors.length], updatedAt: when(Math.floor(r() * 300)) });
  }
  const signoffs = Array.from({ length: 2_000 }, () => {
    const l = Math.floor(r() * LEARNERS);
    return { learnerId: `L${l}`, unitId: units[Math.floor(r() * UNITS)].id, assessor: assessors[l % assessors.length], signedAt: when(Math.floor(r() * 300)) };
  });
  const decisions = Array.from({ length: 5_000 }, (_, i) => {
    const m = mappings[Math.floor(r() * MAPPINGS)];
    return { id: `d${i}`, learnerId: m.learnerId, target: { type: 'mapping' as const, id: m.id }, decision: r() < 0.8 ? ('agree' as const) : ('refer' as const), createdAt: when(300 + Math.floor(r() * 30)) };
  });
  return { learners, units, mappings, signoffs, decisions };
}

function stats(times: number[]): string {
  const s = [...times].sort((a, b) => a - b);
  const median = s[Math.floor(s.length / 2)];
  const p95 = s[Math.min(s.length - 1, Math.floor(s.length * 0.95))];
  return `median ${median.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`;
}

export async function run(): Promise<void> {
  console.log(`machine: ${cpus().length} cores, load ${loadavg()[0].toFixed(2)}`);
  const input = cohort();
  const build: number[] = [];
  const propose: number[] = [];
  const cover: number[] = [];
  let cellsInPlan = 0;
  let cells = 0;
  for (let i = 0; i < RUNS; i++) {
    let t0 = performance.now();
    const grid = buildGrid(input);
    build.push(performance.now() - t0);
    cells = grid.cells.size;
    t0 = performance.now();
    const plan = proposePlan(grid, DEFAULT_RULE);
    propose.push(performance.now() - t0);
    cellsInPlan = plan.cells.length;
    const keys = new Set(plan.cells.map((c) => cellKey(c.learnerId, c.unitId)));
    t0 = performance.now();
    planCoverage(grid, keys);
    cover.push(performance.now() - t0);
  }
  console.log(`grid ${LEARNERS} learners x ${UNITS} units, ${MAPPINGS} mappings -> ${cells} cells`);
  console.log(`build grid:     ${stats(build)}`);
  console.log(`propose plan:   ${stats(propose)} (${cellsInPlan} cells chosen by the default rule)`);
  console.log(`plan coverage:  ${stats(cover)}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
