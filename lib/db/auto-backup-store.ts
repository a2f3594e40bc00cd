/**
 * Where the automatic backups live: the extension's `storage.local`, not IndexedDB.
 * Measured in Chromium 156 on a profile on a full tmpfs (test/e2e/disk-full.test.ts): a
 * commit that meets a full disk ("QuotaExceededError: Encountered disk full while
 * committing transaction") makes Chromium delete the extension origin's whole storage
 * bucket, IndexedDB and the origin private file system with it, while `storage.local`
 * (its own LevelDB under "Local Extension Settings") keeps what it held. A backup in the
 * same IndexedDB would go with the records it should protect.
 *
 * Each snapshot is the backup file's text under its own key; a small index lists them,
 * newest first. A snapshot is written before the index names it, and the oldest are removed
 * only after, so a write that fails (the disk is full) leaves the snapshots there were.
 */
import { browser } from 'wxt/browser';

/** The part of `storage.local` used here (an in-memory one in tests). */
export interface KeyValueArea {
  get(keys: string | string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

/** One automatic backup, as listed (its text is read only when restored or downloaded). */
export interface AutoBackupEntry {
  /** The `storage.local` key of its text. */
  key: string;
  takenAt: string;
  /** Size of its text in bytes (UTF-8). */
  bytes: number;
  learners: number;
  passages: number;
  /** A hash of its contents (its date left out), so an unchanged database is not saved again. */
  signature: string;
  /** Which database it was taken of (see `SETTING.generation`). */
  generation: string;
}

/** The database went missing: snapshots are kept as they are until the user restores or moves on. */
export interface LostDatabase {
  /** When it was noticed. */
  at: string;
  /** The newest backup taken before. */
  entryKey: string;
}

/** The index of automatic backups. */
export interface AutoBackupIndex {
  entries: AutoBackupEntry[];
  lost?: LostDatabase;
}

const INDEX_KEY = 'auto-backup-index';
const TEXT_PREFIX = 'auto-backup:';

/** How many automatic backups are kept. */
export const KEEP_AUTO_BACKUPS = 3;

/** The automatic backups in a key-value area. */
export class AutoBackupStore {
  constructor(
    private readonly area: KeyValueArea,
    private readonly keep = KEEP_AUTO_BACKUPS,
  ) {}

  /** The index (empty when none was taken). */
  async index(): Promise<AutoBackupIndex> {
    const value = (await this.area.get(INDEX_KEY))[INDEX_KEY] as AutoBackupIndex | undefined;
    return { entries: value?.entries ?? [], ...(value?.lost ? { lost: value.lost } : {}) };
  }

  /** A backup's text, or undefined when it is gone. */
  async text(key: string): Promise<string | undefined> {
    const value = (await this.area.get(key))[key];
    return typeof value === 'string' ? value : undefined;
  }

  /** Saves a backup as the newest and drops the oldest beyond the number kept. */
  async save(text: string, entry: Omit<AutoBackupEntry, 'key' | 'bytes'>): Promise<AutoBackupEntry> {
    const key = `${TEXT_PREFIX}${entry.takenAt}`;
    const saved: AutoBackupEntry = { ...entry, key, bytes: new TextEncoder().encode(text).length };
    await this.area.set({ [key]: text });
    const index = await this.index();
    const entries = [saved, ...index.entries.filter((e) => e.key !== key)];
    await this.area.set({ [INDEX_KEY]: { ...index, entries: entries.slice(0, this.keep) } });
    const dropped = entries.slice(this.keep).map((e) => e.key);
    if (dropped.length) await this.area.remove(dropped);
    return saved;
  }

  /** Records that the database went missing after `entry` was taken. */
  async markLost(entry: AutoBackupEntry, at: string): Promise<void> {
    const index = await this.index();
    await this.area.set({ [INDEX_KEY]: { ...index, lost: { at, entryKey: entry.key } } });
  }

  /** Automatic backups go on (after a restore, or when the user chose to carry on without one). */
  async clearLost(): Promise<void> {
    const { lost: _, ...index } = await this.index();
    await this.area.set({ [INDEX_KEY]: index });
  }
}

/** The automatic backups of this extension, in its `storage.local`. */
export function extensionAutoBackups(): AutoBackupStore {
  return new AutoBackupStore(browser.storage.local as unknown as KeyValueArea);
}

/** Calls `onChange` whenever the automatic backups change (in any extension page or the background); returns the stop. */
export function watchAutoBackups(onChange: () => void): () => void {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && INDEX_KEY in changes) onChange();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
