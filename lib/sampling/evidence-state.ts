/**
 * What the evidence page shows an internal verifier: whether IV mode is on for the user's
 * role, each mapping's sampling state (not sampled, agreed, referred, changed since
 * verified) from its latest decision and the drift since, a highlight's state from its
 * mappings', and whether an action is overdue. Pure: the overlay and the card pass plain data.
 */
import type { Role } from './people';
import type { DriftReason } from './drift';

/** IV mode: always for a verifier, never for an assessor, the user's own switch for both. */
export function ivModeOn(role: Role, switchedOn: boolean): boolean {
  return role === 'verifier' || (role === 'both' && switchedOn);
}

/** A mapping's state as the IV sees it on the page. */
export type SamplingState = 'not-sampled' | 'agreed' | 'referred' | 'changed';

/** The words for each state, as the card and the highlight's label say them. */
export const STATE_WORDS: Record<SamplingState, string> = {
  'not-sampled': 'Not sampled',
  agreed: 'Agreed',
  referred: 'Referred',
  changed: 'Changed since verified',
};

/**
 * A mapping's state: not sampled without a decision; "changed since verified" whenever the
 * evidence drifted since its latest decision (never shown as plainly agreed or referred);
 * else the decision.
 */
export function samplingState(decision: { decision: 'agree' | 'refer' } | null | undefined, drift: readonly DriftReason[]): SamplingState {
  if (!decision) return 'not-sampled';
  if (drift.length) return 'changed';
  return decision.decision === 'agree' ? 'agreed' : 'referred';
}

/** Which state a highlight shows when its mappings differ: the one that most needs the IV. */
const URGENCY: SamplingState[] = ['changed', 'referred', 'not-sampled', 'agreed'];

/** A highlight's state from its mappings' states; null when it has none. */
export function passageState(states: readonly SamplingState[]): SamplingState | null {
  for (const s of URGENCY) if (states.includes(s)) return s;
  return null;
}

/** Where an action stands on `today` (yyyy-mm-dd, the user's local date): done, due, or overdue. */
export function actionStatus(action: { due: string; done?: string }, today: string): 'done' | 'due' | 'overdue' {
  if (action.done) return 'done';
  return action.due < today ? 'overdue' : 'due';
}

/** A date as yyyy-mm-dd in the local time zone (what a date input shows and gives). */
export function localDate(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** What the decision form was given. */
export interface DecisionDraft {
  decision: 'agree' | 'refer';
  reason: string;
  feedback: string;
  actionText: string;
  due: string;
}

/** The form's first problem, in words, with the field to fix; null when it can be sent. */
export function draftProblem(d: DecisionDraft): { field: 'reason' | 'action' | 'due'; message: string } | null {
  if (d.decision === 'refer' && !d.reason.trim()) return { field: 'reason', message: 'Give a reason to refer: the assessor needs to know what to put right.' };
  if (d.actionText.trim() && !/^\d{4}-\d{2}-\d{2}$/.test(d.due)) return { field: 'due', message: 'Give the action a due date.' };
  if (!d.actionText.trim() && d.due) return { field: 'action', message: 'Say what the action is, or clear its due date.' };
  return null;
}
