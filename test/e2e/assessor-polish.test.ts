/**
 * Issue 13's assessor polish, end to end on the demo portfolio in real Chromium with the
 * built extension: the assessor's name asked once at the first tag; a saved mapping's method
 * changed from the highlight card and shown by the side panel at once; highlights reached
 * from the keyboard (Alt+Shift+N / Alt+Shift+P, Enter, Esc), page scripts' synthetic keys
 * ignored; the learner in the palette's header with Alt+L to switch, and a warning when the
 * page names another learner. One story in one browser: each test builds on the one before.
 * The palette, the learner chooser and the card are in the overlay's extension frame
 * (overlayUi); the keyboard's focus ring is in the page's closed root, read here through the
 * DevTools protocol (inOverlayRoots), as no page script can.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { join } from 'node:path';
import { launchWithExtension, ROOT, serveStatic, type StaticServer } from './harness';
import { clickSettled, dragSelect, extensionReady, hasKeyboard, inOverlayRoots, overlayUi, selectText, tagSelectionByKeyboard } from './overlay-helpers';

const EDI = 'EDI Level 2 NVQ Certificate in Customer Service';
let server: StaticServer;
let context: BrowserContext;
let extensionId: string;
let page: Page;
let portfolioUrl: string;

beforeAll(async () => {
  server = await serveStatic(join(ROOT, 'test', 'demo-portfolio'));
  ({ context, extensionId } = await launchWithExtension());
  await extensionReady(context);
  page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  portfolioUrl = `${server.url}/index.html`;
  await page.goto(portfolioUrl);
});
afterAll(async () => {
  await context?.close();
  await server?.close();
});

/** The overlay's dialog frame on the page (a new one after each reload). */
let ui: Frame;
const frameUi = async (scope: Page = page): Promise<Frame> => (ui = await overlayUi(scope));
const combobox = () => ui.getByRole('combobox', { name: 'Search criteria by code or words' });
const card = () => ui.getByRole('dialog', { name: 'Highlight details' });

/** The palette header's learner line. */
const learnerLine = async () => ((await ui.locator('p.learner').textContent()) ?? '').replace(/\s+/g, ' ').trim();
/** How many focus rings the overlay's closed root holds. */
const rings = async () => (await inOverlayRoots<number>(page, `function () { return this.querySelectorAll('button.ring').length; }`)).reduce((a, b) => a + b, 0);
/** The element focused inside the overlay's closed root, described by tag, class and label. */
const focusedInOverlay = async () =>
  (await inOverlayRoots<string | null>(page, `function () {
    const el = this.activeElement;
    return el ? el.localName + '.' + el.className.toString().split(' ')[0] + ' ' + (el.getAttribute('aria-label') ?? '') : null;
  }`)).find((x) => x !== null) ?? null;
/** What the page's own script finds with window.find of each of `words` (in its document, closed roots included). */
const pageFinds = (words: string[]) =>
  page.evaluate((words) => words.filter((w) => {
    const found = (window as unknown as { find(s: string, caseSensitive: boolean, backwards: boolean, wrap: boolean): boolean }).find(w, true, false, true);
    getSelection()?.removeAllRanges();
    return found;
  }), words);
/** The words painted as the active highlight. */
const activeText = () => page.evaluate(() => [...(CSS.highlights.get('evidence-mapper-active') ?? [])].map((r) => (r as Range).toString()).join('|'));

// Keys are pressed only once the frame has the keyboard (as tagging.test does): until the
// page has focused the overlay's frame, what is typed still goes to the page.

/** Chooses the first criterion the search finds for `code` in the open palette. */
async function pick(code: string, id: string): Promise<void> {
  await combobox().fill(code);
  await expect.poll(() => ui.getByRole('option').first().getAttribute('data-criterion-id')).toBe(id);
  await combobox().press('Enter');
}

