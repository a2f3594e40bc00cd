/**
 * Tombstones: each deletion (and each Undo of one) is recorded by the id of the record it
 * names, so that a file carried to another machine can say "deleted" and not only "not
 * sent". One per record: the later event wins (a deletion, at one moment).
 */
import type { EvidenceDb } from './schema';
import type { TombstoneRecord } from './records';

/** The later of two events on one record's liveness; at one moment, the deletion. */
export function laterTombstone(a: TombstoneRecord, b: TombstoneRecord): TombstoneRecord {
  const ta = Date.parse(a.at);
  const tb = Date.parse(b.at);
  if (ta !== tb) return ta > tb ? a : b;
  if (a.deleted !== b.deleted) return a.deleted ? a : b;
  return a.by <= b.by ? a : b;
}

/** True when a record with this updatedAt is shown, given its tombstone. */
export function isAlive(record: { updatedAt: string }, tombstone: TombstoneRecord | undefined): boolean {
  if (!tombstone || !tombstone.deleted) return true;
  return Date.parse(record.updatedAt) > Date.parse(tombstone.at);
}

/**
 * Records deletions or undos, each kept only if later than the one stored. Call inside a
 * transaction that includes `db.tombstones`.
 */
export async function putTombstones(db: EvidenceDb, events: TombstoneRecord[]): Promise<TombstoneRecord[]> {
  if (events.length === 0) return [];
  const ids = [...new Set(events.map((e) => e.id))];
  const stored = new Map<string, TombstoneRecord>();
  (await db.tombstones.bulkGet(ids)).forEach((t, i) => t && stored.set(ids[i], t));
  const next = new Map(stored);
  for (const e of events) {
    const before = next.get(e.id);
    next.set(e.id, before ? laterTombstone(before, e) : e);
  }
  const put = [...next.values()].filter((t) => t !== stored.get(t.id));
  if (put.length) await db.tombstones.bulkPut(put);
  return ids.map((id) => next.get(id)!);
}
