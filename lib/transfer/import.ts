/**
 * Writes an import into the database. Imports arrive as a validated plan (see
 * lib/export) and are written in ONE transaction: records are matched by id (pages also
 * by URL, which is unique; mappings inside their passages), added when missing and
 * replaced only when the file's copy is newer, so importing a file twice changes nothing
 * the second time.
 */
import type { Table } from 'dexie';
import { isNewer, type ImportPlan } from '../export/plan';
import { ImportError } from '../export/errors';
import type { EvidenceDb } from '../db/schema';
import type { DecisionRecord, ResponseRecord, DeletedPassageRecord, EvidenceSheet, QuarantinedRecord, LearnerRecord, MappingRecord, PageRecord, PassageRecord, SignoffRecord, StoredMapping, StoredPassage } from '../db/records';
import { sheetKey, passageOf, storedPassage, toSheet } from '../db/sheets';

/** How many records of one kind an import added, replaced with a newer copy, or left alone. */
export interface TableCounts {
  added: number;
  updated: number;
  unchanged: number;
}

/** What an import did, per kind of record. */
export type ImportSummary = Record<'specifications' | 'learners' | 'pages' | 'passages' | 'mappings' | 'decisions' | 'signoffs' | 'quarantine' | 'deletedPassages' | 'responses', TableCounts>;


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
 * The stored sheets an import touches: those of the file's learner-and-page pairs, and
 * those holding the passages it names (its own, and those its mappings point at). A fresh
 * import reads almost nothing: the sheets' keys are one read, and only stored ones are got.
 */
async function touchedSheets(db: EvidenceDb, passages: PassageRecord[], passageIds: string[]): Promise<Map<string, EvidenceSheet>> {
  const sheets = new Map<string, EvidenceSheet>();
  const stored = new Set(((await db.sheets.toCollection().primaryKeys()) as [string, string][]).map(([l, p]) => sheetKey(l, p)));
  const keys = new Map<string, [string, string]>();
  for (const p of passages) if (stored.has(sheetKey(p.learnerId, p.pageId))) keys.set(sheetKey(p.learnerId, p.pageId), [p.learnerId, p.pageId]);
  for (const sheet of await db.sheets.bulkGet([...keys.values()])) if (sheet) sheets.set(sheetKey(sheet.learnerId, sheet.pageId), sheet);
  // A passage stored on another sheet than the file says (a page matched by address) is found by its id.
  const inSheets = new Set([...sheets.values()].flatMap((s) => s.passageIds));
  const elsewhere = stored.size ? passageIds.filter((id) => !inSheets.has(id)) : [];
  if (elsewhere.length) {
    for (const sheet of await db.sheets.where('passageIds').anyOf(elsewhere).distinct().toArray()) sheets.set(sheetKey(sheet.learnerId, sheet.pageId), sheet);
  }
  return sheets;
}

/**
 * Merges a file's passages and mappings into the stored sheets, record by record: a
 * passage or a mapping is added when missing and replaced only when the file's copy is
 * newer. Returns the sheets that changed and the counts.
 */
function mergeEvidence(
  filePassages: PassageRecord[],
  fileMappings: MappingRecord[],
  sheets: Map<string, EvidenceSheet>,
): { changed: EvidenceSheet[]; passages: TableCounts; mappings: TableCounts; lostPassage?: string } {
  const passages: TableCounts = { added: 0, updated: 0, unchanged: 0 };
  const mappings: TableCounts = { added: 0, updated: 0, unchanged: 0 };
  // Where each stored passage lives, and each sheet's passages as they will be.
  const home = new Map<string, string>();
  const next = new Map<string, Map<string, StoredPassage>>();
  for (const [key, sheet] of sheets) {
    next.set(key, new Map(sheet.passages.map((p) => [p.id, p])));
    for (const id of sheet.passageIds) home.set(id, key);
  }
  const dirty = new Set<string>();
  const byPassage = new Map<string, MappingRecord[]>();
  for (const m of fileMappings) {
    let list = byPassage.get(m.passageId);
    if (!list) byPassage.set(m.passageId, (list = []));
    list.push(m);
  }
  const inFile = new Map(filePassages.map((p) => [p.id, p]));
  for (const id of new Set([...inFile.keys(), ...byPassage.keys()])) {
    const fromFile = inFile.get(id);
    let key = home.get(id);
    const old = key === undefined ? undefined : next.get(key)!.get(id);
    let passage: PassageRecord;
    let changed = false;
    if (!old) {
      if (!fromFile) return { changed: [], passages, mappings, lostPassage: id };
      passage = fromFile;
      key = sheetKey(passage.learnerId, passage.pageId);
      if (!next.has(key)) next.set(key, new Map());
      passages.added++;
      changed = true;
    } else if (fromFile && isNewer(fromFile.updatedAt, old.updatedAt)) {
      // It stays on the sheet it is stored on: a passage never moves between pages.
      passage = { ...fromFile, learnerId: old.learnerId, pageId: old.pageId };
      passages.updated++;
      changed = true;
    } else {
      passage = passageOf(old);
      if (fromFile) passages.unchanged++;
    }
    const merged = new Map<string, StoredMapping | MappingRecord>((old?.mappings ?? []).map((m) => [m.id, m]));
    for (const m of byPassage.get(id) ?? []) {
      if (m.learnerId !== passage.learnerId) {
        throw new ImportError(`The file puts mapping "${m.id}" under learner ${m.learnerId}, but its passage belongs to learner ${passage.learnerId}; nothing was imported.`);
      }
      const before = merged.get(m.id);
      if (!before) mappings.added++;
      else if (isNewer(m.updatedAt, before.updatedAt)) mappings.updated++;
      else {
        mappings.unchanged++;
        continue;
      }
      merged.set(m.id, m);
      changed = true;
    }
    if (changed) {
      next.get(key!)!.set(id, storedPassage(passage, [...merged.values()]));
      dirty.add(key!);
    }
  }
  const changed = [...dirty].map((key) => {
    const list = [...next.get(key)!.values()];
    return toSheet(list[0].learnerId, list[0].pageId, list);
  });
  return { changed, passages, mappings };
}

