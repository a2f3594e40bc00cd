/**
 * The assessor's side of internal verification: responses to the IV's referrals and
 * actions (a reply, or word that evidence was re-mapped or added), stored as records of
 * their own, and the reads behind the panel's list of referrals. Which decisions are still
 * open and how they read is lib/sampling/referrals.ts; this module stores and reads.
 */
import type { DecisionRecord, LearnerRecord, MappingRecord, PageRecord, PassageRecord, ResponseRecord } from './records';
import type { EvidenceDb } from './schema';
import { mappingsOf, passageOf } from './sheets';
import { sheetOfPassage } from './sheet-queries';
import { newId } from '../util/id';

/** What the assessor says back. */
export interface NewResponse {
  decisionId: string;
  kind: ResponseRecord['kind'];
  text: string;
  by: string;
}

/** The longest note kept: a response is a short message, not a document. */
export const RESPONSE_MAX = 2000;

/**
 * Records a response to a decision. Refuses an empty reply, a note past RESPONSE_MAX
 * characters, an unnamed assessor and a decision that no longer exists.
 */
export async function addResponse(db: EvidenceDb, input: NewResponse, now = new Date().toISOString()): Promise<ResponseRecord> {
  const text = input.text.trim();
  if (input.kind === 'reply' && !text) throw new Error('Type a reply first: the IV reads it when they re-check.');
  if (text.length > RESPONSE_MAX) throw new Error(`Keep it under ${RESPONSE_MAX} characters (this is ${text.length}); link to longer evidence instead.`);
  if (!input.by.trim()) throw new Error('Set your name in Settings first: every response records who made it.');
  return db.transaction('rw', db.decisions, db.responses, async () => {
    const decision = await db.decisions.get(input.decisionId);
    if (!decision) throw new Error('That decision no longer exists (it may have been deleted on another machine).');
    const record: ResponseRecord = { id: newId(), decisionId: decision.id, learnerId: decision.learnerId, by: input.by.trim(), kind: input.kind, text, createdAt: now, updatedAt: now };
    await db.responses.add(record);
    return record;
  });
}

/** The responses to these decisions, oldest first. */
export async function responsesTo(db: EvidenceDb, decisionIds: readonly string[]): Promise<ResponseRecord[]> {
  if (!decisionIds.length) return [];
  const all = await db.responses.where('decisionId').anyOf([...decisionIds]).toArray();
  return all.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/** A mapping a decision names, as it is now, with its passage and page. */
export interface DecidedEvidence {
  mapping: MappingRecord;
  passage: PassageRecord;
  page: PageRecord | undefined;
}

/** What the list of referrals is made from: decisions, their responses, learners and the evidence they name. */
export interface ReferralRecords {
  decisions: DecisionRecord[];
  responses: ResponseRecord[];
  learners: LearnerRecord[];
  /** By mapping id; a mapping deleted since is absent. */
  evidence: Map<string, DecidedEvidence>;
}

/** The decisions of one learner (or of every learner not archived, with null) and what they name. */
export async function loadReferralRecords(db: EvidenceDb, learnerId: string | null): Promise<ReferralRecords> {
  return db.transaction('r', [db.decisions, db.responses, db.learners, db.sheets, db.pages], async () => {
    const asked = learnerId === null ? await db.decisions.toArray() : await db.decisions.where('learnerId').equals(learnerId).toArray();
    const learnerIds = [...new Set(asked.map((d) => d.learnerId))];
    const learners = (await db.learners.bulkGet(learnerIds)).filter((l): l is LearnerRecord => !!l);
    // Every learner's list leaves out archived learners (their work is finished or paused); one learner's keeps all.
    const archived = new Set(learners.filter((l) => l.archived).map((l) => l.id));
    const decisions = learnerId === null ? asked.filter((d) => !archived.has(d.learnerId)) : asked;
    const responses = await responsesTo(db, decisions.map((d) => d.id));
    const evidence = new Map<string, DecidedEvidence>();
    const pages = new Map<string, PageRecord | undefined>();
    for (const d of decisions) {
      if (d.target.type !== 'mapping' || evidence.has(d.target.id)) continue;
      const found = await decidedMapping(db, d.target.id);
      if (!found) continue;
      if (!pages.has(found.passage.pageId)) pages.set(found.passage.pageId, await db.pages.get(found.passage.pageId));
      evidence.set(d.target.id, { ...found, page: pages.get(found.passage.pageId) });
    }
    return { decisions, responses, learners, evidence };
  });
}

/** A mapping as stored now, with its passage, found by id. */
export async function decidedMapping(db: EvidenceDb, mappingId: string): Promise<{ mapping: MappingRecord; passage: PassageRecord } | undefined> {
  // Mapping ids are `${passageId}|${criterionId}` (lib/db/evidence.ts mappingId); others are looked up by scan.
  const bar = mappingId.indexOf('|');
  const sheets = bar > 0 ? [await sheetOfPassage(db, mappingId.slice(0, bar))] : await db.sheets.toArray();
  for (const sheet of sheets) {
    for (const p of sheet?.passages ?? []) {
      const mapping = mappingsOf(p).find((m) => m.id === mappingId);
      if (mapping) return { mapping, passage: passageOf(p) };
    }
  }
  return undefined;
}
