/**
 * Team sharing's settings, state and requests, kept in the extension's `storage.local`: the
 * side panel's Settings writes the server, user and password there and asks for a run; the
 * background (which owns the sync, lib/sync) hears it, even when the browser had stopped it,
 * and writes how the last run went, which the panel shows. The password lives only here,
 * never in the database, so no export or backup file carries it.
 */
import { browser } from 'wxt/browser';

/** The `storage.local` keys. */
export const SYNC_KEYS = { settings: 'teamSyncSettings', state: 'teamSyncState', request: 'teamSyncRequest', resolve: 'teamSyncResolve' } as const;

/** Where the team's database is and who this user is on it. */
export interface TeamSyncSettings {
  /** The server's address, e.g. http://127.0.0.1:5984 (no database, no credentials). */
  url: string;
  /** The team's database on it (one per centre team). */
  database: string;
  username: string;
  password: string;
  /** Documents per request (default 100); not in the form: for tests that cut a run off mid-way. */
  batchSize?: number;
}

/** A document the server refused, named for a person. */
export interface RefusedChange {
  id: string;
  /** What it is, e.g. passage "she wired the board". */
  what: string;
  /** The server's rule, as it said it. */
  reason: string;
}

/** One version of a record changed on two machines, as the conflicts list shows it. */
export interface ConflictVersionView {
  rev: string;
  /** Written by this browser profile. */
  mine: boolean;
  author: string;
  deleted: boolean;
  /** The record as that version has it (plain data; shown as text, never as HTML). */
  record?: unknown;
}

/** A record with conflicting versions. */
export interface ConflictView {
  id: string;
  type: string;
  /** What it is, e.g. passage "she wired the board" (Jo Bloggs). */
  what: string;
  versions: ConflictVersionView[];
}

/** The user's choice for a conflict: keep one version, or (a passage) merge them. */
export interface ResolveRequest {
  id: string;
  choice: { keep: string } | { merge: true };
  at: string;
}

/** How team sharing stands, as the last run left it. */
export interface TeamSyncState {
  status: 'off' | 'syncing' | 'synced' | 'offline' | 'error';
  /** When a run last went through. */
  lastSynced?: string;
  /** When the state was written. */
  at: string;
  /** What went wrong, in words the user can act on (offline and error). */
  message?: string;
  /** Changes the server refused in the last run that had any. */
  refused: RefusedChange[];
  /** Ids of documents with conflicting versions. */
  conflicts: string[];
  /** Those conflicts with their versions. */
  conflictViews?: ConflictView[];
  /** What the last run moved. */
  pushed?: number;
  pulled?: number;
}

/** The settings, or null when sharing is not set up. */
export async function readSyncSettings(): Promise<TeamSyncSettings | null> {
  const got = (await browser.storage.local.get(SYNC_KEYS.settings))[SYNC_KEYS.settings] as Partial<TeamSyncSettings> | undefined;
  if (!got || typeof got.url !== 'string' || !got.url || !got.database || !got.username) return null;
  return { url: got.url, database: got.database, username: got.username, password: got.password ?? '', ...(typeof got.batchSize === 'number' && got.batchSize > 0 ? { batchSize: got.batchSize } : {}) };
}

/** Saves the settings (or, with null, turns sharing off). */
export async function saveSyncSettings(settings: TeamSyncSettings | null): Promise<void> {
  if (settings) await browser.storage.local.set({ [SYNC_KEYS.settings]: settings });
  else await browser.storage.local.remove(SYNC_KEYS.settings);
}

/** The state the last run left. */
export async function readSyncState(): Promise<TeamSyncState | null> {
  return ((await browser.storage.local.get(SYNC_KEYS.state))[SYNC_KEYS.state] as TeamSyncState | undefined) ?? null;
}

/** Writes the state (the background does, after each step of a run). */
export async function writeSyncState(state: TeamSyncState): Promise<void> {
  await browser.storage.local.set({ [SYNC_KEYS.state]: state });
}

/** Asks the background for a run now (Sync now, the panel opening). */
export async function requestSync(reason: string, now = new Date()): Promise<void> {
  await browser.storage.local.set({ [SYNC_KEYS.request]: { reason, at: now.toISOString() } });
}

/** Calls `fn` when the settings change or a run is asked for; returns the stop. */
export function watchSyncRequests(fn: (reason: string) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local') return;
    if (SYNC_KEYS.settings in changes) fn('settings');
    else if (SYNC_KEYS.request in changes) fn(String((changes[SYNC_KEYS.request].newValue as { reason?: string } | undefined)?.reason ?? 'request'));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

/** Calls `fn` with each new state; returns the stop. */
export function watchSyncState(fn: (state: TeamSyncState | null) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && SYNC_KEYS.state in changes) fn((changes[SYNC_KEYS.state].newValue as TeamSyncState | undefined) ?? null);
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

/** Asks the background to end a conflict as the user chose. */
export async function requestResolve(id: string, choice: ResolveRequest['choice'], now = new Date()): Promise<void> {
  await browser.storage.local.set({ [SYNC_KEYS.resolve]: { id, choice, at: now.toISOString() } satisfies ResolveRequest });
}

/** Calls `fn` with each choice the user makes; returns the stop. */
export function watchResolveRequests(fn: (request: ResolveRequest) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    const value = area === 'local' ? (changes[SYNC_KEYS.resolve]?.newValue as ResolveRequest | undefined) : undefined;
    if (value?.id) fn(value);
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
