/**
 * Issue 17: PDFs as evidence, in real Chromium with the built extension. A two-page witness
 * statement in two columns (generated here with pdf-lib) is opened in the extension's viewer
 * from one URL; passages across a line break and across the page break are tagged with the
 * same overlay as on web pages; the viewer is closed and the same file opened from another
 * URL and then from disk: the tags come back on the same words. The file changed (one
 * sentence reworded) at its first URL is a new version: the tags on unchanged words come
 * back, the reworded one is listed as not found and painted nowhere. An annotation made on the
 * PDF in Hypothesis (known by its urn:x-pdf: fingerprint, with the PDF's URL among its links)
 * is imported on the options page and anchors in the viewer opened from that URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchWithExtension, ROOT, serveStatic, type StaticServer } from './harness';
import { extensionReady, paintedTexts } from './overlay-helpers';
import { notFoundQuotes, openLocalFile, openViewer, selectFromTo, tagSelection } from './viewer-helpers';
import { STATEMENT, statementPdf } from '../fixtures/evidence-documents';

let dir: string;
let server: StaticServer;
let context: BrowserContext;
let extensionId: string;
/** What each tagged passage painted when it was tagged. */
const painted: Record<'lineBreak' | 'pageBreak' | 'reworded', string> = { lineBreak: '', pageBreak: '', reworded: '' };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'em-viewer-'));
  await mkdir(join(dir, 'portfolio'));
  await mkdir(join(dir, 'mirror'));
  const pdf = await statementPdf();
  await writeFile(join(dir, 'portfolio', 'statement.pdf'), pdf);
  await writeFile(join(dir, 'mirror', 'copy of statement.pdf'), pdf);
  await writeFile(join(dir, 'statement-on-disk.pdf'), pdf);
  await mkdir(join(dir, 'annotated'));
  await writeFile(join(dir, 'annotated', 'statement.pdf'), pdf);
  server = await serveStatic(dir);
  ({ context, extensionId } = await launchWithExtension());
  await extensionReady(context);
});
afterAll(async () => {
  await context?.close();
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('a PDF in the viewer', () => {
  it('shows the PDF with its original URL, and tags passages across a line break and across a page break', async () => {
    const url = `${server.url}/portfolio/statement.pdf`;
    const page = await openViewer(context, extensionId, url);
    await expect.poll(() => page.locator('#source a').getAttribute('href')).toBe(url);
    expect(await page.locator('.page').count()).toBe(2);
    expect(await page.locator('#pages').textContent()).toBe('2 pages');

    const lineBreak = await selectFromTo(page, STATEMENT.lineBreak.from, STATEMENT.lineBreak.to);
    await tagSelection(page, 'CU795 2.3', { newLearner: 'Jordan Ellis' });
    expect(await paintedTexts(page)).toEqual([lineBreak]);

    const pageBreak = await selectFromTo(page, STATEMENT.pageBreak.from, STATEMENT.pageBreak.to);
    await tagSelection(page, 'CU795 2.10');
    const reworded = await selectFromTo(page, STATEMENT.reworded.from, STATEMENT.reworded.to);
    await tagSelection(page, 'CU795 1.1');
    Object.assign(painted, { lineBreak, pageBreak, reworded });
    expect(await paintedTexts(page)).toEqual([lineBreak, pageBreak, reworded].sort());
    await page.evaluate(() => scrollTo(0, 0));
    await page.screenshot({ path: join(ROOT, 'test', 'screenshots', 'viewer-pdf.png') });
    // The passages are what was selected, over the line and the page: nothing more, nothing less.
    expect(lineBreak.replace(/\s+/g, '')).toBe('askhowshehadsleptbeforehelpinghertothediningroom');
    expect(pageBreak.replace(/\s+/g, '')).toBe('JordansatwithherforawhileandofferedtohelpherwritealetterJordan'.slice(0, -6));
    await page.close();
  });

  it('reopened from another URL, the same file shows its tags on the same words', async () => {
    const page = await openViewer(context, extensionId, `${server.url}/mirror/${encodeURIComponent('copy of statement.pdf')}`);
    await expect.poll(() => paintedTexts(page), { timeout: 15_000 }).toEqual(Object.values(painted).sort());
    // Zoomed in, the same words stay painted, larger.
    const width = () => page.evaluate(() => Math.max(...[...(CSS.highlights.values())].flatMap((h) => [...h].map((r) => (r as Range).getBoundingClientRect().width))));
    const before = await width();
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await expect.poll(() => page.locator('#zoom').textContent()).toBe('150%');
    await expect.poll(width).toBeGreaterThan(before * 1.1);
    expect(await paintedTexts(page)).toEqual(Object.values(painted).sort());
    await page.close();
  });

  it('opened from disk (the file picker), the same file shows its tags on the same words', async () => {
    const page = await openViewer(context, extensionId);
    await openLocalFile(page, join(dir, 'statement-on-disk.pdf'));
    await expect.poll(() => page.locator('#source').textContent()).toContain('statement-on-disk.pdf');
    await expect.poll(() => paintedTexts(page), { timeout: 15_000 }).toEqual(Object.values(painted).sort());
    await page.close();
  });

  it('a changed file at the same URL is a new version: unchanged passages come back, the reworded one is listed, never painted on other words', async () => {
    await writeFile(join(dir, 'portfolio', 'statement.pdf'), await statementPdf(true));
    const page = await openViewer(context, extensionId, `${server.url}/portfolio/statement.pdf`);
    await expect.poll(() => paintedTexts(page), { timeout: 15_000 }).toEqual([painted.lineBreak, painted.pageBreak].sort());
    const missing = await notFoundQuotes(page);
    expect(missing).toHaveLength(1);
    expect(missing[0].replace(/\s+/g, ' ')).toBe('Jordan recorded the conversation in her care plan');
    await page.close();
  });

  it('an annotation made on the PDF in Hypothesis, imported, anchors in the viewer opened from its URL', async () => {
    const url = `${server.url}/annotated/statement.pdf`;
    // As Hypothesis writes a PDF annotation: the PDF known by its fingerprint, its URL among the
    // document's links, and its selectors over pdf.js's text (no space where a line ends).
    const annotation = {
      id: 'hyp-pdf-1', uri: 'urn:x-pdf:6d2c8e5c0a1f4b7e9d3c2b1a0f9e8d7c', user: 'acct:sam@hypothes.is', created: '2026-03-04T09:00:00.000Z', updated: '2026-03-04T09:00:00.000Z',
      document: { title: ['Witness statement'], link: [{ href: url }, { href: 'urn:x-pdf:6d2c8e5c0a1f4b7e9d3c2b1a0f9e8d7c' }] },
      target: [{ source: 'urn:x-pdf:6d2c8e5c0a1f4b7e9d3c2b1a0f9e8d7c', selector: [
        { type: 'TextPositionSelector', start: 84, end: 99 },
        { type: 'TextQuoteSelector', exact: 'greet Mrs Patel', prefix: 'On 3 March I observed Jordan ', suffix: 'by name and ask how' },
        { type: 'PageSelector', index: 0, label: '1' },
      ] }],
    };
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html#import`);
    await options.getByLabel(/A backup \(\.json\), Hypothesis annotations/).setInputFiles({ name: 'hypothesis.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ total: 1, rows: [annotation] })) });
    await options.getByText('hypothesis.json: Hypothesis annotations.').waitFor();
    await options.getByLabel('Learner these annotations are evidence for').selectOption({ label: 'Jordan Ellis' });
    await options.getByRole('button', { name: 'Import' }).click();
    await options.getByText('Imported the Hypothesis annotations.').waitFor();
    await options.close();

    const page = await openViewer(context, extensionId, url);
    await expect.poll(() => paintedTexts(page), { timeout: 15_000 }).toEqual([...Object.values(painted), 'greet Mrs Patel'].sort());
    await page.close();
  });

  it('"go to evidence" in the side panel opens the document in the viewer, from the URL it came from, at the passage', async () => {
    const panel = await context.newPage();
    await panel.setViewportSize({ width: 420, height: 1000 });
    // Beside a web page of the portfolio (the panel follows web pages; its learner is the one last chosen).
    await panel.goto(`chrome-extension://${extensionId}/sidepanel.html?page=${encodeURIComponent(`${server.url}/portfolio/`)}`);
    await panel.getByRole('tab', { name: 'Coverage' }).click();
    // The tags are on an optional unit the learner has not chosen yet.
    await panel.getByRole('button', { name: 'Choose CU795' }).click();
    await panel.locator('article.unit', { has: panel.locator('.ref', { hasText: /^CU795$/ }) }).locator('button.head').click();
    const row = panel.locator('li.criterion[data-criterion-id="edi-l2:CU795:2.3"]');
    await row.locator('button.open').click();
    const opened = context.waitForEvent('page');
    await row.locator('button.quote').first().click();
    const viewer = await opened;
    expect(decodeURIComponent(viewer.url())).toContain('viewer.html?url=');
    // The passage's highlight is the one revealed (marked active) in the document.
    await expect.poll(() => viewer.evaluate(() => [...(CSS.highlights.get('evidence-mapper-active') ?? [])].map((r) => (r as Range).toString())), { timeout: 20_000 }).toEqual([painted.lineBreak]);
    await viewer.close();
    await panel.close();
  });
});
