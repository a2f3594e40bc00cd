/**
 * The shared records of a profile's database, read for replication, and documents' records
 * written back. Writing goes through the import's merge (lib/transfer/import.ts), the one
 * place that knows how a record arriving from another machine joins the ones held here: the
 * later copy wins, deletions and undos by the liveness rules, a page matched by its address,
 * all in one transaction, with a summary of what changed.
 */
import type { EvidenceDb } from '../db/schema';
import type { SpecificationRecord } from '../db/records';
import { mappingsOf, passageOf, passagesOfSheets } from '../db/sheets';
import { emptyPlan, type ImportPlan } from '../export/plan';
import { applyImportPlan, type ImportSummary } from '../transfer/import';
import type { SyncRecords } from './docs';

/** Every record this profile shares with its team. */
export async function readSyncRecords(db: EvidenceDb): Promise<SyncRecords> {
  const tables = [db.learners, db.pages, db.sheets, db.decisions, db.signoffs, db.samplingPlans, db.responses, db.specifications, db.tombstones];
  return db.transaction('r', tables, async () => ({
    learners: await db.learners.toArray(),
    pages: await db.pages.toArray(),
    passages: passagesOfSheets(await db.sheets.toArray()),
    decisions: await db.decisions.toArray(),
    signoffs: await db.signoffs.toArray(),
    samplingPlans: await db.samplingPlans.toArray(),
    responses: await db.responses.toArray(),
    specifications: (await db.specifications.where('origin').equals('imported').toArray()) as SpecificationRecord[],
    tombstones: await db.tombstones.toArray(),
  }));
}

/** Records from documents, as an import plan (the import's merge writes them). */
export function syncPlan(records: SyncRecords): ImportPlan {
  return {
    ...emptyPlan('sync'),
    learners: records.learners,
    pages: records.pages,
    passages: records.passages.map(passageOf),
    mappings: records.passages.flatMap(mappingsOf),
    decisions: records.decisions,
    signoffs: records.signoffs,
    samplingPlans: records.samplingPlans,
    responses: records.responses,
    specifications: records.specifications,
    tombstones: records.tombstones,
  };
}

/** Writes records that came from the team's database into this profile's, merged as an import is. */
export function writeSyncRecords(db: EvidenceDb, records: SyncRecords): Promise<ImportSummary> {
  return applyImportPlan(db, syncPlan(records));
}
