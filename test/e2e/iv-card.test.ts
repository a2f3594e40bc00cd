/**
 * Issue 14, points 3 and 4 on the evidence page, in the built extension: the assessor Amy
 * tags two passages of the demo portfolio; on the options page's Sampling tab the user
 * becomes the internal verifier Vera; on the page, IV mode shows each highlight's sampling
 * state, and from the keyboard alone Vera agrees one mapping and refers the other (refused
 * without a reason; then with reason, feedback and an action with a due date). Vera cannot
 * verify a passage she tagged herself. The agreed passage's words change on the page and the
 * card says "Changed since verified"; back as the assessor, the card shows the decisions
 * read-only, and changing a referred mapping's method marks it changed too. The decision is
 * stored with the words the highlight covered when it was made.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { join } from 'node:path';
import { launchWithExtension, ROOT, serveStatic, type StaticServer } from './harness';
import { extensionReady, hasKeyboard, overlayUi, paintedTexts, selectText, statusUi, tagSelectionByKeyboard } from './overlay-helpers';
import { cardOf, cardText as cardTextOf, closeCard, firstTagQuestions, ivMarks, leaveHighlights as leaveHighlightsOf, openNextCard, pick as pickIn, typeDate as typeDateIn } from './iv-helpers';

const Q = 'edi-l2:500/9378/2';
/** The words of the agreed passage that the page changes later (one letter: "everything" to "every thing"). */
const BEFORE = 'I let her explain everything without interrupting';
const AFTER = 'I let her explain every thing without interrupting';

let server: StaticServer;
let context: BrowserContext;
let extensionId: string;
let page: Page;
let portfolioUrl: string;
/** How the portfolio is served: as it is, with the agreed passage's words changed, or with its paragraph gone. */
let edited: 'no' | 'words' | 'gone' = 'no';
const GONE = /<p id="ra-listening">[^<]*<\/p>/;

