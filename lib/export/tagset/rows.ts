/**
 * What a tag-set CSV is made of: its columns, the items a row is written from, what an
 * export may be limited to, the order of the rows and the IV decision a row shows. The
 * writer (write.ts, cells.ts) and the reader (read.ts) share the columns; the extension
 * and the export-csv command share the rest.
 */
import type { DecisionRecord, LearnerRecord, MappingRecord, PageRecord, PassageRecord } from '../../db/records';
import type { CatalogueIndex } from '../../catalogue/lookup';
import { isNewer } from '../plan';
import { illFormedPath, illFormedReason, shown } from '../text';
import { criterionNumberOf } from '../../catalogue/ids';

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
function latestDecisions(decisions: Iterable<DecisionRecord>): Map<string, DecisionRecord> {
  const latest = new Map<string, DecisionRecord>();
  for (const d of decisions) {
    if (d.target.type !== 'mapping') continue;
    const prev = latest.get(d.target.id);
    if (!prev || isNewer(d.updatedAt, prev.updatedAt)) latest.set(d.target.id, d);
  }
  return latest;
}

// Code unit order, as IndexedDB orders its keys: the same in every locale.
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The order of the learners in a tag set: by name, then by id, so that two of one name always come the same way round. */
function compareLearners(a: LearnerRecord, b: LearnerRecord): number {
  return cmp(a.name, b.name) || cmp(a.id, b.id);
}

/**
 * The order of one learner's tag-set rows: passages in the order they were tagged, each
 * passage's criteria in order. A passage's rows sit together, the way an assessor reads
 * back their tagging, and the writer escapes a passage's cells once for all its rows.
 */
function compareTagsetRows(a: Pick<TagsetItem, 'passage' | 'mapping'>, b: Pick<TagsetItem, 'passage' | 'mapping'>): number {
  return (
    cmp(a.passage.createdAt, b.passage.createdAt) || cmp(a.passage.id, b.passage.id) ||
    cmp(a.mapping.criterionId, b.mapping.criterionId) || cmp(a.mapping.id, b.mapping.id)
  );
}

/** True when a mapping's date tagged falls in the filter's date range. */
function inDateRange(createdAt: string, filter: Pick<TagsetFilter, 'from' | 'to'>): boolean {
  const day = createdAt.slice(0, 10);
  return (!filter.from || day >= filter.from) && (!filter.to || day <= filter.to);
}

/** A passage with its mappings, as a tag set's source hands them over. */
export interface PassageEvidence {
  passage: PassageRecord;
  mappings: readonly MappingRecord[];
}

/**
 * A tag-set filter made ready to apply: which learners, in what order, and which of their
 * mappings, with what IV decision. The one selection behind every tag set, whether the
 * extension reads it from the database a learner at a time (lib/transfer/sources.ts) or
 * the export-csv command has a whole backup in memory.
 */
export class TagsetSelection {
  /** The units kept; null for every unit. Empty when the filter can keep nothing. */
  readonly units: ReadonlySet<string> | null;

  constructor(
    private readonly filter: TagsetFilter,
    catalogue: CatalogueIndex,
  ) {
    let units: ReadonlySet<string> | null = filter.qualificationId ? catalogue.unitsOfQualification(filter.qualificationId) : null;
    if (filter.unitId) units = units ? new Set([...units].filter((u) => u === filter.unitId)) : new Set([filter.unitId]);
    this.units = units;
  }

  /** True when no mapping can pass (a qualification with no units, or a unit outside the qualification). */
  get empty(): boolean {
    return this.units?.size === 0;
  }

  /** Of these learners, those the tag set covers, in its order. */
  learners(all: Iterable<LearnerRecord>): LearnerRecord[] {
    const id = this.filter.learnerId;
    return [...all].filter((l) => !id || l.id === id).sort(compareLearners);
  }

  /**
   * One learner's rows, in order, each with the IV's latest decision among `decisions`
   * (the learner's). A passage whose page is not in `pages` (deleted) has nothing to show
   * and is left out.
   */
  items(learner: LearnerRecord, passages: Iterable<PassageEvidence>, pages: ReadonlyMap<string, PageRecord>, decisions: Iterable<DecisionRecord>): TagsetItem[] {
    const { units, filter } = this;
    const rows: Omit<TagsetItem, 'learner' | 'decision'>[] = [];
    for (const { passage, mappings } of passages) {
      const page = pages.get(passage.pageId);
      if (!page) continue;
      for (const mapping of mappings) {
        if (units && !units.has(mapping.unitId)) continue;
        if (!inDateRange(mapping.createdAt, filter)) continue;
        rows.push({ passage, page, mapping });
      }
    }
    rows.sort(compareTagsetRows);
    const latest = latestDecisions(decisions);
    return rows.map(({ passage, page, mapping }) => {
      const decision = latest.get(mapping.id);
      return decision ? { learner, passage, page, mapping, decision } : { learner, passage, page, mapping };
    });
  }
}

/**
 * Finds what in a tag-set item cannot be written (ill-formed text), checking each learner,
 * page and passage once however many rows they have.
 */
export class ItemCheck {
  private readonly seen = new WeakMap<object, string | null>();

  /** Why the item's row cannot be written, or null. */
  problem(item: TagsetItem): string | null {
    for (const [kind, record] of [['learner', item.learner], ['page', item.page], ['passage', item.passage]] as const) {
      let why = this.seen.get(record);
      if (why === undefined) {
        const bad = illFormedPath(record);
        this.seen.set(record, (why = bad ? `its ${kind}'s ${illFormedReason(bad).replace(/^its /, '')}` : null));
      }
      if (why) return why;
    }
    const bad = illFormedPath(item.mapping);
    if (bad) return illFormedReason(bad);
    const inDecision = item.decision ? illFormedPath(item.decision) : null;
    return inDecision ? `its IV decision's ${illFormedReason(inDecision).replace(/^its /, '')}` : null;
  }

  /** How a skipped item is named. */
  static name(item: TagsetItem): string {
    return `mapping "${shown(item.mapping.id)}" (learner "${shown(item.learner.name)}", criterion ${shown(criterionNumberOf(item.mapping.criterionId))}, "${shown(item.passage.quote.slice(0, 40))}")`;
  }
}