describe('assessor polish', () => {
  it('asks the assessor\'s name once, at the first tag; the tag carries it and Settings has it', async () => {
    await selectText(page, '#ra-body-language');
    await page.keyboard.press('Alt+Shift+T');
    await frameUi();
    await ui.getByRole('textbox', { name: "Learner's name" }).fill('Jordan Ellis');
    await ui.getByRole('textbox', { name: /Reference/ }).fill('4821039576');
    await ui.getByRole('checkbox', { name: new RegExp(EDI) }).check();
    await ui.getByRole('button', { name: 'Create learner' }).click();
    await combobox().waitFor({ state: 'visible' });

    // A second tab, open on the portfolio (learner chosen) before the name is given.
    const other = await context.newPage();
    await other.setViewportSize({ width: 1280, height: 800 });
    await other.goto(portfolioUrl);
    await page.bringToFront();

    const name = ui.getByRole('textbox', { name: 'Your name' });
    await expect.poll(() => name.isVisible()).toBe(true);
    expect(await ui.getByText('Your name on tags?').isVisible()).toBe(true);
    await name.fill('Sam Patel');
    await name.press('Enter');
    await expect.poll(() => name.count()).toBe(0);

    await pick('CU791 1.1', 'edi-l2:CU791:1.1');
    await combobox().press('Control+Enter');
    await combobox().waitFor({ state: 'detached' });
    const box = (await page.locator('#ra-body-language').boundingBox())!;
    await page.mouse.click(box.x + 40, box.y + 8);
    await expect.poll(async () => (await card().textContent()) ?? '').toContain('Sam Patel');
    await page.mouse.click(5, 5);

    // Not asked again: not at the next tag, nor after a reload.
    await selectText(page, '#ra-limits', 0, 40);
    await page.keyboard.press('Alt+Shift+T');
    await combobox().waitFor({ state: 'visible' });
    await expect.poll(() => ui.getByRole('dialog', { name: 'Tag evidence' }).getAttribute('aria-busy')).toBe('false');
    expect(await name.count()).toBe(0);
    await expect.poll(() => hasKeyboard(combobox())).toBe(true);
    await page.keyboard.press('Escape');
    await page.reload();
    await selectText(page, '#ra-limits', 0, 40);
    await page.keyboard.press('Alt+Shift+T');
    await frameUi();
    await combobox().waitFor({ state: 'visible' });
    await expect.poll(() => ui.getByRole('dialog', { name: 'Tag evidence' }).getAttribute('aria-busy')).toBe('false');
    expect(await ui.getByRole('textbox', { name: 'Your name' }).count()).toBe(0);
    await expect.poll(() => hasKeyboard(combobox())).toBe(true);
    await page.keyboard.press('Escape');
    await combobox().waitFor({ state: 'detached' });
    // Nor in the tab that was open before the name was given.
    await other.bringToFront();
    await selectText(other, '#ra-limits', 0, 40);
    await other.keyboard.press('Alt+Shift+T');
    const otherUi = await overlayUi(other);
    await otherUi.getByRole('combobox', { name: 'Search criteria by code or words' }).waitFor({ state: 'visible' });
    expect(await otherUi.locator('p.learner').textContent()).toContain('For Jordan Ellis');
    await expect.poll(() => otherUi.getByRole('dialog', { name: 'Tag evidence' }).getAttribute('aria-busy')).toBe('false');
    expect(await otherUi.getByRole('textbox', { name: 'Your name' }).count()).toBe(0);
    await other.close();
    await page.bringToFront();

    // The same setting the side panel's Settings edits.
    const panel = await context.newPage();
    await panel.goto(`chrome-extension://${extensionId}/sidepanel.html?page=${encodeURIComponent(portfolioUrl)}`);
    await panel.getByRole('tab', { name: 'Settings' }).click();
    await expect.poll(() => panel.getByRole('textbox', { name: 'Your name' }).inputValue()).toBe('Sam Patel');
    await panel.close();
  });

  it('changes a saved mapping\'s method from the highlight card or the side panel; coverage shows it at once', async () => {
    const panel = await context.newPage();
    await panel.setViewportSize({ width: 420, height: 1000 });
    await panel.goto(`chrome-extension://${extensionId}/sidepanel.html?page=${encodeURIComponent(portfolioUrl)}`);
    await panel.getByRole('tab', { name: 'Coverage' }).click();
    await panel.locator('article.unit', { has: panel.locator('.ref', { hasText: /^CU791$/ }) }).locator('button.head').click();
    const methods = () => panel.locator('li.criterion[data-criterion-id="edi-l2:CU791:1.1"] abbr.method').allTextContents();
    await expect.poll(methods, { timeout: 20_000 }).toEqual(['Obs']);

    await page.bringToFront();
    const box = (await page.locator('#ra-body-language').boundingBox())!;
    await page.mouse.click(box.x + 40, box.y + 8);
    await frameUi();
    const method = () => card().getByRole('combobox', { name: 'Assessment method for CU791 1.1' });
    await expect.poll(() => method().inputValue()).toBe('Obs');
    await method().selectOption('Wt');
    await expect.poll(methods).toEqual(['Wt']);

    // Stored: after a reload the card says Wt.
    await page.reload();
    await expect.poll(async () => (await page.evaluate(() => CSS.highlights.size)) > 0, { timeout: 15_000 }).toBe(true);
    const again = (await page.locator('#ra-body-language').boundingBox())!;
    await page.mouse.click(again.x + 40, again.y + 8);
    await frameUi();
    await expect.poll(() => method().inputValue()).toBe('Wt');
    await clickSettled(card().getByRole('button', { name: 'Close' }));
    // The pointer leaves, as the card (in its frame) was over the same highlight: resting there,
    // the page's next mousemove would open its hover card again.
    await page.mouse.move(5, 5);
    await expect.poll(() => card().count(), { timeout: 5_000 }).toBe(0);

    // The side panel's "This page" changes it too; coverage and the page's card follow.
    await panel.bringToFront();
    await panel.getByRole('tab', { name: 'This page' }).click();
    const inPanel = panel.getByRole('combobox', { name: 'Assessment method for CU791 1.1' });
    await expect.poll(() => inPanel.inputValue()).toBe('Wt');
    await inPanel.selectOption('D');
    await panel.getByRole('tab', { name: 'Coverage' }).click();
    await panel.locator('article.unit', { has: panel.locator('.ref', { hasText: /^CU791$/ }) }).locator('button.head').click();
    await expect.poll(methods).toEqual(['D']);
    await page.bringToFront();
    await page.mouse.click(again.x + 40, again.y + 8);
    await expect.poll(() => method().inputValue()).toBe('D');
    await clickSettled(card().getByRole('button', { name: 'Close' }));
    await page.mouse.move(5, 5);
    await expect.poll(() => card().count(), { timeout: 5_000 }).toBe(0);
    await panel.close();
  });

  it('moves between highlights from the keyboard; Enter opens the card, Esc returns, Esc again leaves; synthetic keys do nothing', async () => {
    await page.bringToFront();
    await page.mouse.move(5, 5);
    await selectText(page, '#ra-summary', 0, 60);
    await tagSelectionByKeyboard(page, page, 'CU791 1.2');
    await page.evaluate(() => { getSelection()?.removeAllRanges(); scrollTo(0, 0); });
    const body = (await page.locator('#ra-body-language').textContent())!.trim();
    const summary = (await page.locator('#ra-summary').textContent())!.slice(0, 60).trim();

    // A page script's made-up key press does not move to a highlight.
    await page.evaluate(() => document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'N', code: 'KeyN', altKey: true, shiftKey: true, bubbles: true, composed: true })));
    expect(await rings()).toBe(0);

    await page.keyboard.press('Alt+Shift+N');
    await expect.poll(focusedInOverlay).toMatch(/^button\.ring Highlight 1 of 2: “Before she had said much/);
    expect(await activeText()).toBe(body);
    await page.keyboard.press('Alt+Shift+N');
    await expect.poll(focusedInOverlay).toMatch(/^button\.ring Highlight 2 of 2: “Before she left I summarised/);
    expect(await activeText()).toBe(summary);
    // Scrolled into view.
    const rect = await page.locator('#ra-summary').boundingBox();
    expect(rect!.y).toBeGreaterThanOrEqual(0);
    expect(rect!.y).toBeLessThan(800);
    await page.keyboard.press('Alt+Shift+P');
    await expect.poll(focusedInOverlay).toMatch(/^button\.ring Highlight 1 of 2/);

    // A synthetic Enter on the ring opens nothing; the user's Enter opens the card, focused.
    // (Sent from script to the ring itself, through the DevTools protocol: a page cannot even reach it.)
    await inOverlayRoots(page, `function () { this.querySelector('button.ring')?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })); }`);
    expect(await card().count()).toBe(0);
    expect(await rings()).toBe(1);
    // The ring says only what the page has: where it is, the quote; no criterion.
    expect(await focusedInOverlay()).not.toContain('CU791');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await card().count()) === 1 && hasKeyboard(card())).toBe(true);
    expect(await card().textContent()).toContain('CU791 1.1');
    // Tab reaches the method; changed from the keyboard, it is saved and the card is sent
    // again, and the keyboard stays on it (the card used to take it back each time).
    const method = card().getByRole('combobox', { name: 'Assessment method for CU791 1.1' });
    await page.keyboard.press('Tab');
    await expect.poll(() => hasKeyboard(method)).toBe(true);
    const was = await method.inputValue();
    for (const key of ['ArrowDown', 'ArrowUp']) {
      await page.keyboard.press(key);
      for (let i = 0; i < 15; i++) {
        expect(await hasKeyboard(method)).toBe(true);
        await page.waitForTimeout(100);
      }
    }
    expect(await method.inputValue()).toBe(was);
    await page.keyboard.press('Escape');
    await expect.poll(() => card().count(), { timeout: 5_000 }).toBe(0);
    await expect.poll(focusedInOverlay).toMatch(/^button\.ring Highlight 1 of 2/);
    await page.keyboard.press('Escape');
    await expect.poll(rings).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.localName)).not.toBe('evidence-mapper-ui');
    expect(await activeText()).toBe('');
  });

  it('shows the learner in the palette\'s header, switches with Alt+L, and warns when the page names another learner', async () => {
    await selectText(page, '#ra-options', 0, 50);
    await page.keyboard.press('Alt+Shift+T');
    await frameUi();
    await combobox().waitFor({ state: 'visible' });
    expect(await learnerLine()).toBe('For Jordan Ellis (4821039576) Change Alt+L');
    const warning = ui.getByRole('alert').filter({ hasText: 'This page names' });
    expect(await warning.count()).toBe(0);

    // Alt+L: the chooser, for the same selection; a new learner, Casey Morgan.
    await expect.poll(() => hasKeyboard(combobox())).toBe(true);
    await page.keyboard.press('Alt+L');
    await expect.poll(() => ui.getByRole('heading', { name: 'Tag this passage for which learner?' }).isVisible()).toBe(true);
    await ui.getByRole('textbox', { name: "Learner's name" }).fill('Casey Morgan');
    await ui.getByRole('textbox', { name: /Reference/ }).fill('CM-0042');
    await ui.getByRole('checkbox', { name: new RegExp(EDI) }).check();
    await ui.getByRole('button', { name: 'Create learner' }).click();
    await combobox().waitFor({ state: 'visible' });
    await expect.poll(() => learnerLine()).toBe('For Casey Morgan (CM-0042) Change Alt+L');
    expect(await ui.locator('blockquote').textContent()).toContain('I gave her the options');

    // This portfolio page is Jordan's: it names him and not Casey.
    await expect.poll(() => warning.textContent()).toContain('This page names Jordan Ellis (4821039576), not Casey Morgan.');
    // Shown in the extension's frame only: the page's own script finds none of it in its document.
    expect(await pageFinds(['Casey Morgan', 'CM-0042', 'This page names', 'Tag for Jordan'])).toEqual([]);
    await warning.getByRole('button', { name: 'Tag for Jordan Ellis' }).click();
    await expect.poll(() => learnerLine()).toBe('For Jordan Ellis (4821039576) Change Alt+L');
    // The page is checked again for the learner now chosen: the warning goes.
    await expect.poll(() => warning.count()).toBe(0);

    // From the keyboard alone: Alt+L, then Esc comes back to the palette, learner unchanged...
    await combobox().focus();
    await expect.poll(() => hasKeyboard(combobox())).toBe(true);
    await page.keyboard.press('Alt+L');
    await expect.poll(() => ui.getByRole('heading', { name: 'Tag this passage for which learner?' }).isVisible()).toBe(true);
    await expect.poll(() => ui.evaluate(() => document.hasFocus() && !!document.activeElement?.closest('.setup'))).toBe(true);
    await page.keyboard.press('Escape');
    await combobox().waitFor({ state: 'visible' });
    expect(await learnerLine()).toBe('For Jordan Ellis (4821039576) Change Alt+L');
    expect(await ui.locator('blockquote').textContent()).toContain('I gave her the options');
    // ...and Alt+L again, the other learner is focused first, Enter.
    await combobox().focus();
    await expect.poll(() => hasKeyboard(combobox())).toBe(true);
    await page.keyboard.press('Alt+L');
    await expect.poll(() => ui.evaluate(() => document.hasFocus() && document.activeElement?.textContent?.trim())).toBe('Casey Morgan (CM-0042)');
    await page.keyboard.press('Enter');
    await expect.poll(() => learnerLine()).toBe('For Casey Morgan (CM-0042) Change Alt+L');
    await combobox().focus();
    await expect.poll(() => hasKeyboard(combobox())).toBe(true);
    await page.keyboard.press('Escape');
    await combobox().waitFor({ state: 'detached' });

    // The selection toolbar names no learner (the palette does, in its frame): the page's
    // script finds neither the new learner's name nor reference anywhere in its document.
    await dragSelect(page, '#ra-reflection');
    await expect.poll(() => page.locator('evidence-mapper-toolbar').isVisible()).toBe(true);
    expect(await pageFinds(['Casey Morgan', 'CM-0042'])).toEqual([]);

    // The names were matched away from the page: none was written into its DOM.
    expect(await page.evaluate(() => document.documentElement.outerHTML.includes('Casey Morgan') || document.documentElement.outerHTML.includes('CM-0042'))).toBe(false);
  });
});
