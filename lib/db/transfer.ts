/**
 * Import and export against the database. Imports arrive as a validated plan (see
 * lib/export) and are written in ONE transaction: records are matched by id (pages also
 * by URL, which is unique), added when missing and replaced only when the file's copy is
 * newer, so importing a file twice changes nothing the second time. Exports read in
 * batches through the indexes, so a large tag set is never all in memory at once.
 */
import Dexie, { type Table } from 'dexie';
import type { ImportPlan } from '../export/plan';
import { inDateRange, tagsetCsv, type TagsetFilter, type TagsetItem } from '../export/tagset';
import { csvChunks } from '../export/csv';
import { evidenceMatrix, MATRIX_COLUMNS } from '../export/matrix';
import { coverageSummary, SUMMARY_COLUMNS } from '../export/summary';
import { indexCatalogue, unitIdOfCriterion, type CatalogueIndex } from '../export/catalogue-index';
import { backupChunks, type BackupSource, type PassageWithMappings } from '../export/backup';
import { ImportError } from '../export/errors';
import { getSpecifications } from './catalogue';
import type { EvidenceDb } from './schema';
import type { DecisionRecord, LearnerRecord, MappingRecord, PageRecord, PassageRecord, SignoffRecord } from './records';

/** How many records of one kind an import added, replaced with a newer copy, or left alone. */
export interface TableCounts {
  added: number;
  updated: number;
  unchanged: number;
}

/** What an import did, per kind of record. */
export type ImportSummary = Record<'specifications' | 'learners' | 'pages' | 'passages' | 'mappings' | 'decisions' | 'signoffs', TableCounts>;

/** True when `a` is a later time than `b` (ISO strings compared as times, not text). */
export function isNewer(a: string, b: string): boolean {
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  return Number.isNaN(ta) || Number.isNaN(tb) ? a > b : ta > tb;
}

/** Records are written in slices so the page can paint (and progress move) between them. */
const SLICE = 5000;

async function merge<T extends { id: string; updatedAt: string }>(
  table: Table<T, string>,
  records: T[],
  policy: 'newer' | 'create-only' = 'newer',
  onSlice?: (done: number) => void,
): Promise<TableCounts> {
  const counts: TableCounts = { added: 0, updated: 0, unchanged: 0 };
  for (let i = 0; i < records.length; i += SLICE) {
    const slice = records.slice(i, i + SLICE);
    const existing = await table.bulkGet(slice.map((r) => r.id));
    const put: T[] = [];
    slice.forEach((r, j) => {
      const old = existing[j];
      if (!old) counts.added++;
      else if (policy === 'newer' && isNewer(r.updatedAt, old.updatedAt)) counts.updated++;
      else return void counts.unchanged++;
      put.push(r);
    });
    // Awaiting Dexie's own promises keeps the transaction open between slices.
    if (put.length) await table.bulkPut(put);
    onSlice?.(Math.min(records.length, i + SLICE));
  }
  return counts;
}

/**
 * Writes an import plan in one transaction. Throws {@link ImportError} (and writes
 * nothing) when the plan points at learners or passages that neither it nor the database
 * holds. `onStep` reports progress (0 to 1) as slices are written.
 */
