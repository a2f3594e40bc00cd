/**
 * The parts of the backup format that make it a hand-over pack: deletions (tombstones)
 * that travel, the IV's sampling plans, and a header saying who made the file, from which
 * profile, for which learners. All three are optional sections of backup format 1, so a
 * reader that predates them ignores them, and a full backup carries the first two too.
 * Kept apart from backup.ts so that the format's other additions merge without touching
 * these lines.
 */
import { z } from 'zod';
import type { SamplingPlanRecord, TombstoneRecord } from '../db/records';
import { timestamp } from './schemas';

/** Who made a hand-over pack, from which profile, and what it holds. */
export interface HandoverHeader {
  /** A random id of the profile (database) that wrote the file: imports are remembered by it. */
  profileId: string;
  /** The user's name as Settings had it ('' when unset). */
  name: string;
  /** The learners the pack is for. */
  learnerIds: string[];
  /** The sampling plan it was made from, if any. */
  planId?: string;
  /** What the user chose, in words (e.g. "Jordan Ellis" or "Plan: spring sample"). */
  label: string;
}

const id = z.string().min(1, { message: 'an id cannot be empty' });

export const tombstoneSchema = z.object({
  id,
  kind: z.enum(['passage', 'mapping', 'decision', 'signoff']),
  learnerId: id,
  passageId: z.string().min(1).optional(),
  deleted: z.boolean(),
  at: timestamp,
  by: z.string(),
});

const ruleSchema = z.object({
  stage: z.enum(['interim', 'summative']),
  everyAssessor: z.boolean(),
  perAssessor: z.number().int().nonnegative(),
  everyMethod: z.boolean(),
  everyUnit: z.boolean(),
  extra: z.record(z.string(), z.number()),
});

export const samplingPlanSchema = z.object({
  id,
  qualificationId: id,
  title: z.string(),
  verifier: z.string(),
  rule: ruleSchema.nullable(),
  cells: z.array(
    z.object({ learnerId: id, unitId: id, stage: z.enum(['interim', 'summative']), reasons: z.array(z.string()), addedAt: timestamp }),
  ),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export const handoverSchema = z.object({
  profileId: id,
  name: z.string(),
  learnerIds: z.array(id),
  planId: z.string().min(1).optional(),
  label: z.string(),
});

/** The optional hand-over sections of a backup's head, as written. */
export interface HandoverSections {
  handover?: HandoverHeader;
  tombstones?: TombstoneRecord[];
  samplingPlans?: SamplingPlanRecord[];
}

/** The sections' schemas, to extend the backup's head schema with. */
export const handoverSectionsSchema = {
  handover: handoverSchema.optional(),
  tombstones: z.array(tombstoneSchema).optional(),
  samplingPlans: z.array(samplingPlanSchema).optional(),
};
