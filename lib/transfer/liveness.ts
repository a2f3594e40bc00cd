/**
 * Deletions that travel. When records move between machines by file (the assessor's pack
 * to the IV and the IV's decisions back) a record missing from a file says nothing: it may
 * be deleted, or never sent. So a deletion is a record of its own, a tombstone, kept and
 * exchanged like the rest; and an Undo is one too (a deletion undone), so that neither a
 * deleted highlight comes back from the other machine's older copy, nor an undone one is
 * deleted again by the tombstone the other machine still holds.
 *
 * The rules, as last-writer-wins registers (the way replicated stores settle this):
 * - a record's content: the copy with the later updatedAt wins (ties: the larger JSON, so
 *   every machine picks the same);
 * - a record's liveness: the later of its deletion and undo events wins (ties: deleted);
 * - a record is shown unless its liveness says deleted at or after its content's updatedAt
 *   (an edit made after a deletion, on a machine that had not heard of it, keeps it).
 * Merging is then commutative, associative and idempotent: the order files arrive in, and
 * importing one twice, change nothing (lib/transfer/liveness.test.ts checks it on random
 * histories of two machines).
 */
import type { Timestamp, TombstoneRecord } from '../db/records';
import { isAlive, laterTombstone } from '../db/tombstones';

/** A deletion of a record (deleted: true), or its undoing (deleted: false). */
export type Tombstone = TombstoneRecord;
export type TombstoneKind = TombstoneRecord['kind'];
export { laterTombstone, isAlive };

/** Which of two copies of one record's content wins: the later updatedAt; ties by content. */
export function laterCopy<T extends { updatedAt: Timestamp }>(a: T, b: T): T {
  const ta = Date.parse(a.updatedAt);
  const tb = Date.parse(b.updatedAt);
  if (ta !== tb) return ta > tb ? a : b;
  return JSON.stringify(a) >= JSON.stringify(b) ? a : b;
}

/** One machine's copy: records by id, and tombstones by the id they name. */
export interface Replica<T extends { id: string; updatedAt: Timestamp }> {
  records: ReadonlyMap<string, T>;
  tombstones: ReadonlyMap<string, Tombstone>;
}

/** Merges another machine's copy into this one's (neither is changed). */
export function mergeReplicas<T extends { id: string; updatedAt: Timestamp }>(mine: Replica<T>, theirs: Replica<T>): Replica<T> {
  const records = new Map(mine.records);
  for (const [id, r] of theirs.records) {
    const had = records.get(id);
    records.set(id, had ? laterCopy(had, r) : r);
  }
  const tombstones = new Map(mine.tombstones);
  for (const [id, t] of theirs.tombstones) {
    const had = tombstones.get(id);
    tombstones.set(id, had ? laterTombstone(had, t) : t);
  }
  return { records, tombstones };
}

/** The records a copy shows. */
export function visible<T extends { id: string; updatedAt: Timestamp }>(replica: Replica<T>): T[] {
  return [...replica.records.values()].filter((r) => isAlive(r, replica.tombstones.get(r.id)));
}
