/**
 * A learner's coverage summary: for each unit they are on (or have evidence for), how
 * many of its criteria have evidence, of how many, and whether it is achieved (every
 * criterion evidenced and the unit signed off). The counting is lib/coverage's, so the
 * file says what the side panel shows.
 */
import type { LearnerRecord, MappingRecord, SignoffRecord } from '../db/records';
import { chosenRefs, unitCoverage } from '../coverage';
import type { CatalogueIndex } from '../catalogue/lookup';
import { localPartOf, specIdOf, unitIdOf } from '../catalogue/ids';

/** The summary columns, in order. */
export const SUMMARY_COLUMNS = [
  'Learner', 'Qualification', 'Unit', 'Unit title', 'Criteria evidenced', 'Criteria total', 'Evidenced', 'Achieved', 'Signed off by', 'Signed off on',
] as const;

/** One row per unit: the learner's units per qualification (mandatory and chosen) first, then other units with evidence. */
export function coverageSummary(
  learner: LearnerRecord,
  mappings: readonly MappingRecord[],
  signoffs: readonly SignoffRecord[],
  catalogue: CatalogueIndex,
): string[][] {
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
    const [done, total] = [c?.evidenced ?? 0, c?.total ?? 0];
    return [
      learner.name, qualification, found?.unit.ref ?? localPartOf(unitId), found?.unit.title ?? '(not in the catalogue)',
      String(done), String(total), `${done} of ${total}`, c?.achieved ? 'Yes' : 'No',
      signoff?.assessor ?? '', signoff?.signedAt.slice(0, 10) ?? '',
    ];
  });
}
