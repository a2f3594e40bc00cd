/**
 * One sync run between a profile's Dexie database and its team's CouchDB database, through
 * a local PouchDB beside Dexie (the replication client). A run is one-shot and checkpointed,
 * so an MV3 service worker stopped half-way loses nothing and the next run resumes:
 * 1. the shared records the change log names (lib/db/change-log.ts: what this profile wrote
 *    since its last successful push) that differ from the local PouchDB's documents are
 *    written there as new revisions by this user (deletions as deleted documents); the log's
 *    entries are cleared once the push has gone through;
 * 2. the local PouchDB replicates to the server and back (PouchDB's own checkpoints, `_local`
 *    documents on both sides; `retry: false`, so a run ends when the server does not answer);
 * 3. the documents that changed in the local PouchDB since the last run (its own checkpoint,
 *    `_local/evidence-mapper-applied`) are written into Dexie through the import's merge, each
 *    conflicting revision included, so Dexie settles on the later copy, as on every machine;
 *    those writes leave nothing in the change log, so what came down never goes back up.
 * Conflicting revisions stay in PouchDB (CouchDB's `_conflicts`), never dropped: `conflicts()`
 * lists each with every version until someone resolves it.
 *
 * PouchDB is given, not imported (the background makes it with its adapter, tests with
 * PouchDB's memory adapter), so this module stays plain TypeScript.
 */
import type { EvidenceDb } from '../db/schema';
import { docId, fromDocs, parseDocId, toDocs, type DocProblem, type SyncDoc, type SyncRecords } from './docs';
import { readChangedRecords, readSyncRecords, writeSyncRecords } from './records';
import { EVERYTHING, withoutChangeLog, type ChangeLogEntry } from '../db/change-log';
import { settleActions } from '../db/sampling';

/** The PouchDB calls a run makes. */
export interface PouchDatabase {
  changes(options: Record<string, unknown>): Promise<{ results: { id: string; seq: number | string; deleted?: boolean; doc?: SyncDoc & { _conflicts?: string[] } }[]; last_seq: number | string }>;
  bulkDocs(docs: object[]): Promise<({ ok?: boolean; id?: string; error?: string | boolean; reason?: string; message?: string } )[]>;
  get(id: string, options?: Record<string, unknown>): Promise<Record<string, unknown>>;
  allDocs(options: Record<string, unknown>): Promise<{ rows: ({ id: string; value?: { rev: string; deleted?: boolean }; doc?: SyncDoc | null; error?: string; key?: string })[] }>;
  put(doc: object): Promise<unknown>;
  info(): Promise<{ update_seq: number | string }>;
  replicate: {
    to(target: unknown, options: Record<string, unknown>): PromiseLike<ReplicationResult> & { on(event: 'denied', fn: (e: { id?: string; name?: string; message?: string; reason?: string }) => void): unknown };
    from(source: unknown, options: Record<string, unknown>): PromiseLike<ReplicationResult>;
  };
}

interface ReplicationResult {
  docs_written: number;
  doc_write_failures: number;
}

/** A document the server refused, and why (its rule's message). */
export interface Refusal {
  id: string;
  reason: string;
}

/** What one run did. */
export interface SyncResult {
  /** Documents written into the local PouchDB from Dexie (this user's changes). */
  staged: number;
  /** Documents the server took from this profile. */
  pushed: number;
  /** Documents this profile took from the server. */
  pulled: number;
  /** Documents the server refused (not this user's to write). */
  refused: Refusal[];
  /** Documents that changed locally and were written into Dexie. */
  applied: number;
  /** Documents that could not be read (reported, never applied). */
  problems: DocProblem[];
  /** Ids of documents with conflicting revisions after the run. */
  conflicts: string[];
}

/** A run that could not reach or use the server: the message says what to do. */
export class SyncError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'SyncError';
  }
}

