/**
 * Issue 13: saving on a plain-http site that is not localhost. Such a page is not a secure
 * context, so `crypto.randomUUID` does not exist there (in the overlay's content script
 * either); tagging failed with "crypto.randomUUID is not a function". `evidence.test` is
 * mapped to 127.0.0.1 by Chromium's host resolver rules and enabled as a site.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { join } from 'node:path';
import { launchWithExtension, ROOT, serveStatic, type StaticServer } from './harness';
import { dragSelect, extensionReady, overlayUi, paintedTexts, pressToolbarTag } from './overlay-helpers';

const HOST = 'evidence.test';
let server: StaticServer;
let context: BrowserContext;
let page: Page;
let url: string;

beforeAll(async () => {
  server = await serveStatic(join(ROOT, 'test', 'demo-portfolio'));
  ({ context } = await launchWithExtension({ hosts: [HOST] }));
  await extensionReady(context);
  page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  url = `${server.url.replace('127.0.0.1', HOST)}/index.html`;
  await page.goto(url);
});
afterAll(async () => {
  await context?.close();
  await server?.close();
});

describe('tagging on a plain-http site that is not localhost', () => {
  it('is an insecure context with no crypto.randomUUID, and a passage still saves and comes back', async () => {
    expect(new URL(page.url()).hostname).toBe(HOST);
    expect(await page.evaluate(() => [isSecureContext, typeof crypto.randomUUID])).toEqual([false, 'undefined']);

    const quote = await dragSelect(page, '#ra-body-language');
    const toolbar = page.locator('evidence-mapper-toolbar');
    await expect.poll(() => toolbar.isVisible()).toBe(true);
    await pressToolbarTag(page);
    const ui = await overlayUi(page);
    await ui.getByRole('textbox', { name: "Learner's name" }).fill('Jordan Ellis');
    await ui.getByRole('checkbox', { name: /EDI Level 2 NVQ Certificate/ }).check();
    await ui.getByRole('button', { name: 'Create learner' }).click();
    const combobox = ui.getByRole('combobox', { name: 'Search criteria by code or words' });
    await expect.poll(() => combobox.isVisible()).toBe(true);
    await combobox.fill('CU808 1.1');
    await expect.poll(() => ui.getByRole('option').first().getAttribute('data-criterion-id')).toBe('edi-l2:CU808:1.1');
    await combobox.press('Enter');
    await ui.getByRole('button', { name: 'Save (1)' }).click();

    // Before the fix the palette stayed open with "crypto.randomUUID is not a function".
    const errors = ui.getByText(/randomUUID|not a function/);
    await expect.poll(async () => ({ painted: await paintedTexts(page), errors: await errors.allTextContents() }))
      .toEqual({ painted: [quote], errors: [] });
    expect(await combobox.count()).toBe(0);

    await page.reload();
    await expect.poll(() => paintedTexts(page), { timeout: 15_000 }).toEqual([quote]);
  });
});