beforeAll(async () => {
  server = await serveStatic(join(ROOT, 'test', 'demo-portfolio'), (path, html) => {
    if (!path.endsWith('index.html') || edited === 'no') return html;
    return edited === 'words' ? html.replace(BEFORE, AFTER) : html.replace(GONE, '<p id="ra-listening">She told me what had gone wrong.</p>');
  });
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

let ui: Frame;
const frameUi = async (): Promise<Frame> => (ui = await overlayUi(page));
const combobox = () => ui.getByRole('combobox', { name: 'Search criteria by code or words' });
const card = () => cardOf(ui);
const cardText = () => cardTextOf(ui);

/** The passages' first words, as tagged. */
let agreedQuote = '';
let referredQuote = '';

/** The words painted under each IV state. */
const marked = () => ivMarks(page);
const pick = (code: string, id: string) => pickIn(ui, code, id);

/** Sets who the user is on the options page's Sampling tab, as a user does. */
async function becomeOnSamplingTab(name: string, initials: string, role: RegExp): Promise<void> {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html#sampling`);
  await options.getByLabel('Qualification').selectOption(Q);
  await options.getByRole('button', { name: 'Change who you are' }).click();
  const form = options.getByRole('form', { name: 'Who you are' });
  await form.getByLabel(/Your name/).fill(name);
  await form.getByLabel('Initials').fill(initials);
  await form.getByRole('radio', { name: role }).check();
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await expect.poll(() => options.getByText(`You are ${name} (${initials})`).count()).toBe(1);
  await options.close();
  await page.bringToFront();
}

/** Moves the keyboard to the next highlight and opens its card there (Alt+Shift+N, Enter). */
const openNextCardByKeys = async () => void (ui = await openNextCard(page));
const closeCardByKeys = () => closeCard(page, ui);
const leaveHighlights = () => leaveHighlightsOf(page, ui);
const typeDate = (frame: Frame, ymd: string) => typeDateIn(page, frame, ymd);

describe('the IV on the evidence page', () => {
  it('the assessor tags two passages; the card shows no IV controls to an assessor', async () => {
    agreedQuote = (await selectText(page, '#ra-listening', 0, 100)).trim();
    expect(agreedQuote).toContain(BEFORE);
    await page.keyboard.press('Alt+Shift+T');
    await frameUi();
    await firstTagQuestions(ui, 'Amy Assessor');
    await pick('CU795 1.1', 'edi-l2:CU795:1.1');
    await combobox().press('Control+Enter');
    await combobox().waitFor({ state: 'detached' });

    referredQuote = (await selectText(page, '#ra-options', 0, 80)).trim();
    await tagSelectionByKeyboard(page, page, 'CU808 1.1');
    await page.evaluate(() => getSelection()?.removeAllRanges());
    await expect.poll(async () => (await paintedTexts(page)).map((t) => t.trim()).sort()).toEqual([agreedQuote, referredQuote].sort());
    await page.evaluate(() => scrollTo(0, 0));
    // An assessor's highlights carry no sampling state.
    expect(await marked()).toEqual({ 'not-sampled': [], agreed: [], referred: [], changed: [] });

    await openNextCardByKeys();
    expect(await cardText()).toContain('Amy Assessor');
    expect(await card().getByRole('button', { name: /^Agree / }).count()).toBe(0);
    expect(await cardText()).not.toContain('IV mode');
    await leaveHighlights();
  });

  it('as the IV (set on the Sampling tab), agrees one mapping and refers the other from the keyboard', async () => {
    await becomeOnSamplingTab('Vera Verifier', 'VV', /an internal verifier/);
    await page.reload();
    // IV mode: both highlights are marked not sampled.
    await expect.poll(marked, { timeout: 15_000 }).toEqual({ 'not-sampled': [agreedQuote, referredQuote].sort(), agreed: [], referred: [], changed: [] });
    await page.evaluate(() => scrollTo(0, 0));

    await openNextCardByKeys();
    expect(await cardText()).toContain('IV mode');
    expect(await cardText()).toContain('deciding as Vera Verifier');
    expect(await cardText()).toContain('○ Not sampled');
    // The IV decides; the assessor's edits are not offered.
    expect(await card().getByRole('button', { name: 'Delete highlight' }).count()).toBe(0);
    const agree = card().getByRole('button', { name: 'Agree CU795 1.1' });
    await page.keyboard.press('Tab');
    await expect.poll(() => hasKeyboard(agree)).toBe(true);
    await page.keyboard.press('Enter');
    const reason = card().getByRole('textbox', { name: 'Reason (optional)' });
    await expect.poll(() => hasKeyboard(reason)).toBe(true);
    await page.keyboard.type('A clear first-hand account of checking understanding');
    await page.keyboard.press('Enter');
    await expect.poll(cardText).toContain('✓ Agreed by Vera Verifier (VV)');
    expect(await cardText()).toContain('Reason: A clear first-hand account of checking understanding');
    // Focus is back on Agree, the form gone.
    await expect.poll(() => hasKeyboard(agree)).toBe(true);
    expect(await reason.count()).toBe(0);

    // Esc: the card closes, the ring comes back; Alt+Shift+N goes on to the next highlight.
    await closeCardByKeys();
    await openNextCardByKeys();
    expect(await cardText()).toContain('CU808 1.1');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const refer = card().getByRole('button', { name: 'Refer CU808 1.1' });
    await expect.poll(() => hasKeyboard(refer)).toBe(true);
    await page.keyboard.press('Enter');
    const referReason = card().getByRole('textbox', { name: 'Reason (required to refer)' });
    await expect.poll(() => hasKeyboard(referReason)).toBe(true);
    // Enter with no reason: refused, said, and the reason field takes the keyboard.
    await page.keyboard.press('Enter');
    await expect.poll(() => card().getByRole('alert').textContent()).toBe('Give a reason to refer: the assessor needs to know what to put right.');
    expect(await referReason.getAttribute('aria-invalid')).toBe('true');
    expect(await hasKeyboard(referReason)).toBe(true);

    await page.keyboard.type('The options are described but not who authorised the exchange');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Say that Dave authorised it and how.');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Add the duty manager\'s witness statement');
    await page.keyboard.press('Tab');
    const due = card().getByLabel('Due date');
    await expect.poll(() => hasKeyboard(due)).toBe(true);
    const dueDate = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    await typeDate(ui, dueDate);
    expect(await due.inputValue()).toBe(dueDate);
    await page.keyboard.press('Enter');
    await expect.poll(cardText).toContain('↩ Referred by Vera Verifier (VV)');
    const text = await cardText();
    expect(text).toContain('Reason: The options are described but not who authorised the exchange');
    expect(text).toContain('Feedback: Say that Dave authorised it and how.');
    expect(text).toContain("Action: Add the duty manager's witness statement · due");
    expect(text).not.toContain('(overdue)');
    await page.screenshot({ path: join(ROOT, 'test', 'screenshots', 'iv-card.png') });
    await leaveHighlights();

    // The highlights say it too, each by its line style.
    await expect.poll(marked).toEqual({ 'not-sampled': [], agreed: [agreedQuote], referred: [referredQuote], changed: [] });
  });

  it('marks the agreed mapping "changed since verified" once its words change on the page; a new decision holds for the words as they are now', async () => {
    edited = 'words';
    await page.reload();
    await expect.poll(async () => (await marked()).changed, { timeout: 15_000 }).toHaveLength(1);
    const now = await marked();
    expect(now.changed[0]).toContain(AFTER);
    expect(now.agreed).toEqual([]);
    await page.evaluate(() => scrollTo(0, 0));
    await openNextCardByKeys();
    expect(await cardText()).toContain("⚠ Changed since verified: the evidence's words changed on the page.");
    expect(await cardText()).toContain('Changed since verified');
    expect(await cardText()).toContain('✓ Agreed by Vera Verifier (VV)');

    // Vera looks again and agrees on the words as they are now: no longer changed.
    const agree = card().getByRole('button', { name: 'Agree CU795 1.1' });
    await page.keyboard.press('Tab');
    await expect.poll(() => hasKeyboard(agree)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => hasKeyboard(card().getByRole('textbox', { name: 'Reason (optional)' }))).toBe(true);
    await page.keyboard.type('Re-checked on the edited page');
    await page.keyboard.press('Enter');
    await expect.poll(cardText).toContain('Reason: Re-checked on the edited page');
    expect(await cardText()).not.toContain('Changed since verified');
    await expect.poll(async () => (await marked()).agreed).toEqual(now.changed);
    expect((await marked()).changed).toEqual([]);
    await leaveHighlights();
  });

  it('refuses the IV a mapping they made themselves, with the reason on the card', async () => {
    const own = (await selectText(page, '#ra-summary', 0, 60)).trim();
    await tagSelectionByKeyboard(page, page, 'CU795 1.1');
    await page.evaluate(() => getSelection()?.removeAllRanges());
    await expect.poll(async () => (await marked())['not-sampled']).toEqual([own]);
    // The third highlight in reading order is Vera's own.
    await page.evaluate(() => scrollTo(0, 0));
    await openNextCardByKeys();
    await closeCardByKeys();
    await openNextCardByKeys();
    await closeCardByKeys();
    await openNextCardByKeys();
    await expect.poll(cardText).toContain('You cannot decide on this mapping: You mapped this evidence yourself, and an internal verifier must not have been involved in the assessment they verify.');
    expect(await cardText()).toContain('Vera Verifier');
    const agree = card().getByRole('button', { name: 'Agree CU795 1.1' });
    expect(await agree.getAttribute('aria-disabled')).toBe('true');
    expect(await agree.getAttribute('aria-describedby')).toMatch(/^em-refused-/);
    await page.keyboard.press('Tab');
    await expect.poll(() => hasKeyboard(agree)).toBe(true);
    await page.keyboard.press('Enter');
    expect(await card().getByRole('textbox', { name: /Reason/ }).count()).toBe(0);
    await leaveHighlights();
  });

  it('shows the assessor the decisions read-only; changing a referred mapping\'s method marks it changed', async () => {
    await becomeOnSamplingTab('Amy Assessor', 'AA', /an assessor/);
    await page.reload();
    await expect.poll(async () => (await paintedTexts(page)).length, { timeout: 15_000 }).toBe(3);
    expect(await marked()).toEqual({ 'not-sampled': [], agreed: [], referred: [], changed: [] });
    await page.evaluate(() => scrollTo(0, 0));
    await openNextCardByKeys();
    expect(await cardText()).toContain('✓ Agreed by Vera Verifier (VV)');
    expect(await cardText()).toContain('Reason: Re-checked on the edited page');
    expect(await cardText()).not.toContain('Changed since verified');
    await closeCardByKeys();
    await openNextCardByKeys();
    expect(await cardText()).toContain('↩ Referred by Vera Verifier (VV)');
    expect(await cardText()).toContain('Feedback: Say that Dave authorised it and how.');
    expect(await card().getByRole('button', { name: /^(Agree|Refer) / }).count()).toBe(0);
    expect(await cardText()).not.toContain('Changed since verified');
    const method = card().getByRole('combobox', { name: 'Assessment method for CU808 1.1' });
    await method.selectOption('Wt');
    await expect.poll(cardText).toContain('⚠ Changed since verified: the method was changed.');
    await leaveHighlights();
  });

  it('for a user who both assesses and verifies, Alt+Shift+V and the card\'s switch turn IV mode on and off, remembered', async () => {
    await becomeOnSamplingTab('Vera Verifier', 'VV', /both/);
    await page.reload();
    await expect.poll(async () => (await paintedTexts(page)).length, { timeout: 15_000 }).toBe(3);
    const off = { 'not-sampled': [], agreed: [], referred: [], changed: [] };
    // Off until switched on.
    expect(await marked()).toEqual(off);
    await page.keyboard.press('Alt+Shift+V');
    await expect.poll(async () => (await marked()).referred.length + (await marked()).changed.length + (await marked()).agreed.length).toBe(2);
    const on = await marked();
    // The referred mapping's method changed since: never shown as plainly referred.
    expect(on.referred).toEqual([]);
    expect(on.changed).toEqual([referredQuote]);
    expect(on.agreed).toHaveLength(1);
    expect(on['not-sampled']).toHaveLength(1);

    // In the card: the switch, on; Alt+Shift+V there turns IV mode off.
    await page.evaluate(() => scrollTo(0, 0));
    await openNextCardByKeys();
    const toggle = card().getByRole('switch', { name: 'IV mode' });
    expect(await toggle.isChecked()).toBe(true);
    await page.keyboard.press('Alt+Shift+V');
    await expect.poll(() => toggle.isChecked()).toBe(false);
    await expect.poll(marked).toEqual(off);
    expect(await card().getByRole('button', { name: 'Delete highlight' }).count()).toBe(1);
    await leaveHighlights();
    await page.reload();
    await expect.poll(async () => (await paintedTexts(page)).length, { timeout: 15_000 }).toBe(3);
    expect(await marked()).toEqual(off);

    // The switch from the keyboard (Tab to it, Space), and it stays on after a reload.
    await openNextCardByKeys();
    // The card shows its IV switch once it has read the user's role: Tab is pressed when it is there, as a user would.
    const again = card().getByRole('switch', { name: 'IV mode' });
    await again.waitFor({ state: 'visible' });
    await page.keyboard.press('Tab');
    await expect.poll(() => hasKeyboard(again), { message: 'the keyboard is not on the IV switch' }).toBe(true);
    await page.keyboard.press('Space');
    await expect.poll(() => again.isChecked()).toBe(true);
    await expect.poll(async () => (await marked()).changed).toEqual([referredQuote]);
    await leaveHighlights();
    await page.reload();
    await expect.poll(async () => (await marked()).changed, { timeout: 15_000 }).toEqual([referredQuote]);
  });

  it('lists a verified passage no longer found on its page as changed since verified', async () => {
    edited = 'gone';
    await page.reload();
    await expect.poll(async () => (await paintedTexts(page)).length, { timeout: 15_000 }).toBe(2);
    const status = await statusUi(page);
    const toggle = status.getByRole('button', { name: '1 highlight not found on this page' });
    await toggle.click();
    const list = status.getByRole('list', { name: 'Highlights not found on this page' });
    await expect.poll(async () => ((await list.textContent()) ?? '').replace(/\s+/g, ' ')).toContain('⚠ Changed since verified: the evidence is no longer found on its page.');
    expect(await list.textContent()).toContain(BEFORE);
    // Never painted on other words, nor marked agreed.
    expect((await marked()).agreed).toEqual([]);
    edited = 'no';
  });

  it('stores each decision with the words the highlight covered when it was made', async () => {
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    const decisions = await options.evaluate(() => new Promise<unknown[]>((ok, fail) => {
      const open = indexedDB.open('evidence-mapper');
      open.onerror = () => fail(open.error);
      open.onsuccess = () => {
        const get = open.result.transaction('decisions').objectStore('decisions').getAll();
        get.onsuccess = () => ok(get.result);
      };
    }));
    await options.close();
    const list = (decisions as { decision: string; createdAt: string }[]).sort((a, b) => a.createdAt.localeCompare(b.createdAt)) as unknown as Record<string, unknown>[];
    expect(list.map((d) => d.decision)).toEqual(['agree', 'refer', 'agree']);
    const [first, refer, again] = list;
    const quoteOf = (d: Record<string, unknown>) => (d.snapshot as { quote: string }).quote.trim();
    expect(first).toMatchObject({ verifier: 'Vera Verifier', verifierInitials: 'VV', reason: 'A clear first-hand account of checking understanding', target: { type: 'mapping' } });
    expect(first.snapshot).toMatchObject({ criterionId: 'edi-l2:CU795:1.1', method: 'Obs' });
    // What the IV saw each time: the words before the page changed, then the words after.
    expect(quoteOf(first)).toBe(agreedQuote);
    expect(quoteOf(again)).toContain(AFTER);
    expect(again.target).toEqual(first.target);
    expect(refer).toMatchObject({
      verifier: 'Vera Verifier', reason: 'The options are described but not who authorised the exchange', feedback: 'Say that Dave authorised it and how.',
      action: { text: "Add the duty manager's witness statement" },
    });
    expect(quoteOf(refer)).toBe(referredQuote);
  });
});