/** The server's failure, in words the user can act on. */
export function syncErrorOf(e: unknown): SyncError {
  if (e instanceof SyncError) return e;
  const err = e as { status?: number; message?: string; reason?: string; name?: string };
  const status = typeof err?.status === 'number' ? err.status : 0;
  if (status === 401) return new SyncError('The server did not accept your user name and password. Check them in Settings.', 401);
  if (status === 403) return new SyncError("Your user is not a member of this team's database (ask the server admin to give you the role assessor or iv).", 403);
  if (status === 404) return new SyncError("The team's database was not found on the server. Check its name, or ask the server admin to install it.", 404);
  const detail = err?.reason || err?.message || String(e);
  if (!status || /fetch failed|ECONNREFUSED|NetworkError|Failed to fetch/i.test(detail)) return new SyncError(`The server did not answer (${detail}). Your work is kept here and goes up at the next sync.`, 0);
  return new SyncError(`The server refused the sync: ${detail} (HTTP ${status}).`, status);
}

const APPLIED = '_local/evidence-mapper-applied';

/** JSON with keys in order, so two copies of one record compare equal whatever order they were written in. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * What a document says, for comparing: a passage's `anchor` (how it anchored when its page was
 * last open here) is this machine's view, not a change to share; an IV opening an assessor's
 * page must not write the assessor's passage.
 */
const contentOf = (d: SyncDoc) => {
  let record = d._deleted ? undefined : d.record;
  if (d.type === 'passage' && record && typeof record === 'object' && 'anchor' in record) record = { ...record, anchor: undefined };
  // An action marked done is the assessor's response (lib/db/sampling.ts closeAction), not a change to the IV's decision.
  const action = d.type === 'decision' && record && typeof record === 'object' ? (record as { action?: { done?: string } }).action : undefined;
  if (action?.done) record = { ...(record as object), action: { ...action, done: undefined } };
  return stableJson({ deleted: d._deleted === true, type: d.type, record, tombstone: d.tombstone });
};

/** Every document of the local PouchDB, deleted ones included (with their bodies). */
async function localDocs(local: PouchDatabase): Promise<Map<string, SyncDoc>> {
  const { results } = await local.changes({ since: 0, include_docs: true });
  const docs = new Map<string, SyncDoc>();
  for (const r of results) if (r.doc && parseDocId(r.id)) docs.set(r.id, r.doc);
  return docs;
}

/** The local PouchDB's documents of these ids, deleted ones included (with their bodies). */
async function localDocsOf(local: PouchDatabase, ids: string[]): Promise<Map<string, SyncDoc>> {
  const docs = new Map<string, SyncDoc>();
  if (!ids.length) return docs;
  const { rows } = await local.allDocs({ keys: ids, include_docs: true });
  for (const row of rows) {
    if (row.doc) docs.set(row.id, row.doc);
    else if (row.value?.deleted) docs.set(row.id, (await local.get(row.id, { rev: row.value.rev })) as unknown as SyncDoc);
  }
  return docs;
}

/** The local database's update sequence as a number, or null where the adapter's is not one. */
async function updateSeq(local: PouchDatabase): Promise<number | null> {
  const seq = (await local.info()).update_seq;
  return typeof seq === 'number' ? seq : null;
}

/** The change log's entries a run starts from. */
export function pendingChanges(db: EvidenceDb): Promise<ChangeLogEntry[]> {
  return db.changeLog.toArray();
}

/**
 * Writes the changes the log names (or, after an upgrade, every record) into the local
 * PouchDB as this user's revisions, those equal to the local document skipped; returns how
 * many were written.
 */
export async function stage(db: EvidenceDb, local: PouchDatabase, author: string, entries?: readonly ChangeLogEntry[], device?: string): Promise<number> {
  const log = entries ?? (await pendingChanges(db));
  if (!log.length) return 0;
  const everything = log.some((e) => e.id === EVERYTHING);
  const docs = toDocs(everything ? await readSyncRecords(db) : await readChangedRecords(db, log), author);
  const have = everything ? await localDocs(local) : await localDocsOf(local, docs.map((d) => d._id));
  const changed: SyncDoc[] = [];
  for (const doc of docs) {
    if (device) doc.device = device;
    const old = have.get(doc._id);
    if (old && contentOf(old) === contentOf(doc)) continue;
    // A document already deleted here stays as it is when Dexie only says so again.
    if (!old && doc._deleted) {
      changed.push(doc);
      continue;
    }
    changed.push(old?._rev ? { ...doc, _rev: old._rev } : doc);
  }
  if (!changed.length) return 0;
  const results = await local.bulkDocs(changed);
  const failed = results.filter((r) => r.error);
  if (failed.length) throw new SyncError(`Could not keep ${failed.length} change(s) for the sync (${failed[0].id}: ${failed[0].reason ?? failed[0].message ?? failed[0].error}).`, 0);
  return changed.length;
}

