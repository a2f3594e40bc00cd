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
  /** An id given to the database when it is made: missing, it was emptied under us (lib/transfer/auto-backup). */
  generation: 'database-generation',
  /** The learner assessed on the site of `url`. */
  siteLearner: (url: string) => `site-learner:${siteOf(url)}`,
  /** The user's initials, for claim records (IV and assessor sign there by initials). */
  userInitials: 'user-initials',
  /** What the user does: 'assessor', 'verifier' or 'both'. */
  userRole: 'user-role',
  /** IV mode on the evidence page, for a user who both assesses and verifies (true when on). */
  ivMode: 'iv-mode',
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

/** Who the user is: name (as tags and decisions record it), initials and role. */
export interface UserIdentity {
  name: string;
  initials: string;
  role: 'assessor' | 'verifier' | 'both';
}

/** The user's identity; name '' and role 'assessor' until set. */
export async function userIdentity(db: EvidenceDb): Promise<UserIdentity> {
  const [name, initials, role] = await Promise.all([stringSetting(db, SETTING.assessorName), stringSetting(db, SETTING.userInitials), stringSetting(db, SETTING.userRole)]);
  return { name: name?.trim() ?? '', initials: initials?.trim() ?? '', role: role === 'verifier' || role === 'both' ? role : 'assessor' };
}

/** Saves the user's identity (one transaction). */
export async function setUserIdentity(db: EvidenceDb, who: UserIdentity): Promise<void> {
  if (!who.name.trim()) throw new Error('Type your name: every tag, plan and decision records who made it.');
  await db.transaction('rw', db.settings, async () => {
    await db.settings.put({ key: SETTING.assessorName, value: who.name.trim() });
    await db.settings.put({ key: SETTING.userInitials, value: who.initials.trim().toUpperCase() });
    await db.settings.put({ key: SETTING.userRole, value: who.role });
  });
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

/** Whether a user who both assesses and verifies switched IV mode on (off until they do). */
export async function ivModeSwitch(db: EvidenceDb): Promise<boolean> {
  return (await db.settings.get(SETTING.ivMode))?.value === true;
}

/** Remembers the IV mode switch. */
export async function setIvModeSwitch(db: EvidenceDb, on: boolean): Promise<void> {
  await db.settings.put({ key: SETTING.ivMode, value: on });
}
