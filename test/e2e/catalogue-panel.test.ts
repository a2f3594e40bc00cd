/**
 * The built extension in real Chromium: the background installs the catalogue into
 * IndexedDB, and the side panel page finds a criterion by its words and by its code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { join } from 'node:path';
import { launchWithExtension, ROOT } from './harness';

let context: BrowserContext;
let extensionId: string;
let page: Page;

beforeAll(async () => {
  ({ context, extensionId } = await launchWithExtension());
  page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/sidepanel.html`);
});
afterAll(async () => {
  await context?.close();
});

describe('side panel catalogue', () => {
  it('lists the five built-in specifications once the background has installed them', async () => {
    await expect.poll(() => page.locator('details.spec').count(), { timeout: 20_000 }).toBe(5);
    await expect.poll(() => page.locator('#catalogue-count').textContent()).toMatch(/^5 specifications, \d{3,} criteria$/);
  });

  it('finds a criterion by searching its words', async () => {
    const search = page.getByRole('searchbox', { name: 'Search criteria by code or words' });
    await search.fill('negative body language');
    const hit = page.locator('[data-criterion-id="edi-l2:CU795:2.3"]');
    await expect.poll(() => hit.isVisible()).toBe(true);
    expect(await hit.textContent()).toContain('Describe how to read both positive and negative body language');
    await page.screenshot({ path: join(ROOT, 'test', 'screenshots', 'sidepanel-catalogue-search.png') });
  });

  it('finds a criterion by unit code and number', async () => {
    await page.getByRole('searchbox').fill('CU795 2.3');
    await expect.poll(() => page.locator('li[data-criterion-id]').count()).toBe(1);
    await expect.poll(() => page.locator('li[data-criterion-id]').first().getAttribute('data-criterion-id')).toBe('edi-l2:CU795:2.3');
  });

  it('says so when nothing matches', async () => {
    await page.getByRole('searchbox').fill('zebra crossing quantum');
    await expect.poll(() => page.getByText('No criterion contains all of those words').isVisible()).toBe(true);
  });
});
