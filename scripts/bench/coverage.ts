/**
 * Benchmark of the side panel's coverage: a synthetic database (fake-indexeddb) of 500
 * learners and 100,000 mappings over the real built-in catalogue, then the time to open
 * one learner's coverage (indexed query + compute) and to switch units (the unit's
 * evidence query + its coverage and evidence lists), median and p95. Target: < 100 ms.
 * `npm run bench -- coverage`, or `npx tsx scripts/bench/coverage.ts`.
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Dexie from 'dexie';
import type { Catalogue, Qualification, Specification } from '../../lib/catalogue/model';
import { evaluateRules } from '../../lib/catalogue/rules';
import { createDb, type EvidenceDb } from '../../lib/db/schema';
import { packSheets } from '../../lib/db/sheets';
import type { DecisionRecord, LearnerRecord, MappingRecord, PageRecord, PassageRecord, SignoffRecord } from '../../lib/db/records';
import { loadCoverageRecords, loadEvidenceSources, loadPageRecords, loadUnitEvidence } from '../../lib/db/coverage-queries';
import { asAchievedUnits } from '../../lib/coverage/progress';
import { findUnit } from '../../lib/catalogue/lookup';
import { addUnit, chosenRefs, mandatoryRefs } from '../../lib/coverage/units';
import { learnerCoverage } from '../../lib/coverage/learner';
import { unitCoverage } from '../../lib/coverage/unit-coverage';
import { evidenceByCriterion } from '../../lib/coverage/evidence';
import { pagePassages } from '../../lib/coverage/this-page';
import { METHODS } from '../../lib/catalogue/methods';
import { specIdOf, unitIdOf } from '../../lib/catalogue/ids';
import { rng } from '../lib/rng';

const LEARNERS = 500;
const MAPPINGS = 100_000;
/** One learner with ten times the average, to see the worst case too. */
const HEAVY_MAPPINGS = 2_000;
const PAGES_PER_LEARNER = 10;
const RUNS = 50;
const TARGET_MS = 100;


interface Built {
  db: EvidenceDb;
  specs: Specification[];
  learners: { id: string; qualificationId: string; chosenUnitIds: string[]; pageUrls: string[] }[];
  counts: Record<string, number>;
  buildMs: number;
}

/** Picks optional units (never a barred pair) until the chosen set meets the rules or 14 units. */
function chooseUnits(spec: Specification, q: Qualification, random: () => number): string[] {
  let chosen = chosenRefs(q, {});
  const mandatory = new Set(mandatoryRefs(q));
  const optional = q.rules.groups.flatMap((g) => g.units).filter((r) => !mandatory.has(r));
  for (let i = optional.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [optional[i], optional[j]] = [optional[j], optional[i]];
  }
  for (const ref of optional) {
    if (evaluateRules(q, asAchievedUnits(spec, chosen)).met || chosen.length >= 14) break;
    const r = addUnit(spec, q, chosen, ref);
    if (r.ok) chosen = r.units;
  }
  return chosen;
}

