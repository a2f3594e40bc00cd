/**
 * Every read and write of learners: create, list, choose who is being assessed (per site
 * and last chosen), rename, archive (and undo it), add a qualification, store the units
 * chosen. Each write is one small transaction, so a panel in one window and an overlay in
 * another never overwrite each other's fields.
 */
import type { EvidenceDb } from './schema';
import type { LearnerRecord } from './records';
import { SETTING, stringSetting } from './settings';
import { newId } from '../util/id';

export interface NewLearner {
  name: string;
  reference?: string;
  qualificationIds: string[];
}

/** Creates a learner on one or more qualifications. */
export async function createLearner(db: EvidenceDb, input: NewLearner, now = new Date().toISOString()): Promise<LearnerRecord> {
  const name = input.name.trim();
  if (!name) throw new Error('A learner needs a name.');
  if (input.qualificationIds.length === 0) throw new Error('Choose at least one qualification for the learner.');
  const learner: LearnerRecord = {
    id: newId(), name, reference: input.reference?.trim() || undefined, qualificationIds: [...new Set(input.qualificationIds)],
    unitChoices: {}, archived: false, createdAt: now, updatedAt: now,
  };
  await db.learners.add(learner);
  return learner;
}

/** The learners of a list not archived, by name: the one order every learner list shows. */
export function activeByName(all: readonly LearnerRecord[]): LearnerRecord[] {
  return all.filter((l) => !l.archived).sort((a, b) => a.name.localeCompare(b.name));
}

/** Learners not archived, by name. */
export async function activeLearners(db: EvidenceDb): Promise<LearnerRecord[]> {
  return activeByName(await db.learners.toArray());
}

/**
 * Makes a learner the one being assessed: remembered for the page's site when there is
 * a page, and as the last one chosen either way. An archived or deleted learner is refused.
 */
export async function chooseLearner(db: EvidenceDb, learnerId: string, pageUrl?: string | null): Promise<void> {
  await db.transaction('rw', db.learners, db.settings, async () => {
    const learner = await db.learners.get(learnerId);
    if (!learner || learner.archived) throw new Error('That learner no longer exists.');
    if (pageUrl) await db.settings.put({ key: SETTING.siteLearner(pageUrl), value: learnerId });
    await db.settings.put({ key: SETTING.lastLearner, value: learnerId });
  });
}

/**
 * The learner being assessed: the one remembered for the page's site (when there is a
 * page), else the one chosen last, else the only active one; archived learners never.
 */
export async function learnerForSite(db: EvidenceDb, url: string | null): Promise<LearnerRecord | null> {
  const keys = url ? [SETTING.siteLearner(url), SETTING.lastLearner] : [SETTING.lastLearner];
  for (const key of keys) {
    const id = await stringSetting(db, key);
    const learner = id === undefined ? undefined : await db.learners.get(id);
    if (learner && !learner.archived) return learner;
  }
  const active = await activeLearners(db);
  return active.length === 1 ? active[0] : null;
}

/** The learner chosen last, if still active (for a panel with no page beside it). */
export function lastLearner(db: EvidenceDb): Promise<LearnerRecord | null> {
  return learnerForSite(db, null);
}

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

/** What a change to one qualification's unit choices decides from the list stored now. */
export type UnitChoiceChange = { ok: true; units: readonly string[] } | { ok: false; reason: string };

/**
 * Changes the units chosen on one qualification from the list stored at the moment of the
 * write, read and written in one transaction: two quick ticks each add their unit, neither
 * overwrites the other with the list it saw before. `change` gets the stored list (possibly
 * empty) and decides; a refusal stores nothing and is returned.
 */
export async function changeUnitChoices(
  db: EvidenceDb,
  learnerId: string,
  qualificationId: string,
  change: (stored: Record<string, string[]>) => UnitChoiceChange,
  now = new Date().toISOString(),
): Promise<UnitChoiceChange> {
  return db.transaction('rw', db.learners, async () => {
    const learner = await db.learners.get(learnerId);
    if (!learner) throw new Error('That learner no longer exists.');
    if (!learner.qualificationIds.includes(qualificationId)) throw new Error('The learner is not on that qualification.');
    const result = change(learner.unitChoices);
    if (!result.ok) return result;
    await db.learners.put({ ...learner, unitChoices: { ...learner.unitChoices, [qualificationId]: [...result.units] }, updatedAt: now });
    return result;
  });
}
