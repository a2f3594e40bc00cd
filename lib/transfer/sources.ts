/**
 * What an export reads from the database, for the writers in lib/export: the catalogue,
 * a tag set's items (one learner at a time, so a large tag set is never all in memory at
 * once), one unit's items for its evidence matrix, a learner's coverage summary, and a
 * backup's records with its passages read in batches as the file is written.
 */
import Dexie from 'dexie';
import { compareTagsetRows, inDateRange, latestDecisions, type TagsetFilter, type TagsetItem } from '../export/tagset/rows';
import { indexCatalogue, type CatalogueIndex } from '../catalogue/lookup';
import type { BackupSource, PassageWithMappings } from '../export/backup';
import { getSpecifications } from '../db/catalogue';
import type { EvidenceDb } from '../db/schema';
import type { EvidenceSheet, LearnerRecord, MappingRecord, PageRecord, PassageRecord, SignoffRecord } from '../db/records';
import { mappingsOf, passageOf, passagesOfSheets, unitIndexKey } from '../db/sheets';
import { learnerPassages, learnerSheets } from '../db/sheet-queries';

/** The catalogue's lookups, from the specifications in the database. */
export async function loadCatalogueIndex(db: EvidenceDb): Promise<CatalogueIndex> {
  return indexCatalogue(await getSpecifications(db));
}

/**
 * Streams the items of a tag-set export, learner by learner (by name), each learner's
 * passages in the order they were tagged and each passage's criteria in order, `size` at
 * a time. A learner's sheets (passages and mappings inside) are one range read, or one
 * `unitKeys` read for a single unit, and the next learner's read is under way while this
 * one's rows are written, so the database and the CSV writer work at the same time.
 */
export async function* tagsetBatches(db: EvidenceDb, filter: TagsetFilter, catalogue: CatalogueIndex, size = 5000): AsyncGenerator<TagsetItem[]> {
  let units: Set<string> | null = filter.qualificationId ? catalogue.unitsOfQualification(filter.qualificationId) : null;
  if (filter.unitId) units = units ? new Set([...units].filter((u) => u === filter.unitId)) : new Set([filter.unitId]);
  if (units && units.size === 0) return;
  const one = filter.learnerId ? await db.learners.get(filter.learnerId) : undefined;
  const learners = filter.learnerId ? (one ? [one] : []) : await db.learners.orderBy('name').toArray();
  const pages = new Map((await db.pages.toArray()).map((p) => [p.id, p]));
  const onlyUnit = units?.size === 1 ? [...units][0] : null;
  const read = (learner: LearnerRecord) =>
    Promise.all([
      onlyUnit ? db.sheets.where('unitKeys').equals(unitIndexKey(learner.id, onlyUnit)).toArray() : learnerSheets(db, learner.id),
      db.decisions.where('learnerId').equals(learner.id).toArray(),
    ]);
  let next = learners.length ? read(learners[0]) : null;
  for (let l = 0; l < learners.length; l++) {
    const learner = learners[l];
    const [sheets, learnerDecisions] = await next!;
    const stored = passagesOfSheets(sheets);
    next = l + 1 < learners.length ? read(learners[l + 1]) : null;
    const decisions = latestDecisions(learnerDecisions);
    const rows: { passage: PassageRecord; page: PageRecord; mapping: MappingRecord }[] = [];
    for (const s of stored) {
      const page = pages.get(s.pageId);
      // A passage whose page was deleted has nothing to show.
      if (!page) continue;
      const passage = passageOf(s);
      for (const m of s.mappings) {
        if (units && !units.has(m.unitId)) continue;
        if (!inDateRange(m.createdAt, filter)) continue;
        rows.push({ passage, page, mapping: { ...m, passageId: s.id, learnerId: s.learnerId } });
      }
    }
    rows.sort(compareTagsetRows);
    for (let i = 0; i < rows.length; i += size) {
      yield rows.slice(i, i + size).map(({ passage, page, mapping }) => {
        const decision = decisions.get(mapping.id);
        return decision ? { learner, passage, page, mapping, decision } : { learner, passage, page, mapping };
      });
    }
  }
}

/** All the items of one learner's unit (for its evidence matrix). */
export async function unitItems(db: EvidenceDb, learnerId: string, unitId: string, catalogue: CatalogueIndex): Promise<TagsetItem[]> {
  const all: TagsetItem[] = [];
  for await (const batch of tagsetBatches(db, { learnerId, unitId }, catalogue)) all.push(...batch);
  return all;
}

/** What a learner's coverage summary needs. */
export async function summaryData(db: EvidenceDb, learnerId: string): Promise<{ learner: LearnerRecord; mappings: MappingRecord[]; signoffs: SignoffRecord[] } | null> {
  const learner = await db.learners.get(learnerId);
  if (!learner) return null;
  const mappings = (await learnerPassages(db, learnerId)).flatMap(mappingsOf);
  const signoffs = await db.signoffs.where('[learnerId+unitId]').between([learnerId, Dexie.minKey], [learnerId, Dexie.maxKey], true, true).toArray();
  return { learner, mappings, signoffs };
}

/** How many reads of sheets a backup keeps under way. */
const READS_AHEAD = 4;

/** Everything a backup holds; passages (with their mappings) are read in batches as the file is written. */
export async function backupSource(db: EvidenceDb, size = 20): Promise<BackupSource> {
  const [specifications, learners, pages, decisions, signoffs] = await Promise.all([
    db.specifications.where('origin').equals('imported').toArray(),
    db.learners.toArray(),
    db.pages.toArray(),
    db.decisions.toArray(),
    db.signoffs.toArray(),
  ]);
  // The sheets' keys first (one small read), so several reads can be under way at once:
  // each read waits on the database, and one read ahead left the page idle a fifth of the time.
  const keys = (await db.sheets.toCollection().primaryKeys()) as [string, string][];
  const read = (i: number) => db.sheets.where(':id').between(keys[i], keys[Math.min(keys.length, i + size) - 1], true, true).toArray();
  async function* passages(): AsyncGenerator<PassageWithMappings[]> {
    const ahead: Promise<EvidenceSheet[]>[] = [];
    let at = 0;
    const fill = () => {
      while (ahead.length < READS_AHEAD && at < keys.length) {
        ahead.push(read(at));
        at += size;
      }
    };
    fill();
    while (ahead.length) {
      const batch = await ahead.shift()!;
      fill();
      yield passagesOfSheets(batch).map((s) => ({ passage: passageOf(s), mappings: mappingsOf(s) }));
    }
  }
  return { specifications, learners, pages, decisions, signoffs, passages: passages() };
}
