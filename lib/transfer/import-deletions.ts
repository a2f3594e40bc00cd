/**
 * An import's deletions: the tombstones that rule it (lib/transfer/liveness.ts), records a
 * file's deletion withdraws here, and the passages kept so an Undo from either machine
 * gives back what this one had mapped.
 */
import type { Table } from 'dexie';
import { isNewer, type ImportPlan } from '../export/plan';
import type { EvidenceDb } from '../db/schema';
import type { DeletedPassageRecord, PageRecord, StoredPassage, TombstoneRecord } from '../db/records';
import { isAlive, laterTombstone } from './liveness';
import type { TableCounts } from './import-types';

/**
 * Puts back passages deleted in the last day, so Undo can restore them exactly: one is
 * added when missing, or replaced by a later deletion of it; a passage that is stored (not
 * deleted) is left alone.
 */
export async function mergeDeleted(db: EvidenceDb, records: DeletedPassageRecord[]): Promise<TableCounts> {
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

/**
 * The tombstones that rule an import: the stored ones of every record the file names, each
 * merged with the file's (the later event wins). Read all at once when there are few.
 */
export async function liveness(db: EvidenceDb, plan: ImportPlan, alsoIds: string[] = []): Promise<Map<string, TombstoneRecord>> {
  const tombs = new Map<string, TombstoneRecord>();
  const stored = await db.tombstones.count();
  if (stored) {
    const ids = [...new Set([...[...plan.passages, ...plan.mappings, ...plan.decisions, ...plan.signoffs, ...plan.tombstones].map((r) => r.id), ...alsoIds])];
    const found = stored <= ids.length ? await db.tombstones.toArray() : (await db.tombstones.bulkGet(ids)).filter((t): t is TombstoneRecord => !!t);
    for (const t of found) tombs.set(t.id, t);
  }
  for (const t of plan.tombstones) {
    const had = tombs.get(t.id);
    tombs.set(t.id, had ? laterTombstone(had, t) : t);
  }
  return tombs;
}

/**
 * Keeps the passages a file's deletion took away in `deletedPassages` (as a deletion made
 * here is kept), so that an Undo of that deletion, arriving later from either machine, gives
 * back every criterion this machine had mapped. A restored one's kept copy is dropped.
 */
export async function keepDeleted(db: EvidenceDb, deleted: { passage: StoredPassage; at: string }[], restored: ReadonlyMap<string, StoredPassage>): Promise<void> {
  const back = [...restored.keys()];
  if (back.length) {
    const live = new Set((await db.sheets.where('passageIds').anyOf(back).distinct().toArray()).flatMap((s) => s.passageIds));
    const gone = back.filter((id) => live.has(id));
    if (gone.length) await db.deletedPassages.bulkDelete(gone);
  }
  if (!deleted.length) return;
  const pages = await db.pages.bulkGet([...new Set(deleted.map((d) => d.passage.pageId))]);
  const byId = new Map(pages.filter((p): p is PageRecord => !!p).map((p) => [p.id, p]));
  await db.deletedPassages.bulkPut(
    deleted.map(({ passage, at }) => ({
      passageId: passage.id, learnerId: passage.learnerId, pageId: passage.pageId,
      url: byId.get(passage.pageId)?.url ?? '', title: byId.get(passage.pageId)?.title ?? '', passage, deletedAt: at,
    })),
  );
}

/** Stores a file's tombstones, each only when later than the one kept. */
export async function mergeTombstones(db: EvidenceDb, records: TombstoneRecord[]): Promise<TableCounts> {
  const counts: TableCounts = { added: 0, updated: 0, unchanged: 0 };
  if (!records.length) return counts;
  const existing = await db.tombstones.bulkGet(records.map((t) => t.id));
  const put: TombstoneRecord[] = [];
  records.forEach((t, i) => {
    const old = existing[i];
    if (!old) counts.added++;
    else if (laterTombstone(old, t) !== old && JSON.stringify(old) !== JSON.stringify(t)) counts.updated++;
    else return void counts.unchanged++;
    put.push(t);
  });
  if (put.length) await db.tombstones.bulkPut(put);
  return counts;
}

/** Deletes the stored records of a kind that the file's deletions name and rule dead; returns them. */
export async function withdraw<T extends { id: string; updatedAt: string }>(table: Table<T, string>, fileTombs: TombstoneRecord[], kind: TombstoneRecord['kind'], tombs: ReadonlyMap<string, TombstoneRecord>): Promise<T[]> {
  const ids = fileTombs.filter((t) => t.kind === kind && t.deleted).map((t) => t.id);
  if (!ids.length) return [];
  const dead = (await table.bulkGet(ids)).filter((r): r is T => !!r && !isAlive(r, tombs.get(r.id)));
  if (dead.length) await table.bulkDelete(dead.map((r) => r.id));
  return dead;
}
