/**
 * The sampling grid's render fixture, bundled for a plain page in Chromium by the sampling
 * bench: builds the grid of the benchmark cohort and mounts the real PlanGrid component,
 * timing each step up to the first frame painted after it; test/e2e/plan-grid.test.ts uses it
 * from the keyboard.
 */
import { flushSync, mount, unmount } from 'svelte';
import PlanGrid from '../../components/sampling/PlanGrid.svelte';
import { buildGrid } from '../../lib/sampling/grid';
import { byLearner, samplingCohort } from '../lib/sampling-cohort';

// As the database read gives them: mappings by learner (grouping is not part of the render).
const records = samplingCohort();
const cohort = { ...records, mappings: byLearner(records.mappings) };

/** One render from records in memory to the first painted frame, in ms per step. */
export async function renderOnce(): Promise<{ build: number; mount: number; layout: number; frame: number; total: number; buttons: number }> {
  const target = document.createElement('div');
  document.body.replaceChildren(target);
  const t0 = performance.now();
  const grid = buildGrid(cohort);
  const t1 = performance.now();
  const app = mount(PlanGrid, { target, props: { grid, learners: cohort.learners, units: cohort.units, onToggle: () => {}, onSelect: () => {} } });
  flushSync();
  const t2 = performance.now();
  void target.getBoundingClientRect().height;
  const t3 = performance.now();
  await new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const t4 = performance.now();
  const buttons = target.querySelectorAll('button').length;
  await unmount(app);
  return { build: t1 - t0, mount: t2 - t1, layout: t3 - t2, frame: t4 - t3, total: t4 - t0, buttons };
}

/** Mounts the grid and leaves it on the page, for a test to use it from the keyboard. */
export function show(): { cells: number; learners: number } {
  const target = document.createElement('div');
  document.body.replaceChildren(target);
  mount(PlanGrid, { target, props: { grid: buildGrid(cohort), learners: cohort.learners, units: cohort.units, onToggle: null } });
  flushSync();
  return { cells: cohort.learners.length * cohort.units.length, learners: cohort.learners.length };
}
