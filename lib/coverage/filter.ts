/**
 * Search within the panel: the chosen units' coverage cut down to the criteria whose
 * context (unit ref and title, outcome, number, words) holds every word of the query,
 * with the same rules as the catalogue browser (lib/catalogue/browse), so a query finds
 * the same criteria in both places.
 */
import { filterCatalogue } from '../catalogue/browse';
import type { Specification } from '../catalogue/model';
import type { UnitCoverage } from './unit-coverage';

/**
 * The units with only their matching criteria (outcomes and units without any dropped);
 * an empty query keeps everything. Each unit's figures stay those of the whole unit.
 */
export function filterCoverage(units: readonly UnitCoverage[], query: string): UnitCoverage[] {
  if (!query.trim()) return [...units];
  const asSpec: Specification = {
    id: '',
    source: '',
    title: '',
    qualifications: [],
    units: units.map((u) => ({ ref: u.ref, title: u.title, level: u.level, credit: u.credit, glh: null, outcomes: u.outcomes })),
  };
  const hits = new Set<string>();
  for (const f of filterCatalogue([asSpec], query)) {
    for (const u of f.units) for (const o of u.outcomes) for (const c of o.criteria) hits.add(c.id);
  }
  return units
    .map((u) => ({
      ...u,
      outcomes: u.outcomes.map((o) => ({ ...o, criteria: o.criteria.filter((c) => hits.has(c.id)) })).filter((o) => o.criteria.length > 0),
    }))
    .filter((u) => u.outcomes.length > 0);
}
