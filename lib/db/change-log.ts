/**
 * The change log: which shared records changed since they last went to the team's server,
 * so a sync run reads and compares only those, not every record (lib/sync/engine.ts stage).
 *
 * A Dexie middleware writes it: every write to a shared store (sheets, learners, pages,
 * decisions, sign-offs, sampling plans, responses, imported specifications, tombstones), from
 * any extension context (background, side panel, options), adds or refreshes one entry per
 * record key in the same transaction, so a change is never written without its entry. The
 * records a sync run takes from the server are written in a transaction marked quiet
 * (`withoutChangeLog`), so what came down is not sent back up as this user's change.
 */
import Dexie, { type DBCore, type DBCoreMutateRequest, type DBCoreTransaction, type Middleware } from 'dexie';

/** The stores whose records travel to the team (lib/sync/docs.ts). */
export const SHARED_STORES = ['sheets', 'learners', 'pages', 'decisions', 'signoffs', 'samplingPlans', 'responses', 'specifications', 'tombstones'] as const;
export type SharedStore = (typeof SHARED_STORES)[number];

/** The log's store. */
export const CHANGE_LOG = 'changeLog';

/** The id of the entry that says "compare everything" (a store cleared, a database older than the log). */
export const EVERYTHING = '*';

/** One changed record (or, with id {@link EVERYTHING}, all of them). */
export interface ChangeLogEntry {
  /** `${store}/${JSON of its key}`, or `*`. */
  id: string;
  store: SharedStore | '*';
  /** The record's primary key (a sheet's is [learnerId, pageId]). */
  key: unknown;
  /** Changes with each write: an entry is cleared only if no write came after it was read. */
  stamp: string;
}

const SHARED = new Set<string>(SHARED_STORES);
const quiet = new WeakSet<object>();
let counter = 0;
const stamp = () => `${Date.now().toString(36)}.${(++counter).toString(36)}.${Math.random().toString(36).slice(2, 8)}`;

/** The entry for one record. */
export function entryFor(store: SharedStore, key: unknown): ChangeLogEntry {
  return { id: `${store}/${JSON.stringify(key)}`, store, key, stamp: stamp() };
}

/** The entry that makes the next run compare every record. */
export function everythingEntry(): ChangeLogEntry {
  return { id: EVERYTHING, store: '*', key: null, stamp: stamp() };
}

function keysOf(core: DBCore, table: string, req: DBCoreMutateRequest): unknown[] | null {
  switch (req.type) {
    case 'add':
    case 'put': {
      const extract = core.table(table).schema.primaryKey.extractKey;
      return req.values.map((v, i) => req.keys?.[i] ?? extract?.(v));
    }
    case 'delete':
      return req.keys;
    case 'deleteRange':
      return null;
  }
}

/** The middleware (createDb installs it from the version that has the log). */
export const changeLogMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'EvidenceMapperChangeLog',
  create: (down) => ({
    ...down,
    transaction(stores, mode, options) {
      // A write to a shared store writes the log too, in the same transaction.
      const withLog = mode === 'readwrite' && stores.some((s) => SHARED.has(s)) && !stores.includes(CHANGE_LOG) ? [...stores, CHANGE_LOG] : stores;
      return down.transaction(withLog, mode, options);
    },
    table(name) {
      const table = down.table(name);
      if (!SHARED.has(name)) return table;
      return {
        ...table,
        async mutate(req) {
          const res = await table.mutate(req);
          const trans = req.trans as DBCoreTransaction & { mode?: string };
          // Upgrades write no entries (the version that adds the log marks everything once).
          if (quiet.has(trans) || trans.mode === 'versionchange') return res;
          const keys = keysOf(down, name, req);
          // Entries for the records written, not for those the write failed on.
          const entries = keys === null ? [everythingEntry()] : keys.filter((k, i) => k !== undefined && !res.failures?.[i]).map((k) => entryFor(name as SharedStore, k));
          if (!entries.length) return res;
          const logged = down.table(CHANGE_LOG).mutate({ trans: req.trans, type: 'put', values: entries });
          // A failed write (a full disk) ends the transaction: its own error, not the log's
          // "transaction has finished", is what the caller must see and tell the user.
          if (res.numFailures) await logged.catch(() => undefined);
          else await logged;
          return res;
        },
      };
    },
  }),
};

/**
 * Runs `fn` in one read-write transaction over every store whose writes leave no entries in
 * the log: for records that came from the server, which must not go back up as this user's.
 * Transactions `fn` opens on the same database join this one.
 */
export function withoutChangeLog<T>(db: Dexie, fn: () => Promise<T>): Promise<T> {
  return db.transaction('rw', db.tables, async () => {
    const trans = Dexie.currentTransaction as unknown as { idbtrans: object };
    quiet.add(trans.idbtrans);
    return fn();
  });
}
