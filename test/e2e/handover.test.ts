/**
 * Issue 14, point 8, through the built extension with TWO browser profiles (two user-data
 * directories, as an assessor's and an IV's machines): the assessor tags two passages on the
 * demo portfolio and downloads a hand-over pack from the options page's Export tab; the IV
 * imports it in the Import tab and the summary lists the passages and criteria. The assessor
 * deletes one passage and hands over again: the IV's summary lists the deletion since the last
 * import from the assessor. The IV's files go back (one made before it heard of the deletion,
 * one after): on the assessor's page the deleted passage stays deleted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchWithExtension, ROOT, serveStatic, type StaticServer } from './harness';
import { clickSettled, extensionReady, hasKeyboard, overlayUi, paintedTexts, selectText } from './overlay-helpers';

interface Profile {
  dir: string;
  context: BrowserContext;
  extensionId: string;
}

let server: StaticServer;
let assessor: Profile;
let iv: Profile;
let page: Page;
let ui: Frame;
let deletedQuote: string;
let keptQuote: string;

async function open(): Promise<Profile> {
  const dir = await mkdtemp(join(tmpdir(), 'evidence-mapper-profile-'));
  const { context, extensionId } = await launchWithExtension({ userDataDir: dir });
  await extensionReady(context);
  return { dir, context, extensionId };
}

const combobox = () => ui.getByRole('combobox', { name: 'Search criteria by code or words' });

/** Chooses the first criterion the search finds for `code` in the open palette. */
async function pick(code: string, id: string): Promise<void> {
  await combobox().fill(code);
  await expect.poll(() => ui.getByRole('option').first().getAttribute('data-criterion-id')).toBe(id);
  await combobox().press('Enter');
}

/** Downloads a hand-over pack of Jordan Ellis through the Export tab; returns its name and text. */
async function downloadPack(p: Profile): Promise<{ name: string; text: string }> {
  const tab = await p.context.newPage();
  await tab.goto(`chrome-extension://${p.extensionId}/options.html#export`);
  await tab.getByRole('radio', { name: /Hand-over pack/ }).check();
  await tab.getByRole('group', { name: 'Learners' }).getByRole('checkbox', { name: 'Jordan Ellis' }).check();
  const [dl] = await Promise.all([tab.waitForEvent('download'), tab.getByRole('button', { name: 'Download' }).click()]);
  const file = { name: dl.suggestedFilename(), text: await readFile((await dl.path())!, 'utf8') };
  await tab.close();
  return file;
}

/** Imports a file through the Import tab; returns the tab, showing the summary. */
async function importFile(p: Profile, file: { name: string; text: string }, describedAs: RegExp): Promise<Page> {
  const tab = await p.context.newPage();
  await tab.setViewportSize({ width: 1000, height: 1400 });
  await tab.goto(`chrome-extension://${p.extensionId}/options.html#import`);
  await tab.getByLabel(/A backup \(\.json\), Hypothesis annotations/).setInputFiles({ name: file.name, mimeType: 'application/json', buffer: Buffer.from(file.text) });
  await expect.poll(() => tab.getByText(describedAs).count()).toBe(1);
  await tab.getByRole('button', { name: /^Import/ }).click();
  await tab.getByRole('heading', { level: 3 }).waitFor({ timeout: 20_000 });
  return tab;
}

/** The lines listed under a summary's heading that starts with `heading`. */
const listed = (tab: Page, heading: string) =>
  tab.locator('h4', { hasText: new RegExp(`^${heading} \\(`) }).locator('xpath=following-sibling::ul[1]/li').allTextContents();

