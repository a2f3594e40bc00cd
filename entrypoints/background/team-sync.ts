/**
 * Team sharing in the background: PouchDB (its `indexeddb` adapter, in this extension's own
 * origin) beside Dexie, and one-shot checkpointed sync runs (lib/sync/engine.ts), because MV3
 * stops an idle service worker after about 30 seconds and a live replication would die with
 * it. A run starts:
 * - about 2 s after the last write that left a change to share (the change log moved);
 * - when the side panel opens, and every few seconds while it is open (it asks through
 *   storage.local, lib/messaging/sync-signal.ts), and from Settings' "Sync now";
 * - on a `chrome.alarms` tick every minute (a worker stopped before its debounce fired, work
 *   made in the side panel while the worker slept, and everyone else's work coming down).
 * One run at a time; a request during a run makes one more after it. A run cut off (the
 * worker stopped, the server gone) resumes from its checkpoints at the next.
 *
 * Adapter: measured in Chromium (npm run bench -- sync-adapters, 10,000 passage documents):
 * `indexeddb` wrote them in 7.1 s and pulled them from the server into an empty database in
 * 24.1 s, `idb` 7.6 s and 28.1 s; pushing was the server's time (23-24 s either way).
 */
import PouchDB from 'pouchdb-core';
import indexeddb from 'pouchdb-adapter-indexeddb';
import http from 'pouchdb-adapter-http';
import replication from 'pouchdb-replication';
import Dexie from 'dexie';
import type { EvidenceDb } from '../../lib/db/schema';
import { everythingEntry } from '../../lib/db/change-log';
import { hash128 } from '../../lib/util/hash';
import { syncErrorOf, syncOnce, type PouchDatabase } from '../../lib/sync/engine';
import { describeDoc } from '../../lib/sync/describe';
import { conflictOf, resolveConflict } from '../../lib/sync/conflicts';
import { newId } from '../../lib/util/id';
import { readSyncSettings, readSyncState, watchResolveRequests, watchSyncRequests, writeSyncState, type ConflictView, type ResolveRequest, type TeamSyncSettings, type TeamSyncState } from '../../lib/messaging/sync-signal';

const Pouch = PouchDB.plugin(indexeddb).plugin(http).plugin(replication);

const ALARM = 'team-sync';
const DEBOUNCE_MS = 2000;

/** The local PouchDB of one server, database and user: another account never reads this one's checkpoints. */
function localPouch(s: TeamSyncSettings): PouchDatabase & { info(): Promise<{ update_seq: number | string }> } {
  return new Pouch(`em-team-${hash128(`${s.url}\u0000${s.database}\u0000${s.username}`)}`, { adapter: 'indexeddb', auto_compaction: true });
}

/** This browser profile's id, kept in the local PouchDB (it never replicates), written on its documents. */
async function deviceOf(local: PouchDatabase): Promise<string> {
  const ID = '_local/evidence-mapper-device';
  try {
    return (await local.get(ID)).device as string;
  } catch {
    const device = newId();
    await local.put({ _id: ID, device });
    return device;
  }
}

function remotePouch(s: TeamSyncSettings): unknown {
  return new Pouch(`${s.url.replace(/\/+$/, '')}/${encodeURIComponent(s.database)}`, { auth: { username: s.username, password: s.password }, skip_setup: true });
}

