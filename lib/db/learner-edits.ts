/**
 * The side panel's writes about a learner: rename, archive (and undo it), add a
 * qualification, store the units chosen, choose who is being assessed, sign a unit off
 * (and withdraw it). Each is one small transaction so that a panel in one window and an
 * overlay in another never overwrite each other's fields.
 */
import type { EvidenceDb } from './schema';
import type { LearnerRecord, SignoffRecord } from './records';
import { siteOf } from './page-url';

async function update(db: EvidenceDb, learnerId: string, change: (l: LearnerRecord) => Partial<LearnerRecord>, now: string): Promise<LearnerRecord> {
  return db.transaction('rw', db.learners, async () => {
    const learner = await db.learners.get(learnerId);
    if (!learner) throw new Error('That learner no longer exists.');
    const next = { ...learner, ...change(learner), updatedAt: now };
    await db.learners.put(next);
    return next;
  });
}

/** Renames a learner (and optionally changes the reference); a blank name is refused. */
export async function renameLearner(db: EvidenceDb, learnerId: string, name: string, reference?: string, now = new Date().toISOString()): Promise<LearnerRecord> {
  const trimmed = name.trim();
  if (!trimmed) throw new Error('A learner needs a name.');
  return update(db, learnerId, (l) => ({ name: trimmed, reference: reference === undefined ? l.reference : reference.trim() || undefined }), now);
}

/** Archives a learner (hidden from lists, records kept) or brings one back (undo). */
export async function setLearnerArchived(db: EvidenceDb, learnerId: string, archived: boolean, now = new Date().toISOString()): Promise<LearnerRecord> {
  return update(db, learnerId, () => ({ archived }), now);
}

/** Adds a qualification to a learner's (kept once). */
export async function addQualification(db: EvidenceDb, learnerId: string, qualificationId: string, now = new Date().toISOString()): Promise<LearnerRecord> {
  return update(db, learnerId, (l) => ({ qualificationIds: [...new Set([...l.qualificationIds, qualificationId])] }), now);
}

/**
 * Stores the units chosen for a learner on one qualification (lib/coverage's addUnit and
 * removeUnit decide the list, refusing barred pairs); other qualifications' choices are kept.
 */
export async function setUnitChoices(db: EvidenceDb, learnerId: string, qualificationId: string, refs: readonly string[], now = new Date().toISOString()): Promise<LearnerRecord> {
  return update(db, learnerId, (l) => {
    if (!l.qualificationIds.includes(qualificationId)) throw new Error('The learner is not on that qualification.');
    return { unitChoices: { ...l.unitChoices, [qualificationId]: [...refs] } };
  }, now);
}

/**
 * Makes a learner the one being assessed: remembered for the page's site when there is
 * a page (as the overlay remembers it), and as the last one chosen either way.
 */
export async function chooseLearner(db: EvidenceDb, learnerId: string, pageUrl?: string | null): Promise<void> {
  await db.transaction('rw', db.learners, db.settings, async () => {
    const learner = await db.learners.get(learnerId);
    if (!learner || learner.archived) throw new Error('That learner no longer exists.');
    if (pageUrl) await db.settings.put({ key: `site-learner:${siteOf(pageUrl)}`, value: learnerId });
    await db.settings.put({ key: 'last-learner', value: learnerId });
  });
}

/** The learner chosen last, if still active (for a panel with no page beside it). */
export async function lastLearner(db: EvidenceDb): Promise<LearnerRecord | null> {
  const id = (await db.settings.get('last-learner'))?.value;
  const learner = typeof id === 'string' ? await db.learners.get(id) : undefined;
  if (learner && !learner.archived) return learner;
  const active = (await db.learners.toArray()).filter((l) => !l.archived);
  return active.length === 1 ? active[0] : null;
}

/** The sign-off record's id: one per learner and unit, so signing twice replaces, never duplicates. */
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
export async function withdrawSignoff(db: EvidenceDb, learnerId: string, unitId: string): Promise<number> {
  return db.signoffs.where('[learnerId+unitId]').equals([learnerId, unitId]).delete();
}
