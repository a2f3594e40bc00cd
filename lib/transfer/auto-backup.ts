/**
 * The rolling automatic backup: the backup file the Export tab writes (lib/export/backup,
 * no second serialiser), taken after changes and kept, the last few, where a disk-full
 * error does not wipe it (lib/db/auto-backup-store). A restore goes through the same import
 * as a backup file chosen by hand.
 *
 * Each database carries a generation id in its settings. A database whose id is missing
 * while a backup of one holding records exists was emptied under us (Chromium deletes the
 * whole IndexedDB of the extension after a disk-full commit): automatic backups then stop,
 * so the good ones are not rotated out by backups of the empty database, until the user
 * restores one or chooses to carry on.
 */
import type { EvidenceDb } from '../db/schema';
import { SETTING, stringSetting } from '../db/settings';
import type { AutoBackupEntry, AutoBackupStore } from '../db/auto-backup-store';
import { readImport, sniffFile } from '../export/sniff';
import { exportFile } from './export-file';
import { applyImportPlan, type ImportSummary } from './import';

/** What an automatic backup did. */
export type AutoBackupResult =
  | { kind: 'taken'; entry: AutoBackupEntry }
  | { kind: 'unchanged' }
  | { kind: 'empty' }
  | { kind: 'paused-lost' };

function newGeneration(): string {
  return crypto.randomUUID();
}

/** A short hash of a text (FNV-1a, 2 x 32 bits): equal contents, equal hash. */
export function signatureOf(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return `${(a >>> 0).toString(16)}${(b >>> 0).toString(16)}-${text.length}`;
}

/**
 * Checks that the database is the one the backups were taken of. Gives it a generation id
 * when it has none; when it had none but a backup holding records exists, the database was
 * lost: that is recorded (once) and true returned.
 */
export async function checkDatabase(db: EvidenceDb, store: AutoBackupStore, now = new Date()): Promise<boolean> {
  const generation = await stringSetting(db, SETTING.generation);
  const index = await store.index();
  if (generation) return !!index.lost;
  await db.settings.put({ key: SETTING.generation, value: newGeneration() });
  const newest = index.entries[0];
  if (!newest || newest.learners + newest.passages === 0) return !!index.lost;
  if (!index.lost) await store.markLost(newest, now.toISOString());
  return true;
}

/** Takes an automatic backup unless nothing changed since the last, or the database was lost. */
export async function takeAutoBackup(db: EvidenceDb, store: AutoBackupStore, now = new Date()): Promise<AutoBackupResult> {
  if (await checkDatabase(db, store, now)) return { kind: 'paused-lost' };
  const generation = (await stringSetting(db, SETTING.generation))!;
  const file = await exportFile(db, { kind: 'backup' }, now);
  let text = '';
  for await (const chunk of file.chunks) text += chunk;
  const stamp = JSON.stringify(now.toISOString());
  const signature = signatureOf(text.replace(`"exportedAt":${stamp}`, ''));
  const { entries } = await store.index();
  if (entries[0]?.signature === signature) return { kind: 'unchanged' };
  const learners = await db.learners.count();
  const passages = Number(/"total":(\d+)\}\}\s*$/.exec(text)?.[1] ?? 0);
  if (!entries.length && learners + passages === 0) return { kind: 'empty' };
  const entry = await store.save(text, { takenAt: now.toISOString(), learners, passages, signature, generation });
  return { kind: 'taken', entry };
}

/**
 * Restores an automatic backup into the database through the import a backup file takes
 * (records are merged: nothing newer in the database is overwritten), then lets automatic
 * backups go on.
 */
export async function restoreAutoBackup(db: EvidenceDb, store: AutoBackupStore, key: string, onStep?: (fraction: number) => void): Promise<ImportSummary> {
  const text = await store.text(key);
  if (text === undefined) throw new Error('That automatic backup is no longer stored. Choose another one.');
  const summary = await applyImportPlan(db, await readImport(sniffFile(text)), onStep);
  await store.clearLost();
  return summary;
}