export function teamSync(db: EvidenceDb, ready: Promise<void>) {
  let running: Promise<void> | null = null;
  let again = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Runs and the user's conflict choices take turns: a choice written while a run is
  // replicating or applying could be overwritten by that run's older view of the state.
  let turn: Promise<unknown> = Promise.resolve();
  function inTurn<T>(work: () => Promise<T>): Promise<T> {
    const result = turn.then(work);
    turn = result.catch(() => undefined);
    return result;
  }

  async function setState(patch: Partial<TeamSyncState>): Promise<TeamSyncState> {
    const before = (await readSyncState()) ?? { status: 'off', at: '', refused: [], conflicts: [] };
    const next = { ...before, ...patch, at: new Date().toISOString() };
    await writeSyncState(next);
    return next;
  }

  /** The conflicts still open among `ids`, each with its versions, named for a person. */
  async function conflictViews(local: PouchDatabase, ids: Iterable<string>, device: string): Promise<ConflictView[]> {
    const views: ConflictView[] = [];
    for (const id of new Set(ids)) {
      const c = await conflictOf(local, id, device);
      if (c) views.push({ ...c, what: await describeDoc(db, id) });
    }
    return views;
  }

  async function resolve(request: ResolveRequest): Promise<void> {
    const settings = await readSyncSettings();
    if (!settings) return;
    const local = localPouch(settings);
    const device = await deviceOf(local);
    try {
      await resolveConflict(db, local, request.id, request.choice, { author: settings.username, device });
    } catch (e) {
      // Shown as the sync's error until the next run; the conflict stays listed to choose again.
      await setState({ status: 'error', message: `Your choice for ${await describeDoc(db, request.id)} could not be kept: ${e instanceof Error ? e.message : String(e)}` });
    }
    const before = await readSyncState();
    const views = await conflictViews(local, before?.conflicts ?? [], device);
    await setState({ conflicts: views.map((v) => v.id), conflictViews: views });
  }

  async function once(reason: string): Promise<void> {
    const settings = await readSyncSettings();
    if (!settings) {
      // Never set up: nothing is written. Turned off: the state says so once.
      const was = await readSyncState();
      if (was && was.status !== 'off') await setState({ status: 'off', message: undefined, refused: [], conflicts: [], conflictViews: [] });
      return;
    }
    await ready;
    // After a write, a run is only worth it if something is left to share.
    if (reason === 'write' && (await db.changeLog.count()) === 0) return;
    const local = localPouch(settings);
    // A new local database for this account: whatever the profile holds is compared once.
    if (Number(String((await local.info()).update_seq).split('-')[0]) === 0) await db.changeLog.put(everythingEntry());
    const device = await deviceOf(local);
    const previous = await readSyncState();
    await setState({ status: 'syncing' });
    try {
      const result = await syncOnce(db, local, remotePouch(settings), { author: settings.username, batchSize: settings.batchSize ?? 100, device });
      const refused = await Promise.all(result.refused.map(async (r) => ({ id: r.id, what: await describeDoc(db, r.id), reason: r.reason })));
      const views = await conflictViews(local, [...(previous?.conflicts ?? []), ...result.conflicts], device);
      await setState({ status: 'synced', lastSynced: new Date().toISOString(), message: undefined, refused: refused.length ? refused : result.pushed ? [] : (previous?.refused ?? []), conflicts: views.map((v) => v.id), conflictViews: views, pushed: result.pushed, pulled: result.pulled });
    } catch (e) {
      const err = syncErrorOf(e);
      await setState({ status: err.status === 0 ? 'offline' : 'error', message: err.message });
    }
  }

  /** Starts a run, or one more after the one under way. */
  function run(reason: string): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let why = reason;
      do {
        again = false;
        try {
          await inTurn(() => once(why));
        } catch (e) {
          console.error('Evidence Mapper: team sync failed', e);
        }
        why = 'again';
      } while (again);
    })().finally(() => (running = null));
    return running;
  }

  // A write anywhere in the extension (this worker, the side panel, options) moves the change log.
  Dexie.on('storagemutated', (parts: Record<string, unknown>) => {
    if (!Object.keys(parts).some((k) => k.startsWith(`idb://${db.name}/changeLog/`))) return;
    clearTimeout(timer);
    timer = setTimeout(() => void run('write'), DEBOUNCE_MS);
  });
  watchSyncRequests((reason) => void run(reason));
  // The user's choice for a conflict: kept, then sent up by a run.
  watchResolveRequests((request) => {
    void inTurn(() => resolve(request))
      .catch((e) => console.error('Evidence Mapper: keeping a conflict choice failed', e))
      .then(() => run('resolved'));
  });
  void browser.alarms.get(ALARM).then((alarm) => {
    if (!alarm) void browser.alarms.create(ALARM, { periodInMinutes: 1 });
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === ALARM) void run('alarm');
  });
  return { run };
}
