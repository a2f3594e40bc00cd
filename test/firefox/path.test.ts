/**
 * Issue 19: the assessor's whole path in a real Firefox (firefox-esr, the Firefox package
 * installed as a temporary add-on): tag a passage on the demo portfolio by a criterion's
 * words and by its code, save, reload and find it painted again; the sidebar's page shows
 * the coverage; a site not granted at install is enabled from the sidebar (Firefox's
 * optional permission request); the tag set leaves as CSV and everything as a backup
 * (Firefox's downloads), and the backup, imported into a new profile, brings the highlight back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { addonReady, clickIn, downloaded, dragSelect, launchFirefox, openExtensionPage, overlayFrame, paintedTexts, pressTagShortcut, ROOT, serveStatic, until, type Firefox, type StaticServer } from './harness';

let server: StaticServer;
let ff: Firefox;
let page: Page;
let downloads: string;
let backupFile: string;
let quote: string;

beforeAll(async () => {
  server = await serveStatic(join(ROOT, 'test', 'demo-portfolio'));
  downloads = await mkdtemp(join(tmpdir(), 'evidence-mapper-ff-downloads-'));
  ff = await launchFirefox({ downloadDir: downloads });
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
  if (downloads) await rm(downloads, { recursive: true, force: true });
});

/** The text of what `selector` matches in `p`, once it includes `text`. */
const textOf = (p: Page, selector: string, text: string) =>
  until(async () => {
    const t = await p.$eval(selector, (e) => (e as HTMLElement).innerText).catch(() => '');
    return t.includes(text) && t;
  }, `"${text}" in ${selector}`);

/** A unit's progress bar in the sidebar's page: [evidenced, of]. */
const unitBar = (panel: Page, ref: string) =>
  panel.evaluate((r) => {
    const card = [...document.querySelectorAll('article.unit')].find((a) => a.querySelector('.ref')?.textContent?.trim() === r);
    const bar = card?.querySelector('[role="progressbar"]');
    return bar ? [bar.getAttribute('aria-valuenow'), bar.getAttribute('aria-valuemax')] : null;
  }, ref);

describe('the assessor\'s path in Firefox', () => {
  it('creates the learner, then tags a selection by a criterion\'s words and by its code, and saves', async () => {
    quote = await dragSelect(page, '#ra-body-language');
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
    // Firefox reads the extension's word vectors too (public/word-vectors.bin): a suggestion
    // names the passage's words close in meaning to a criterion it does not word alike.
    await until(() => ui.$$eval('[role="option"] [data-why]', (els) => els.some((e) => /Close in meaning: \w/.test(e.textContent ?? ''))), 'a suggestion close in meaning');
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

describe('the sidebar, site permissions, export and import in Firefox', () => {
  it('shows the learner\'s coverage on the sidebar\'s page: one criterion evidenced in CU795 and one in CU808', async () => {
    const portfolio = `${server.url}/index.html`;
    const panel = await openExtensionPage(ff, portfolio, `sidepanel.html?page=${encodeURIComponent(portfolio)}`);
    await clickIn(panel.mainFrame(), '[role="tab"]', 'Coverage');
    // The tags are on optional units: the panel offers to choose them, as an assessor would.
    await clickIn(panel.mainFrame(), 'button', 'Choose these 2 units');
    await until(async () => (await unitBar(panel, 'CU795'))?.[0] === '1', 'CU795 at 1 criterion evidenced');
    expect((await unitBar(panel, 'CU808'))?.[0]).toBe('1');
    expect(Number((await unitBar(panel, 'CU795'))?.[1])).toBeGreaterThan(1);
    await panel.close();
  });

  it('enables a site not granted at install from the sidebar\'s button (Firefox\'s permission request); the overlay then runs there', async () => {
    const other = server.url.replace('127.0.0.1', 'evidence.test');
    const site = `${other}/index.html`;
    const panel = await openExtensionPage(ff, server.url, `sidepanel.html?page=${encodeURIComponent(site)}`);
    await clickIn(panel.mainFrame(), '[role="tab"]', 'This page');
    await clickIn(panel.mainFrame(), 'button', 'Enable Evidence Mapper on this site');
    await textOf(panel, 'body', 'Evidence Mapper is enabled on evidence.test');
    const tab = await ff.browser.newPage();
    await tab.goto(site);
    // The overlay is registered for the site: a selection there shows its toolbar.
    await until(async () => {
      await dragSelect(tab, '#ra-listening');
      return tab.$('evidence-mapper-toolbar');
    }, 'the selection toolbar on evidence.test');
    await tab.close();
    await panel.close();
  });

  it('downloads the tag set as CSV (Firefox\'s downloads) that a CSV parser reads back with the quote, learner and both criteria', async () => {
    const options = await openExtensionPage(ff, server.url, 'options.html#export');
    await clickIn(options.mainFrame(), 'input[value="tagset"]');
    const before = await readdir(downloads);
    await clickIn(options.mainFrame(), 'button[type="submit"]', 'Download');
    const file = await downloaded(downloads, before);
    expect(file).toMatch(/\.csv$/);
    const csv = await readFile(file, 'utf8');
    const parsed = Papa.parse<Record<string, string>>(csv.replace(/^\ufeff/, ''), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toHaveLength(2);
    for (const row of parsed.data) {
      expect(Object.values(row)).toContain(quote);
      expect(Object.values(row)).toContain('Jordan Ellis');
    }
    const all = JSON.stringify(parsed.data);
    expect(all).toContain('CU808');
    expect(all).toContain('CU795');

    await clickIn(options.mainFrame(), 'input[value="backup"]');
    const before2 = await readdir(downloads);
    await clickIn(options.mainFrame(), 'button[type="submit"]', 'Download');
    backupFile = await downloaded(downloads, before2);
    expect(backupFile).toMatch(/\.json$/);
    const backup = await readFile(backupFile, 'utf8');
    expect(backup).toContain('Jordan Ellis');
    expect(backup).toContain('CU808');
    await options.close();
  });

  it('imports the backup into a new Firefox profile: the learner is back and the highlight is painted on the portfolio', async () => {
    expect(backupFile).toBeTruthy();
    const fresh = await launchFirefox();
    try {
      const options = await openExtensionPage(fresh, `${server.url}/index.html`, 'options.html#import');
      await addonReady(options);
      const input = await until(() => options.$('input[type="file"]'), 'the import\'s file field');
      await input.uploadFile(backupFile);
      await textOf(options, 'body', ': backup.');
      await clickIn(options.mainFrame(), 'button[type="submit"]', 'Import');
      await textOf(options, '[role="status"]', 'Imported the backup.');
      const portfolio = await fresh.browser.newPage();
      await portfolio.goto(`${server.url}/index.html`);
      await until(async () => JSON.stringify(await paintedTexts(portfolio)) === JSON.stringify([quote]), 'the imported highlight painted');
    } finally {
      await fresh.close();
    }
  });
});
