/**
 * Helpers for the document viewer's end-to-end tests: opening the viewer on a URL or a local
 * file, selecting words of a document from one phrase to another (across a PDF's text-layer
 * lines and pages), and tagging the selection through the overlay as a user would.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { overlayUi, statusUi } from './overlay-helpers';

/** Opens the viewer in a new tab, on `url` if given; waits until the overlay has restored the document's highlights. */
export async function openViewer(context: BrowserContext, extensionId: string, url?: string): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  if (process.env.DEBUG_VIEWER) page.on('console', (m) => console.log(`[viewer ${m.type()}]`, m.text()));
  await page.goto(`chrome-extension://${extensionId}/viewer.html${url ? `?url=${encodeURIComponent(url)}` : ''}`);
  if (url) await restored(page);
  return page;
}

/** Waits until the viewer's overlay has restored the open document's highlights. */
export async function restored(page: Page): Promise<void> {
  await page.locator('html[data-restored="true"]').waitFor({ state: 'attached', timeout: 20_000 });
}

/** Opens a local file in the viewer with its file picker. */
export async function openLocalFile(page: Page, path: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open file…' }).click();
  await (await chooser).setFiles(path);
  await restored(page);
}

/**
 * Selects the document's words from the start of `from` to the end of `to` (each within one
 * text node, e.g. one PDF text-layer line), as a drag would; returns what the selection reads.
 */
export async function selectFromTo(page: Page, from: string, to: string): Promise<string> {
  return page.evaluate(({ from, to }) => {
    const root = document.getElementById('document')!;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let start: [Text, number] | null = null;
    let end: [Text, number] | null = null;
    for (let t = walker.nextNode() as Text | null; t; t = walker.nextNode() as Text | null) {
      if (!start && t.data.includes(from)) start = [t, t.data.indexOf(from)];
      if (start && t.data.includes(to)) {
        end = [t, t.data.indexOf(to) + to.length];
        break;
      }
    }
    if (!start || !end) throw new Error(`“${from}” … “${to}” not found in the document`);
    const range = document.createRange();
    range.setStart(...start);
    range.setEnd(...end);
    const sel = getSelection()!;
    sel.removeAllRanges();
    sel.addRange(range);
    return range.toString();
  }, { from, to });
}

/** The first time: the learner prompt (who is assessed), then the palette opens. */
export async function createLearner(page: Page, name: string): Promise<void> {
  const ui = await overlayUi(page);
  await ui.getByRole('textbox', { name: "Learner's name" }).fill(name);
  await ui.getByRole('checkbox', { name: /EDI Level 2 NVQ Certificate/ }).check();
  await ui.getByRole('button', { name: 'Create learner' }).click();
}

/** Tags the selection with the first criterion `query` finds, from the keyboard, optionally with a note. */
export async function tagSelection(page: Page, query: string, opts: { newLearner?: string; note?: string; open?: () => Promise<void> } = {}): Promise<void> {
  await page.bringToFront();
  if (opts.open) await opts.open();
  else await page.keyboard.press('Alt+Shift+T');
  if (opts.newLearner) await createLearner(page, opts.newLearner);
  const ui = await overlayUi(page);
  const combobox = ui.getByRole('combobox', { name: 'Search criteria by code or words' });
  await combobox.waitFor({ state: 'visible' });
  await combobox.fill(query);
  await expect.poll(() => ui.getByRole('option').count()).toBeGreaterThan(0);
  await combobox.press('Enter');
  if (opts.note) await ui.getByRole('textbox', { name: /note/i }).first().fill(opts.note);
  await combobox.press('Control+Enter');
  await combobox.waitFor({ state: 'detached' });
}

/** The quotes the status frame lists as not found on this page (opening its list). */
export async function notFoundQuotes(page: Page): Promise<string[]> {
  const status = await statusUi(page);
  const toggle = status.getByRole('button', { name: /not found/i }).first();
  await toggle.waitFor({ state: 'visible', timeout: 15_000 });
  if ((await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
  return status.locator('ul[aria-label="Highlights not found on this page"] q').allInnerTexts();
}
