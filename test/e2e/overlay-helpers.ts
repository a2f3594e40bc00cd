/**
 * Helpers for end-to-end tests of the overlay: waiting for the extension to be ready on
 * 127.0.0.1, selecting text as a user would, reading what the painter painted.
 */
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { expect } from 'vitest';

/** Waits until the background has installed the catalogue and registered the overlay. */
export async function extensionReady(context: BrowserContext): Promise<void> {
  const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  for (let i = 0; i < 200; i++) {
    if ((await sw.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).length)) === 1) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('The extension did not register its overlay within 20 s');
}

/** Selects the whole text of an element (or a part of it) with the mouse. */
export async function dragSelect(page: Page, selector: string, frame: Page | Frame = page): Promise<string> {
  const el = frame.locator(selector);
  await el.scrollIntoViewIfNeeded();
  const box = (await el.boundingBox())!;
  await page.mouse.move(box.x + 1, box.y + 4);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width - 2, box.y + box.height - 4, { steps: 8 });
  await page.mouse.up();
  return frame.evaluate(() => getSelection()!.toString());
}

/** Selects an element's text from script (for keyboard-only runs: no pointer is used). */
export async function selectText(frame: Page | Frame, selector: string, from = 0, to?: number): Promise<string> {
  return frame.evaluate(
    ({ selector, from, to }) => {
      const el = document.querySelector(selector)!;
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      const nodes: Text[] = [];
      while (walker.nextNode()) nodes.push(walker.currentNode as Text);
      const total = nodes.reduce((n, t) => n + t.data.length, 0);
      const end = to ?? total;
      const range = document.createRange();
      let seen = 0;
      for (const t of nodes) {
        if (from >= seen && from <= seen + t.data.length) range.setStart(t, from - seen);
        if (end >= seen && end <= seen + t.data.length) {
          range.setEnd(t, end - seen);
          break;
        }
        seen += t.data.length;
      }
      const sel = getSelection()!;
      sel.removeAllRanges();
      sel.addRange(range);
      return sel.toString();
    },
    { selector, from, to },
  );
}

/** The text of every range the overlay painted with the CSS Custom Highlight API. */
export async function paintedTexts(frame: Page | Frame): Promise<string[]> {
  return frame.evaluate(() => {
    const out: string[] = [];
    for (const [name, highlight] of CSS.highlights) {
      if (!name.startsWith('evidence-mapper-') || name === 'evidence-mapper-active') continue;
      for (const r of highlight) out.push(r.toString());
    }
    return out.sort();
  });
}

/** The overlay's shadow root content, as a Playwright locator scope. */
export const overlayUi = (frame: Page | Frame) => frame.locator('evidence-mapper-ui');

/**
 * Tags the current selection of `frame` with the first criterion found by `query`, from the
 * keyboard alone: the shortcut, the query, Enter to choose, Ctrl+Enter to save. (Call within
 * a test: it polls with expect.)
 */
export async function tagSelectionByKeyboard(page: Page, frame: Page | Frame, query: string): Promise<void> {
  // The shortcut goes to the focused frame, as it would for a user who selected there.
  await page.bringToFront();
  await frame.evaluate(() => window.focus());
  await page.keyboard.press('Alt+Shift+T');
  const ui = overlayUi(frame);
  const combobox = ui.getByRole('combobox', { name: 'Search criteria by code or words' });
  await combobox.waitFor({ state: 'visible' });
  await combobox.fill(query);
  await expect.poll(() => ui.getByRole('option').count()).toBeGreaterThan(0);
  await combobox.press('Enter');
  await combobox.press('Control+Enter');
  await combobox.waitFor({ state: 'detached' });
}
