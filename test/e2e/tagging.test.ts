/**
 * Issue 5, end to end: the built extension in real Chromium on the demo portfolio served
 * on 127.0.0.1. An assessor creates a learner, selects a passage, takes a suggestion or
 * searches "body lang", saves; the highlight is painted, comes back after a reload, can
 * be edited, deleted and restored with undo. Then the same from the keyboard alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { join } from 'node:path';
import { launchWithExtension, ROOT, serveStatic, type StaticServer } from './harness';
import { clickSettled, dragSelect, extensionReady, hasKeyboard, overlayUi, paintedTexts, pressToolbarTag, selectText, statusUi } from './overlay-helpers';

const SHOTS = join(ROOT, 'test', 'screenshots');
let server: StaticServer;
let context: BrowserContext;
let extensionId: string;
let page: Page;

beforeAll(async () => {
  server = await serveStatic(join(ROOT, 'test', 'demo-portfolio'));
  ({ context, extensionId } = await launchWithExtension());
  await extensionReady(context);
  page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${server.url}/index.html`);
});
afterAll(async () => {
  await context?.close();
  await server?.close();
});

/** In the palette, from the keyboard: the method group (Obs first), three steps right to "D", then the Note box. */
async function chooseDByKeysThenNote(ui: Frame): Promise<void> {
  await ui.getByRole('radio', { name: /Obs/ }).focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  expect(await ui.getByRole('radio', { name: /^D / }).isChecked()).toBe(true);
  await ui.getByRole('textbox', { name: 'Note (optional)' }).focus();
}

