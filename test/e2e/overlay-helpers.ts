/**
 * Helpers for end-to-end tests of the overlay: waiting for the extension to be ready on
 * 127.0.0.1, selecting text as a user would, reading what the painter painted.
 */
import type { BrowserContext, Frame, Locator, Page } from 'playwright-core';
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

/** The overlay's frame of `part` in `scope`, once it exists (up to 15 s). */
async function overlayFrame(scope: Page | Frame, part: 'dialog' | 'status'): Promise<Frame> {
  const parent = 'mainFrame' in scope ? scope.mainFrame() : scope;
  const url = new RegExp(`^chrome-extension://[^/]+/overlay-frame\\.html#${part}\\.`);
  for (let i = 0; i < 150; i++) {
    const frame = parent.childFrames().find((f) => url.test(f.url()));
    if (frame) return frame;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`The overlay's ${part} frame did not appear within 15 s`);
}

/**
 * The overlay's dialog frame in `scope` (a page or a same-origin iframe): the extension page
 * where the learner prompt, the palette and the highlight card are shown, a scope for
 * locators. It is created the first time one of them opens; this waits for it.
 */
export const overlayUi = (scope: Page | Frame): Promise<Frame> => overlayFrame(scope, 'dialog');

/** The overlay's status frame in `scope`: its toasts (with Undo) and the highlights not found on the page. */
export const statusUi = (scope: Page | Frame): Promise<Frame> => overlayFrame(scope, 'status');

/**
 * True once `el` has the keyboard: it is its document's active element and its frame is
 * the focused one, so what is typed now reaches it (a frame's active element alone is not
 * enough: keys go to the page until the page focuses the frame).
 */
export const hasKeyboard = (el: Locator): Promise<boolean> => el.evaluate((e) => document.hasFocus() && document.activeElement === e);

/** Where the keyboard is in a frame, in words ("button: Agree CU791 2.2"), so a failed wait says where it went instead. */
export const keyboardAt = (frame: Frame): Promise<string> =>
  frame.evaluate(() => {
    const e = document.activeElement as HTMLElement | null;
    const what = e ? `${e.localName}: ${e.getAttribute('aria-label') ?? (e.textContent ?? '').trim().slice(0, 40)}` : 'nothing';
    return document.hasFocus() ? what : `(frame not focused) ${what}`;
  });

/** Presses the selection toolbar's Tag button with the mouse (the toolbar's shadow root is closed). */
export async function pressToolbarTag(page: Page): Promise<void> {
  const box = (await page.locator('evidence-mapper-toolbar').boundingBox())!;
  // The button is the toolbar's right end.
  await page.mouse.click(box.x + box.width - 24, box.y + box.height / 2);
}

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
  const ui = await overlayUi(frame);
  const combobox = ui.getByRole('combobox', { name: 'Search criteria by code or words' });
  await combobox.waitFor({ state: 'visible' });
  await combobox.fill(query);
  await expect.poll(() => ui.getByRole('option').count()).toBeGreaterThan(0);
  await combobox.press('Enter');
  await combobox.press('Control+Enter');
  await combobox.waitFor({ state: 'detached' });
}

/**
 * The first-use walk-through on `page`: selects the start of `selector`, presses the
 * shortcut, creates the learner (EDI Level 2 by default) and closes the palette that follows.
 */
export async function createFirstLearner(page: Page, selector: string, name = 'Jordan Ellis', qualification: RegExp = /EDI Level 2 NVQ Certificate/): Promise<void> {
  await selectText(page, selector, 0, 30);
  await page.keyboard.press('Alt+Shift+T');
  const ui = await overlayUi(page);
  await ui.getByRole('textbox', { name: "Learner's name" }).fill(name);
  await ui.getByRole('checkbox', { name: qualification }).check();
  await ui.getByRole('button', { name: 'Create learner' }).click();
  await ui.getByRole('combobox', { name: 'Search criteria by code or words' }).waitFor({ state: 'visible' });
  await page.keyboard.press('Escape');
}

/** Where the palette and the learner prompt are, as a scope for locators: the overlay's frame. */
export async function paletteUi(page: Page): Promise<Frame> {
  return overlayUi(page);
}

/**
 * Runs `fn` on each of the overlay's shadow roots in `page`'s top document, open or closed,
 * through the DevTools protocol (which reaches closed roots, as no page script can).
 */
export async function inOverlayRoots<T>(page: Page, fn: string): Promise<T[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    type Node = { localName?: string; backendNodeId: number; children?: Node[]; shadowRoots?: Node[] };
    const roots: number[] = [];
    const walk = (n: Node) => {
      if (n.localName?.startsWith('evidence-mapper-')) for (const s of n.shadowRoots ?? []) roots.push(s.backendNodeId);
      for (const c of [...(n.children ?? []), ...(n.shadowRoots ?? [])]) walk(c);
    };
    walk(root as Node);
    const out: T[] = [];
    for (const backendNodeId of roots) {
      const { object } = await cdp.send('DOM.resolveNode', { backendNodeId });
      const { result } = await cdp.send('Runtime.callFunctionOn', { objectId: object.objectId!, functionDeclaration: fn, returnByValue: true });
      out.push(result.value as T);
    }
    return out;
  } finally {
    await cdp.detach();
  }
}

/** How many of the overlay's dialogs (palette, learner prompt, highlight card) are shown in `page`. */
export async function overlayDialogs(page: Page): Promise<number> {
  const visible = `function () { return [...this.querySelectorAll('[role="dialog"]')].filter((d) => d.getClientRects().length > 0).length; }`;
  const inRoots = (await inOverlayRoots<number>(page, visible)).reduce((a, b) => a + b, 0);
  let inFrames = 0;
  for (const f of page.frames()) {
    if (!f.url().startsWith('chrome-extension://')) continue;
    inFrames += await f.locator('[role="dialog"]').evaluateAll((ds) => ds.filter((d) => d.getClientRects().length > 0).length).catch(() => 0);
  }
  return inRoots + inFrames;
}

/**
 * Clicks `el` in the overlay's frame once it has stopped moving on the page: the card's frame
 * is placed and sized from what the card reports, a message late, and a click aimed while it
 * moves lands on the page under it.
 */
export async function clickSettled(el: Locator): Promise<void> {
  let last = '';
  for (let i = 0; i < 30; i++) {
    const box = JSON.stringify(await el.boundingBox());
    if (box === last && box !== 'null') break;
    last = box;
    await new Promise((r) => setTimeout(r, 120));
  }
  await el.click();
}
