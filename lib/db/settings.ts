/**
 * The small settings kept in the `settings` store, with their keys in one place: the
 * assessor's name recorded on tags, the learner chosen last, and the learner remembered
 * for each site.
 */
import type { EvidenceDb } from './schema';
import { siteOf } from '../util/page-url';

/** The settings' keys. */
export const SETTING = {
  assessorName: 'assessor-name',
  /** Set once the overlay asked for the assessor's name at a first tag (answered or skipped). */
  assessorNameAsked: 'assessor-name-asked',
  lastLearner: 'last-learner',
  /** The learner assessed on the site of `url`. */
  siteLearner: (url: string) => `site-learner:${siteOf(url)}`,
} as const;

/** A string setting, if set. */
export async function stringSetting(db: EvidenceDb, key: string): Promise<string | undefined> {
  const value = (await db.settings.get(key))?.value;
  return typeof value === 'string' ? value : undefined;
}

/** The assessor's name recorded on tags (set in the side panel; "Assessor" until then). */
export async function assessorName(db: EvidenceDb): Promise<string> {
  const v = await stringSetting(db, SETTING.assessorName);
  return v?.trim() ? v.trim() : 'Assessor';
}

/** Sets the assessor's name. */
export async function setAssessorName(db: EvidenceDb, name: string): Promise<void> {
  await db.settings.put({ key: SETTING.assessorName, value: name.trim() });
}

/** True until the assessor's name is set (here or in Settings) or they skipped the question once. */
export async function shouldAskAssessorName(db: EvidenceDb): Promise<boolean> {
  if ((await stringSetting(db, SETTING.assessorName))?.trim()) return false;
  return (await db.settings.get(SETTING.assessorNameAsked))?.value !== true;
}

/** The answer to the first tag's question: a name (saved as the Settings name) or none (skipped); never asked again. */
export async function answerAssessorName(db: EvidenceDb, name: string | undefined): Promise<string> {
  await db.transaction('rw', db.settings, async () => {
    if (name?.trim()) await setAssessorName(db, name);
    await db.settings.put({ key: SETTING.assessorNameAsked, value: true });
  });
  return assessorName(db);
}