describe('tagging on the demo portfolio', () => {
  it('walks a first-time assessor through creating the learner, then tags a passage with two criteria', async () => {
    const quote = await dragSelect(page, '#ra-body-language');
    expect(quote).toContain('body language');
    const toolbar = page.locator('evidence-mapper-toolbar');
    await expect.poll(() => toolbar.isVisible()).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'toolbar.png') });
    await pressToolbarTag(page);

    const ui = await overlayUi(page);
    await ui.getByRole('textbox', { name: "Learner's name" }).fill('Jordan Ellis');
    await ui.getByRole('textbox', { name: /Reference/ }).fill('4821039576');
    await ui.getByRole('checkbox', { name: /EDI Level 2 NVQ Certificate/ }).check();
    await ui.getByRole('button', { name: 'Create learner' }).click();

    const combobox = ui.getByRole('combobox', { name: 'Search criteria by code or words' });
    await expect.poll(() => combobox.isVisible()).toBe(true);
    await expect.poll(() => ui.getByText('For Jordan Ellis').isVisible()).toBe(true);
    // Suggestions before anything is typed.
    await expect.poll(() => ui.getByRole('option').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await ui.getByText('Suggested for this passage').isVisible()).toBe(true);
    // Each suggestion says which group it comes from (the learner's units first, then the rest
    // of their qualification, nothing from other qualifications) and the words that found it.
    const suggested = await ui.getByRole('option').evaluateAll((els) =>
      els.map((e) => ({ id: e.getAttribute('data-criterion-id') ?? '', group: e.querySelector('[data-group]')?.textContent ?? '', why: e.querySelector('[data-why]')?.textContent?.trim() ?? '' })));
    expect(suggested.every((s) => s.id.startsWith('edi-l2:'))).toBe(true);
    expect(suggested.every((s) => ["Learner's unit", 'Rest of qualification'].includes(s.group)), JSON.stringify(suggested)).toBe(true);
    const groups = suggested.map((s) => s.group);
    expect(groups.lastIndexOf("Learner's unit")).toBeLessThan(groups.includes('Rest of qualification') ? groups.indexOf('Rest of qualification') : Infinity);
    expect(suggested.filter((s) => s.group === "Learner's unit").every((s) => /^edi-l2:CU79[12]:/.test(s.id))).toBe(true);
    expect(suggested.every((s) => /^(Matched|Close in meaning): /.test(s.why)), JSON.stringify(suggested)).toBe(true);
    // The extension reads its general English word vectors (public/word-vectors.bin): suggestions
    // name the passage's words that are close in meaning to a criterion it does not word alike.
    expect(suggested.some((s) => /Close in meaning: \w/.test(s.why)), JSON.stringify(suggested)).toBe(true);

    await combobox.fill('body lang');
    const options = ui.getByRole('option');
    await expect.poll(async () => (await options.first().getAttribute('data-criterion-id')) ?? '').toMatch(/^edi-l2:CU795:/);
    const top3 = await options.evaluateAll((els) => els.slice(0, 3).map((e) => e.getAttribute('data-criterion-id')));
    const bodyLanguage = top3.find((id) => id === 'edi-l2:CU795:1.8' || id === 'edi-l2:CU795:1.7');
    expect(bodyLanguage, `top 3 were ${top3.join(', ')}`).toBeTruthy();
    await ui.locator(`[data-criterion-id="${bodyLanguage}"]`).click();
    expect(await ui.locator(`[data-criterion-id="${bodyLanguage}"]`).getAttribute('aria-selected')).toBe('true');

    await combobox.fill('CU808 1.1');
    await expect.poll(() => options.first().getAttribute('data-criterion-id')).toBe('edi-l2:CU808:1.1');
    await combobox.press('Enter');
    await ui.locator('label', { hasText: 'Obs' }).click();
    await ui.getByRole('textbox', { name: 'Note (optional)' }).fill('Read and mirrored body language at the returns desk');
    await page.screenshot({ path: join(SHOTS, 'palette.png') });
    await ui.getByRole('button', { name: 'Save (2)' }).click();

    await expect.poll(() => paintedTexts(page)).toEqual([quote]);
    await expect.poll(() => combobox.count()).toBe(0);
    await page.mouse.click(5, 5);
    await page.screenshot({ path: join(SHOTS, 'highlights.png') });
  });

  it('paints the highlight again after a reload, on the same words', async () => {
    const before = await paintedTexts(page);
    await page.reload();
    await expect.poll(() => paintedTexts(page), { timeout: 15_000 }).toEqual(before);
  });

  it('shows the highlight\'s criteria on click; a criterion can be removed, the highlight deleted and restored with undo', async () => {
    const box = (await page.locator('#ra-body-language').boundingBox())!;
    await page.mouse.click(box.x + 40, box.y + 8);
    const ui = await overlayUi(page);
    const card = ui.getByRole('dialog', { name: 'Highlight details' });
    // The first dialog since the reload: up to 15 s, as for the paint, while the frame loads.
    await expect.poll(() => card.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await card.textContent()).toContain('CU808 1.1');
    expect(await card.textContent()).toContain('Read and mirrored body language');
    await clickSettled(card.getByRole('button', { name: 'Remove CU808 1.1 from this highlight' }));
    await expect.poll(async () => (await card.textContent()) ?? '').not.toContain('CU808 1.1');
    expect(await card.locator('li[data-mapping-id]').count()).toBe(1);

    const painted = await paintedTexts(page);
    await clickSettled(card.getByRole('button', { name: 'Delete highlight' }));
    await expect.poll(() => paintedTexts(page)).toEqual([]);
    await (await statusUi(page)).getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => paintedTexts(page)).toEqual(painted);
    await page.reload();
    await expect.poll(() => paintedTexts(page), { timeout: 15_000 }).toEqual(painted);
  });

  it('does the same from the keyboard alone, via the shortcut', async () => {
    const quote = (await selectText(page, '#ra-listening', 0, 60)).trim();
    await page.keyboard.press('Alt+Shift+T');
    const ui = await overlayUi(page);
    const combobox = ui.getByRole('combobox', { name: 'Search criteria by code or words' });
    // The palette's frame has the keyboard (not only a focused box in a frame the page has not
    // focused yet), once it has loaded: the first dialog since the reload, so up to 15 s.
    await expect.poll(() => hasKeyboard(combobox), { timeout: 15_000 }).toBe(true);
    await page.keyboard.type('listen activ');
    await expect.poll(() => ui.getByRole('option').count()).toBeGreaterThan(0);
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    expect(await ui.locator('[role="option"][aria-selected="true"]').count()).toBe(2);
    // Tab to the method group and choose "D" with the arrow keys, then save with Ctrl+Enter from the note.
    await chooseDByKeysThenNote(ui);
    await page.keyboard.type('keyboard only');
    await ui.getByRole('combobox').focus();
    await page.keyboard.press('Control+Enter');
    await expect.poll(async () => (await paintedTexts(page)).includes(quote)).toBe(true);
    // The page is painted first; the frame hears that the palette closed a message later.
    await expect.poll(() => combobox.count()).toBe(0);

    // Esc closes without saving, and focus returns to the page.
    await selectText(page, '#ra-options', 0, 40);
    await page.keyboard.press('Alt+Shift+T');
    await expect.poll(() => hasKeyboard(combobox)).toBe(true);
    await page.keyboard.type('refund');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await expect.poll(() => combobox.count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('EVIDENCE-MAPPER-UI');
    expect((await paintedTexts(page)).length).toBe(2);
  });

  it('Ctrl+Enter saves from the Note box, and "Add criteria" starts from the highlight\'s method, not Obs', async () => {
    const quote = (await selectText(page, '#ra-summary', 0, 50)).trim();
    await page.keyboard.press('Alt+Shift+T');
    let ui = await overlayUi(page);
    let combobox = ui.getByRole('combobox', { name: 'Search criteria by code or words' });
    await expect.poll(() => combobox.isVisible()).toBe(true);
    await combobox.fill('CU795 1.1');
    await expect.poll(() => ui.getByRole('option').first().getAttribute('data-criterion-id')).toBe('edi-l2:CU795:1.1');
    await combobox.press('Enter');
    await chooseDByKeysThenNote(ui);
    await page.keyboard.type('summarised the exchange');
    await page.keyboard.press('Control+Enter');
    await expect.poll(async () => (await paintedTexts(page)).includes(quote)).toBe(true);
    await expect.poll(() => combobox.count()).toBe(0);

    // A later tag on another page session starts from Obs again; adding to this highlight keeps D.
    await page.reload();
    await expect.poll(async () => (await paintedTexts(page)).includes(quote), { timeout: 15_000 }).toBe(true);
    const box = (await page.locator('#ra-summary').boundingBox())!;
    await page.mouse.click(box.x + 30, box.y + 8);
    // The reload made a new overlay, and with it a new frame.
    ui = await overlayUi(page);
    combobox = ui.getByRole('combobox', { name: 'Search criteria by code or words' });
    const card = ui.getByRole('dialog', { name: 'Highlight details' });
    await expect.poll(() => card.isVisible(), { timeout: 15_000 }).toBe(true);
    // From the keyboard: the card follows the pointer, so a click waits for it to settle.
    await card.getByRole('button', { name: 'Add criteria' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => combobox.isVisible()).toBe(true);
    expect(await ui.getByRole('radio', { name: /^D / }).isChecked()).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => combobox.count()).toBe(0);
  });

  it('keeps the palette\'s header, method, note and Save in view on a 600 px high window, however many criteria it lists', async () => {
    await page.setViewportSize({ width: 1280, height: 600 });
    const quote = (await selectText(page, '#ra-reflection', 0, 60)).trim();
    await page.keyboard.press('Alt+Shift+T');
    const ui = await overlayUi(page);
    const combobox = ui.getByRole('combobox', { name: 'Search criteria by code or words' });
    await expect.poll(() => hasKeyboard(combobox)).toBe(true);
    await page.keyboard.type('customer');
    await expect.poll(() => ui.getByRole('option').count()).toBe(12);
    // Six criteria chosen (a row of chips more), and a note of several lines.
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Enter');
      await page.keyboard.press('ArrowDown');
    }
    await ui.getByRole('textbox', { name: 'Note (optional)' }).fill('A note\nof several\nlines, to make\nthe palette taller');
    const save = ui.getByRole('button', { name: 'Save (6)' });
    const inView = async (l: typeof save) => {
      const box = await l.boundingBox();
      return !!box && box.y >= 0 && box.y + box.height <= 600 && box.x >= 0 && box.x + box.width <= 1280;
    };
    for (const part of [ui.getByRole('heading', { name: 'Tag evidence' }), ui.getByRole('radio', { name: /^Obs / }), ui.getByRole('textbox', { name: 'Note (optional)' }), save]) {
      expect(await inView(part), await part.evaluate((e) => e.outerHTML.slice(0, 80))).toBe(true);
    }
    // The results list scrolls, not the frame: the list is taller inside than it shows.
    expect(await ui.locator('#em-results').evaluate((e) => e.scrollHeight > e.clientHeight)).toBe(true);
    expect(await ui.evaluate(() => document.scrollingElement!.scrollTop)).toBe(0);
    // Nothing covers Save: a real click where it is shown saves.
    const box = (await save.boundingBox())!;
    expect(await ui.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.textContent, await save.evaluate((e) => {
      const r = e.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    }))).toBe('Save (6)');
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(() => combobox.count()).toBe(0);
    await expect.poll(async () => (await paintedTexts(page)).includes(quote)).toBe(true);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('learns from the tags saved: a passage like the first one tagged says which earlier words it shares; the search widens from the keyboard', async () => {
    await selectText(page, '#pd-a-body-language', 0, 160);
    await page.keyboard.press('Alt+Shift+T');
    const ui = await overlayUi(page);
    const combobox = ui.getByRole('combobox', { name: 'Search criteria by code or words' });
    await expect.poll(() => hasKeyboard(combobox)).toBe(true);
    const reasons = () => ui.locator('[role="option"] [data-why]').allTextContents();
    await expect.poll(async () => (await reasons()).some((r) => /Like passages tagged before: .*(body|language|arms|eye|contact|folded)/.test(r)), { timeout: 15_000 }).toBe(true);
    // Tab from the search box reaches "Include criteria outside…", and Space ticks it.
    await page.keyboard.press('Tab');
    const widen = ui.getByRole('checkbox', { name: /Include criteria outside Jordan Ellis's qualification/ });
    expect(await hasKeyboard(widen)).toBe(true);
    await page.keyboard.press('Space');
    expect(await widen.isChecked()).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => combobox.count()).toBe(0);
  });

  it('Settings resets what suggestions learned, after asking, with Undo; the palette stops giving learned reasons', async () => {
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html#settings`);
    const settings = options.getByRole('tabpanel');
    const count = settings.getByTestId('learned-count');
    await expect.poll(() => count.textContent()).toMatch(/^\s*Learning from \d+ tagged mappings\.\s*$/);
    await settings.getByRole('button', { name: 'Reset learned suggestions' }).click();
    expect(await settings.getByText('Forget what suggestions learned? Your tags stay as they are.').isVisible()).toBe(true);
    await settings.getByRole('button', { name: 'Reset', exact: true }).click();
    await expect.poll(() => count.textContent()).toMatch(/Nothing learned yet\./);

    await page.bringToFront();
    await selectText(page, '#pd-a-body-language', 0, 160);
    await page.keyboard.press('Alt+Shift+T');
    const ui = await overlayUi(page);
    await expect.poll(() => ui.getByRole('option').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    // The palette relearns as it opens: the reasons learned before the reset go within moments.
    await expect.poll(async () => (await ui.locator('[role="option"] [data-why]').allTextContents()).some((r) => r.includes('Like passages tagged before'))).toBe(false);
    expect(await ui.getByRole('option').count()).toBeGreaterThan(0);
    await page.keyboard.press('Escape');

    await options.bringToFront();
    await settings.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => count.textContent()).toMatch(/Learning from \d+ tagged mappings/);
    await options.close();
  });
});
