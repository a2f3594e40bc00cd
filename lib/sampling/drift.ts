/**
 * Evidence drift: a decision holds for the evidence as it was when the IV made it. When the
 * page's words changed since (edited, or gone so the passage is an orphan), or the assessor
 * changed the mapping (criterion, method, note) or deleted it, the decision is "changed
 * since verified": shown so in the card, the panel and the exports, never kept as current.
 */
import type { Method } from '../catalogue/methods';
import type { DecisionSnapshot } from '../db/records';

/** What the IV saw when deciding, kept with the decision. */
export type VerifiedSnapshot = DecisionSnapshot;

/** The evidence now. */
export interface CurrentEvidence {
  /** The mapping, or null when it was deleted. */
  mapping: { criterionId: string; method: Method; note: string; updatedAt: string } | null;
  /**
   * The words the passage covers on the page now, when the page was anchored; undefined
   * when not known (page not open since); the stored quote is compared then.
   */
  pageText?: string;
  /** The passage's stored quote. */
  quote: string;
  /** How it anchored when its page was last open. */
  anchor?: 'exact' | 'fuzzy' | 'orphan';
}

export type DriftReason = 'mapping-deleted' | 'criterion-changed' | 'method-changed' | 'note-changed' | 'mapping-changed' | 'text-changed' | 'orphaned';

const WORDS: Record<DriftReason, string> = {
  'mapping-deleted': 'the mapping was deleted',
  'criterion-changed': 'the criterion was changed',
  'method-changed': 'the method was changed',
  'note-changed': "the assessor's note was changed",
  'mapping-changed': 'the mapping was edited',
  'text-changed': "the evidence's words changed on the page",
  orphaned: 'the evidence is no longer found on its page',
};

/** Text as compared: spacing does not make a change. */
function words(s: string): string {
  return s.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** Why a decision no longer holds for the evidence as it is now; empty when it still holds. */
export function driftSince(snapshot: VerifiedSnapshot, now: CurrentEvidence): DriftReason[] {
  const m = now.mapping;
  // Nothing else can be compared once the mapping is gone.
  if (!m) return ['mapping-deleted'];
  const out: DriftReason[] = [];
  if (m.criterionId !== snapshot.criterionId) out.push('criterion-changed');
  if (m.method !== snapshot.method) out.push('method-changed');
  if (words(m.note) !== words(snapshot.note)) out.push('note-changed');
  if (out.length === 0 && Date.parse(m.updatedAt) > Date.parse(snapshot.mappingUpdatedAt)) out.push('mapping-changed');
  if (now.anchor === 'orphan') out.push('orphaned');
  else if (words(now.pageText ?? now.quote) !== words(snapshot.quote)) out.push('text-changed');
  return out;
}

/** The reasons in one sentence: "Changed since verified: the method was changed." */
export function describeDrift(reasons: readonly DriftReason[]): string {
  if (reasons.length === 0) return '';
  const list = reasons.map((r) => WORDS[r]);
  const joined = list.length === 1 ? list[0] : `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
  return `Changed since verified: ${joined}.`;
}
