/**
 * Issue 13, the way it failed: the browser's profile on a small tmpfs. The assessor tags
 * three passages; the automatic backup is taken; the disk fills; a save fails (the
 * palette says what was not saved and what to do, and keeps the typed note); space is
 * freed and the same save goes through without a restart, and is backed up at once; the
 * browser restarts on the same profile; whatever Chromium kept of IndexedDB, all four
 * passages come back (from the database, or from the automatic backup in storage.local
 * that Settings restores).
 *
 * Measured in Chromium 156: after the failed save IndexedDB keeps working once space is
 * freed (it held 1 learner and 4 passages), but after the restart it held 0 and 0: the
 * database is deleted. storage.local, where the automatic backups live, kept them.
 *
 * Needs root (or CAP_SYS_ADMIN) to mount the tmpfs: it fails, saying so, when it cannot.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statfsSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchWithExtension, ROOT, serveStatic, type StaticServer } from './harness';
import { dragSelect, extensionReady, overlayUi, paintedTexts, pressToolbarTag } from './overlay-helpers';

const MOUNT = mkdtempSync(join(tmpdir(), 'evidence-mapper-disk-'));
const PROFILE = join(MOUNT, 'profile');
const FILLER = join(MOUNT, 'filler');
/** Big enough for Chromium's profile and the extension (about 5 MB), small enough to fill at once. */
const SIZE_MB = 64;

let server: StaticServer;
let context: BrowserContext | undefined;
let extensionId: string;
let mounted = false;

const free = () => {
  const s = statfsSync(MOUNT);
  return s.bavail * s.bsize;
};

/** Fills the tmpfs until the kernel says ENOSPC, then frees `leave` bytes of it. */
function fillDisk(leave: number): number {
  const fd = openSync(FILLER, 'w');
  const block = Buffer.alloc(1 << 16, 1);
  let written = 0;
  try {
    for (;;) written += writeSync(fd, block);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
  } finally {
    closeSync(fd);
  }
  if (leave) execFileSync('truncate', ['-s', `-${Math.ceil(leave / 1024)}K`, FILLER]);
  return written;
}

async function launch(): Promise<Page> {
  ({ context, extensionId } = await launchWithExtension({ userDataDir: PROFILE }));
  await extensionReady(context);
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  return page;
}

/** Counts what the extension's IndexedDB holds, read directly (not through the extension's code). */
async function stored(page: Page): Promise<{ learners: number; passages: number }> {
  return page.evaluate(() => new Promise((ok, fail) => {
    const open = indexedDB.open('evidence-mapper');
    open.onerror = () => fail(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction(['learners', 'sheets']);
      const learners = tx.objectStore('learners').count();
      const sheets = tx.objectStore('sheets').getAll();
      tx.oncomplete = () => {
        ok({ learners: learners.result, passages: (sheets.result as { passages: unknown[] }[]).reduce((n, s) => n + s.passages.length, 0) });
        db.close();
      };
    };
  }));
}

/** Selects a paragraph of the demo portfolio and opens the palette on it. */
async function openPaletteOn(page: Page, selector: string) {
  // In the middle of the window: the toolbar shows below the selection, and below a paragraph
  // at the window's foot it would be partly out of view (its Tag button's middle once fell
  // below the 800 px viewport, the click missed it and the palette never opened).
  await page.locator(selector).evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await dragSelect(page, selector);
  const toolbar = page.locator('evidence-mapper-toolbar');
  await expect.poll(() => toolbar.isVisible()).toBe(true);
  // The toolbar's shadow root is closed: its Tag button is pressed with the mouse.
  await pressToolbarTag(page);
  return overlayUi(page);
}

/**
 * In an open palette: the first criterion found by `query`, the note, then Save: the button,
 * or (`keyboard`) Ctrl+Enter, the palette's own shortcut for it.
 */
