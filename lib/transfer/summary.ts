/**
 * A learner's coverage summary as file rows: lib/coverage counts, lib/export lays out.
 */
import type { LearnerRecord, MappingRecord, SignoffRecord } from '../db/records';
import type { CatalogueIndex } from '../catalogue/lookup';
import { learnerSummary } from '../coverage/summary';
import { summaryRows } from '../export/summary';

/** One row per unit: the learner's units per qualification (mandatory and chosen) first, then other units with evidence. */
export function coverageSummary(
  learner: LearnerRecord,
  mappings: readonly MappingRecord[],
  signoffs: readonly SignoffRecord[],
  catalogue: CatalogueIndex,
): string[][] {
  return summaryRows(learner.name, learnerSummary(learner, mappings, signoffs, catalogue));
}
