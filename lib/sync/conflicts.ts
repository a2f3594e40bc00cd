/**
 * Conflicts: one document changed on two machines before either had the other's change.
 * CouchDB keeps both versions (`_conflicts`) and picks a winner by revision alone; Evidence
 * Mapper never lets that pick stand unseen. Each conflict is listed with its versions (which
 * is this profile's, who wrote it, when) until the user keeps one or merges them; the choice
 * is written as a new revision on the winning branch, every other version deleted, so it
 * replicates and the conflict ends on every machine.
 */
import type { EvidenceDb } from '../db/schema';
import type { StoredMapping, StoredPassage, TombstoneRecord } from '../db/records';
import { toSheet } from '../db/sheets';
import { withoutChangeLog } from '../db/change-log';
import { docId, fromDocs, parseDocId, type SyncDoc } from './docs';
import { writeSyncRecords } from './records';
import type { PouchDatabase } from './engine';

/** One version of a conflicting document. */
export interface ConflictVersion {
  rev: string;
  /** Written by this browser profile. */
  mine: boolean;
  author: string;
  deleted: boolean;
  record?: unknown;
}

/** A conflicting document with every version, the winner first. */
export interface Conflict {
  id: string;
  type: string;
  versions: ConflictVersion[];
}

/** The versions of a document, or null when it is no longer in conflict. */
export async function conflictOf(local: PouchDatabase, id: string, device: string): Promise<Conflict | null> {
  const doc = (await local.get(id, { conflicts: true }).catch(() => null)) as (SyncDoc & { _rev: string }) | null;
  if (!doc?._conflicts?.length) return null;
  const others = await Promise.all(doc._conflicts.map((rev) => local.get(id, { rev }) as unknown as Promise<SyncDoc & { _rev: string }>));
  const version = (d: SyncDoc & { _rev: string }): ConflictVersion => ({ rev: d._rev, mine: d.device === device, author: d.author, deleted: d._deleted === true, record: d.record });
  return { id, type: parseDocId(id)?.type ?? '', versions: [doc, ...others].map(version) };
}

const later = <T extends { updatedAt: string }>(a: T, b: T) => (a.updatedAt >= b.updatedAt ? a : b);

/** Two versions of a passage as one: every criterion either mapped (the later mapping where both did), the later words and selectors. */
export function mergePassages(a: StoredPassage, b: StoredPassage, now: string): StoredPassage {
  const mappings = new Map<string, StoredMapping>();
  for (const m of [...a.mappings, ...b.mappings]) {
    const had = mappings.get(m.criterionId);
    mappings.set(m.criterionId, had ? later(had, m) : m);
  }
  return { ...later(a, b), mappings: [...mappings.values()].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0)), updatedAt: now };
}

/**
 * The criteria a passage's other versions mapped and the kept one does not, taken off as an
 * assessor takes one off (a deleted `mapping:` document with its tombstone, dated now): a
 * third machine that merged both versions before the choice then drops them too, instead of
 * keeping a criterion nobody chose.
 */
async function droppedMappings(local: PouchDatabase, versions: StoredPassage[], kept: StoredPassage | undefined, author: string, now: string): Promise<{ docs: SyncDoc[]; tombstones: TombstoneRecord[] }> {
  const keep = new Set((kept?.mappings ?? []).map((m) => m.id));
  const gone = new Map<string, TombstoneRecord>();
  for (const v of versions) for (const m of v.mappings) if (!keep.has(m.id)) gone.set(m.id, { id: m.id, kind: 'mapping', learnerId: v.learnerId, passageId: v.id, deleted: true, at: now, by: author });
  const tombstones = [...gone.values()];
  if (!tombstones.length) return { docs: [], tombstones };
  const ids = tombstones.map((t) => docId('mapping', t.id));
  const { rows } = await local.allDocs({ keys: ids });
  const docs = tombstones.map((t, i): SyncDoc => ({ _id: ids[i], ...(rows[i]?.value?.rev ? { _rev: rows[i].value!.rev } : {}), _deleted: true, type: 'mapping', author, tombstone: t }));
  return { docs, tombstones };
}

/** What the user chose: a version (by revision), or, for a passage, the merge of all. */
export type Resolution = { keep: string } | { merge: true };

/**
 * Ends a conflict: the chosen record becomes a new revision on the winning branch (by this
 * user, this profile), every other version is deleted, and the record is written into Dexie
 * as it is (not through the import's "later copy wins", which would keep a newer loser).
 */
export async function resolveConflict(db: EvidenceDb, local: PouchDatabase, id: string, choice: Resolution, who: { author: string; device: string }, now = new Date().toISOString()): Promise<SyncDoc | null> {
  const conflict = await conflictOf(local, id, who.device);
  if (!conflict) return null;
  const live = conflict.versions.filter((v) => !v.deleted && v.record);
  let record: unknown;
  if ('merge' in choice) {
    if (conflict.type !== 'passage' || !live.length) throw new Error('Only two versions of a passage can be merged: keep one of them.');
    record = live.map((v) => v.record as StoredPassage).reduce((a, b) => mergePassages(a, b, now));
  } else {
    const kept = conflict.versions.find((v) => v.rev === choice.keep);
    if (!kept) throw new Error('That version is no longer there: sync again and choose.');
    record = kept.record ? { ...(kept.record as object), updatedAt: now } : undefined;
  }
  // Every machine writes what arrives through the import's merge, the later copy winning (a
  // passage's mappings one by one): the choice is dated now, so it wins everywhere.
  if (record && conflict.type === 'passage') {
    const p = record as StoredPassage;
    record = { ...p, updatedAt: now, mappings: p.mappings.map((m) => ({ ...m, updatedAt: now })) };
  }
  const winner = (await local.get(id)) as unknown as SyncDoc & { _rev: string };
  const doc: SyncDoc = { _id: id, _rev: winner._rev, type: conflict.type as SyncDoc['type'], author: who.author, device: who.device, ...(record ? { record } : { _deleted: true as const }), ...(winner.tombstone ? { tombstone: winner.tombstone } : {}) };
  const losers = conflict.versions.slice(1).map((v) => ({ _id: id, _rev: v.rev, _deleted: true }));
  const dropped = conflict.type === 'passage' && record ? await droppedMappings(local, live.map((v) => v.record as StoredPassage), record as StoredPassage | undefined, who.author, now) : { docs: [], tombstones: [] };
  const results = await local.bulkDocs([doc, ...losers, ...dropped.docs]);
  const failed = results.find((r) => r.error);
  if (failed) throw new Error(`The choice could not be kept (${failed.reason ?? failed.message ?? failed.error}).`);
  if (record) {
    if (conflict.type === 'passage') {
      const p = record as StoredPassage;
      await withoutChangeLog(db, async () => {
        const sheet = await db.sheets.where('passageIds').equals(p.id).first();
        const others = (sheet?.passages ?? []).filter((x) => x.id !== p.id);
        if (sheet && (sheet.learnerId !== p.learnerId || sheet.pageId !== p.pageId)) await db.sheets.put(toSheet(sheet.learnerId, sheet.pageId, others));
        const target = await db.sheets.get([p.learnerId, p.pageId]);
        await db.sheets.put(toSheet(p.learnerId, p.pageId, [...(target?.passages ?? []).filter((x) => x.id !== p.id), p]));
        if (dropped.tombstones.length) await db.tombstones.bulkPut(dropped.tombstones);
      });
    } else await withoutChangeLog(db, () => writeSyncRecords(db, fromDocs([doc]).records));
  }
  return doc;
}
