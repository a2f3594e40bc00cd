/**
 * Learners and the small settings around them: which learner is being assessed on
 * which site, and the assessor's name recorded on every tag.
 */
import type { EvidenceDb } from './schema';
import type { LearnerRecord } from './records';
import { siteOf } from './page-url';

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
    id: crypto.randomUUID(), name, reference: input.reference?.trim() || undefined, qualificationIds: [...new Set(input.qualificationIds)],
    unitChoices: {}, archived: false, createdAt: now, updatedAt: now,
  };
  await db.learners.add(learner);
  return learner;
}

/** Learners not archived, by name. */
export async function activeLearners(db: EvidenceDb): Promise<LearnerRecord[]> {
  const all = await db.learners.toArray();
  return all.filter((l) => !l.archived).sort((a, b) => a.name.localeCompare(b.name));
}

const siteKey = (url: string) => `site-learner:${siteOf(url)}`;

/** Remembers which learner is assessed on a site. */
export async function chooseLearnerForSite(db: EvidenceDb, url: string, learnerId: string): Promise<void> {
  await db.transaction('rw', db.learners, db.settings, async () => {
    if (!(await db.learners.get(learnerId))) throw new Error('That learner no longer exists.');
    await db.settings.put({ key: siteKey(url), value: learnerId });
    await db.settings.put({ key: 'last-learner', value: learnerId });
  });
}

/** The learner remembered for a site; else the one chosen last; else the only one. */
export async function learnerForSite(db: EvidenceDb, url: string): Promise<LearnerRecord | null> {
  for (const key of [siteKey(url), 'last-learner']) {
    const id = (await db.settings.get(key))?.value;
    if (typeof id === 'string') {
      const l = await db.learners.get(id);
      if (l && !l.archived) return l;
    }
  }
  const active = await activeLearners(db);
  return active.length === 1 ? active[0] : null;
}

/** The assessor's name recorded on tags (set in the side panel; "Assessor" until then). */
export async function assessorName(db: EvidenceDb): Promise<string> {
  const v = (await db.settings.get('assessor-name'))?.value;
  return typeof v === 'string' && v.trim() ? v.trim() : 'Assessor';
}

/** Sets the assessor's name. */
export async function setAssessorName(db: EvidenceDb, name: string): Promise<void> {
  await db.settings.put({ key: 'assessor-name', value: name.trim() });
}
