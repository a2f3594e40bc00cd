/**
 * Coverage and progress: pure functions over plain data that answer "what is evidenced,
 * what is still missing, and by what" for a learner. The side panel only renders these.
 *
 * How the panel uses it, each step inside a liveQuery:
 * - open a learner: `loadCoverageRecords(db, learnerId, qualificationId, specs)` (lib/db),
 *   then `coverageFromRecords(records, qualificationId)`: units, their coverage, progress.
 * - choose units: `addUnit` / `removeUnit` give the new list (or a refusal with the reason)
 *   to store as `learner.unitChoices[qualificationId]`.
 * - open a unit: `loadEvidenceSources(db, learnerId, records.mappings of that unit)`, then
 *   `evidenceByCriterion(...)`; `gapsOnly` and `filterCoverage` cut a unit down for display.
 * - this page: `loadPageRecords(db, learnerId, url)`, then `pagePassages(...)`.
 */
export * from './units';
export * from './unit-coverage';
export * from './progress';
export * from './evidence';
export * from './this-page';
export * from './learner';
export * from './filter';