export async function applyImportPlan(db: EvidenceDb, plan: ImportPlan, onStep?: (fraction: number) => void): Promise<ImportSummary> {
  const tables = [db.specifications, db.learners, db.pages, db.passages, db.mappings, db.decisions, db.signoffs];
  try {
    return await db.transaction('rw', tables, async () => {
      const learnerIds = new Set(plan.learners.map((l) => l.id));
      const wanted = [...new Set([...plan.passages, ...plan.mappings, ...plan.decisions, ...plan.signoffs].map((r) => r.learnerId))].filter((id) => !learnerIds.has(id));
      const found = await db.learners.bulkGet(wanted);
      const lost = wanted.find((_, i) => !found[i]);
      if (lost) throw new ImportError(`The file refers to a learner (${lost}) who is neither in it nor in your records; nothing was imported.`);
      const passageIds = new Set(plan.passages.map((p) => p.id));
      const outside = [...new Set(plan.mappings.map((m) => m.passageId))].filter((id) => !passageIds.has(id));
      const outsideFound = await db.passages.bulkGet(outside);
      const lostPassage = outside.find((_, i) => !outsideFound[i]);
      if (lostPassage) throw new ImportError(`The file maps a passage (${lostPassage}) that is neither in it nor in your records; nothing was imported.`);

      // A page the database already knows by URL keeps its id; passages follow it.
      const pageIdFor = new Map<string, string>();
      const byUrl = new Map((await db.pages.where('url').anyOf(plan.pages.map((p) => p.url)).toArray()).map((p) => [p.url, p]));
      const pages: PageRecord[] = plan.pages.map((p) => {
        const known = byUrl.get(p.url);
        if (known && known.id !== p.id) {
          pageIdFor.set(p.id, known.id);
          return { ...p, id: known.id, createdAt: known.createdAt };
        }
        return p;
      });
      const passages: PassageRecord[] = pageIdFor.size
        ? plan.passages.map((p) => (pageIdFor.has(p.pageId) ? { ...p, pageId: pageIdFor.get(p.pageId)! } : p))
        : plan.passages;

      const builtIn = new Set((await db.specifications.where('origin').equals('built-in').primaryKeys()) as string[]);
      const specs = plan.specifications.filter((s) => !builtIn.has(s.id));
      const total = specs.length + plan.learners.length + pages.length + passages.length + plan.mappings.length + plan.decisions.length + plan.signoffs.length;
      let before = 0;
      const step = (n: number) => onStep?.(total ? (before + n) / total : 1);
      const run = async <T extends { id: string; updatedAt: string }>(table: Table<T, string>, records: T[], policy: 'newer' | 'create-only' = 'newer') => {
        const counts = await merge(table, records, policy, step);
        before += records.length;
        return counts;
      };
      const summary = {} as ImportSummary;
      summary.specifications = await run(db.specifications as Table<(typeof specs)[number], string>, specs);
      summary.specifications.unchanged += plan.specifications.length - specs.length;
      summary.learners = await run(db.learners as Table<LearnerRecord, string>, plan.learners, plan.learnerPolicy);
      summary.pages = await run(db.pages as Table<PageRecord, string>, pages);
      summary.passages = await run(db.passages as Table<PassageRecord, string>, passages);
      summary.mappings = await run(db.mappings as Table<MappingRecord, string>, plan.mappings);
      summary.decisions = await run(db.decisions as Table<DecisionRecord, string>, plan.decisions);
      summary.signoffs = await run(db.signoffs as Table<SignoffRecord, string>, plan.signoffs);
      onStep?.(1);
      return summary;
    });
  } catch (e) {
    if (e instanceof ImportError) throw e;
    const name = (e as { name?: string })?.name;
    const failures = (e as { failures?: { name?: string }[] })?.failures ?? [];
    if (name === 'ConstraintError' || (name === 'BulkError' && failures.some((f) => f?.name === 'ConstraintError'))) {
      throw new ImportError('Two pages in the file and your records share one address in a way that cannot be merged; nothing was imported.');
    }
    throw e;
  }
}

/** The catalogue's lookups, from the specifications in the database. */
export async function loadCatalogueIndex(db: EvidenceDb): Promise<CatalogueIndex> {
  return indexCatalogue(await getSpecifications(db));
}

/**
 * Streams the items of a tag-set export, learner by learner (by name), each learner's
 * mappings in criterion order, `size` at a time. Each page is one range read of the
 * `[learnerId+criterionId]` index, and a learner's passages and IV decisions are one read
 * each: a browser's IndexedDB answers one large read far faster than thousands of gets.
 */
