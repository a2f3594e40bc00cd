/**
 * What the background does for the IV's card on the evidence page: who the user is and the
 * latest decisions on the page's mappings; a decision on a mapping (refused, with the
 * reason, when the user may not verify it); the IV mode switch.
 */
import type { Handlers } from '../../lib/messaging/server';
import type { EvidenceDb } from '../../lib/db/schema';
import type { DecisionRecord } from '../../lib/db/records';
import type { DecisionView, IvInfo } from '../../lib/messaging/protocol';
import { ivModeSwitch, setIvModeSwitch, userIdentity } from '../../lib/db/settings';
import { decisionsOnMappings, learnerAssessors } from '../../lib/db/verify';
import { findMapping, recordDecision } from '../../lib/db/sampling';
import { latestByTarget } from '../../lib/sampling/decisions';
import { canVerifyMapping, initialsOf } from '../../lib/sampling/people';
import { ivModeOn } from '../../lib/sampling/evidence-state';

type SamplingHandlers = Pick<Handlers, 'sampling/for-page' | 'sampling/decide' | 'sampling/iv-mode'>;

/** A stored decision on a mapping as the card shows it. */
export function toDecisionView(d: DecisionRecord): DecisionView {
  return {
    id: d.id, mappingId: d.target.id, decision: d.decision, reason: d.reason, verifier: d.verifier, createdAt: d.createdAt,
    ...(d.verifierInitials ? { verifierInitials: d.verifierInitials } : {}),
    ...(d.feedback ? { feedback: d.feedback } : {}),
    ...(d.action ? { action: { ...d.action } } : {}),
    ...(d.snapshot ? { snapshot: { ...d.snapshot } } : {}),
  };
}

/** The handlers; `write` says what was not saved when the disk refuses a write. */
export function createSamplingHandlers(db: EvidenceDb, write: <T>(what: () => string, run: () => Promise<T>) => Promise<T>): SamplingHandlers {
  async function who() {
    const [me, on] = await Promise.all([userIdentity(db), ivModeSwitch(db)]);
    return { ...me, ivMode: ivModeOn(me.role, on) };
  }
  return {
    'sampling/for-page': async ({ learnerId, mappingIds }): Promise<IvInfo> => {
      const [me, assessors, decisions] = await Promise.all([who(), learnerAssessors(db, learnerId), decisionsOnMappings(db, learnerId, mappingIds)]);
      const latest: Record<string, DecisionView> = {};
      for (const d of latestByTarget(decisions).values()) latest[d.target.id] = toDecisionView(d);
      return { ...me, assessors, decisions: latest };
    },
    'sampling/decide': (p) => write(() => `your decision (${p.decision === 'agree' ? 'agree' : 'refer'})`, async () => {
      const me = await who();
      if (!me.ivMode) throw new Error('Only an internal verifier decides on mappings: set your role to internal verifier (or both, with IV mode on) on the options page\'s Sampling tab.');
      const mapping = await findMapping(db, p.mappingId);
      if (!mapping || mapping.learnerId !== p.learnerId) throw new Error('That mapping no longer exists (the assessor may have removed it).');
      const may = canVerifyMapping(me.name, mapping.createdBy, await learnerAssessors(db, p.learnerId));
      if (!may.ok) throw new Error(may.reason);
      const record = await recordDecision(db, {
        learnerId: p.learnerId, target: { type: 'mapping', id: p.mappingId }, decision: p.decision, reason: p.reason,
        feedback: p.feedback, action: p.action, verifier: me.name, verifierInitials: me.initials || initialsOf(me.name),
        pageText: p.pageText,
      });
      return { decision: toDecisionView(record) };
    }),
    'sampling/iv-mode': ({ on }) => write(() => 'the IV mode switch', async () => {
      const me = await userIdentity(db);
      if (me.role === 'assessor') throw new Error('IV mode is for internal verifiers: say you verify (internal verifier, or both) on the options page\'s Sampling tab.');
      if (me.role === 'verifier') return { ivMode: true };
      await setIvModeSwitch(db, on);
      return { ivMode: on };
    }),
  };
}
