/**
 * The hand-over pack: what an assessor gives the IV, and the IV gives back. It is a backup
 * (lib/export/backup.ts) holding only some learners: their records, the pages their passages
 * are on, their passages and mappings, IV decisions, the assessor's responses to them,
 * sign-offs and deletions (tombstones),
 * and for a pack made from a sampling plan the plan itself; with a header naming the profile
 * that made it. Importing one is an ordinary import, so the liveness rules decide what wins
 * (lib/transfer/liveness.ts): the same file works both ways and importing it twice changes
 * nothing.
 */
import type { BackupSource } from '../export/backup';
import type { EvidenceDb } from '../db/schema';
import type { PageRecord, SamplingPlanRecord } from '../db/records';
import { learnerSheets } from '../db/sheet-queries';
import { mappingsOf, passageOf, passagesOfSheets } from '../db/sheets';
import { SETTING, stringSetting } from '../db/settings';
import { newId } from '../util/id';
import { PROFILE_ID_SETTING } from './handover-record';

/** This profile's id (made the first time it is asked for), written into its packs. */
export async function profileId(db: EvidenceDb): Promise<string> {
  return db.transaction('rw', db.settings, async () => {
    const had = await stringSetting(db, PROFILE_ID_SETTING);
    if (had) return had;
    const id = newId();
    await db.settings.put({ key: PROFILE_ID_SETTING, value: id });
    return id;
  });
}

/** Which learners a pack is for: chosen by hand, or a sampling plan's. */
export type HandoverChoice = { learnerIds: string[] } | { planId: string };

/** A pack's records, read in one transaction, and a name for its file. */
export async function handoverSource(db: EvidenceDb, choice: HandoverChoice): Promise<{ source: BackupSource; label: string }> {
  const me = await profileId(db);
  const name = (await stringSetting(db, SETTING.assessorName))?.trim() ?? '';
  const tables = [db.specifications, db.learners, db.pages, db.sheets, db.decisions, db.responses, db.signoffs, db.tombstones, db.samplingPlans];
  return db.transaction('r', tables, async () => {
    let plan: SamplingPlanRecord | undefined;
    let ids: string[];
    if ('planId' in choice) {
      plan = await db.samplingPlans.get(choice.planId);
      if (!plan) throw new Error('That sampling plan no longer exists. Choose another plan.');
      ids = [...new Set(plan.cells.map((c) => c.learnerId))];
      if (!ids.length) throw new Error(`The plan "${plan.title}" has no learners yet: add cells to it first, or choose learners instead.`);
    } else {
      ids = [...new Set(choice.learnerIds)];
      if (!ids.length) throw new Error('Choose at least one learner.');
    }
    const learners = (await db.learners.bulkGet(ids)).filter((l) => !!l);
    if (!learners.length) throw new Error('Those learners no longer exist. Choose others.');
    const kept = learners.map((l) => l.id);
    const sheets = (await Promise.all(kept.map((id) => learnerSheets(db, id)))).flat();
    const pageIds = [...new Set(sheets.map((s) => s.pageId))];
    const pages = (await db.pages.bulkGet(pageIds)).filter((p): p is PageRecord => !!p);
    const [decisions, responses, signoffs, tombstones] = await Promise.all([
      db.decisions.where('learnerId').anyOf(kept).toArray(),
      db.responses.where('learnerId').anyOf(kept).toArray(),
      db.signoffs.filter((s) => kept.includes(s.learnerId)).toArray(),
      db.tombstones.where('learnerId').anyOf(kept).toArray(),
    ]);
    const specifications = await db.specifications.where('origin').equals('imported').toArray();
    const label = plan ? `Plan: ${plan.title}` : learners.map((l) => l.name).join(', ');
    const passages = passagesOfSheets(sheets).map((s) => ({ passage: passageOf(s), mappings: mappingsOf(s) }));
    const source: BackupSource = {
      specifications, learners, pages, decisions, responses, signoffs, tombstones,
      samplingPlans: plan ? [plan] : [],
      handover: { profileId: me, name, learnerIds: kept, ...(plan ? { planId: plan.id } : {}), label },
      passages: [passages],
    };
    return { source, label };
  });
}
