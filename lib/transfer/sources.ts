/**
 * What an export reads from the database, for the writers in lib/export: the catalogue,
 * a tag set's items (one learner at a time, so a large tag set is never all in memory at
 * once), one unit's items for its evidence matrix, a learner's coverage summary, and a
 * backup's records with its passages read in batches as the file is written; the IV
 * report's decisions and the evidence they name.
 */
import Dexie from 'dexie';
import { TagsetSelection, type TagsetFilter, type TagsetItem } from '../export/tagset/rows';
import { indexCatalogue, type CatalogueIndex } from '../catalogue/lookup';
import type { BackupSource, PassageWithMappings } from '../export/backup';
import { getSpecifications } from '../db/catalogue';
import type { EvidenceDb } from '../db/schema';
import type { EvidenceSheet, LearnerRecord, MappingRecord, PageRecord, PassageRecord, SignoffRecord } from '../db/records';
import { findMapping } from '../db/sampling';
import type { IvReportInput } from '../sampling/report';
import { mappingsOf, passageOf, passagesOfSheets, unitIndexKey } from '../db/sheets';
import { learnerPassages, learnerSheets } from '../db/sheet-queries';

/** The catalogue's lookups, from the specifications in the database. */
export async function loadCatalogueIndex(db: EvidenceDb): Promise<CatalogueIndex> {
  return indexCatalogue(await getSpecifications(db));
}

/**
 * Streams the items of a tag-set export, learner by learner, `size` at a time, as the
 * filter's {@link TagsetSelection} chooses and orders them. A learner's sheets (passages
 * and mappings inside) are one range read, or one `unitKeys` read for a single unit, and
 * the next learner's read is under way while this one's rows are written, so the database
 * and the CSV writer work at the same time.
 */
export async function* tagsetBatches(db: EvidenceDb, filter: TagsetFilter, catalogue: CatalogueIndex, size = 5000): AsyncGenerator<TagsetItem[]> {
  const selection = new TagsetSelection(filter, catalogue);
  if (selection.empty) return;
  const one = filter.learnerId ? await db.learners.get(filter.learnerId) : undefined;
  const learners = selection.learners(filter.learnerId ? (one ? [one] : []) : await db.learners.toArray());
  const pages = new Map((await db.pages.toArray()).map((p) => [p.id, p]));
  const onlyUnit = selection.units?.size === 1 ? [...selection.units][0] : null;
  const read = (learner: LearnerRecord) =>
    Promise.all([
      onlyUnit ? db.sheets.where('unitKeys').equals(unitIndexKey(learner.id, onlyUnit)).toArray() : learnerSheets(db, learner.id),
      db.decisions.where('learnerId').equals(learner.id).toArray(),
    ]);
  let next = learners.length ? read(learners[0]) : null;
  for (let l = 0; l < learners.length; l++) {
    const learner = learners[l];
    const [sheets, decisions] = await next!;
    const stored = passagesOfSheets(sheets);
    next = l + 1 < learners.length ? read(learners[l + 1]) : null;
    const items = selection.items(learner, stored.map((s) => ({ passage: passageOf(s), mappings: mappingsOf(s) })), pages, decisions);
    for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
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

/**
 * Everything a backup holds, as one snapshot: the records and the sheets' keys are read in
 * one read transaction, so they agree (every decision's learner is among the learners, every
 * sheet's learner and page too). The sheets' contents are then read in batches as the file is
 * written, outside that transaction (it cannot stay open while the page writes the file), and
 * only the sheets of the snapshot are kept: a sheet made meanwhile (a tag on a new page, for a
 * new learner) may name a page or learner the file does not hold, and is left for the next
 * backup. A snapshot sheet's passages all name its learner and page, which the file holds.
 */
export async function backupSource(db: EvidenceDb, size = 20): Promise<BackupSource> {
  const tables = [db.specifications, db.learners, db.pages, db.decisions, db.signoffs, db.sheets, db.quarantine, db.deletedPassages, db.responses, db.tombstones, db.samplingPlans];
  const { specifications, learners, pages, decisions, signoffs, keys, quarantine, deletedPassages, responses, tombstones, samplingPlans } = await db.transaction('r', tables, async () => {
    const [specifications, learners, pages, decisions, signoffs, keys, quarantine, deletedPassages, responses, tombstones, samplingPlans] = await Promise.all([
      db.specifications.where('origin').equals('imported').toArray(),
      db.learners.toArray(),
      db.pages.toArray(),
      db.decisions.toArray(),
      db.signoffs.toArray(),
      // The sheets' keys (one small read), so several reads of sheets can be under way at
      // once: each read waits on the database, and one read ahead left the page idle a fifth of the time.
      db.sheets.toCollection().primaryKeys() as Promise<[string, string][]>,
      db.quarantine.toArray(),
      db.deletedPassages.toArray(),
      db.responses.toArray(),
      // Deletions travel with the records, so a restore or a hand-over does not bring them back.
      db.tombstones.toArray(),
      db.samplingPlans.toArray(),
    ]);
    return { specifications, learners, pages, decisions, signoffs, keys, quarantine, deletedPassages, responses, tombstones, samplingPlans };
  });
  const inSnapshot = new Map<string, Set<string>>();
  for (const [learnerId, pageId] of keys) {
    let set = inSnapshot.get(learnerId);
    if (!set) inSnapshot.set(learnerId, (set = new Set()));
    set.add(pageId);
  }
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
      const batch = (await ahead.shift()!).filter((s) => inSnapshot.get(s.learnerId)?.has(s.pageId));
      fill();
      yield passagesOfSheets(batch).map((s) => ({ passage: passageOf(s), mappings: mappingsOf(s) }));
    }
  }
  return { specifications, learners, pages, decisions, signoffs, quarantine, deletedPassages, responses, tombstones, samplingPlans, passages: passages() };
}

