/**
 * Documents named for a person: a refusal or a conflict says which passage, decision or
 * learner it is about (the passage's words, the learner's name), not an id.
 */
import type { EvidenceDb } from '../db/schema';
import { parseDocId } from './docs';

const short = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}…` : text);

/** What a document is, e.g. passage "wired the board" (Jo Bloggs). */
export async function describeDoc(db: EvidenceDb, id: string): Promise<string> {
  const parsed = parseDocId(id);
  if (!parsed) return id;
  const { type, recordId } = parsed;
  const learnerName = async (learnerId: string | undefined) => (learnerId ? (await db.learners.get(learnerId))?.name : undefined);
  switch (type) {
    case 'passage': {
      const sheet = await db.sheets.where('passageIds').equals(recordId).first();
      const p = sheet?.passages.find((x) => x.id === recordId);
      if (!p) return `a deleted passage (${recordId})`;
      const who = await learnerName(p.learnerId);
      return `passage "${short(p.quote)}"${who ? ` (${who})` : ''}`;
    }
    case 'decision': {
      const d = await db.decisions.get(recordId);
      const who = await learnerName(d?.learnerId);
      return d ? `${d.decision === 'refer' ? 'referral' : 'decision'} by ${d.verifier || 'an IV'}${who ? ` for ${who}` : ''}` : `a decision (${recordId})`;
    }
    case 'signoff': {
      const s = await db.signoffs.get(recordId);
      const who = await learnerName(s?.learnerId);
      return s ? `sign-off of ${s.unitId}${who ? ` for ${who}` : ''}` : `a sign-off (${recordId})`;
    }
    case 'learner':
      return `learner ${(await learnerName(recordId)) ?? recordId}`;
    case 'page': {
      const page = await db.pages.get(recordId);
      return page ? `page ${page.title || page.url}` : `a page (${recordId})`;
    }
    case 'response':
      return 'a response to a decision';
    case 'plan':
      return `sampling plan ${(await db.samplingPlans.get(recordId))?.title ?? recordId}`;
    case 'spec':
      return `specification ${(await db.specifications.get(recordId))?.title ?? recordId}`;
    case 'mapping':
      return `a criterion taken off a passage (${recordId})`;
  }
}