/** Clears the log's entries a run staged and pushed, unless a write came after they were read. */
export async function clearPushed(db: EvidenceDb, entries: readonly ChangeLogEntry[]): Promise<void> {
  if (!entries.length) return;
  await db.transaction('rw', db.changeLog, async () => {
    const now = await db.changeLog.bulkGet(entries.map((e) => e.id));
    const done = entries.filter((e, i) => now[i]?.stamp === e.stamp).map((e) => e.id);
    await db.changeLog.bulkDelete(done);
  });
}

/** Documents written into Dexie per transaction when a run applies what came down. */
export const APPLY_BATCH = 500;

/**
 * Writes the documents that changed in the local PouchDB since the last run into Dexie,
 * conflicting revisions included, `batch` documents per transaction, the checkpoint moved
 * after each: a first sync of a large team is many short transactions, so the background
 * answers the pages between them (and a run cut off keeps what it applied).
 */
export async function apply(db: EvidenceDb, local: PouchDatabase, batch = APPLY_BATCH): Promise<{ applied: number; problems: DocProblem[]; conflicts: string[] }> {
  let since: number | string = 0;
  let rev: string | undefined;
  try {
    const mark = await local.get(APPLIED);
    since = mark.seq as number | string;
    rev = mark._rev as string;
  } catch {
    // First run: everything is new.
  }
  let applied = 0;
  const problems: DocProblem[] = [];
  const conflicts: string[] = [];
  for (;;) {
    const changes = await local.changes({ since, include_docs: true, conflicts: true, limit: batch });
    const part = await applyChanges(db, local, changes.results);
    applied += part.applied;
    problems.push(...part.problems);
    conflicts.push(...part.conflicts.filter((id) => !conflicts.includes(id)));
    if (changes.results.length || !rev) rev = ((await local.put({ _id: APPLIED, seq: changes.last_seq, ...(rev ? { _rev: rev } : {}) })) as { rev: string }).rev;
    since = changes.last_seq;
    if (changes.results.length < batch) break;
    // Between transactions, the worker answers whatever waits (a page asking for its highlights).
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return { applied, problems, conflicts };
}

/** One batch of changes into Dexie; a page's conflict settled (returns the others). */
async function applyChanges(db: EvidenceDb, local: PouchDatabase, results: Awaited<ReturnType<PouchDatabase['changes']>>['results']): Promise<{ applied: number; problems: DocProblem[]; conflicts: string[] }> {
  const docs: SyncDoc[] = [];
  const conflicts: string[] = [];
  for (const r of results) {
    if (!r.doc || !parseDocId(r.id)) continue;
    docs.push(r.doc);
    if (r.doc._conflicts?.length) {
      conflicts.push(r.id);
      for (const other of r.doc._conflicts) docs.push((await local.get(r.id, { rev: other })) as unknown as SyncDoc);
    }
  }
  const { records, problems } = fromDocs(docs);
  records.learners.push(...(await learnersNamed(db, local, records)));
  if (docs.length)
    await withoutChangeLog(db, async () => {
      await writeSyncRecords(db, records);
      await settleActions(db, [...records.decisions.map((d) => d.id), ...records.responses.map((r) => r.decisionId)]);
    });
  // A page holds only an address (its id comes from it) and a title: two machines' copies are
  // one page, so their conflict is settled here (the winner kept, Dexie holds the later title).
  const pages = conflicts.filter((id) => parseDocId(id)?.type === 'page');
  for (const id of pages) {
    const doc = results.find((r) => r.id === id)?.doc;
    if (doc?._conflicts) await local.bulkDocs(doc._conflicts.map((other) => ({ _id: id, _rev: other, _deleted: true })));
  }
  return { applied: docs.length, problems, conflicts: conflicts.filter((id) => !pages.includes(id)) };
}

/**
 * The learners a batch's records name that neither the batch nor Dexie holds, from the local
 * PouchDB: a learner changed after her passages comes later in the changes feed than they do.
 */
async function learnersNamed(db: EvidenceDb, local: PouchDatabase, records: SyncRecords): Promise<SyncRecords['learners']> {
  const named = new Set([...records.passages, ...records.decisions, ...records.signoffs, ...records.responses].map((r) => r.learnerId));
  for (const l of records.learners) named.delete(l.id);
  if (!named.size) return [];
  const ids = [...named];
  const held = await db.learners.bulkGet(ids);
  const missing = ids.filter((_, i) => !held[i]);
  if (!missing.length) return [];
  const { rows } = await local.allDocs({ keys: missing.map((id) => docId('learner', id)), include_docs: true });
  return fromDocs(rows.flatMap((row) => (row.doc ? [row.doc] : []))).records.learners;
}

/** Ids of documents holding conflicting revisions, each with every version (the winner first). */
export async function conflicts(local: PouchDatabase): Promise<{ id: string; versions: SyncDoc[] }[]> {
  const { results } = await local.changes({ since: 0, include_docs: true, conflicts: true });
  const out: { id: string; versions: SyncDoc[] }[] = [];
  for (const r of results) {
    const others = r.doc?._conflicts;
    if (!r.doc || !others?.length || parseDocId(r.id)?.type === 'page') continue;
    const versions = [r.doc];
    for (const rev of others) versions.push((await local.get(r.id, { rev })) as unknown as SyncDoc);
    out.push({ id: r.id, versions });
  }
  return out;
}

export interface SyncOptions {
  /** The CouchDB user name: the author of this profile's documents. */
  author: string;
  /** Documents per request (PouchDB's batch_size). */
  batchSize?: number;
  /** This browser profile's id, written on its documents. */
  device?: string;
  /** Documents written into Dexie per transaction (default {@link APPLY_BATCH}). */
  applyBatch?: number;
}

/**
 * One sync run: Dexie's changes up, the team's down, into Dexie. Throws {@link SyncError}
 * when the server cannot be reached or used; what it took before is kept (checkpoints), and
 * the next run goes on from there.
 */
export async function syncOnce(db: EvidenceDb, local: PouchDatabase, remote: unknown, options: SyncOptions): Promise<SyncResult> {
  const log = await pendingChanges(db);
  const staged = await stage(db, local, options.author, log, options.device);
  const refused: Refusal[] = [];
  const batch = { retry: false, batch_size: options.batchSize ?? 100, batches_limit: 2 };
  let pushed = 0;
  let pulled = 0;
  try {
    const up = local.replicate.to(remote, batch);
    up.on('denied', (e) => refused.push({ id: e.id ?? '', reason: e.message ?? e.reason ?? 'refused' }));
    pushed = (await up).docs_written;
    // Staged and pushed (or refused, and reported): the log's entries are done with.
    await clearPushed(db, log);
    const beforePull = await updateSeq(local);
    pulled = (await local.replicate.from(remote, batch)).docs_written;
    // What came down is on the server: the next push need not offer it back (for a first
    // sync, every document). When the local database moved by exactly what was pulled, the
    // push's checkpoint is moved past it (PouchDB's `since`); otherwise the push checks all.
    const afterPull = await updateSeq(local);
    if (pulled && beforePull !== null && afterPull !== null && afterPull - beforePull === pulled) await local.replicate.to(remote, { ...batch, since: afterPull });
  } catch (e) {
    // What came down before the failure is applied, so nothing taken is left unused.
    await apply(db, local, options.applyBatch);
    throw syncErrorOf(e);
  }
  const done = await apply(db, local, options.applyBatch);
  return { staged, pushed, pulled, refused, ...done };
}
