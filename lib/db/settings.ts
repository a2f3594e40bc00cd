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
  lastLearner: 'last-learner',
  /** An id given to the database when it is made: missing, it was emptied under us (lib/transfer/auto-backup). */
  generation: 'database-generation',
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
