/**
 * Unit sign-offs: an assessor's signature that a learner has achieved a unit. One record
 * per learner and unit, so signing twice replaces, never duplicates.
 */
import type { EvidenceDb } from './schema';
import type { SignoffRecord } from './records';
import { putTombstones } from './tombstones';

/** The sign-off record's id: one per learner and unit. */
export function signoffId(learnerId: string, unitId: string): string {
  return `${learnerId}|${unitId}`;
}

/** Records the assessor's sign-off of a unit for a learner, by name and date. */
export async function signOffUnit(db: EvidenceDb, learnerId: string, unitId: string, assessor: string, now = new Date().toISOString()): Promise<SignoffRecord> {
  const name = assessor.trim();
  if (!name) throw new Error('Set your name (Settings) before signing a unit off.');
  const record: SignoffRecord = { id: signoffId(learnerId, unitId), learnerId, unitId, assessor: name, signedAt: now, updatedAt: now };
  await db.transaction('rw', db.learners, db.signoffs, async () => {
    if (!(await db.learners.get(learnerId))) throw new Error('That learner no longer exists.');
    await db.signoffs.put(record);
  });
  return record;
}

/** Withdraws a unit's sign-off (every record of it, including ones an import brought). */
export async function withdrawSignoff(db: EvidenceDb, learnerId: string, unitId: string, who = '', now = new Date().toISOString()): Promise<number> {
  return db.transaction('rw', db.signoffs, db.tombstones, async () => {
    const ids = (await db.signoffs.where('[learnerId+unitId]').equals([learnerId, unitId]).primaryKeys()) as string[];
    await db.signoffs.bulkDelete(ids);
    // The withdrawal travels, so another machine's copy of the sign-off does not bring it back.
    await putTombstones(db, ids.map((id) => ({ id, kind: 'signoff' as const, learnerId, deleted: true, at: now, by: who })));
    return ids.length;
  });
}
