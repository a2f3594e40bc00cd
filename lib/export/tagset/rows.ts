/**
 * What a tag-set CSV is made of: its columns, the items a row is written from, what an
 * export may be limited to, the order of the rows and the IV decision a row shows. The
 * writer (write.ts, cells.ts) and the reader (read.ts) share the columns; the extension
 * and the export-csv command share the rest.
 */
import type { DecisionRecord, LearnerRecord, MappingRecord, PageRecord, PassageRecord } from '../../db/records';
import type { CatalogueIndex } from '../../catalogue/lookup';
import { isNewer } from '../plan';

/** One mapping with the records it hangs from: what a tag-set row is made of. */
export interface TagsetItem {
  learner: LearnerRecord;
  passage: PassageRecord;
  page: PageRecord;
  mapping: MappingRecord;
  /** The IV's latest decision on this mapping, if any. */
  decision?: DecisionRecord;
}

/** What a tag-set export is limited to. Dates are `YYYY-MM-DD`, inclusive, on the date tagged. */
export interface TagsetFilter {
  learnerId?: string;
  qualificationId?: string;
  unitId?: string;
  from?: string;
  to?: string;
}

/** The tag-set columns, in order. The ones after "IV date" are for re-import. */
export const TAGSET_COLUMNS = [
  'Learner', 'Learner reference', 'Qualification', 'Unit', 'Unit title', 'Outcome', 'Criterion', 'Criterion text',
  'Evidence', 'Page title', 'Page URL', 'Method', 'Note', 'Assessor', 'Date tagged',
  'IV decision', 'IV reason', 'IV verifier', 'IV date',
  'Learner ID', 'Page ID', 'Passage ID', 'Mapping ID', 'Criterion ID', 'IV decision ID', 'Mapping updated', 'Passage record',
] as const;

/** One of the tag-set columns. */
export type Column = (typeof TAGSET_COLUMNS)[number];

/** The IV's latest decision on each mapping, by mapping id (decisions on units have no row). */
export function latestDecisions(decisions: Iterable<DecisionRecord>): Map<string, DecisionRecord> {
  const latest = new Map<string, DecisionRecord>();
  for (const d of decisions) {
    if (d.target.type !== 'mapping') continue;
    const prev = latest.get(d.target.id);
    if (!prev || isNewer(d.updatedAt, prev.updatedAt)) latest.set(d.target.id, d);
  }
  return latest;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The order of one learner's tag-set rows: passages in the order they were tagged, each
 * passage's criteria in order. A passage's rows sit together, the way an assessor reads
 * back their tagging, and the writer escapes a passage's cells once for all its rows.
 */
export function compareTagsetRows(a: Pick<TagsetItem, 'passage' | 'mapping'>, b: Pick<TagsetItem, 'passage' | 'mapping'>): number {
  return (
    cmp(a.passage.createdAt, b.passage.createdAt) || cmp(a.passage.id, b.passage.id) ||
    cmp(a.mapping.criterionId, b.mapping.criterionId) || cmp(a.mapping.id, b.mapping.id)
  );
}

/** True when a mapping's date tagged falls in the filter's date range. */
export function inDateRange(createdAt: string, filter: Pick<TagsetFilter, 'from' | 'to'>): boolean {
  const day = createdAt.slice(0, 10);
  return (!filter.from || day >= filter.from) && (!filter.to || day <= filter.to);
}

/** True when a mapping passes a tag-set filter (for filtering records already in memory). */
export function matchesFilter(mapping: MappingRecord, filter: TagsetFilter, catalogue: CatalogueIndex): boolean {
  if (filter.learnerId && mapping.learnerId !== filter.learnerId) return false;
  if (filter.unitId && mapping.unitId !== filter.unitId) return false;
  if (filter.qualificationId && !catalogue.unitsOfQualification(filter.qualificationId).has(mapping.unitId)) return false;
  return inDateRange(mapping.createdAt, filter);
}
