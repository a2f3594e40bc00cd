/**
 * Issue 17: Word files and scanned PDFs as evidence, in real Chromium with the built
 * extension. A Word reflective account with a list and a table (generated here with `docx`)
 * opens in the viewer through mammoth's HTML, a sentence and a table cell are tagged, and
 * opened again from disk the tags come back on the same words. A scanned-style PDF (no text
 * at all, generated with pdf-lib) says so plainly and is tagged by whole page and as a whole
 * document, with a note; opened again from another URL, both tags come back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchWithExtension, serveStatic, type StaticServer } from './harness';
import { extensionReady, overlayUi, paintedTexts } from './overlay-helpers';
import { openLocalFile, openViewer, selectFromTo, tagSelection } from './viewer-helpers';
import { ACCOUNT, accountDocx, scannedPdf } from '../fixtures/evidence-documents';

let dir: string;
let server: StaticServer;
let context: BrowserContext;
let extensionId: string;
let learnerMade = false;
/** The learner prompt comes once, at the first tag. */
const firstTime = () => (learnerMade ? undefined : ((learnerMade = true), 'Jordan Ellis'));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'em-viewer-docs-'));
  await mkdir(join(dir, 'portfolio'));
  await mkdir(join(dir, 'other'));
  const docx = await accountDocx();
  await writeFile(join(dir, 'portfolio', 'reflective account.docx'), docx);
  await writeFile(join(dir, 'account-on-disk.docx'), docx);
  const scan = await scannedPdf(2);
  await writeFile(join(dir, 'portfolio', 'scan.pdf'), scan);
  await writeFile(join(dir, 'other', 'scan-copy.pdf'), scan);
  server = await serveStatic(dir);
  ({ context, extensionId } = await launchWithExtension());
  await extensionReady(context);
});
afterAll(async () => {
  await context?.close();
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('a Word file in the viewer', () => {
  it('shows the document with its list and table, tags a sentence and a table cell, and restores them opened from disk', async () => {
    const page = await openViewer(context, extensionId, `${server.url}/portfolio/${encodeURIComponent('reflective account.docx')}`);
    expect(await page.locator('.word h1').textContent()).toBe('Reflective account: personal care');
    expect(await page.locator('.word ul > li').count()).toBe(2);
    expect(await page.locator('.word table tr').count()).toBe(3);
    expect(await page.locator('.word table tr').nth(1).locator('td').allInnerTexts()).toEqual(['07:30', ACCOUNT.cell]);

    const sentence = await selectFromTo(page, 'I explained each step', 'she was comfortable.');
    await tagSelection(page, 'CU795 2.3', { newLearner: firstTime() });
    const cell = await selectFromTo(page, 'Supported Mrs Patel', 'clothes for the day');
    await tagSelection(page, 'CU795 1.1');
    expect(sentence).toBe(ACCOUNT.paragraph);
    expect(cell).toBe(ACCOUNT.cell);
    expect(await paintedTexts(page)).toEqual([cell, sentence].sort());
    await page.close();

    const again = await openViewer(context, extensionId);
    await openLocalFile(again, join(dir, 'account-on-disk.docx'));
    await expect.poll(() => paintedTexts(again), { timeout: 15_000 }).toEqual([cell, sentence].sort());
    await again.close();
  });
});

describe('a scanned PDF in the viewer', () => {
  it('says it has no text, tags a whole page and the whole document with a note, and restores them from another URL', async () => {
    const page = await openViewer(context, extensionId, `${server.url}/portfolio/scan.pdf`);
    await expect.poll(() => page.locator('#scan').textContent()).toContain('This PDF has no text layer: it looks scanned');
    await tagSelection(page, 'CU795 2.3', { newLearner: firstTime(), note: 'Signed observation record, page 2', open: () => page.getByRole('button', { name: 'Tag page 2' }).click() });
    await tagSelection(page, 'CU795 1.1', { open: () => page.getByRole('button', { name: 'Tag the whole document' }).click() });
    const expected = ['Scanned page 2 of 2', 'Whole document: 2 scanned pages'];
    expect(await paintedTexts(page)).toEqual(expected);
    await page.close();

    const again = await openViewer(context, extensionId, `${server.url}/other/scan-copy.pdf`);
    await expect.poll(() => paintedTexts(again), { timeout: 15_000 }).toEqual(expected);
    // The page's tag keeps its note: the highlight's card shows it.
    const label = again.locator('.page[data-page-number="2"] .scan-label');
    await label.click();
    const ui = await overlayUi(again);
    await expect.poll(() => ui.locator('body').innerText(), { timeout: 10_000 }).toContain('Signed observation record, page 2');
    await again.close();
  });
});

describe('a file that is not a document', () => {
  it('says plainly what the viewer opens', async () => {
    const page = await openViewer(context, extensionId);
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Open file…' }).click();
    await (await chooser).setFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('Just some notes.') });
    await expect.poll(() => page.locator('#status').textContent()).toBe('notes.txt is neither a PDF nor a Word (.docx) file. Evidence Mapper shows PDF and Word documents.');
    await page.close();
  });
});
