/**
 * Issue 13, page isolation: an enabled page is untrusted. A hostile page
 * (test/e2e/hostile-page) walks the DOM and every shadow root it can reach for learners'
 * names and references, criteria and notes, logs keys, guesses text with window.find, and
 * drives the overlay with synthetic (untrusted) keys, mouse and input events and messages to
 * any frame. The assessor meanwhile uses the overlay with real input. The page must read
 * nothing of the overlay's and change nothing in the extension's database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { join } from 'node:path';
import { launchWithExtension, ROOT, serveStatic, type StaticServer } from './harness';
import { dragSelect, extensionReady, inOverlayRoots, overlayDialogs, paletteUi, paintedTexts, selectText, statusUi } from './overlay-helpers';

const LEARNERS = [
  { name: 'Zebedee Quartermaine', uln: '9081726354' },
  { name: 'Philippa Oyelaran-Voss', uln: '5647382910' },
];
const NOTE = 'Kestrel-note-8841';
/** What the page must never read: names, references, the note, criteria codes and a criterion's words. */
const SECRETS = [...LEARNERS.flatMap((l) => [l.name, l.name.split(' ')[1], l.uln]), NOTE, 'Kestrel', 'CU795', 'EDI Level 2', 'Who are you assessing'];

interface Report { read: string[]; did: string[]; keys: string; inputs: string[]; found: string[]; shadowHosts: string[]; frames: string[]; resources: string[]; probes?: number }

let server: StaticServer;
let context: BrowserContext;
let extensionId: string;
let page: Page;