/** Adds the records whose id is not stored; never changes one that is. */
async function addMissing<T extends { id: string }>(table: Table<T, string>, records: T[]): Promise<TableCounts> {
  const existing = records.length ? await table.bulkGet(records.map((r) => r.id)) : [];
  const put = records.filter((_, i) => !existing[i]);
  if (put.length) await table.bulkPut(put);
  return { added: put.length, updated: 0, unchanged: records.length - put.length };
}

/**
 * Puts back passages deleted in the last day, so Undo can restore them exactly: one is
 * added when missing, or replaced by a later deletion of it; a passage that is stored (not
 * deleted) is left alone.
 */
async function mergeDeleted(db: EvidenceDb, records: DeletedPassageRecord[]): Promise<TableCounts> {
  const counts: TableCounts = { added: 0, updated: 0, unchanged: 0 };
  if (!records.length) return counts;
  const existing = await db.deletedPassages.bulkGet(records.map((r) => r.passageId));
  const wanted = new Set(records.map((r) => r.passageId));
  const sheets = await db.sheets.where('passageIds').anyOf([...wanted]).distinct().toArray();
  const live = new Set(sheets.flatMap((s) => s.passageIds).filter((id) => wanted.has(id)));
  const put: DeletedPassageRecord[] = [];
  records.forEach((r, i) => {
    const old = existing[i];
    if (live.has(r.passageId)) return void counts.unchanged++;
    if (!old) counts.added++;
    else if (isNewer(r.deletedAt, old.deletedAt)) counts.updated++;
    else return void counts.unchanged++;
    put.push(r);
  });
  if (put.length) await db.deletedPassages.bulkPut(put);
  return counts;
}

/** Passages per write of sheets during an import. */
const SHEET_SLICE = 1000;

const passageTotal = (sheets: EvidenceSheet[]) => sheets.reduce((n, s) => n + s.passages.length, 0);

/**
 * Writes an import plan in one transaction. Throws {@link ImportError} (and writes
 * nothing) when the plan points at learners or passages that neither it nor the database
 * holds. `onStep` reports progress (0 to 1) as slices are written.
 */
export async function applyImportPlan(db: EvidenceDb, plan: ImportPlan, onStep?: (fraction: number) => void): Promise<ImportSummary> {
  const tables = [db.specifications, db.learners, db.pages, db.sheets, db.decisions, db.signoffs, db.quarantine, db.deletedPassages, db.responses];
  try {
    return await db.transaction('rw', tables, async () => {
      const learnerIds = new Set(plan.learners.map((l) => l.id));
      const wanted = [...new Set([...plan.passages, ...plan.mappings, ...plan.decisions, ...plan.signoffs, ...plan.responses].map((r) => r.learnerId))].filter((id) => !learnerIds.has(id));
      const found = await db.learners.bulkGet(wanted);
      const lost = wanted.find((_, i) => !found[i]);
      if (lost) throw new ImportError(`The file refers to a learner (${lost}) who is neither in it nor in your records; nothing was imported.`);

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
      const ids = [...new Set([...passages.map((p) => p.id), ...plan.mappings.map((m) => m.passageId)])];
      const evidence = mergeEvidence(passages, plan.mappings, await touchedSheets(db, passages, ids));
      if (evidence.lostPassage) throw new ImportError(`The file maps a passage (${evidence.lostPassage}) that is neither in it nor in your records; nothing was imported.`);

      const builtIn = new Set((await db.specifications.where('origin').equals('built-in').primaryKeys()) as string[]);
      const specs = plan.specifications.filter((s) => !builtIn.has(s.id));
      const evidenceSize = evidence.passages.added + evidence.passages.updated + evidence.mappings.added + evidence.mappings.updated;
      const total = specs.length + plan.learners.length + pages.length + evidenceSize + plan.decisions.length + plan.signoffs.length + plan.responses.length;
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
      // Sheets vary in size: slices are cut by the passages they hold, and kept small because
      // each put is copied on the page's thread (a transaction cannot yield to the page).
      const toWrite = Math.max(1, passageTotal(evidence.changed));
      let slice: EvidenceSheet[] = [];
      let held = 0;
      let written = 0;
      for (let i = 0; i < evidence.changed.length; i++) {
        slice.push(evidence.changed[i]);
        held += evidence.changed[i].passages.length;
        if (held >= SHEET_SLICE || i === evidence.changed.length - 1) {
          await db.sheets.bulkPut(slice);
          written += held;
          step(Math.min(evidenceSize, (written / toWrite) * evidenceSize));
          slice = [];
          held = 0;
        }
      }
      before += evidenceSize;
      summary.passages = evidence.passages;
      summary.mappings = evidence.mappings;
      summary.decisions = await run(db.decisions as Table<DecisionRecord, string>, plan.decisions);
      summary.signoffs = await run(db.signoffs as Table<SignoffRecord, string>, plan.signoffs);
      summary.responses = await run(db.responses as Table<ResponseRecord, string>, plan.responses);
      // Kept as they were: a quarantined record is only ever added, never changed.
      summary.quarantine = await addMissing(db.quarantine as Table<QuarantinedRecord, string>, plan.quarantine);
      summary.deletedPassages = await mergeDeleted(db, plan.deletedPassages);
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
