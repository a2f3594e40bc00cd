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
import type { Frame, Page } from 'playwright-core';
import { join } from 'node:path';
import { ROOT, serveStatic, type StaticServer } from './harness';
import { clickSettled, hasKeyboard, overlayUi, paintedTexts, selectText } from './overlay-helpers';
import { closeProfile, downloadPack as downloadPackOf, firstTagQuestions, importFile, listed, openProfile, pick as pickIn, type Profile } from './iv-helpers';

let server: StaticServer;
let assessor: Profile;
let iv: Profile;
let page: Page;
let ui: Frame;
let deletedQuote: string;
let keptQuote: string;

const combobox = () => ui.getByRole('combobox', { name: 'Search criteria by code or words' });
const pick = (code: string, id: string) => pickIn(ui, code, id);
const downloadPack = (p: Profile) => downloadPackOf(p, 'Jordan Ellis');

beforeAll(async () => {
  server = await serveStatic(join(ROOT, 'test', 'demo-portfolio'));
  assessor = await openProfile();
  iv = await openProfile();
  page = await assessor.context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${server.url}/index.html`);
});
afterAll(async () => {
  await closeProfile(assessor);
  await closeProfile(iv);
  await server?.close();
});

describe('the hand-over between two profiles', () => {
  it('the assessor tags two passages and hands a pack over; the IV imports it and sees them listed', async () => {
    keptQuote = (await selectText(page, '#ra-body-language', 0, 120)).trim();
    await page.keyboard.press('Alt+Shift+T');
    ui = await overlayUi(page);
    await firstTagQuestions(ui, 'Sam Patel');
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