async function build(): Promise<Built> {
  const started = performance.now();
  const catalogue = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'data', 'catalogue.json'), 'utf8')) as Catalogue;
  const specs = catalogue.specifications;
  const quals = specs.flatMap((spec) => spec.qualifications.map((q) => ({ spec, q })));
  const random = rng(42);
  const db = createDb(`bench-coverage-${Date.now()}`);
  await db.open();
  const now = '2026-03-01T09:00:00.000Z';
  await db.specifications.bulkPut(specs.map((s) => ({ ...s, origin: 'built-in' as const, contentHash: 'bench', updatedAt: now })));

  const learners: Built['learners'] = [];
  const learnerRecords: LearnerRecord[] = [];
  const pages: PageRecord[] = [];
  const signoffs: SignoffRecord[] = [];
  const plans: { criteria: { id: string; unitId: string }[]; pageIds: string[] }[] = [];
  for (let i = 0; i < LEARNERS; i++) {
    const { spec, q } = quals[i % quals.length];
    const id = `learner-${String(i).padStart(4, '0')}`;
    const chosen = chooseUnits(spec, q, random);
    learnerRecords.push({ id, name: `Learner ${i}`, qualificationIds: [q.id], unitChoices: { [q.id]: chosen }, archived: false, createdAt: now, updatedAt: now });
    const pageUrls: string[] = [];
    const pageIds: string[] = [];
    for (let p = 0; p < PAGES_PER_LEARNER; p++) {
      const url = `https://portfolio.example/${id}/evidence-${p}`;
      pages.push({ id: `${id}-page-${p}`, url, title: `Evidence ${p} of learner ${i}`, kind: 'web', createdAt: now, updatedAt: now });
      pageUrls.push(url);
      pageIds.push(`${id}-page-${p}`);
    }
    const criteria: { id: string; unitId: string }[] = [];
    for (const ref of chosen) {
      const unit = findUnit(spec, ref);
      if (!unit) continue;
      const unitId = unitIdOf(spec.id, ref);
      for (const o of unit.outcomes) for (const c of o.criteria) criteria.push({ id: c.id, unitId });
      if (random() < 0.3) signoffs.push({ id: `${id}-so-${unitId}`, learnerId: id, unitId, assessor: 'Bench Assessor', signedAt: now, updatedAt: now });
    }
    learners.push({ id, qualificationId: q.id, chosenUnitIds: chosen.map((r) => unitIdOf(spec.id, r)), pageUrls });
    plans.push({ criteria, pageIds });
  }
  await db.learners.bulkAdd(learnerRecords);
  await db.pages.bulkAdd(pages);
  await db.signoffs.bulkAdd(signoffs);

  // Mappings: the heavy learner gets HEAVY_MAPPINGS, the rest share what is left evenly.
  // A passage meets 1-3 criteria, as tagging a paragraph usually does.
  const perLearner = Math.floor((MAPPINGS - HEAVY_MAPPINGS) / (LEARNERS - 1));
  let remainder = MAPPINGS - HEAVY_MAPPINGS - perLearner * (LEARNERS - 1);
  let mappingCount = 0;
  let passageCount = 0;
  let decisionCount = 0;
  const batch = { passages: [] as PassageRecord[], mappings: [] as MappingRecord[], decisions: [] as DecisionRecord[] };
  const flush = async () => {
    await db.transaction('rw', db.sheets, db.decisions, async () => {
      await db.sheets.bulkAdd(packSheets(batch.passages, batch.mappings));
      await db.decisions.bulkAdd(batch.decisions);
    });
    batch.passages = [];
    batch.mappings = [];
    batch.decisions = [];
  };
  for (let i = 0; i < LEARNERS; i++) {
    const { id } = learners[i];
    const { criteria, pageIds } = plans[i];
    let target = i === 0 ? HEAVY_MAPPINGS : perLearner + (remainder-- > 0 ? 1 : 0);
    while (target > 0) {
      const passageId = `p${++passageCount}`;
      const pageId = pageIds[Math.floor(random() * pageIds.length)];
      const quote = `The learner explained how they handled customer ${passageCount} and what they learned.`;
      batch.passages.push({
        id: passageId, learnerId: id, pageId, quote, createdBy: 'Bench Assessor', createdAt: now, updatedAt: now,
        selectors: [{ type: 'TextQuoteSelector', exact: quote }, { type: 'TextPositionSelector', start: passageCount, end: passageCount + quote.length }],
      });
      const n = Math.min(target, 1 + Math.floor(random() * 3));
      for (let k = 0; k < n; k++) {
        const c = criteria[Math.floor(random() * criteria.length)];
        const mappingId = `m${++mappingCount}`;
        batch.mappings.push({
          id: mappingId, passageId, learnerId: id, criterionId: c.id, unitId: c.unitId, method: METHODS[Math.floor(random() * METHODS.length)],
          note: random() < 0.3 ? 'Seen in the workplace' : '', createdBy: 'Bench Assessor', createdAt: now, updatedAt: now,
        });
        if (random() < 0.02) {
          batch.decisions.push({ id: `d${++decisionCount}`, learnerId: id, target: { type: 'mapping', id: mappingId }, decision: 'agree', reason: '', verifier: 'Bench IV', createdAt: now, updatedAt: now });
        }
      }
      target -= n;
    }
    if (batch.mappings.length >= 5_000) await flush();
  }
  await flush();
  return {
    db,
    specs,
    learners,
    counts: { learners: LEARNERS, pages: pages.length, passages: passageCount, mappings: mappingCount, signoffs: signoffs.length, decisions: decisionCount },
    buildMs: performance.now() - started,
  };
}

function stats(samples: number[]): { median: number; p95: number; max: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
  return { median: at(0.5), p95: at(0.95), max: s[s.length - 1] };
}

async function time(label: string, runs: number, fn: (i: number) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < 3; i++) await fn(i); // warm up the JIT and the store
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn(i);
    samples.push(performance.now() - t);
  }
  const { median, p95, max } = stats(samples);
  const verdict = p95 < TARGET_MS ? 'ok' : `OVER ${TARGET_MS} ms`;
  console.log(`${label.padEnd(62)} median ${median.toFixed(1).padStart(6)} ms   p95 ${p95.toFixed(1).padStart(6)} ms   max ${max.toFixed(1).padStart(6)} ms   ${verdict}`);
}

