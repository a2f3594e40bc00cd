/**
 * Issue 5, what must hold under stress: two tabs tagging the same page, the browser
 * stopping the service worker between actions, and a save racing a delete. Nothing is
 * lost or duplicated: checked in the extension's real IndexedDB.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { join } from 'node:path';
import { launchWithExtension, ROOT, serveStatic, type StaticServer } from './harness';
import { extensionReady, overlayUi, paintedTexts, selectText, tagSelectionByKeyboard } from './overlay-helpers';

let server: StaticServer;
let context: BrowserContext;
let extensionId: string;

async function tag(page: Page, selector: string, query: string): Promise<string> {
  const quote = (await selectText(page, selector, 0, 80)).trim();
  await tagSelectionByKeyboard(page, page, query);
  return quote;
}

/** Counts rows in the extension's database, read from an extension page. */
async function counts(): Promise<{ passages: number; mappings: number; duplicateMappings: number }> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  const result = await page.evaluate(async () => {
    const db: IDBDatabase = await new Promise((ok, fail) => {
      const r = indexedDB.open('evidence-mapper');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const all = <T,>(store: string): Promise<T[]> =>
      new Promise((ok) => {
        const r = db.transaction(store).objectStore(store).getAll();
        r.onsuccess = () => ok(r.result as T[]);
      });
    // Passages are stored in one sheet per learner and page, mappings inside them (lib/db/stored.ts).
    const passages = (await all<{ passages: { id: string; mappings: { id: string }[] }[] }>('sheets')).flatMap((s) => s.passages);
    const mappingIds = passages.flatMap((p) => p.mappings.map((m) => m.id));
    db.close();
    return { passages: passages.length, mappings: mappingIds.length, duplicateMappings: mappingIds.length - new Set(mappingIds).size };
  });
  await page.close();
  return result;
}

/** Stops the extension's service worker, as the browser does when it is idle. */
async function stopServiceWorker(page: Page): Promise<void> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
}

beforeAll(async () => {
  server = await serveStatic(join(ROOT, 'test', 'demo-portfolio'));
  ({ context, extensionId } = await launchWithExtension());
  await extensionReady(context);
});
afterAll(async () => {
  await context?.close();
  await server?.close();
});

describe('several tabs, a stopped service worker, racing writes', () => {
  it('two tabs tag the same page with the service worker stopped in between; both tags are kept once', async () => {
    const a = await context.newPage();
    const b = await context.newPage();
    await a.goto(`${server.url}/index.html`);
    await b.goto(`${server.url}/index.html`);
    // First use: create the learner in tab A (in front, as the tab a user types in is).
    await a.bringToFront();
    await selectText(a, '#ra-context', 0, 20);
    await a.keyboard.press('Alt+Shift+T');
    const ui = await overlayUi(a);
    await ui.getByRole('textbox', { name: "Learner's name" }).fill('Jordan Ellis');
    await ui.getByRole('checkbox', { name: /EDI Level 2/ }).check();
    await ui.getByRole('button', { name: 'Create learner' }).click();
    await ui.getByRole('combobox', { name: 'Search criteria by code or words' }).waitFor({ state: 'visible' });
    await a.keyboard.press('Escape');
    await ui.getByRole('combobox', { name: 'Search criteria by code or words' }).waitFor({ state: 'detached' });

    const q1 = await tag(a, '#ra-listening', 'CU795 1.1');
    await stopServiceWorker(a);
    await b.reload();
    const q2 = await tag(b, '#ra-options', 'CU815 2.1');
    await stopServiceWorker(b);
    const q3 = await tag(a, '#ra-limits', 'CU792 1.1');
    expect(await counts()).toEqual({ passages: 3, mappings: 3, duplicateMappings: 0 });
    for (const p of [a, b]) {
      await p.reload();
      await expect.poll(() => paintedTexts(p), { timeout: 15_000 }).toEqual([q1, q2, q3].sort());
    }
  });

  it('a criterion saved in one tab after the highlight was deleted in another is refused, leaving no stray mapping', async () => {
    const [a, b] = context.pages().filter((p) => p.url().startsWith(server.url));
    const openCard = async (p: Page) => {
      await p.bringToFront();
      const box = (await p.locator('#ra-listening').boundingBox())!;
      await p.mouse.click(box.x + 30, box.y + 6);
      await (await overlayUi(p)).getByRole('dialog', { name: 'Highlight details' }).waitFor();
    };
    // Tab B starts adding a criterion to the highlight...
    await openCard(b);
    await (await overlayUi(b)).getByRole('button', { name: 'Add criteria' }).click();
    const combobox = (await overlayUi(b)).getByRole('combobox', { name: 'Search criteria by code or words' });
    await combobox.fill('CU795 1.2');
    await expect.poll(async () => (await overlayUi(b)).getByRole('option').count()).toBeGreaterThan(0);
    await combobox.press('Enter');
    // ...while tab A deletes it...
    await openCard(a);
    await (await overlayUi(a)).getByRole('button', { name: 'Delete highlight' }).click();
    await expect.poll(async () => (await counts()).passages).toBe(2);
    // ...then tab B saves.
    await b.bringToFront();
    await combobox.press('Control+Enter');
    await expect.poll(async () => (await overlayUi(b)).getByRole('alert').textContent()).toMatch(/deleted/);
    expect(await counts()).toEqual({ passages: 2, mappings: 2, duplicateMappings: 0 });
  });
});
