/**
 * Issue 5, restoring highlights where content moves: evidence inserted 1 s after load, a
 * single-page app changing route with pushState, a same-origin iframe, and a real saved
 * page (Wikipedia, served without its scripts) with 20 tagged passages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { join } from 'node:path';
import { launchWithExtension, ROOT, SHARED, serveStatic, type StaticServer } from './harness';
import { createFirstLearner, extensionReady, paintedTexts, selectText, tagSelectionByKeyboard } from './overlay-helpers';

let demo: StaticServer;
let real: StaticServer;
let context: BrowserContext;
let page: Page;

const tagSelection = (frame: Page | Frame, query: string) => tagSelectionByKeyboard(page, frame, query);

beforeAll(async () => {
  demo = await serveStatic(join(ROOT, 'test', 'demo-portfolio'));
  real = await serveStatic(join(SHARED, 'fixtures', 'real-pages'), (_p, html) => html.replace(/<script\b[\s\S]*?<\/script\s*>/gi, ''));
  ({ context } = await launchWithExtension());
  await extensionReady(context);
  page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  // One learner for every scenario, created through the first-use walk-through.
  await page.goto(`${demo.url}/index.html`);
  await createFirstLearner(page, '#ra-context');
});
afterAll(async () => {
  await context?.close();
  await demo?.close();
  await real?.close();
});

describe('restoring highlights', () => {
  it('anchors a passage in evidence that a script inserts 1 s after load', async () => {
    await page.goto(`${demo.url}/late.html`);
    await page.locator('#la-questions').waitFor();
    const quote = await selectText(page, '#la-questions', 0, 120);
    await tagSelection(page, 'CU795 2.10');
    expect(await paintedTexts(page)).toEqual([quote]);
    await page.reload();
    expect(await page.locator('#la-questions').count()).toBe(0);
    await expect.poll(() => paintedTexts(page), { timeout: 15_000 }).toEqual([quote]);
  });

  it('anchors highlights on the route a single-page app moves to with pushState', async () => {
    await page.goto(`${demo.url}/spa.html?item=colleague-testimony`);
    await page.locator('#spa-wt-handover').waitFor();
    const quote = await selectText(page, '#spa-wt-handover', 0, 90);
    await tagSelection(page, 'CU812 1.1');
    // A fresh load on another route, then the app's own link changes the route.
    await page.goto(`${demo.url}/spa.html?item=refund-call`);
    await page.locator('#spa-call-greeting').waitFor();
    expect(await paintedTexts(page)).toEqual([]);
    const before = page.url();
    await page.evaluate(() => {
      const link = [...document.querySelectorAll('a')].find((a) => a.href.includes('colleague-testimony'))!;
      link.click();
    });
    await expect.poll(() => page.url()).not.toBe(before);
    await expect.poll(() => paintedTexts(page), { timeout: 15_000 }).toEqual([quote]);
  });

  it('tags inside a same-origin iframe and restores it after a reload', async () => {
    await page.goto(`${demo.url}/index.html`);
    const frameEl = page.locator('#call-record-frame');
    await frameEl.scrollIntoViewIfNeeded();
    const frame = (await (await frameEl.elementHandle())!.contentFrame())!;
    await frame.locator('#fr-summary').waitFor();
    const quote = await selectText(frame, '#fr-summary', 0, 100);
    await tagSelection(frame, 'CU803 2.4');
    expect(await paintedTexts(frame)).toEqual([quote]);
    await page.reload();
    const again = (await (await page.locator('#call-record-frame').elementHandle())!.contentFrame())!;
    await expect.poll(() => paintedTexts(again), { timeout: 15_000 }).toEqual([quote]);
  });

  it('on a real page, 20 tagged passages come back on the same words after a reload', async () => {
    await page.goto(`${real.url}/wikipedia.html`);
    const paragraphs = await page.evaluate(() =>
      [...document.querySelectorAll('p')]
        .map((p, i) => ({ i, len: p.textContent!.trim().length }))
        .filter((p) => p.len > 200)
        .map((p) => p.i),
    );
    expect(paragraphs.length).toBeGreaterThanOrEqual(20);
    const quotes: string[] = [];
    for (let k = 0; k < 20; k++) {
      const n = paragraphs[Math.floor((k * paragraphs.length) / 20)];
      await page.evaluate((n) => document.querySelectorAll('p')[n].setAttribute('data-em-test', String(n)), n);
      // Different lengths and offsets, so passages start and end inside links and other inline elements.
      const from = (k * 7) % 40;
      quotes.push((await selectText(page, `p[data-em-test="${n}"]`, from, from + 30 + ((k * 37) % 150))).trim());
      await tagSelection(page, k % 2 ? 'CU795 1.1' : 'body language');
    }
    const painted = await paintedTexts(page);
    expect(painted).toEqual([...quotes].sort());
    await page.reload();
    await expect.poll(() => paintedTexts(page), { timeout: 20_000 }).toEqual([...quotes].sort());
    console.log(`real page: ${quotes.length} passages tagged, ${(await paintedTexts(page)).length} painted on the same words after reload`);
  });
});
