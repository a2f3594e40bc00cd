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
import type { DecisionRecord, ResponseRecord, DeletedPassageRecord, EvidenceSheet, QuarantinedRecord, LearnerRecord, MappingRecord, PageRecord, PassageRecord, SamplingPlanRecord, SignoffRecord, StoredMapping, StoredPassage, TombstoneRecord } from '../db/records';
import { sheetKey, passageOf, storedPassage, toSheet } from '../db/sheets';
import { isAlive } from './liveness';
import { HANDOVER_SETTING } from './handover-record';
import type { TableCounts, ImportChanges, ImportSummary, EvidenceChanges, PassageNote, MappingNote } from './import-types';
import { keepDeleted, liveness, mergeDeleted, mergeTombstones, withdraw } from './import-deletions';

export type { TableCounts, ImportCounts, PassageNote, MappingNote, EvidenceChanges, ImportChanges, ImportSummary } from './import-types';

/** Records are written in slices so the page can paint (and progress move) between them. */
const SLICE = 5000;

async function merge<T extends { id: string; updatedAt: string }>(
  table: Table<T, string>,
  records: T[],
  policy: 'newer' | 'create-only' = 'newer',
  onSlice?: (done: number) => void,
  onPut?: (r: T) => void,
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
      onPut?.(r);
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
 * Merges a file's passages and mappings into the stored sheets, record by record, by the
 * liveness rules (lib/transfer/liveness.ts): the later copy of a passage or a mapping wins
 * (a file's copy replaces the stored one only when newer), and a record is kept only while
 * its tombstone (`tombs`: the stored and the file's, merged) does not say it was deleted at or
 * after that copy's updatedAt. So a passage deleted here does not come back from an older copy
 * in the file, and a file's deletion takes a stored passage or mapping away. Returns the sheets
 * that changed (an emptied one as a key to delete), the counts and what changed, for the summary.
 */
function mergeEvidence(
  filePassages: PassageRecord[],
  fileMappings: MappingRecord[],
  sheets: Map<string, EvidenceSheet>,
  tombs: ReadonlyMap<string, TombstoneRecord> = new Map(),
  kept: ReadonlyMap<string, StoredPassage> = new Map(),
): {
  changed: EvidenceSheet[];
  emptied: [string, string][];
  passages: TableCounts;
  mappings: TableCounts;
  changes: EvidenceChanges;
  /** Passages a file's deletion took away here, to keep for an Undo (theirs or the other machine's). */
  deletedHere: { passage: StoredPassage; at: string }[];
  lostPassage?: string;
} {
  const passages: TableCounts = { added: 0, updated: 0, unchanged: 0 };
  const mappings: TableCounts = { added: 0, updated: 0, unchanged: 0 };
  const changes: EvidenceChanges = { passagesAdded: [], passagesChanged: [], passagesDeleted: [], mappingsAdded: [], mappingsChanged: [], mappingsRemoved: [] };
  const deletedHere: { passage: StoredPassage; at: string }[] = [];
  // Where each stored passage lives, and each sheet's passages as they will be.
  const home = new Map<string, string>();
  const next = new Map<string, Map<string, StoredPassage>>();
  const keyOf = new Map<string, [string, string]>();
  for (const [key, sheet] of sheets) {
    next.set(key, new Map(sheet.passages.map((p) => [p.id, p])));
    keyOf.set(key, [sheet.learnerId, sheet.pageId]);
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
  // Passages a file's deletion names, of a passage or of one of its mappings, that are stored here.
  const named = [...tombs.values()].map((t) => (t.kind === 'passage' ? t.id : t.kind === 'mapping' ? t.passageId : undefined)).filter((id): id is string => !!id && home.has(id));
  const note = (p: PassageRecord): PassageNote => ({ id: p.id, learnerId: p.learnerId, pageId: p.pageId, quote: p.quote });
  const mappingNote = (p: PassageRecord, m: StoredMapping | MappingRecord): MappingNote => ({ ...note(p), mappingId: m.id, criterionId: m.criterionId, method: m.method });
  for (const id of new Set([...inFile.keys(), ...byPassage.keys(), ...named])) {
    const fromFile = inFile.get(id);
    const t = tombs.get(id);
    let key = home.get(id);
    const old = key === undefined ? undefined : next.get(key)!.get(id);
    let passage: PassageRecord;
    let changed = false;
    const revived = new Map<string, StoredMapping>();
    if (!old) {
      // Mappings of a passage deleted here (or in the file) go with it; any other is an error.
      if (!fromFile) {
        if (t?.deleted) continue;
        return { changed: [], emptied: [], passages, mappings, changes, deletedHere, lostPassage: id };
      }
      if (!isAlive(fromFile, t)) {
        passages.unchanged++;
        continue;
      }
      // Its deletion undone: the copy kept here when the deletion came in gives back the
      // criteria this machine had mapped (the file's copy may not have heard of them).
      const keptCopy = t && !t.deleted ? kept.get(id) : undefined;
      passage = keptCopy && !isNewer(fromFile.updatedAt, keptCopy.updatedAt) ? { ...passageOf(keptCopy), pageId: fromFile.pageId } : fromFile;
      if (keptCopy) for (const m of keptCopy.mappings) if (isAlive(m, tombs.get(m.id))) revived.set(m.id, m);
      key = sheetKey(passage.learnerId, passage.pageId);
      if (!next.has(key)) {
        next.set(key, new Map());
        keyOf.set(key, [passage.learnerId, passage.pageId]);
      }
      passages.added++;
      changes.passagesAdded.push({ ...note(passage), ...(t && !t.deleted ? { restored: true } : {}) });
      changed = true;
    } else {
      const newer = !!fromFile && isNewer(fromFile.updatedAt, old.updatedAt);
      if (!isAlive(newer ? fromFile! : old, t)) {
        next.get(key!)!.delete(id);
        dirty.add(key!);
        changes.passagesDeleted.push(note(old));
        deletedHere.push({ passage: old, at: t!.at });
        if (fromFile) passages.unchanged++;
        continue;
      }
      if (newer) {
        // It stays on the sheet it is stored on: a passage never moves between pages.
        passage = { ...fromFile!, learnerId: old.learnerId, pageId: old.pageId };
        passages.updated++;
        if (passage.quote !== old.quote || JSON.stringify(passage.selectors) !== JSON.stringify(old.selectors)) changes.passagesChanged.push(note(passage));
        changed = true;
      } else {
        passage = passageOf(old);
        if (fromFile) passages.unchanged++;
      }
    }
    const before = new Map<string, StoredMapping | MappingRecord>((old?.mappings ?? []).map((m) => [m.id, m]));
    const merged = new Map([...before, ...revived]);
    for (const m of revived.values()) {
      if (byPassage.get(id)?.some((x) => x.id === m.id)) continue;
      mappings.added++;
      changes.mappingsAdded.push(mappingNote(passage, m));
    }
    for (const m of byPassage.get(id) ?? []) {
      if (m.learnerId !== passage.learnerId) {
        throw new ImportError(`The file puts mapping "${m.id}" under learner ${m.learnerId}, but its passage belongs to learner ${passage.learnerId}; nothing was imported.`);
      }
      const had = merged.get(m.id);
      const fresh = !before.has(m.id);
      if (had && !isNewer(m.updatedAt, had.updatedAt)) {
        if (fresh) {
          mappings.added++;
          changes.mappingsAdded.push(mappingNote(passage, had));
        } else mappings.unchanged++;
        continue;
      }
      if (!isAlive(m, tombs.get(m.id))) {
        // The file's copy was deleted (here or there) after it was made: it is not added.
        mappings.unchanged++;
        continue;
      }
      if (had && !fresh) {
        mappings.updated++;
        if (had.method !== m.method || had.note !== m.note) changes.mappingsChanged.push(mappingNote(passage, m));
      } else {
        mappings.added++;
        changes.mappingsAdded.push(mappingNote(passage, m));
      }
      merged.set(m.id, m);
      changed = true;
    }
    // A stored mapping the file's deletion names is taken off (unless edited after it).
    for (const [mid, m] of merged) {
      if (isAlive(m, tombs.get(mid))) continue;
      merged.delete(mid);
      if (before.has(mid)) changes.mappingsRemoved.push(mappingNote(passage, m));
      changed = true;
    }
    if (changed) {
      next.get(key!)!.set(id, storedPassage(passage, [...merged.values()]));
      dirty.add(key!);
    }
  }
  const changed: EvidenceSheet[] = [];
  const emptied: [string, string][] = [];
  for (const key of dirty) {
    const list = [...next.get(key)!.values()];
    const [learnerId, pageId] = keyOf.get(key)!;
    if (list.length) changed.push(toSheet(learnerId, pageId, list));
    else if (sheets.has(key)) emptied.push([learnerId, pageId]);
  }
  return { changed, emptied, passages, mappings, changes, deletedHere };
}

/** Adds the records whose id is not stored; never changes one that is. */
async function addMissing<T extends { id: string }>(table: Table<T, string>, records: T[]): Promise<TableCounts> {
  const existing = records.length ? await table.bulkGet(records.map((r) => r.id)) : [];
  const put = records.filter((_, i) => !existing[i]);
  if (put.length) await table.bulkPut(put);
  return { added: put.length, updated: 0, unchanged: records.length - put.length };
}

/** Fills in the names of the learners and the titles of the pages the changes name. */
async function nameThem(db: EvidenceDb, changes: ImportChanges): Promise<void> {
  const notes = [changes.passagesAdded, changes.passagesChanged, changes.passagesDeleted, changes.mappingsAdded, changes.mappingsChanged, changes.mappingsRemoved].flat();
  const learnerIds = [...new Set([...notes, ...changes.decisions, ...changes.signoffs, ...changes.signoffsWithdrawn, ...changes.decisionsWithdrawn].map((r) => r.learnerId))];
  (await db.learners.bulkGet(learnerIds)).forEach((l, i) => (changes.learnerNames[learnerIds[i]] = l?.name ?? learnerIds[i]));
  const pageIds = [...new Set(notes.map((n) => n.pageId))];
  (await db.pages.bulkGet(pageIds)).forEach((p, i) => (changes.pageTitles[pageIds[i]] = p?.title || p?.url || ''));
}

/** Passages per write of sheets during an import. */
const SHEET_SLICE = 1000;

const passageTotal = (sheets: EvidenceSheet[]) => sheets.reduce((n, s) => n + s.passages.length, 0);

/**
 * Writes an import plan in one transaction. Throws {@link ImportError} (and writes
 * nothing) when the plan points at learners or passages that neither it nor the database
 * holds. `onStep` reports progress (0 to 1) as slices are written.
 */
export async function applyImportPlan(db: EvidenceDb, plan: ImportPlan, onStep?: (fraction: number) => void, now = new Date().toISOString()): Promise<ImportSummary> {
  const tables = [db.specifications, db.learners, db.pages, db.sheets, db.decisions, db.signoffs, db.quarantine, db.deletedPassages, db.responses, db.tombstones, db.samplingPlans, db.settings];
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
      // Copies of passages deleted here and kept a day, for those whose deletion the file undoes.
      const undone = plan.tombstones.filter((t) => t.kind === 'passage' && !t.deleted).map((t) => t.id);
      const kept = new Map((undone.length ? await db.deletedPassages.bulkGet(undone) : []).filter((d): d is DeletedPassageRecord => !!d).map((d) => [d.passageId, d.passage]));
      const tombs = await liveness(db, plan, [...kept.values()].flatMap((p) => p.mappings.map((m) => m.id)));
      const named = plan.tombstones.map((t) => (t.kind === 'passage' ? t.id : t.kind === 'mapping' ? t.passageId : undefined)).filter((id): id is string => !!id);
      const ids = [...new Set([...passages.map((p) => p.id), ...plan.mappings.map((m) => m.passageId), ...named])];
      const evidence = mergeEvidence(passages, plan.mappings, await touchedSheets(db, passages, ids), tombs, kept);
      if (evidence.lostPassage) throw new ImportError(`The file maps a passage (${evidence.lostPassage}) that is neither in it nor in your records; nothing was imported.`);

      const builtIn = new Set((await db.specifications.where('origin').equals('built-in').primaryKeys()) as string[]);
      const specs = plan.specifications.filter((s) => !builtIn.has(s.id));
      const evidenceSize = evidence.passages.added + evidence.passages.updated + evidence.mappings.added + evidence.mappings.updated;
      const total = specs.length + plan.learners.length + pages.length + evidenceSize + plan.decisions.length + plan.signoffs.length + plan.responses.length;
      let before = 0;
      const step = (n: number) => onStep?.(total ? (before + n) / total : 1);
      const run = async <T extends { id: string; updatedAt: string }>(table: Table<T, string>, records: T[], policy: 'newer' | 'create-only' = 'newer', onPut?: (r: T) => void) => {
        const counts = await merge(table, records, policy, step, onPut);
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
      if (evidence.emptied.length) await db.sheets.bulkDelete(evidence.emptied);
      await keepDeleted(db, evidence.deletedHere, kept);
      before += evidenceSize;
      summary.passages = evidence.passages;
      summary.mappings = evidence.mappings;
      const changes: ImportChanges = { ...evidence.changes, decisions: [], signoffs: [], signoffsWithdrawn: [], decisionsWithdrawn: [], learnerNames: {}, pageTitles: {} };
      // Decisions and sign-offs are records of their own: merged by id, the later copy winning,
      // and never written into a mapping. One the other machine withdrew is withdrawn here.
      const liveDecisions = plan.decisions.filter((d) => isAlive(d, tombs.get(d.id)));
      summary.decisions = await run(db.decisions as Table<DecisionRecord, string>, liveDecisions, 'newer', (d) => changes.decisions.push(d));
      summary.decisions.unchanged += plan.decisions.length - liveDecisions.length;
      changes.decisionsWithdrawn = await withdraw(db.decisions as Table<DecisionRecord, string>, plan.tombstones, 'decision', tombs);
      const liveSignoffs = plan.signoffs.filter((r) => isAlive(r, tombs.get(r.id)));
      summary.signoffs = await run(db.signoffs as Table<SignoffRecord, string>, liveSignoffs, 'newer', (r) => changes.signoffs.push(r));
      summary.signoffs.unchanged += plan.signoffs.length - liveSignoffs.length;
      changes.signoffsWithdrawn = await withdraw(db.signoffs as Table<SignoffRecord, string>, plan.tombstones, 'signoff', tombs);
      summary.samplingPlans = await run(db.samplingPlans as Table<SamplingPlanRecord, string>, plan.samplingPlans);
      summary.tombstones = await mergeTombstones(db, plan.tombstones);
      summary.responses = await run(db.responses as Table<ResponseRecord, string>, plan.responses);
      // Kept as they were: a quarantined record is only ever added, never changed.
      summary.quarantine = await addMissing(db.quarantine as Table<QuarantinedRecord, string>, plan.quarantine);
      summary.deletedPassages = await mergeDeleted(db, plan.deletedPassages);
      await nameThem(db, changes);
      summary.changes = changes;
      if (plan.handover) {
        // Remembered per sending profile, so the next pack from it can say "since your last import".
        const key = HANDOVER_SETTING(plan.handover.profileId);
        const previous = (await db.settings.get(key))?.value as { importedAt?: string } | undefined;
        await db.settings.put({ key, value: { name: plan.handover.name, label: plan.handover.label, importedAt: now } });
        summary.handover = { from: plan.handover.name, label: plan.handover.label, importedAt: now, ...(typeof previous?.importedAt === 'string' ? { previous: previous.importedAt } : {}) };
      }
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
