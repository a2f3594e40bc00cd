/**
 * A large, regular set of records for the export and import benchmark (Node and real
 * Chromium): 20 learners, 200 pages, and passages with two mappings each, quotes holding
 * commas, quotes, a line break and a formula character. No Node or DOM APIs.
 */
import type { LearnerRecord, MappingRecord, PageRecord, PassageRecord } from '../db/records';
import { SPEC_A } from './test-catalogue';
import { METHODS } from '../catalogue/methods';
import { unitIdOfCriterion } from '../catalogue/ids';

/** Records with `mappings` mappings (half as many passages). */
export function benchData(mappings: number): { learners: LearnerRecord[]; pages: PageRecord[]; passages: PassageRecord[]; mappings: MappingRecord[] } {
  const t = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
  const criteria = SPEC_A.units.flatMap((u) => u.outcomes.flatMap((o) => o.criteria.map((c) => c.id)));
  const ds = { learners: [] as LearnerRecord[], pages: [] as PageRecord[], passages: [] as PassageRecord[], mappings: [] as MappingRecord[] };
  for (let l = 0; l < 20; l++) {
    ds.learners.push({ id: `learner-${l}`, name: `Learner ${l}, "L${l}"`, qualificationIds: ['spec-a:600/0000/1'], unitChoices: {}, archived: false, createdAt: t(l), updatedAt: t(l) });
  }
  for (let p = 0; p < 200; p++) ds.pages.push({ id: `page-${p}`, url: `https://portfolio.example/evidence/${p}`, title: `Reflective account ${p}`, kind: 'web', createdAt: t(p), updatedAt: t(p) });
  for (let i = 0; i < mappings / 2; i++) {
    const quote = `I explained to the customer, "${i}", how =the returns policy works\nand checked they understood.`;
    const passage: PassageRecord = {
      id: `passage-${String(i).padStart(6, '0')}`, learnerId: `learner-${i % 20}`, pageId: `page-${i % 200}`,
      selectors: [{ type: 'TextQuoteSelector', exact: quote, prefix: 'Yesterday ', suffix: ' Then I' }, { type: 'TextPositionSelector', start: i, end: i + quote.length }],
      quote, createdBy: 'Sam Assessor', createdAt: t(i), updatedAt: t(i),
    };
    ds.passages.push(passage);
    for (let k = 0; k < 2; k++) {
      const criterionId = criteria[(i + k) % criteria.length];
      ds.mappings.push({
        id: `${passage.id}|${criterionId}`, passageId: passage.id, learnerId: passage.learnerId, criterionId, unitId: unitIdOfCriterion(criterionId),
        method: METHODS[i % METHODS.length], note: i % 3 ? '' : 'Seen in person, see obs record', createdBy: 'Sam Assessor', createdAt: t(i), updatedAt: t(i),
      });
    }
  }
  return ds;
}
