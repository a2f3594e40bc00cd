/**
 * An import plan: the records a file holds, validated and converted to our records but
 * not yet written. lib/transfer/import.ts writes a plan in one transaction; keeping the two
 * apart means a bad file is rejected before the database is touched.
 */
import type {
  DecisionRecord,
  LearnerRecord,
  MappingRecord,
  PageRecord,
  PassageRecord,
  SignoffRecord,
  SpecificationRecord,
  DeletedPassageRecord,
  QuarantinedRecord,
  ResponseRecord,
  SamplingPlanRecord,
  TombstoneRecord,
} from '../db/records';
import type { HandoverHeader } from './handover-format';

/** What a file held, ready to write. */
export interface ImportPlan {
  /** Which reader made it (`sync`: documents pulled from the team's database): shown to the user. */
  format: 'backup' | 'hypothesis' | 'csv' | 'sync';
  specifications: SpecificationRecord[];
  learners: LearnerRecord[];
  /**
   * 'newer': an existing learner is replaced when the file's copy is newer (backups).
   * 'create-only': learners are only added when missing, never changed (a CSV carries a
   * learner's name but not the rest of the record).
   */
  learnerPolicy: 'newer' | 'create-only';
  pages: PageRecord[];
  passages: PassageRecord[];
  mappings: MappingRecord[];
  decisions: DecisionRecord[];
  signoffs: SignoffRecord[];
  /** Quarantined records (backups only): added when missing, never changed. */
  quarantine: QuarantinedRecord[];
  /** Passages deleted in the last day (backups only), so Undo works after a restore. */
  deletedPassages: DeletedPassageRecord[];
  /** The assessor's responses to IV decisions (backups only). */
  responses: ResponseRecord[];
  /** Deletions and their undoing (backups only), applied by the liveness rules (lib/transfer/liveness.ts). */
  tombstones: TombstoneRecord[];
  /** The IV's sampling plans (backups only). */
  samplingPlans: SamplingPlanRecord[];
  /** Who made a hand-over pack, for which learners (packs only). */
  handover?: HandoverHeader;
  /** Things skipped on the way, for the user (e.g. Hypothesis page notes with no quote). */
  warnings: string[];
}

/** True when `a` is a later time than `b` (ISO strings compared as times, not text). */
export function isNewer(a: string, b: string): boolean {
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  return Number.isNaN(ta) || Number.isNaN(tb) ? a > b : ta > tb;
}

/** An empty plan of a format. */
export function emptyPlan(format: ImportPlan['format'], learnerPolicy: ImportPlan['learnerPolicy'] = 'newer'): ImportPlan {
  return {
    format,
    specifications: [],
    learners: [],
    learnerPolicy,
    pages: [],
    passages: [],
    mappings: [],
    decisions: [],
    signoffs: [],
    quarantine: [],
    deletedPassages: [],
    responses: [],
    tombstones: [],
    samplingPlans: [],
    warnings: [],
  };
}