/** Builds the synthetic database and prints the timings. */
export async function run(): Promise<void> {
  const built = await build();
  const { db, specs, learners } = built;
  console.log(`synthetic database (fake-indexeddb in Node, not a browser's IndexedDB) built in ${(built.buildMs / 1000).toFixed(1)} s:`);
  console.log(`  ${Object.entries(built.counts).map(([k, v]) => `${v} ${k}`).join(', ')}`);
  console.log(`  machine load average (1 min): ${loadavg()[0].toFixed(1)} (figures are noisy when the machine is shared)`);
  console.log(`  ${RUNS} runs each (after 3 warm-up runs); target < ${TARGET_MS} ms`);

  const pick = (i: number) => learners[1 + ((i * 37) % (learners.length - 1))];
  const open = async (l: Built['learners'][number], withSpecs: boolean) => {
    const rec = await loadCoverageRecords(db, l.id, l.qualificationId, withSpecs ? specs : undefined);
    if (!rec) throw new Error(`no records for ${l.id}`);
    const qualification = rec.spec.qualifications.find((q) => q.id === l.qualificationId)!;
    return learnerCoverage({ spec: rec.spec, qualification, unitChoices: rec.learner.unitChoices, mappings: rec.mappings, signoffs: rec.signoffs });
  };
  const switchUnit = async (l: Built['learners'][number], unitId: string, inHand?: MappingRecord[]) => {
    const ev = inHand ? await loadEvidenceSources(db, l.id, inHand.filter((m) => m.unitId === unitId)) : await loadUnitEvidence(db, l.id, unitId);
    const spec = specs.find((s) => s.id === specIdOf(unitId))!;
    const unit = spec.units.find((u) => unitIdOf(spec.id, u.ref) === unitId)!;
    const cov = unitCoverage(spec.id, unit, ev.mappings);
    const evidence = evidenceByCriterion(ev.mappings, { passages: ev.passages, pages: ev.pages, decisions: ev.decisions });
    return { cov, evidence };
  };

  const sample = await open(pick(0), true);
  console.log(`  a typical learner: ${sample.units.length} units chosen, ${sample.total} criteria, ${sample.evidenced} evidenced`);

  await time('open a learner (query + compute, catalogue in memory)', RUNS, (i) => open(pick(i), true));
  await time('open a learner (query + compute, spec read from the db)', RUNS, (i) => open(pick(i), false));
  await time('switch unit (unit evidence query + coverage + evidence)', RUNS, (i) => {
    const l = pick(i);
    return switchUnit(l, l.chosenUnitIds[i % l.chosenUnitIds.length]);
  });
  // The panel keeps the mappings it opened the learner with: a switch reads only the sources.
  const opened = new Map<string, MappingRecord[]>();
  for (let i = 0; i < RUNS + 3; i++) {
    const l = pick(i);
    if (!opened.has(l.id)) opened.set(l.id, (await loadCoverageRecords(db, l.id, l.qualificationId, specs))!.mappings);
  }
  await time('switch unit (mappings in hand: sources + coverage + evidence)', RUNS, (i) => {
    const l = pick(i);
    return switchUnit(l, l.chosenUnitIds[i % l.chosenUnitIds.length], opened.get(l.id));
  });
  await time('"this page" (page query + criteria per passage)', RUNS, async (i) => {
    const l = pick(i);
    const rec = await loadPageRecords(db, l.id, l.pageUrls[i % l.pageUrls.length]);
    return pagePassages(rec!.passages, rec!.mappings, specs);
  });
  const heavy = learners[0];
  await time(`open the heaviest learner (${HEAVY_MAPPINGS} mappings)`, RUNS, () => open(heavy, true));
  await time('  of which the query alone', RUNS, () => loadCoverageRecords(db, heavy.id, heavy.qualificationId, specs));
  const heavyRec = (await loadCoverageRecords(db, heavy.id, heavy.qualificationId, specs))!;
  const heavyQ = heavyRec.spec.qualifications.find((q) => q.id === heavy.qualificationId)!;
  await time('  of which the computation alone', RUNS, async () =>
    learnerCoverage({ spec: heavyRec.spec, qualification: heavyQ, unitChoices: heavyRec.learner.unitChoices, mappings: heavyRec.mappings, signoffs: heavyRec.signoffs }),
  );
  await time('switch unit, heaviest learner', RUNS, (i) => switchUnit(heavy, heavy.chosenUnitIds[i % heavy.chosenUnitIds.length]));
  const heavyMappings = heavyRec.mappings;
  await time('switch unit, heaviest learner, mappings in hand', RUNS, (i) => switchUnit(heavy, heavy.chosenUnitIds[i % heavy.chosenUnitIds.length], heavyMappings));
  console.log(`  machine load average (1 min) at the end: ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`);

  db.close();
  await Dexie.delete(db.name);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