export async function* tagsetBatches(db: EvidenceDb, filter: TagsetFilter, catalogue: CatalogueIndex, size = 5000): AsyncGenerator<TagsetItem[]> {
  let units: Set<string> | null = filter.qualificationId ? catalogue.unitsOfQualification(filter.qualificationId) : null;
  if (filter.unitId) units = units ? new Set([...units].filter((u) => u === filter.unitId)) : new Set([filter.unitId]);
  if (units && units.size === 0) return;
  const learners = filter.learnerId ? ((await db.learners.get(filter.learnerId)) ? [(await db.learners.get(filter.learnerId))!] : []) : await db.learners.orderBy('name').toArray();
  const pages = new Map((await db.pages.toArray()).map((p) => [p.id, p]));
  // One unit is one criterion-id prefix; otherwise the learner's whole range, filtered below.
  const [lo, hi] = units?.size === 1 ? [`${[...units][0]}:`, `${[...units][0]}:\uffff`] : [Dexie.minKey, Dexie.maxKey];
  for (const learner of learners) {
    const range = () => db.mappings.where('[learnerId+criterionId]').between([learner.id, lo], [learner.id, hi], true, true);
    if ((await range().count()) === 0) continue;
    const passages = new Map((await db.passages.where('learnerId').equals(learner.id).toArray()).map((p) => [p.id, p]));
    const decisions = new Map<string, DecisionRecord>();
    for (const d of await db.decisions.where('learnerId').equals(learner.id).toArray()) {
      if (d.target.type !== 'mapping') continue;
      const prev = decisions.get(d.target.id);
      if (!prev || isNewer(d.updatedAt, prev.updatedAt)) decisions.set(d.target.id, d);
    }
    for (let offset = 0; ; offset += size) {
      // No offset on the first page, so Dexie can answer it with one getAll().
      const mappings = await (offset ? range().offset(offset) : range()).limit(size).toArray();
      if (!mappings.length) break;
      const items: TagsetItem[] = [];
      for (const mapping of mappings) {
        if (units && !units.has(unitIdOfCriterion(mapping.criterionId))) continue;
        if (!inDateRange(mapping.createdAt, filter)) continue;
        const passage = passages.get(mapping.passageId);
        const page = passage && pages.get(passage.pageId);
        // A mapping whose passage or page was deleted has nothing to show.
        if (!passage || !page) continue;
        const decision = decisions.get(mapping.id);
        items.push(decision ? { learner, passage, page, mapping, decision } : { learner, passage, page, mapping });
      }
      if (items.length) yield items;
      if (mappings.length < size) break;
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
  const mappings = await db.mappings.where('learnerId').equals(learnerId).toArray();
  const signoffs = await db.signoffs.where('[learnerId+unitId]').between([learnerId, Dexie.minKey], [learnerId, Dexie.maxKey], true, true).toArray();
  return { learner, mappings, signoffs };
}

/** Everything a backup holds; passages (with their mappings) are read in batches as the file is written. */
export async function backupSource(db: EvidenceDb, size = 2000): Promise<BackupSource> {
  const [specifications, learners, pages, decisions, signoffs, passageCount] = await Promise.all([
    db.specifications.where('origin').equals('imported').toArray(),
    db.learners.toArray(),
    db.pages.toArray(),
    db.decisions.toArray(),
    db.signoffs.toArray(),
    db.passages.count(),
  ]);
  async function* passages(): AsyncGenerator<PassageWithMappings[]> {
    let last: string | null = null;
    for (;;) {
      const batch: PassageRecord[] = await (last === null ? db.passages.orderBy(':id') : db.passages.where(':id').above(last)).limit(size).toArray();
      if (!batch.length) return;
      last = batch[batch.length - 1].id;
      const byPassage = new Map<string, MappingRecord[]>(batch.map((p) => [p.id, []]));
      for (const m of await db.mappings.where('passageId').anyOf([...byPassage.keys()]).toArray()) byPassage.get(m.passageId)!.push(m);
      yield batch.map((passage) => ({ passage, mappings: byPassage.get(passage.id)!.sort((a, b) => (a.id < b.id ? -1 : 1)) }));
    }
  }
  return { specifications, learners, pages, decisions, signoffs, passageCount, passages: passages() };
}

/** What the user asked to export. */
export type ExportRequest =
  | { kind: 'tagset'; filter: TagsetFilter; bom: boolean }
  | { kind: 'matrix'; learnerId: string; unitId: string; bom: boolean }
  | { kind: 'summary'; learnerId: string; bom: boolean }
  | { kind: 'backup' };

/** A file to save: its name, media type and its text as a stream of chunks. */
export interface ExportFile {
  filename: string;
  type: string;
  chunks: AsyncIterable<string>;
}

function slug(s: string): string {
  return s.normalize('NFKD').replace(/[^\w]+/g, '-').replace(/^-|-$/g, '').toLowerCase().slice(0, 40) || 'all';
}

/** Prepares an export; the file's text is read from the database as it is consumed. */
export async function exportFile(db: EvidenceDb, request: ExportRequest, now = new Date()): Promise<ExportFile> {
  const day = now.toISOString().slice(0, 10);
  const csv = 'text/csv;charset=utf-8';
  if (request.kind === 'backup') {
    return { filename: `evidence-mapper-backup-${day}.json`, type: 'application/json', chunks: backupChunks(await backupSource(db), now) };
  }
  const catalogue = await loadCatalogueIndex(db);
  const learnerName = async (id: string | undefined) => (id ? ((await db.learners.get(id))?.name ?? id) : 'all-learners');
  if (request.kind === 'tagset') {
    const f = request.filter;
    const parts = [await learnerName(f.learnerId), f.unitId ? catalogue.unit(f.unitId)?.unit.ref ?? f.unitId : f.qualificationId ? catalogue.qualification(f.qualificationId)?.qualification.number ?? '' : ''];
    return { filename: `tag-set-${parts.filter(Boolean).map(slug).join('-')}-${day}.csv`, type: csv, chunks: tagsetCsv(tagsetBatches(db, f, catalogue), catalogue, { bom: request.bom }) };
  }
  if (request.kind === 'matrix') {
    const unit = catalogue.unit(request.unitId);
    if (!unit) throw new Error('That unit is not in the catalogue any more. Choose another unit.');
    const items = await unitItems(db, request.learnerId, request.unitId, catalogue);
    return {
      filename: `evidence-matrix-${slug(await learnerName(request.learnerId))}-${slug(unit.unit.ref)}-${day}.csv`,
      type: csv,
      chunks: csvChunks(MATRIX_COLUMNS, [evidenceMatrix(unit.unit, items)], { bom: request.bom }),
    };
  }
  const data = await summaryData(db, request.learnerId);
  if (!data) throw new Error('That learner no longer exists. Choose another learner.');
  return {
    filename: `coverage-${slug(data.learner.name)}-${day}.csv`,
    type: csv,
    chunks: csvChunks(SUMMARY_COLUMNS, [coverageSummary(data.learner, data.mappings, data.signoffs, catalogue)], { bom: request.bom }),
  };
}
