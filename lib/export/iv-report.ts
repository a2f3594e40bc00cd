/**
 * The internal verifier's report, laid out as rows: one row per sample (a decision on a
 * mapping or a unit, the latest on each) and a per-assessor summary. The composing is
 * lib/sampling's (ivReport); this module only lays it out. Dates are local dd/mm/yyyy.
 */
import { localDate } from './dates';

/** The report's columns, in order. */
export const IV_REPORT_COLUMNS = [
  'Learner', 'Unit', 'Criterion', 'Criterion text', 'Evidence (quote)', 'Page', 'Assessor', 'Method', 'Date assessed',
  'Verifier', 'Stage', 'Decision', 'Date decided', 'Reason', 'Feedback', 'Action', 'Action due', 'Action state', 'State', 'Changed since verified',
] as const;

/** One sample, as lib/sampling composes it. */
export interface IvReportLine {
  learner: string;
  unit: string;
  /** '' for a decision on a whole unit. */
  criterion: string;
  criterionText: string;
  quote: string;
  page: string;
  assessor: string;
  method: string;
  /** ISO time the mapping (or the unit's sign-off) was made; '' when unknown. */
  assessedAt: string;
  verifier: string;
  stage: string;
  decision: 'agree' | 'refer';
  decidedAt: string;
  reason: string;
  feedback: string;
  action: string;
  /** yyyy-mm-dd, or ''. */
  due: string;
  actionState: 'none' | 'open' | 'overdue' | 'done';
  /** '' when the decision still holds; else the reasons in a sentence. */
  changed: string;
}

const ACTION_STATE: Record<IvReportLine['actionState'], string> = { none: '', open: 'Open', overdue: 'Overdue', done: 'Done' };

/** A yyyy-mm-dd due date as dd/mm/yyyy. */
export function dueDate(due: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(due);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : due;
}

/** The state a sample is in, in words. */
export function sampleState(line: Pick<IvReportLine, 'decision' | 'changed'>): string {
  if (line.changed) return 'Changed since verified';
  return line.decision === 'agree' ? 'Agreed' : 'Referred';
}

/** The report's rows. */
export function ivReportRows(lines: readonly IvReportLine[]): string[][] {
  return lines.map((l) => [
    l.learner, l.unit, l.criterion, l.criterionText, l.quote, l.page, l.assessor, l.method, l.assessedAt ? localDate(l.assessedAt) : '',
    l.verifier, l.stage, l.decision === 'agree' ? 'Agree' : 'Refer', l.decidedAt ? localDate(l.decidedAt) : '', l.reason, l.feedback,
    l.action, l.due ? dueDate(l.due) : '', ACTION_STATE[l.actionState], sampleState(l), l.changed ? `Yes: ${l.changed}` : 'No',
  ]);
}

/** The per-assessor summary's columns. */
export const ASSESSOR_SUMMARY_COLUMNS = ['Assessor', 'Sampled', 'Agreed', 'Referred', 'Changed since verified', 'Open actions'] as const;

/** One assessor's line of the summary. */
export interface AssessorSummaryLine {
  assessor: string;
  sampled: number;
  agreed: number;
  referred: number;
  changed: number;
  openActions: number;
}

/** The per-assessor summary's rows. */
export function assessorSummaryRows(lines: readonly AssessorSummaryLine[]): string[][] {
  return lines.map((l) => [l.assessor, String(l.sampled), String(l.agreed), String(l.referred), String(l.changed), String(l.openActions)]);
}
