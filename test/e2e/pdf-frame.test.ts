/**
 * Issue 17, point 5: a PDF inside an e-portfolio page. E-portfolio systems show an uploaded
 * PDF in a block that is pdf.js's own viewer in a same-origin frame; the assessor tags it in
 * place like any frame, and the highlights come back when the page is opened again (pdf.js
 * lays the text out after the page has loaded, a page at a time). The PDF is made here with pdf-lib (two
 * pages, text drawn line by line); the viewer is pdfjs-dist's PDFViewer served from
 * node_modules beside the portfolio page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { copyFile, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { launchWithExtension, ROOT, serveStatic, type StaticServer } from './harness';
import { createFirstLearner, extensionReady, paintedTexts, selectText, tagSelectionByKeyboard } from './overlay-helpers';

const PAGES = [
  [
    'Witness statement for Jordan Ellis, customer service assistant',
    'On 14 October I watched Jordan deal with an elderly customer who',
    'could not read the price labels. Jordan noticed her squinting, offered',
    'to read the labels aloud and found a magnifier at the customer desk.',
    'She thanked him and said she would come back to the store.',
  ],
  [
    'Later that day a caller complained about a late delivery. Jordan',
    'listened without interrupting, repeated the problem back to check he',
    'had understood it and booked a new delivery slot while the caller',
    'was still on the line.',
    'Signed: Dana Roberts, store manager',
  ],
];

async function statementPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const lines of PAGES) {
    const page = doc.addPage([595, 842]);
    lines.forEach((line, i) => page.drawText(line, { x: 56, y: 770 - i * 22, size: 12, font }));
  }
  return doc.save();
}

let dir: string;
let server: StaticServer;
let context: BrowserContext;
let page: Page;
/** The two passages tagged by the first test, in order. */
const tagged: string[] = [];

/** The PDF block's frame, once pdf.js has laid out the text of page `n` in it. */
async function pdfFrame(n: number): Promise<Frame> {
  const frame = (await (await page.locator('#pdf-block').elementHandle())!.contentFrame())!;
  const pageEl = frame.locator(`.page[data-page-number="${n}"]`);
  await pageEl.waitFor();
  await pageEl.scrollIntoViewIfNeeded();
  await frame.locator(`.page[data-page-number="${n}"] .textLayer span`).first().waitFor();
  return frame;
}

/**
 * Selects from `start` to the end of `end` in the text layer of page `n`; returns the text of
 * the selected range's nodes (a painted range's text, where the selection's own text adds a
 * line break for pdf.js's <br> between lines).
 */
async function selectInPage(frame: Frame, n: number, start: string, end: string): Promise<string> {
  const selector = `.page[data-page-number="${n}"] .textLayer`;
  const text = await frame.locator(selector).evaluate((el) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let all = '';
    while (walker.nextNode()) all += (walker.currentNode as Text).data;
    return all;
  });
  const from = text.indexOf(start);
  const to = text.indexOf(end, from) + end.length;
  expect(from).toBeGreaterThanOrEqual(0);
  expect(to).toBeGreaterThan(from);
  await selectText(frame, selector, from, to);
  return text.slice(from, to);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'evidence-mapper-pdf-frame-'));
  for (const f of ['portfolio.html', 'viewer.html']) await copyFile(join(ROOT, 'test', 'e2e', 'pdf-frame', f), join(dir, f));
  await symlink(join(ROOT, 'node_modules', 'pdfjs-dist'), join(dir, 'pdfjs'));
  await writeFile(join(dir, 'witness-statement.pdf'), await statementPdf());
  server = await serveStatic(dir);
  ({ context } = await launchWithExtension());
  await extensionReady(context);
  page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  // The learner, through the first-use walk-through on the portfolio page itself.
  await page.goto(`${server.url}/portfolio.html`);
  await createFirstLearner(page, 'p');
});
afterAll(async () => {
  await context?.close();
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('a PDF in an e-portfolio page, shown by pdf.js in a same-origin frame', () => {
  it('tags a passage across a line break of the PDF and one on its second page, in place', async () => {
    let frame = await pdfFrame(1);
    const first = await selectInPage(frame, 1, 'offered', 'aloud');
    // pdf.js lays each printed line out as its own element: the selection crosses two.
    expect(first).toBe('offeredto read the labels aloud');
    await tagSelectionByKeyboard(page, frame, 'CU808 1.1');
    expect(await paintedTexts(frame)).toEqual([first]);

    frame = await pdfFrame(2);
    const second = await selectInPage(frame, 2, 'repeated the problem', 'understood it');
    await tagSelectionByKeyboard(page, frame, 'CU795 2.3');
    expect(await paintedTexts(frame)).toEqual([first, second].sort());
    tagged.push(first, second);
  });

  it('paints both again on their own words when the portfolio is opened again', async () => {
    expect(tagged).toHaveLength(2);
    await page.reload();
    await pdfFrame(1);
    const frame = await pdfFrame(2);
    await expect.poll(() => paintedTexts(frame), { timeout: 15_000 }).toEqual([...tagged].sort());
  });
});
