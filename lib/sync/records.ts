/**
 * The shared records of a profile's database, read for replication, and documents' records
 * written back. Writing goes through the import's merge (lib/transfer/import.ts), the one
 * place that knows how a record arriving from another machine joins the ones held here: the
 * later copy wins, deletions and undos by the liveness rules, a page matched by its address,
 * all in one transaction, with a summary of what changed.
 */
import type { EvidenceDb } from '../db/schema';
import type { EvidenceSheet, SpecificationRecord, StoredPassage, TombstoneRecord } from '../db/records';
import type { ChangeLogEntry, SharedStore } from '../db/change-log';
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

const STORE_LIST = {
  learners: 'learners',
  pages: 'pages',
  decisions: 'decisions',
  signoffs: 'signoffs',
  samplingPlans: 'samplingPlans',
  responses: 'responses',
  specifications: 'specifications',
} as const satisfies Partial<Record<SharedStore, keyof SyncRecords>>;

/**
 * The shared records the change log's entries name, each with its tombstone and a tombstone
 * with its record, so each document they make is whole (as {@link readSyncRecords} makes
 * it). A sheet's entry names every passage it holds now; a passage deleted from it names
 * itself through its tombstone. Records gone since (no tombstone) are left out.
 */
export async function readChangedRecords(db: EvidenceDb, entries: readonly ChangeLogEntry[]): Promise<SyncRecords> {
  const keys = new Map<SharedStore, unknown[]>();
  for (const e of entries) if (e.store !== '*') keys.set(e.store, [...(keys.get(e.store) ?? []), e.key]);
  const tables = [db.learners, db.pages, db.sheets, db.decisions, db.signoffs, db.samplingPlans, db.responses, db.specifications, db.tombstones];
  return db.transaction('r', tables, async () => {
    const out: SyncRecords = { learners: [], pages: [], passages: [], decisions: [], signoffs: [], samplingPlans: [], responses: [], specifications: [], tombstones: [] };
    const get = async <T>(table: { bulkGet(keys: never[]): Promise<(T | undefined)[]> }, ks: unknown[]) => (ks.length ? (await table.bulkGet(ks as never[])).filter((r): r is T => !!r) : []);
    for (const [store, list] of Object.entries(STORE_LIST) as [keyof typeof STORE_LIST, keyof SyncRecords][]) {
      const found = await get<{ id: string }>(db.table(store), keys.get(store) ?? []);
      (out[list] as unknown[]).push(...(store === 'specifications' ? found.filter((s) => (s as SpecificationRecord).origin === 'imported') : found));
    }
    const passages = new Map<string, StoredPassage>();
    for (const sheet of await get<EvidenceSheet>(db.sheets, keys.get('sheets') ?? [])) for (const p of sheet.passages) passages.set(p.id, p);
    const tombstones = new Map<string, TombstoneRecord>();
    for (const t of await get<TombstoneRecord>(db.tombstones, keys.get('tombstones') ?? [])) tombstones.set(t.id, t);
    // A tombstone's record, so an undone deletion goes up with its record.
    const wanted = [...tombstones.values()].filter((t) => t.kind === 'passage' && !passages.has(t.id)).map((t) => t.id);
    if (wanted.length) for (const sheet of await db.sheets.where('passageIds').anyOf(wanted).toArray()) for (const p of sheet.passages) if (wanted.includes(p.id)) passages.set(p.id, p);
    for (const [kind, list] of [['decision', 'decisions'], ['signoff', 'signoffs']] as const) {
      const have = new Set(out[list].map((r) => r.id));
      const more = [...tombstones.values()].filter((t) => t.kind === kind && !have.has(t.id)).map((t) => t.id);
      (out[list] as unknown[]).push(...(await get(db.table(list), more)));
    }
    out.passages = [...passages.values()];
    // A record's tombstone, so a live document keeps its deletion history.
    const ids = [...out.passages, ...out.decisions, ...out.signoffs].map((r) => r.id).filter((id) => !tombstones.has(id));
    for (const t of await get<TombstoneRecord>(db.tombstones, ids)) tombstones.set(t.id, t);
    out.tombstones = [...tombstones.values()];
    return out;
  });
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