async function chooseAndSave(ui: Frame, query: string, note: string, keyboard = false) {
  const combobox = ui.getByRole('combobox', { name: 'Search criteria by code or words' });
  await combobox.waitFor({ state: 'visible' });
  await combobox.fill(query);
  await expect.poll(() => ui.getByRole('option').count(), { timeout: 15_000 }).toBeGreaterThan(0);
  await combobox.press('Enter');
  await ui.getByRole('textbox', { name: 'Note (optional)' }).fill(note);
  if (keyboard) await ui.getByRole('textbox', { name: 'Note (optional)' }).press('Control+Enter');
  else await ui.getByRole('button', { name: /^Save \(/ }).click();
}

beforeAll(async () => {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${SIZE_MB}m`, 'tmpfs', MOUNT], { stdio: 'pipe' });
    mounted = true;
  } catch (e) {
    throw new Error(
      `This test puts the browser's profile on a ${SIZE_MB} MB tmpfs and could not mount one at ${MOUNT} ` +
        `(it needs root or CAP_SYS_ADMIN): ${(e as { stderr?: Buffer }).stderr?.toString().trim() || String(e)}`,
    );
  }
  server = await serveStatic(join(ROOT, 'test', 'demo-portfolio'));
});

afterAll(async () => {
  await context?.close().catch(() => {});
  await server?.close();
  if (mounted) execFileSync('umount', [MOUNT]);
  rmSync(MOUNT, { recursive: true, force: true });
});

