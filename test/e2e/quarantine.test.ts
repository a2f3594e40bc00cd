/**
 * Issue 13, through the built extension in real Chromium's IndexedDB: a version 1 database
 * (test/fixtures/db/v1.json, which holds a mapping whose passage is missing, a mapping of
 * learner l2 on l1's passage and a passage with no page) is upgraded when the options page
 * opens it; the Quarantine tab lists what could not be placed, with why, and saves it as
 * JSON holding each record exactly as it was stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { launchWithExtension, ROOT } from './harness';
import { extensionReady } from './overlay-helpers';

let context: BrowserContext;
let extensionId: string;
const fixture = JSON.parse(await readFile(join(ROOT, 'test', 'fixtures', 'db', 'v1.json'), 'utf8')) as { stores: Record<string, { id?: string }[]> };

beforeAll(async () => {
  ({ context, extensionId } = await launchWithExtension());
  await extensionReady(context);
});
afterAll(async () => {
  await context?.close();
});

describe('the options page\'s quarantine', () => {
  it('upgrades a version 1 database, lists the records it could not place and exports them as JSON', async () => {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html#catalogue`);
    // Replace the extension's database with a version 1 one (Dexie's native version is 10 x).
    await page.evaluate(async (stores) => {
      await new Promise<void>((ok, fail) => {
        const del = indexedDB.deleteDatabase('evidence-mapper');
        del.onsuccess = () => ok();
        del.onerror = () => fail(del.error);
      });
      const db = await new Promise<IDBDatabase>((ok, fail) => {
        const open = indexedDB.open('evidence-mapper', 10);
        open.onupgradeneeded = () => {
          for (const name of Object.keys(stores)) open.result.createObjectStore(name, { keyPath: name === 'settings' ? 'key' : 'id' });
        };
        open.onsuccess = () => ok(open.result);
        open.onerror = () => fail(open.error);
      });
      const tx = db.transaction(Object.keys(stores), 'readwrite');
      for (const [name, rows] of Object.entries(stores)) for (const row of rows) tx.objectStore(name).put(row);
      await new Promise((ok) => (tx.oncomplete = ok));
      db.close();
    }, fixture.stores);

    await page.goto(`chrome-extension://${extensionId}/options.html#quarantine`);
    await page.reload();
    const panel = page.getByRole('tabpanel');
    await expect.poll(() => panel.textContent(), { timeout: 15_000 }).toContain('4 records could not be placed');
    const rows = panel.locator('tbody tr');
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-record-id')).sort())).toEqual(['m5', 'm6', 'm7', 'p5']);
    expect(await panel.locator('tr[data-record-id="m6"]').textContent()).toMatch(/learner l2.*passage p1 belongs to learner l1/);
    expect(await panel.locator('tr[data-record-id="m5"]').textContent()).toMatch(/passage p9 is not in the database/);

    const [dl] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Export quarantine (JSON)' }).click()]);
    expect(dl.suggestedFilename()).toMatch(/^evidence-mapper-quarantine-\d{4}-\d\d-\d\d\.json$/);
    const file = JSON.parse(await readFile((await dl.path())!, 'utf8')) as { count: number; records: { recordId: string; reason: string; record: unknown }[] };
    expect(file.count).toBe(4);
    const original = (id: string) => [...fixture.stores.passages, ...fixture.stores.mappings].find((r) => r.id === id);
    for (const r of file.records) {
      expect(r.record).toEqual(original(r.recordId));
      expect(r.reason).toBeTruthy();
    }
    await expect.poll(() => panel.getByRole('status').textContent()).toMatch(/Saved evidence-mapper-quarantine-.*\(4 records\)/);
    // The mapping of l2 was not filed on l1's passage: l1's page shows only l1's mappings.
    const l1Mappings = await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((ok) => {
        const open = indexedDB.open('evidence-mapper');
        open.onsuccess = () => ok(open.result);
      });
      const sheets = await new Promise<{ learnerId: string; passages: { mappings: { id: string }[] }[] }[]>((ok) => {
        const req = db.transaction('sheets').objectStore('sheets').getAll();
        req.onsuccess = () => ok(req.result);
      });
      db.close();
      return sheets.filter((s) => s.learnerId === 'l1').flatMap((s) => s.passages.flatMap((p) => p.mappings.map((m) => m.id))).sort();
    });
    expect(l1Mappings).toEqual(['m1', 'm2', 'm3']);
  });

  it('deletes exported records one by one or all at once, each with Undo', async () => {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html#quarantine`);
    const panel = page.getByRole('tabpanel');
    const ids = () => panel.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-record-id')).sort());
    await expect.poll(ids, { timeout: 15_000 }).toEqual(['m5', 'm6', 'm7', 'p5']);
    await panel.locator('tr[data-record-id="m5"]').getByRole('button', { name: /^Delete .* from the quarantine$/ }).click();
    await expect.poll(ids).toEqual(['m6', 'm7', 'p5']);
    await expect.poll(() => panel.getByRole('status').textContent()).toContain('Deleted 1 record from the quarantine.');
    await panel.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(ids).toEqual(['m5', 'm6', 'm7', 'p5']);

    await panel.getByRole('button', { name: 'Delete all 4 records' }).click();
    await expect.poll(() => panel.textContent()).toContain('Nothing in quarantine');
    await panel.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(ids).toEqual(['m5', 'm6', 'm7', 'p5']);
    await panel.getByRole('button', { name: 'Delete all 4 records' }).click();
    await expect.poll(() => panel.textContent()).toContain('Nothing in quarantine');
    // Gone from the database, not just from the list: a reload shows the same.
    await page.reload();
    await expect.poll(() => page.getByRole('tabpanel').textContent()).toContain('Nothing in quarantine');
    expect(await page.evaluate(() => new Promise<number>((ok) => {
      const open = indexedDB.open('evidence-mapper');
      open.onsuccess = () => {
        const req = open.result.transaction('quarantine').objectStore('quarantine').count();
        req.onsuccess = () => ok(req.result);
      };
    }))).toBe(0);
    await page.close();
  });
});