/** What the IV report needs: the decisions (of one learner, or all) and the records they name. */
export async function ivReportSource(db: EvidenceDb, learnerId?: string): Promise<Omit<IvReportInput, 'catalogue' | 'today'>> {
  return db.transaction('r', [db.decisions, db.learners, db.sheets, db.pages, db.signoffs], async () => {
    const decisions = learnerId ? await db.decisions.where('learnerId').equals(learnerId).toArray() : await db.decisions.toArray();
    const learnerIds = [...new Set(decisions.map((d) => d.learnerId))];
    const learners = new Map<string, { name: string }>();
    (await db.learners.bulkGet(learnerIds)).forEach((l, i) => l && learners.set(learnerIds[i], { name: l.name }));
    const mappings = new Map<string, MappingRecord>();
    const passages = new Map<string, PassageRecord>();
    for (const d of decisions) {
      if (d.target.type !== 'mapping' || mappings.has(d.target.id)) continue;
      const found = await findMapping(db, d.target.id);
      if (!found) continue;
      const { quote: _quote, ...mapping } = found;
      mappings.set(mapping.id, mapping);
      if (!passages.has(mapping.passageId)) {
        const sheet = await db.sheets.where('passageIds').equals(mapping.passageId).first();
        const p = sheet?.passages.find((x) => x.id === mapping.passageId);
        if (p) passages.set(p.id, passageOf(p));
      }
    }
    const pageIds = [...new Set([...passages.values()].map((p) => p.pageId))];
    const pages = new Map<string, PageRecord>();
    (await db.pages.bulkGet(pageIds)).forEach((p) => p && pages.set(p.id, p));
    const signoffs = (await Promise.all(learnerIds.map((id) => db.signoffs.where('[learnerId+unitId]').between([id, Dexie.minKey], [id, Dexie.maxKey], true, true).toArray()))).flat();
    return { decisions, learners, mappings, passages, pages, signoffs };
  });
}
