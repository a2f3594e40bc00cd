/**
 * A learner's claim record, as on EDI's claim to competence form and Ascentis's summary
 * record of achievement: per unit chosen, its summative assessment date (the assessor's
 * sign-off) and the assessor's initials, and, if the internal verifier sampled the unit,
 * the IV's date and initials; then whether the rules of combination are met and who
 * confirmed it. Composed from the learner's coverage and the IV's decisions.
 */
import type { DecisionRecord } from '../db/records';
import type { LearnerCoverage } from '../coverage/learner';
import { progressLines } from '../coverage/progress';
import { latestByTarget, unitTargetKey } from './decisions';
import { initialsOf } from './people';

/** One unit's row. */
export interface ClaimRow {
  ref: string;
  title: string;
  credit: number | null;
  evidenced: string;
  achieved: boolean;
  /** The summative assessment (sign-off) date, ISO; '' when not signed off. */
  assessedOn: string;
  assessor: string;
  assessorInitials: string;
  /** The IV's latest decision on the unit, if the unit was sampled. */
  iv: { decision: 'agree' | 'refer'; on: string; verifier: string; initials: string } | null;
}

/** The whole record. */
export interface ClaimRecord {
  rows: ClaimRow[];
  rulesMet: boolean;
  rulesLines: string[];
  /** The IV's confirmation that the rules of combination were followed, if made. */
  rulesConfirmed: { on: string; verifier: string; initials: string } | null;
}

/** Composes the record of one learner on one qualification. */
export function claimRecord(coverage: LearnerCoverage, learnerId: string, decisions: readonly DecisionRecord[]): ClaimRecord {
  const latest = latestByTarget(decisions.filter((d) => d.learnerId === learnerId));
  const rows = coverage.units.map((u): ClaimRow => {
    const d = latest.get(unitTargetKey(learnerId, u.unitId));
    return {
      ref: u.ref,
      title: u.title,
      credit: u.credit,
      evidenced: `${u.evidenced} of ${u.total}`,
      achieved: u.achieved,
      assessedOn: u.signoff?.signedAt ?? '',
      assessor: u.signoff?.assessor ?? '',
      assessorInitials: u.signoff ? initialsOf(u.signoff.assessor) : '',
      iv: d ? { decision: d.decision, on: d.createdAt, verifier: d.verifier, initials: d.verifierInitials || initialsOf(d.verifier) } : null,
    };
  });
  const confirm = latest.get(`qualification\u0000${learnerId}\u0000${coverage.qualificationId}`);
  return {
    rows,
    rulesMet: coverage.progress.achieved.met,
    rulesLines: progressLines(coverage.progress.achieved),
    rulesConfirmed: confirm && confirm.decision === 'agree' ? { on: confirm.createdAt, verifier: confirm.verifier, initials: confirm.verifierInitials || initialsOf(confirm.verifier) } : null,
  };
}