beforeAll(async () => {
  server = await serveStatic(join(ROOT, 'test', 'demo-portfolio'));
  assessor = await open();
  iv = await open();
  page = await assessor.context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${server.url}/index.html`);
});
afterAll(async () => {
  await assessor?.context.close();
  await iv?.context.close();
  await server?.close();
  for (const p of [assessor, iv]) if (p) await rm(p.dir, { recursive: true, force: true });
});

describe('the hand-over between two profiles', () => {
  it('the assessor tags two passages and hands a pack over; the IV imports it and sees them listed', async () => {
    keptQuote = (await selectText(page, '#ra-body-language', 0, 120)).trim();
    await page.keyboard.press('Alt+Shift+T');
    ui = await overlayUi(page);
    await ui.getByRole('textbox', { name: "Learner's name" }).fill('Jordan Ellis');
    await ui.getByRole('checkbox', { name: /EDI Level 2 NVQ Certificate/ }).check();
    await ui.getByRole('button', { name: 'Create learner' }).click();
    const name = ui.getByRole('textbox', { name: 'Your name' });
    await expect.poll(() => name.isVisible()).toBe(true);
    await name.fill('Sam Patel');
    await name.press('Enter');
    await expect.poll(() => name.count()).toBe(0);
    await pick('CU795 1.8', 'edi-l2:CU795:1.8');
    await combobox().press('Control+Enter');
    await combobox().waitFor({ state: 'detached' });

    deletedQuote = (await selectText(page, '#ra-listening', 0, 60)).trim();
    await page.keyboard.press('Alt+Shift+T');
    await expect.poll(() => hasKeyboard(combobox()), { timeout: 15_000 }).toBe(true);
    await pick('CU808 1.1', 'edi-l2:CU808:1.1');
    await combobox().press('Control+Enter');
    await combobox().waitFor({ state: 'detached' });
    await expect.poll(() => paintedTexts(page)).toEqual([deletedQuote, keptQuote].sort());

    const pack = await downloadPack(assessor);
    expect(pack.name).toMatch(/^hand-over-jordan-ellis-\d{4}-\d{2}-\d{2}\.json$/);
    const tab = await importFile(iv, pack, /hand-over pack from Sam Patel \(Jordan Ellis\)/);
    expect(await tab.getByRole('heading', { level: 3 }).textContent()).toBe('Changes in this first pack from Sam Patel');
    const added = await listed(tab, 'New passages');
    expect(added).toHaveLength(2);
    expect(added.join('\n')).toContain(`“${deletedQuote}`);
    expect(added.join('\n')).toContain(`“${keptQuote.slice(0, 40)}`);
    const mapped = (await listed(tab, 'Criteria mapped')).join('\n');
    expect(mapped).toContain('CU795 1.8 (');
    expect(mapped).toContain('CU808 1.1 (');
  });

  it('the assessor deletes one and hands over again: the IV sees the deletion listed since the last import', async () => {
    // The IV's own pack as it stands, before it hears of the deletion (the file that used to bring it back).
    const ivEarly = await downloadPack(iv);
    await page.bringToFront();
    await page.mouse.click(5, 5);
    const box = (await page.locator('#ra-listening').boundingBox())!;
    await page.mouse.click(box.x + 40, box.y + 8);
    ui = await overlayUi(page);
    const card = ui.getByRole('dialog', { name: 'Highlight details' });
    await expect.poll(async () => (await card.isVisible()) && ((await card.textContent()) ?? ''), { timeout: 15_000 }).toContain('CU808 1.1');
    await clickSettled(card.getByRole('button', { name: 'Delete highlight' }));
    await expect.poll(() => paintedTexts(page)).toEqual([keptQuote]);

    const tab = await importFile(iv, await downloadPack(assessor), /hand-over pack from Sam Patel/);
    expect(await tab.getByRole('heading', { level: 3 }).textContent()).toMatch(/^Changes since your last import from Sam Patel on .+/);
    const deleted = await listed(tab, 'Deleted passages');
    expect(deleted).toHaveLength(1);
    expect(deleted[0]).toContain(`“${deletedQuote}”`);
    expect(deleted[0]).toContain('(Jordan Ellis)');
    expect(await listed(tab, 'New passages')).toEqual([]);
    await tab.screenshot({ path: join(ROOT, 'test', 'screenshots', 'handover-summary.png'), fullPage: true });

    // Back to the assessor: the IV's early file, then its file made after the deletion.
    const ivLate = await downloadPack(iv);
    for (const file of [ivEarly, ivLate]) {
      const back = await importFile(assessor, file, /hand-over pack \(Jordan Ellis\)/);
      expect(await back.getByText(/No passage, mapping, decision or sign-off changed/).count()).toBe(1);
      expect(await listed(back, 'New passages')).toEqual([]);
      await back.close();
    }
    await page.bringToFront();
    await page.reload();
    await expect.poll(() => paintedTexts(page), { timeout: 15_000 }).toEqual([keptQuote]);
  });
});
