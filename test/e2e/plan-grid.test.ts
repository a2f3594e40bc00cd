/**
 * The sampling grid at a centre's size (issue 14: 200 learners x 40 units, 100,000
 * mappings), the real PlanGrid component in real Chromium: only the rows in view are in
 * the page, the table still says how many rows there are, and the keyboard reaches every
 * learner (the row is scrolled into view and takes the focus).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser, serveStatic, type StaticServer } from './harness';
import { fixtureBundle } from './export-fixture/bundle';
import type * as GridFixture from '../../scripts/bench-fixtures/grid';

let server: StaticServer;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  const bundle = await fixtureBundle('scripts/bench-fixtures/grid.ts', 'GridFixture');
  server = await serveStatic(mkdtempSync(join(tmpdir(), 'plan-grid-')));
  context = await launchBrowser();
  await context.route(`${server.url}/grid.html`, (route) =>
    route.fulfill({ contentType: 'text/html', body: `<!doctype html><html lang="en"><meta charset="utf-8"><title>Grid</title><body></body><script>${bundle.replace(/<\/script/gi, '<\\/script')}</script></html>` }),
  );
  page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${server.url}/grid.html`);
});

afterAll(async () => {
  await context?.close();
  await server?.close();
});

const focusedLabel = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
/** Is the focused cell inside the grid's scrolling box, below its sticky header? */
const focusedInView = () =>
  page.evaluate(() => {
    const cell = document.activeElement as HTMLElement;
    const box = document.querySelector('.scroll')!.getBoundingClientRect();
    const head = document.querySelector('thead')!.getBoundingClientRect().height;
    const r = cell.getBoundingClientRect();
    return r.top >= box.top + head - 1 && r.bottom <= box.bottom + 1;
  });

describe('the sampling grid for 200 learners by 40 units', () => {
  it('puts only the rows in view in the page and reaches every learner from the keyboard', async () => {
    const shown = await page.evaluate(() => (window as unknown as { GridFixture: typeof GridFixture }).GridFixture.show());
    expect(shown).toEqual({ cells: 8000, learners: 200 });
    const table = page.getByRole('table', { name: 'Sampling grid: learners by units' });
    expect(await table.getAttribute('aria-rowcount')).toBe('201');
    const rendered = await page.locator('td button').count();
    expect(rendered).toBeGreaterThan(0);
    expect(rendered).toBeLessThan(8000 / 2);

    // One tab stop; arrows, PageDown and End move; the focused learner is always in view.
    await page.keyboard.press('Tab');
    expect(await focusedLabel()).toMatch(/^Learner 0, U0:/);
    for (let i = 0; i < 5; i++) await page.keyboard.press('PageDown');
    const afterPages = Number((await focusedLabel()).match(/^Learner (\d+),/)?.[1]);
    expect(afterPages).toBeGreaterThan(60);
    expect(await focusedInView()).toBe(true);
    while (Number((await focusedLabel()).match(/^Learner (\d+),/)?.[1]) < 199) await page.keyboard.press('PageDown');
    await page.keyboard.press('End');
    expect(await focusedLabel()).toMatch(/^Learner 199, U39:/);
    expect(await focusedInView()).toBe(true);
    expect(await page.locator('td button').count()).toBeLessThan(8000 / 2);
    await page.keyboard.press('ArrowUp');
    expect(await focusedLabel()).toMatch(/^Learner 198, U39:/);
    // Back up row by row past the top of the view: each row is rendered as it comes.
    for (let i = 0; i < 40; i++) await page.keyboard.press('ArrowUp');
    expect(await focusedLabel()).toMatch(/^Learner 158, U39:/);
    expect(await focusedInView()).toBe(true);

    // Scrolled away with the mouse wheel, the grid still has its one tab stop.
    await page.locator('.scroll').evaluate((el) => el.scrollTo(0, 0));
    await expect.poll(() => page.locator('td button[tabindex="0"]').count()).toBe(1);
  });
});
