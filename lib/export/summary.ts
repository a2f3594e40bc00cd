/**
 * A learner's coverage summary: for each unit they are on (or have evidence for), how
 * many of its criteria have evidence, of how many, and whether it is achieved (every
 * criterion evidenced and the unit signed off). Counted simply here, from mappings; the
 * side panel's lib/coverage may refine this (e.g. IV referrals) later.
 */
import type { LearnerRecord, MappingRecord, SignoffRecord } from '../db/records';
import { unitIdOf, type CatalogueIndex } from './catalogue-index';

/** The summary columns, in order. */
export const SUMMARY_COLUMNS = [
  'Learner', 'Qualification', 'Unit', 'Unit title', 'Criteria evidenced', 'Criteria total', 'Evidenced', 'Achieved', 'Signed off by', 'Signed off on',
] as const;

/** One row per unit: the learner's chosen units per qualification first, then other units with evidence. */
export function coverageSummary(
  learner: LearnerRecord,
  mappings: readonly MappingRecord[],
  signoffs: readonly SignoffRecord[],
  catalogue: CatalogueIndex,
): string[][] {
  const evidenced = new Set(mappings.map((m) => m.criterionId));
  const signed = new Map(signoffs.map((s) => [s.unitId, s]));
  const units: { unitId: string; qualification: string }[] = [];
  const listed = new Set<string>();
  for (const qid of learner.qualificationIds) {
    const q = catalogue.qualification(qid);
    for (const ref of learner.unitChoices[qid] ?? []) {
      const unitId = q ? unitIdOf(q.spec.id, ref) : `${qid.split(':')[0]}:${ref}`;
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
    const criteria = found ? found.unit.outcomes.flatMap((o) => o.criteria.map((c) => c.id)) : [];
    const done = criteria.filter((c) => evidenced.has(c)).length;
    const signoff = signed.get(unitId);
    const achieved = criteria.length > 0 && done === criteria.length && !!signoff;
    return [
      learner.name, qualification, found?.unit.ref ?? unitId.slice(unitId.indexOf(':') + 1), found?.unit.title ?? '(not in the catalogue)',
      String(done), String(criteria.length), `${done} of ${criteria.length}`, achieved ? 'Yes' : 'No',
      signoff?.assessor ?? '', signoff?.signedAt.slice(0, 10) ?? '',
    ];
  });
}
