/**
 * The background's part of the rolling automatic backup (lib/transfer/auto-backup): a
 * backup is taken half a minute after the last change (an alarm, so it survives the
 * service worker being stopped) and every hour (changes made in the options page or side
 * panel), and the database is checked at start and after a failed write. When the records
 * were lost, the toolbar button says so until the user restores a backup in Settings.
 *
 * After a write failed for lack of space, the next one that goes through is backed up at
 * once: measured on a full tmpfs, Chromium keeps serving the database once space is freed
 * but deletes it when the browser next starts, so what was saved since lives only in the
 * backup.
 */
import { checkDatabase, takeAutoBackup } from '../../lib/transfer/auto-backup';
import { extensionAutoBackups } from '../../lib/db/auto-backup-store';
import type { EvidenceDb } from '../../lib/db/schema';

const AFTER_CHANGE = 'auto-backup-after-change';
const HOURLY = 'auto-backup-hourly';
/** Chrome's shortest alarm delay. */
const DELAY_MINUTES = 0.5;

export function autoBackups(db: EvidenceDb, ready: Promise<void>) {
  const store = extensionAutoBackups();
  let running: Promise<unknown> = Promise.resolve();
  /** A write failed for lack of space: the next stored change is backed up without waiting. */
  let urgent = false;

  async function showLost(lost: boolean): Promise<void> {
    const action = browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;
    await action.setBadgeText({ text: lost ? '!' : '' });
    if (lost) await action.setBadgeBackgroundColor({ color: '#b91c1c' });
    await action.setTitle({ title: lost ? 'Evidence Mapper: your records were lost from this browser profile. Open Settings to restore the automatic backup.' : 'Evidence Mapper' });
  }

  function backUp(): Promise<unknown> {
    running = running.then(async () => {
      try {
        await ready;
        const result = await takeAutoBackup(db, store);
        urgent = false;
        await showLost(result.kind === 'paused-lost');
        if (result.kind === 'taken') console.info(`Evidence Mapper: automatic backup taken (${result.entry.bytes} bytes)`);
      } catch (e) {
        // The disk is full, most likely: the backups there were are kept; the next change or hour tries again.
        console.error('Evidence Mapper: the automatic backup failed', e);
      }
    });
    return running;
  }

  void ready.then(() => checkDatabase(db, store)).then(showLost, (e: unknown) => console.error('Evidence Mapper: could not check the database', e));
  // Made once: made again at each start of the worker, it would never come round.
  void browser.alarms.get(HOURLY).then((alarm) => {
    if (!alarm) void browser.alarms.create(HOURLY, { periodInMinutes: 60 });
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === AFTER_CHANGE || alarm.name === HOURLY) void backUp();
  });

  return {
    /** A write was stored: back up once the changes settle. */
    changed: () => {
      if (urgent) void backUp();
      else void browser.alarms.create(AFTER_CHANGE, { delayInMinutes: DELAY_MINUTES });
    },
    /** A write failed: back up the next change at once, and look again once changes settle. */
    writeFailed: () => {
      urgent = true;
      void browser.alarms.create(AFTER_CHANGE, { delayInMinutes: DELAY_MINUTES });
    },
  };
}
