/**
 * Issue 17: PDFs as evidence, in real Chromium with the built extension. A two-page witness
 * statement in two columns (generated here with pdf-lib) is opened in the extension's viewer
 * from one URL; passages across a line break and across the page break are tagged with the
 * same overlay as on web pages; the viewer is closed and the same file opened from another
 * URL and then from disk: the tags come back on the same words. The file changed (one
 * sentence reworded) at its first URL is a new version: the tags on unchanged words come
 * back, the reworded one is listed as not found and painted nowhere.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchWithExtension, serveStatic, type StaticServer } from './harness';
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
    // The passages are what was selected, over the line and the page: nothing more, nothing less.
    expect(lineBreak.replace(/\s+/g, '')).toBe('askhowshehadsleptbeforehelpinghertothediningroom');
    expect(pageBreak.replace(/\s+/g, '')).toBe('JordansatwithherforawhileandofferedtohelpherwritealetterJordan'.slice(0, -6));
    await page.close();
  });

  it('reopened from another URL, the same file shows its tags on the same words', async () => {
    const page = await openViewer(context, extensionId, `${server.url}/mirror/${encodeURIComponent('copy of statement.pdf')}`);
    await expect.poll(() => paintedTexts(page), { timeout: 15_000 }).toEqual(Object.values(painted).sort());
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
});
