/**
 * The coverage summary file: one row per unit of a learner, with criteria evidenced of the
 * total, whether it is achieved, and its sign-off. The counting is lib/coverage's
 * (learnerSummary); this module only lays it out. Dates are local dd/mm/yyyy (Excel reads them as dates).
 */
import { localDate } from './dates';

/** The summary columns, in order. */
export const SUMMARY_COLUMNS = [
  'Learner', 'Qualification', 'Unit', 'Unit title', 'Criteria evidenced', 'Criteria total', 'Evidenced', 'Achieved', 'Signed off by', 'Signed off on',
] as const;

/** A unit's line of the summary, as lib/coverage counts it. */
export interface SummaryLine {
  qualification: string;
  ref: string;
  /** Null when the unit is no longer in the catalogue. */
  title: string | null;
  evidenced: number;
  total: number;
  achieved: boolean;
  signoff?: { assessor: string; signedAt: string };
}

/** The summary's rows for one learner. */
export function summaryRows(learnerName: string, units: readonly SummaryLine[]): string[][] {
  return units.map((u) => [
    learnerName, u.qualification, u.ref, u.title ?? '(not in the catalogue)',
    String(u.evidenced), String(u.total), `${u.evidenced} of ${u.total}`, u.achieved ? 'Yes' : 'No',
    u.signoff?.assessor ?? '', u.signoff ? localDate(u.signoff.signedAt) : '',
  ]);
}
