/**
 * The assessor's side of internal verification: which of the IV's decisions still ask
 * something of the assessor (the latest decision on a target is a referral, or carries an
 * action not yet done), with the IV's reason, feedback, action and due date, whether it is
 * overdue, whether the evidence changed since the decision (drift), and the assessor's
 * responses so far. Plain data in, plain data out.
 */
import { criterionCode, localPartOf, unitIdOfCriterion } from '../catalogue/ids';
import type { DecisionRecord, MappingRecord, PageRecord, PassageRecord, ResponseRecord } from '../db/records';
import { evidencePlace } from '../util/page-url';
import { latestByTarget } from './decisions';
import { describeDrift, driftSince, type DriftReason } from './drift';

/** The evidence a decision on a mapping names, as it is now (absent: deleted). */
export interface EvidenceNow {
  mapping: Pick<MappingRecord, 'criterionId' | 'method' | 'note' | 'updatedAt' | 'createdBy'>;
  passage: Pick<PassageRecord, 'id' | 'quote' | 'anchor'> & Partial<Pick<PassageRecord, 'selectors'>>;
  page?: Pick<PageRecord, 'url' | 'title' | 'document'>;
}

/**
 * Why a decision on a mapping no longer holds for the evidence now; empty when it holds,
 * or when the decision is not on a mapping or kept no snapshot (older records).
 */
export function decisionDrift(d: Pick<DecisionRecord, 'target' | 'snapshot'>, now: EvidenceNow | undefined): DriftReason[] {
  if (d.target.type !== 'mapping') return [];
  if (!now) return ['mapping-deleted'];
  if (!d.snapshot) return [];
  return driftSince(d.snapshot, { mapping: now.mapping, quote: now.passage.quote, anchor: now.passage.anchor?.status });
}

/** One referral or open action, as the panel lists it. */
export interface Referral {
  decision: DecisionRecord;
  learnerId: string;
  learnerName: string;
  /** What was decided on: "CU795 1.7" for a mapping, the unit's ref for a unit. */
  target: string;
  /** For a mapping still stored: its passage and page, to go to the evidence. */
  quote: string;
  passageId: string | null;
  pageUrl: string | null;
  pageTitle: string;
  /** The action's state: none, open (due later or today), overdue, or done (waiting for the IV). */
  action: 'none' | 'open' | 'overdue' | 'done';
  /** "Changed since verified: …", or '' when the evidence is as the IV saw it. */
  drift: string;
  /** The assessor's responses to this decision, oldest first. */
  responses: ResponseRecord[];
}

/** What the list is made from. */
export interface ReferralInput {
  decisions: readonly DecisionRecord[];
  responses: readonly ResponseRecord[];
  learners: ReadonlyMap<string, { name: string }>;
  /** By mapping id. */
  evidence: ReadonlyMap<string, EvidenceNow>;
  /** Today, yyyy-mm-dd (local). */
  today: string;
}

/**
 * The decisions that still ask something of the assessor: for each target, its latest
 * decision when that refers or carries an action not yet done (a decision whose action the
 * assessor marked done stays listed, as waiting for the IV to re-check, until the IV records
 * a new decision). Overdue first, then by due date, then the newest.
 */
export function openReferrals(input: ReferralInput): Referral[] {
  const rank = { overdue: 0, open: 1, none: 2, done: 3 } as const;
  return described(input, (d, action) => d.decision === 'refer' || action === 'open' || action === 'overdue').sort(
    (a, b) =>
      rank[a.action] - rank[b.action] ||
      (a.decision.action?.due ?? '').localeCompare(b.decision.action?.due ?? '') ||
      b.decision.createdAt.localeCompare(a.decision.createdAt) ||
      a.decision.id.localeCompare(b.decision.id),
  );
}

/**
 * The latest decision on each target within one learner's unit (the unit itself, and each
 * of its mappings), agreed or referred, as the IV re-checks them: the unit first, then by
 * criterion.
 */
export function unitDecisions(input: ReferralInput, learnerId: string, unitId: string): Referral[] {
  const inUnit = (d: DecisionRecord) => {
    if (d.learnerId !== learnerId) return false;
    if (d.target.type === 'unit') return d.target.id === unitId;
    if (d.target.type !== 'mapping') return false;
    const criterionId = input.evidence.get(d.target.id)?.mapping.criterionId ?? d.snapshot?.criterionId;
    return !!criterionId && unitIdOfCriterion(criterionId) === unitId;
  };
  return described({ ...input, decisions: input.decisions.filter(inUnit) }, () => true).sort(
    (a, b) => Number(b.decision.target.type === 'unit') - Number(a.decision.target.type === 'unit') || a.target.localeCompare(b.target, 'en-GB', { numeric: true }) || a.decision.id.localeCompare(b.decision.id),
  );
}

/** The latest decision per target, those `keep` accepts, as the lists show them. */
function described(input: ReferralInput, keep: (d: DecisionRecord, action: Referral['action']) => boolean): Referral[] {
  const responses = new Map<string, ResponseRecord[]>();
  for (const r of input.responses) {
    let list = responses.get(r.decisionId);
    if (!list) responses.set(r.decisionId, (list = []));
    list.push(r);
  }
  for (const list of responses.values()) list.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  const out: Referral[] = [];
  for (const d of latestByTarget(input.decisions).values()) {
    const action = actionState(d, input.today);
    if (!keep(d, action)) continue;
    const now = d.target.type === 'mapping' ? input.evidence.get(d.target.id) : undefined;
    const criterionId = now?.mapping.criterionId ?? d.snapshot?.criterionId;
    out.push({
      decision: d,
      learnerId: d.learnerId,
      learnerName: input.learners.get(d.learnerId)?.name ?? d.learnerId,
      target: d.target.type === 'mapping' ? (criterionId ? criterionCode(criterionId) : 'a mapping') : d.target.type === 'unit' ? `unit ${localPartOf(d.target.id)}` : 'the rules of combination',
      quote: now?.passage.quote ?? d.snapshot?.quote ?? '',
      passageId: now?.passage.id ?? null,
      pageUrl: now?.page?.url ?? null,
      // A document's passage says its file and page too ("Witness statement (statement.pdf), page 2").
      pageTitle: now?.page ? evidencePlace(now.page, now.passage.selectors) : '',
      action,
      drift: describeDrift(decisionDrift(d, now)),
      responses: responses.get(d.id) ?? [],
    });
  }
  return out;
}

/** An action's state on a day (yyyy-mm-dd): due today is not yet overdue. */
export function actionState(d: Pick<DecisionRecord, 'action'>, today: string): Referral['action'] {
  if (!d.action) return 'none';
  if (d.action.done) return 'done';
  return d.action.due < today ? 'overdue' : 'open';
}
