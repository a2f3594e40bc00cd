import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { AutoBackupStore, type KeyValueArea } from '../db/auto-backup-store';
import { checkDatabase, restoreAutoBackup, takeAutoBackup } from './auto-backup';
import { createPassage } from '../db/evidence';
import { base, deleteDbs, fill, freshDb, snapshot } from '../../test/fixtures/transfer';
import { createDb } from '../db/schema';

afterEach(deleteDbs);

/** storage.local in memory; `full` makes every write fail as Chromium's does on a full disk. */
class MemoryArea implements KeyValueArea {
  data = new Map<string, unknown>();
  full = false;
  async get(keys: string | string[]) {
    const out: Record<string, unknown> = {};
    for (const k of typeof keys === 'string' ? [keys] : keys) if (this.data.has(k)) out[k] = structuredClone(this.data.get(k));
    return out;
  }
  async set(items: Record<string, unknown>) {
    if (this.full) throw new Error('IO error: .../000003.log: FILE_ERROR_NO_SPACE');
    for (const [k, v] of Object.entries(items)) this.data.set(k, structuredClone(v));
  }
  async remove(keys: string | string[]) {
    if (this.full) throw new Error('IO error: FILE_ERROR_NO_SPACE');
    for (const k of typeof keys === 'string' ? [keys] : keys) this.data.delete(k);
  }
}

const at = (minute: number) => new Date(Date.UTC(2026, 11, 7, 3, minute));
const tag = (db: ReturnType<typeof freshDb>, n: number) =>
  createPassage(db, {
    passageId: `auto-${n}`, learnerId: 'l1', url: 'https://portfolio.example/a', title: 'A', quote: `words ${n}`, createdBy: 'Sam',
    selectors: [{ type: 'TextQuoteSelector', exact: `words ${n}` }], mappings: [{ criterionId: 'spec-a:CU1:1.1', method: 'Obs', note: '' }],
  });

describe('the rolling automatic backup', () => {
  it('is taken when the records changed, not when they did not, and keeps the last three', async () => {
    const db = freshDb();
    const store = new AutoBackupStore(new MemoryArea());
    expect((await takeAutoBackup(db, store, at(0))).kind).toBe('empty');
    await fill(db, base);
    const first = await takeAutoBackup(db, store, at(1));
    expect(first).toMatchObject({ kind: 'taken', entry: { learners: 2, passages: 2 } });
    expect((await takeAutoBackup(db, store, at(2))).kind).toBe('unchanged');
    for (let n = 0; n < 4; n++) {
      await tag(db, n);
      expect((await takeAutoBackup(db, store, at(3 + n))).kind).toBe('taken');
    }
    const { entries } = await store.index();
    expect(entries.map((e) => [e.takenAt, e.passages])).toEqual([[at(6).toISOString(), 6], [at(5).toISOString(), 5], [at(4).toISOString(), 4]]);
    expect(await store.text(first.kind === 'taken' ? first.entry.key : '')).toBeUndefined();
  });

  it('keeps the backups it had when a write fails (disk full)', async () => {
    const db = freshDb();
    const area = new MemoryArea();
    const store = new AutoBackupStore(area);
    await fill(db, base);
    await takeAutoBackup(db, store, at(1));
    await tag(db, 1);
    area.full = true;
    await expect(takeAutoBackup(db, store, at(2))).rejects.toThrow(/NO_SPACE/);
    area.full = false;
    const { entries } = await store.index();
    expect(entries).toHaveLength(1);
    expect(await store.text(entries[0].key)).toContain('"total":2');
  });

  it('notices a database emptied under it, stops rotating the good backups out, and restores them', async () => {
    const name = `auto-lost-${Date.now()}`;
    let db = createDb(name);
    const store = new AutoBackupStore(new MemoryArea());
    await fill(db, base);
    await tag(db, 1);
    const before = await snapshot(db);
    await takeAutoBackup(db, store, at(1));
    // What Chromium did on a full disk: the database deleted, then made again empty.
    db.close();
    await Dexie.delete(name);
    db = createDb(name);
    await fill(db, { learners: [], pages: [], passages: [], mappings: [], decisions: [], signoffs: [] });
    expect(await checkDatabase(db, store, at(2))).toBe(true);
    // The assessor goes on tagging in the empty database: no backup replaces the good one.
    await db.learners.add({ ...base.learners[0], id: 'new', name: 'New' });
    for (let n = 3; n < 7; n++) expect((await takeAutoBackup(db, store, at(n))).kind).toBe('paused-lost');
    const index = await store.index();
    expect(index.lost?.entryKey).toBe(index.entries[0].key);
    expect(index.entries).toHaveLength(1);

    const summary = await restoreAutoBackup(db, store, index.entries[0].key);
    expect(summary.passages.added).toBe(3);
    const after = await snapshot(db);
    expect(after.passages).toEqual(before.passages);
    expect((after.learners as { id: string }[]).map((l) => l.id)).toEqual(['l1', 'l2', 'new']);
    expect((await store.index()).lost).toBeUndefined();
    expect((await takeAutoBackup(db, store, at(8))).kind).toBe('taken');
    db.close();
    await Dexie.delete(name);
  });
});