/** Every record of the extension's database, read from an extension page, as one string per store. */
async function database(): Promise<Record<string, string>> {
  const ext = await context.newPage();
  await ext.goto(`chrome-extension://${extensionId}/options.html`);
  const out = await ext.evaluate(async () => {
    const db: IDBDatabase = await new Promise((ok, fail) => {
      const r = indexedDB.open('evidence-mapper');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const result: Record<string, string> = {};
    for (const store of [...db.objectStoreNames]) {
      result[store] = await new Promise((ok) => {
        const r = db.transaction(store).objectStore(store).getAll();
        r.onsuccess = () => ok(JSON.stringify(r.result));
      });
    }
    db.close();
    return result;
  });
  await ext.close();
  return out;
}

/** The stores whose records differ between two reads of the database. */
function changed(before: Record<string, string>, after: Record<string, string>): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((s) => before[s] !== after[s]);
}

const report = (): Promise<Report> => page.evaluate(() => (window as unknown as { __hostile: Report }).__hostile);
const harvest = () => page.evaluate(() => (window as unknown as { __hostileApi: { harvest(): string[] } }).__hostileApi.harvest());
const attack = (round: string) => page.evaluate((round) => (window as unknown as { __hostileApi: { attack(r: string): void } }).__hostileApi.attack(round), round);
const probe = () => page.evaluate((g) => (window as unknown as { __hostileApi: { probe(g: string[]): void } }).__hostileApi.probe(g), SECRETS);

/** How many keyboard focus rings (on a highlight) the overlay's closed roots hold, read through the DevTools protocol. */
const rings = async () => (await inOverlayRoots<number>(page, `function () { return this.querySelectorAll('button.ring').length; }`)).reduce((a, b) => a + b, 0);

/** What the page read that it must not have: each secret found, with where. */
async function leaks(): Promise<string[]> {
  const r = await report();
  const out = new Set<string>();
  for (const line of r.read) for (const s of SECRETS) if (line.includes(s)) out.add(`${s} <- ${line.slice(0, 160)}`);
  for (const s of SECRETS) if (r.keys.includes(s) || r.inputs.some((i) => i.includes(s))) out.add(`${s} <- keylogger`);
  for (const g of r.found) out.add(g);
  return [...out];
}

beforeAll(async () => {
  server = await serveStatic(join(ROOT, 'test', 'e2e', 'hostile-page'));
  ({ context, extensionId } = await launchWithExtension());
  await extensionReady(context);
  // Two learners, created in the side panel; then no learner is chosen for any site, so the
  // overlay's first use on the page asks who is assessed, listing both.
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  for (const l of LEARNERS) {
    await panel.getByRole('button', { name: '+ New learner' }).click();
    await panel.getByRole('textbox', { name: "Learner's name" }).fill(l.name);
    await panel.getByRole('textbox', { name: /Reference/ }).fill(l.uln);
    await panel.getByRole('checkbox', { name: /EDI Level 2 NVQ Certificate/ }).check();
    await panel.getByRole('button', { name: 'Create learner' }).click();
    await panel.getByRole('combobox', { name: 'Learner' }).locator('option:checked', { hasText: l.name }).waitFor({ state: 'attached' });
  }
  await panel.evaluate(async () => {
    const db: IDBDatabase = await new Promise((ok) => {
      const r = indexedDB.open('evidence-mapper');
      r.onsuccess = () => ok(r.result);
    });
    await new Promise<void>((ok) => {
      const tx = db.transaction('settings', 'readwrite');
      const store = tx.objectStore('settings');
      const r = store.getAllKeys();
      r.onsuccess = () => {
        for (const k of r.result) if (String(k).includes('learner')) store.delete(k);
      };
      tx.oncomplete = () => ok();
    });
    db.close();
  });
  await panel.close();
  page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${server.url}/index.html`);
  await page.waitForTimeout(1500);
});
afterAll(async () => {
  await context?.close();
  await server?.close();
});

describe('a hostile page', () => {
  it('cannot open the overlay or save anything with synthetic events', async () => {
    const before = await database();
    await attack('synthetic 1');
    await page.waitForTimeout(1500);
    await attack('synthetic 2');
    await page.waitForTimeout(1500);
    await attack('synthetic 3');
    await page.waitForTimeout(1000);
    await harvest();
    const r = await report();
    console.log('synthetic phase: page did', r.did, 'dialogs open', await overlayDialogs(page));
    expect(await leaks()).toEqual([]);
    expect(await overlayDialogs(page)).toBe(0);
    expect(changed(before, await database())).toEqual([]);
  });

  it('reads nothing of the learner prompt the assessor opens, and cannot answer it', async () => {
    await page.keyboard.press('Escape');
    await selectText(page, '#ev-1', 0, 80);
    await page.keyboard.press('Alt+Shift+T');
    const ui = await paletteUi(page);
    const prompt = ui.getByRole('dialog', { name: 'Who are you assessing?' });
    await prompt.waitFor({ state: 'visible' });
    // The assessor starts typing a new learner's name, then thinks better of it.
    await ui.getByRole('textbox', { name: "Learner's name" }).focus();
    await page.keyboard.type('Kestrel');
    const before = await database();
    await harvest();
    await attack('during prompt');
    await page.waitForTimeout(1000);
    await harvest();
    expect(await prompt.isVisible()).toBe(true);
    await ui.getByRole('textbox', { name: "Learner's name" }).fill('');
    expect(await leaks()).toEqual([]);
    expect(changed(before, await database())).toEqual([]);
    // The assessor chooses a learner with real input; the palette opens for the selection.
    await ui.getByRole('button', { name: `${LEARNERS[0].name} (${LEARNERS[0].uln})` }).click();
    await (await paletteUi(page)).getByRole('combobox', { name: 'Search criteria by code or words' }).waitFor({ state: 'visible' });
  });

  it('reads nothing of the palette (learner, criteria, what is typed) and cannot save through it', async () => {
    const ui = await paletteUi(page);
    const combobox = ui.getByRole('combobox', { name: 'Search criteria by code or words' });
    await expect.poll(() => combobox.evaluate((el) => el === (el.getRootNode() as Document | ShadowRoot).activeElement)).toBe(true);
    await page.keyboard.type('CU795 1.8');
    await expect.poll(() => ui.getByRole('option').count()).toBeGreaterThan(0);
    await page.keyboard.press('Enter');
    await ui.getByRole('textbox', { name: 'Note (optional)' }).focus();
    await page.keyboard.type(NOTE);
    const before = await database();
    await harvest();
    await attack('during palette');
    await page.waitForTimeout(1000);
    await harvest();
    expect(await leaks()).toEqual([]);
    expect(changed(before, await database())).toEqual([]);
    // Esc closes it unsaved; focus is back on the page.
    await page.keyboard.press('Escape');
    await expect.poll(() => overlayDialogs(page)).toBe(0);
    expect(changed(before, await database())).toEqual([]);
  });

  it('reads nothing of a highlight\'s card, and cannot delete or edit it', async () => {
    // The assessor tags the passage with a note, with real input.
    await selectText(page, '#ev-1', 0, 80);
    await page.keyboard.press('Alt+Shift+T');
    const ui = await paletteUi(page);
    const combobox = ui.getByRole('combobox', { name: 'Search criteria by code or words' });
    await combobox.waitFor({ state: 'visible' });
    await combobox.fill('CU795 1.8');
    await expect.poll(() => ui.getByRole('option').count()).toBeGreaterThan(0);
    await combobox.press('Enter');
    await ui.getByRole('textbox', { name: 'Note (optional)' }).fill(NOTE);
    await combobox.press('Control+Enter');
    await expect.poll(() => paintedTexts(page)).toHaveLength(1);
    await page.evaluate(() => getSelection()?.removeAllRanges());
    const before = await database();
    // The page clicks the highlight and whatever it can reach...
    await attack('on a highlight');
    await page.waitForTimeout(1000);
    expect(await overlayDialogs(page)).toBe(0);
    // ...and reads while the assessor has the card open with a real click.
    const box = (await page.locator('#ev-1').boundingBox())!;
    await page.mouse.click(box.x + 30, box.y + 8);
    await expect.poll(() => overlayDialogs(page)).toBe(1);
    await harvest();
    await attack('card open');
    await page.waitForTimeout(1000);
    await harvest();
    await probe();
    const r = await report();
    console.log('hostile page report:', JSON.stringify({ did: r.did, shadowHosts: r.shadowHosts, frames: r.frames, resources: r.resources, found: r.found, keys: r.keys }, null, 1));
    expect(await leaks()).toEqual([]);
    expect(changed(before, await database())).toEqual([]);
    expect(await paintedTexts(page)).toHaveLength(1);
  });

  it('reads nothing of the keyboard\'s focus ring on a highlight, and cannot move it or open the card with its own keys', async () => {
    await page.mouse.click(5, 5);
    await expect.poll(() => overlayDialogs(page)).toBe(0);
    // The page's own Alt+Shift+N / Alt+Shift+P (and the rest of its attack) put no ring on the highlight.
    await attack('before the ring');
    await page.waitForTimeout(1000);
    expect(await rings()).toBe(0);
    expect(await overlayDialogs(page)).toBe(0);
    // The assessor's Alt+Shift+N: the ring, in the page's closed root, over the highlight.
    await page.evaluate(() => getSelection()?.removeAllRanges());
    await page.keyboard.press('Alt+Shift+N');
    await expect.poll(rings).toBe(1);
    const before = await database();
    await harvest();
    await attack('ring shown');
    await page.waitForTimeout(1000);
    await harvest();
    await probe();
    expect(await leaks()).toEqual([]);
    expect(await overlayDialogs(page)).toBe(0);
    expect(changed(before, await database())).toEqual([]);
    await page.keyboard.press('Escape');
    await expect.poll(rings).toBe(0);
  });

  it('finds no learner, criterion or note in the toolbar, the toasts or the highlights not found, by window.find, innerText or a selection', async () => {
    const found: string[] = [];
    await page.mouse.click(5, 5);
    await expect.poll(() => overlayDialogs(page)).toBe(0);
    // The toolbar, by a selection made with the mouse.
    await dragSelect(page, '#ev-2');
    await expect.poll(() => page.locator('evidence-mapper-toolbar').isVisible()).toBe(true);
    await probe();
    // A toast that says what was tagged: the assessor tags the third paragraph.
    await selectText(page, '#ev-3');
    await page.keyboard.press('Alt+Shift+T');
    const ui = await paletteUi(page);
    const combobox = ui.getByRole('combobox', { name: 'Search criteria by code or words' });
    await combobox.waitFor({ state: 'visible' });
    await combobox.fill('CU795 1.8');
    await expect.poll(() => ui.getByRole('option').first().getAttribute('data-criterion-id')).toBe('edi-l2:CU795:1.8');
    await combobox.press('Enter');
    await combobox.press('Control+Enter');
    await expect.poll(() => paintedTexts(page)).toHaveLength(2);
    const status = await statusUi(page);
    await expect.poll(async () => (await status.getByRole('status').allTextContents()).join(' ')).toContain('Tagged with CU795 1.8');
    await probe();
    found.push(...(await leaks()));
    // The highlights not found: the page rewrites the tagged paragraph before the overlay
    // anchors it; the assessor opens the list, which shows its quote and criterion.
    await page.evaluate(() => localStorage.setItem('hostile-rewrite', '1'));
    await page.reload();
    const after = await statusUi(page);
    const toggle = after.getByRole('button', { name: /not found on this page/ });
    await expect.poll(() => toggle.isVisible(), { timeout: 15_000 }).toBe(true);
    await toggle.click();
    await expect.poll(async () => (await after.getByRole('list', { name: 'Highlights not found on this page' }).textContent()) ?? '').toContain('CU795 1.8');
    // And the toolbar again: the overlay knew the learner from the start this time.
    await dragSelect(page, '#ev-2');
    await expect.poll(() => page.locator('evidence-mapper-toolbar').isVisible()).toBe(true);
    await harvest();
    await probe();
    found.push(...(await leaks()));
    expect((await report()).probes).toBe(1);
    expect(found).toEqual([]);
  });
});