describe('a profile whose disk fills up', () => {
  it('keeps the evidence: a clear warning, the note kept, saving again once space is freed, and a backup that survives the restart', async () => {
    let page = await launch();
    await page.goto(`${server.url}/index.html`);

    // Three passages tagged, the first after creating the learner.
    let ui = await openPaletteOn(page, '#ra-body-language');
    await ui.getByRole('textbox', { name: "Learner's name" }).fill('Jordan Ellis');
    await ui.getByRole('checkbox', { name: /EDI Level 2 NVQ Certificate/ }).check();
    await ui.getByRole('button', { name: 'Create learner' }).click();
    await chooseAndSave(ui, 'body language', 'Read her body language');
    await expect.poll(() => paintedTexts(page)).toHaveLength(1);
    for (const [selector, query] of [['#ra-listening', 'listen'], ['#ra-limits', 'limits of own authority']] as const) {
      ui = await openPaletteOn(page, selector);
      await chooseAndSave(ui, query, '');
      await ui.getByRole('combobox').waitFor({ state: 'detached' });
    }
    await expect.poll(() => paintedTexts(page)).toHaveLength(3);

    // The automatic backup, half a minute after the last tag, is listed in Settings.
    const options = await context!.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html#settings`);
    const settings = options.getByRole('tabpanel');
    const lastBackup = settings.getByTestId('auto-backup').first();
    await expect.poll(() => lastBackup.textContent().catch(() => ''), { timeout: 120_000, interval: 2000 }).toMatch(/Last automatic backup:.*1 learner, 3 passages/);
    const storage = await settings.getByTestId('storage-persistence').textContent();
    // Settings says whether the storage is persistent, and how much is used of the quota.
    expect(storage).toMatch(/^\s*Storage: (persistent|may be cleared by the browser)/);
    expect(await settings.getByTestId('storage-usage').textContent()).toMatch(/^[\d.]+ (bytes|KB|MB|GB) used of [\d.]+ (KB|MB|GB|TB) the browser allows\.$/);
    console.info(`disk-full: ${storage?.trim()}; ${await settings.getByTestId('storage-usage').textContent()}; backup: ${await lastBackup.textContent()}`);
    expect(await stored(options)).toEqual({ learners: 1, passages: 3 });

    // The disk fills. A fourth tag, with a typed note, cannot be saved.
    // The palette is opened, and shown in its frame, before: once the disk is full, Chromium 156
    // (headless, driven by playwright) neither reliably shows a palette opened after (the search
    // field was not there after 30 s in one run of four) nor routes a mouse click to the frame:
    // a click on Save reaches the page under the frame (its pointerdown arrives on the page's
    // document, none in the frame), for the rest of the session, even once space is freed. The
    // keyboard still reaches the focused frame, so this save and the next are made with the
    // palette's own shortcut, Ctrl+Enter; the save, and what the palette says, is what this test is about.
    await page.bringToFront();
    const note = 'Offered three options and explained each one';
    ui = await openPaletteOn(page, '#ra-options');
    await ui.getByRole('combobox', { name: 'Search criteria by code or words' }).waitFor({ state: 'visible' });
    const filled = fillDisk(0);
    console.info(`disk-full: filled ${(filled / 2 ** 20).toFixed(1)} MB; ${free()} bytes free`);
    await chooseAndSave(ui, 'options', note, true);
    const alert = ui.getByRole('alert');
    await expect.poll(() => alert.textContent().catch(() => ''), { timeout: 30_000 }).toMatch(/^Not saved: the tag on \u201cI gave her the options.*free some disk space, then save again.*download a backup/);
    expect(await ui.getByRole('textbox', { name: 'Note (optional)' }).inputValue()).toBe(note);

    // Space is freed; the same save goes through, without restarting the browser.
    rmSync(FILLER);
    await ui.getByRole('textbox', { name: 'Note (optional)' }).press('Control+Enter');
    await ui.getByRole('combobox').waitFor({ state: 'detached', timeout: 15_000 });
    await expect.poll(() => paintedTexts(page)).toHaveLength(4);
    console.info(`disk-full: saved again after freeing space; the database then held ${JSON.stringify(await stored(options))}`);
    // That save is backed up at once (Chromium deletes the database at the next start, measured).
    const t0 = performance.now();
    await expect.poll(() => lastBackup.textContent().catch(() => ''), { timeout: 120_000, interval: 500 }).toMatch(/1 learner, 4 passages/);
    console.info(`disk-full: the backup holding the fourth passage was listed ${Math.round(performance.now() - t0)} ms after the save`);
    // It can be downloaded: the backup file the Export tab writes, holding all four.
    const [download] = await Promise.all([options.waitForEvent('download'), lastBackup.getByRole('button', { name: 'Download' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^evidence-mapper-auto-backup-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.json$/);
    const file = JSON.parse(await readFile((await download.path())!, 'utf8')) as { formatVersion: number; learners: unknown[]; annotations: { total: number } };
    expect({ formatVersion: file.formatVersion, learners: file.learners.length, passages: file.annotations.total }).toEqual({ formatVersion: 1, learners: 1, passages: 4 });

    // The browser restarts on the same profile.
    await context!.close();
    context = undefined;
    page = await launch();
    const reopened = await context!.newPage();
    await reopened.goto(`chrome-extension://${extensionId}/options.html#settings`);
    const survived = await stored(reopened);
    console.info(`disk-full: after the restart IndexedDB held ${JSON.stringify(survived)}`);
    const panel = reopened.getByRole('tabpanel');
    await expect.poll(() => panel.getByTestId('auto-backup').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    if (survived.passages < 3) {
      // The database was emptied: Settings says so, and restores the backup taken before.
      await expect.poll(() => panel.getByRole('alert').first().textContent()).toMatch(/Your records were lost from this browser profile.*holds 1 learner, 4 passages/);
      const entry = panel.getByTestId('auto-backup').filter({ hasText: '4 passages' }).first();
      await entry.getByRole('button', { name: 'Restore…' }).click();
      await panel.getByRole('group', { name: 'Confirm the restore' }).getByRole('button', { name: 'Restore' }).click();
      await expect.poll(() => panel.getByRole('status').first().textContent()).toMatch(/Restored the automatic backup of/);
    }
    expect(await stored(reopened)).toEqual({ learners: 1, passages: 4 });
    await page.goto(`${server.url}/index.html`);
    await expect.poll(() => paintedTexts(page), { timeout: 15_000 }).toEqual(expect.arrayContaining([
      expect.stringContaining('body language that she was stressed'),
      expect.stringContaining('I let her explain everything'),
      expect.stringContaining('Our returns policy says'),
      expect.stringContaining('I gave her the options'),
    ]));
  }, 420_000);
});
