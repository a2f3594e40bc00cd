/**
 * Issue 19: the assessor's whole path in a real Firefox (firefox-esr, the Firefox package
 * installed as a temporary add-on): tag a passage on the demo portfolio by a criterion's
 * words and by its code, save, reload and find it painted again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { join } from 'node:path';
import { addonReady, clickIn, dragSelect, launchFirefox, openExtensionPage, overlayFrame, paintedTexts, pressTagShortcut, ROOT, serveStatic, until, type Firefox, type StaticServer } from './harness';

let server: StaticServer;
let ff: Firefox;
let page: Page;

beforeAll(async () => {
  server = await serveStatic(join(ROOT, 'test', 'demo-portfolio'));
  ff = await launchFirefox();
  const options = await openExtensionPage(ff, `${server.url}/index.html`, 'options.html');
  await addonReady(options);
  await options.close();
  page = await ff.browser.newPage();
  await page.setViewport({ width: 1280, height: 800 });
  await page.goto(`${server.url}/index.html`);
});
afterAll(async () => {
  await ff?.close();
  await server?.close();
});

describe('the assessor\'s path in Firefox', () => {
  it('creates the learner, then tags a selection by a criterion\'s words and by its code, and saves', async () => {
    const quote = await dragSelect(page, '#ra-body-language');
    expect(quote).toContain('body language');
    await until(() => page.$('evidence-mapper-toolbar'), 'the selection toolbar');
    await pressTagShortcut(page);
    const ui = await overlayFrame(page, 'dialog');
    await until(() => ui.$('#em-learner-name'), 'the learner prompt');
    await ui.type('#em-learner-name', 'Jordan Ellis');
    await ui.type('#em-learner-ref', '4821039576');
    await clickIn(ui, 'label', 'EDI Level 2 NVQ Certificate');
    await clickIn(ui, 'button', 'Create learner');
    await until(() => ui.$('#em-search'), 'the palette');
    await ui.type('#em-search', 'body lang');
    const first = () => ui.$eval('[role="option"]', (e) => e.getAttribute('data-criterion-id')).catch(() => '');
    await until(async () => /^edi-l2:CU795:/.test((await first()) ?? ''), 'a CU795 criterion first for "body lang"');
    const top3 = await ui.$$eval('[role="option"]', (els) => els.slice(0, 3).map((e) => e.getAttribute('data-criterion-id')));
    const bodyLanguage = top3.find((id) => id === 'edi-l2:CU795:1.8' || id === 'edi-l2:CU795:1.7');
    expect(bodyLanguage, `top 3 were ${top3.join(', ')}`).toBeTruthy();
    await (await ui.$(`[data-criterion-id="${bodyLanguage}"]`))!.click();
    await ui.$eval('#em-search', (e) => ((e as HTMLInputElement).value = ''));
    await ui.type('#em-search', 'CU808 1.1');
    await until(async () => (await first()) === 'edi-l2:CU808:1.1', 'CU808 1.1 first for its code');
    await ui.focus('#em-search');
    await page.keyboard.press('Enter');
    await ui.type('#em-note', 'Read and mirrored body language at the returns desk');
    // The first tag asks the assessor's name for the tags.
    await ui.type('#em-assessor-name', 'Sam Patel');
    await clickIn(ui, 'button', 'Save name');
    await until(async () => !(await ui.$('#em-assessor-name')), 'the name question answered');
    await clickIn(ui, 'button', 'Save (2)');
    await until(async () => JSON.stringify(await paintedTexts(page)) === JSON.stringify([quote]), 'the highlight painted');
    await until(async () => !(await ui.$('#em-search')), 'the palette closed');
  });

  it('paints the highlight again after a reload, and its card lists both criteria', async () => {
    const before = await paintedTexts(page);
    expect(before).toHaveLength(1);
    await page.reload();
    await until(async () => JSON.stringify(await paintedTexts(page)) === JSON.stringify(before), 'the highlight painted after the reload');
    const box = (await (await page.$('#ra-body-language'))!.boundingBox())!;
    await page.mouse.click(box.x + 40, box.y + 8);
    const ui = await overlayFrame(page, 'dialog');
    const card = await until(() => ui.$('[role="dialog"][aria-label="Highlight details"]'), 'the highlight card');
    const text = await until(async () => { const t = await card.evaluate((e) => e.textContent ?? ''); return t.includes('CU808 1.1') && t; }, 'the card\'s criteria');
    expect(text).toContain('CU795');
    expect(text).toContain('Read and mirrored body language');
  });
});
