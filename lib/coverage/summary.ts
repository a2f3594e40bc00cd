/**
 * A learner's coverage, unit by unit, as the coverage summary export lists it: the units
 * they are on for each qualification (mandatory and chosen) first, then any other unit
 * their evidence touches, each with criteria evidenced of the total and whether it is
 * achieved (every criterion evidenced and the unit signed off). The same counting as the
 * side panel's, so the file says what the panel shows.
 */
import type { LearnerRecord, MappingRecord, SignoffRecord } from '../db/records';
import type { SummaryLine } from '../export/summary';
import type { CatalogueIndex } from '../catalogue/lookup';
import { localPartOf, specIdOf, unitIdOf } from '../catalogue/ids';
import { chosenRefs } from './units';
import { unitCoverage } from './unit-coverage';

/** One unit of a learner's summary: the line the summary file lays out, and the unit's id. */
export interface SummaryUnit extends SummaryLine {
  unitId: string;
}

/** The learner's units in summary order, each with its coverage. */
export function learnerSummary(
  learner: Pick<LearnerRecord, 'qualificationIds' | 'unitChoices'>,
  mappings: readonly MappingRecord[],
  signoffs: readonly SignoffRecord[],
  catalogue: CatalogueIndex,
): SummaryUnit[] {
  const signed = new Map(signoffs.map((s) => [s.unitId, s]));
  const units: { unitId: string; qualification: string }[] = [];
  const listed = new Set<string>();
  for (const qid of learner.qualificationIds) {
    const q = catalogue.qualification(qid);
    for (const ref of q ? chosenRefs(q.qualification, learner.unitChoices) : (learner.unitChoices[qid] ?? [])) {
      const unitId = q ? unitIdOf(q.spec.id, ref) : unitIdOf(specIdOf(qid), ref);
      if (listed.has(unitId)) continue;
      listed.add(unitId);
      units.push({ unitId, qualification: q ? `${q.qualification.number} ${q.qualification.title}` : qid });
    }
  }
  for (const m of [...mappings].sort((a, b) => a.unitId.localeCompare(b.unitId))) {
    if (listed.has(m.unitId)) continue;
    listed.add(m.unitId);
    const q = catalogue.qualificationsOfUnit(m.unitId).find((x) => learner.qualificationIds.includes(x.id)) ?? catalogue.qualificationsOfUnit(m.unitId)[0];
    units.push({ unitId: m.unitId, qualification: q ? `${q.number} ${q.title}` : '' });
  }
  return units.map(({ unitId, qualification }) => {
    const found = catalogue.unit(unitId);
    const signoff = signed.get(unitId);
    const c = found ? unitCoverage(found.spec.id, found.unit, mappings, signoff) : null;
    return {
      unitId, qualification, ref: found?.unit.ref ?? localPartOf(unitId), title: found?.unit.title ?? null,
      evidenced: c?.evidenced ?? 0, total: c?.total ?? 0, achieved: c?.achieved ?? false, signoff,
    };
  });
}
