/**
 * Helpers for the end-to-end tests of internal verification: browser profiles of their own
 * (an assessor's and an IV's machines), hand-over packs downloaded from the Export tab and
 * imported on the Import tab, the overlay's palette and card driven from the keyboard, and
 * the IV states the painter marks on the page.
 */
import type { BrowserContext, Frame, Locator, Page } from 'playwright-core';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { launchWithExtension } from './harness';
import { extensionReady, hasKeyboard, overlayUi } from './overlay-helpers';

/** A browser profile (its own user-data directory) with the extension. */
export interface Profile {
  dir: string;
  context: BrowserContext;
  extensionId: string;
}

export async function openProfile(): Promise<Profile> {
  const dir = await mkdtemp(join(tmpdir(), 'evidence-mapper-profile-'));
  const { context, extensionId } = await launchWithExtension({ userDataDir: dir });
  await extensionReady(context);
  return { dir, context, extensionId };
}

export async function closeProfile(p: Profile | undefined): Promise<void> {
  if (!p) return;
  await p.context.close();
  await rm(p.dir, { recursive: true, force: true });
}

/** A downloaded file: its name and text. */
export interface FileText {
  name: string;
  text: string;
}

/** Downloads a hand-over pack of `learner` through the Export tab. */
export async function downloadPack(p: Profile, learner: string): Promise<FileText> {
  const tab = await p.context.newPage();
  await tab.goto(`chrome-extension://${p.extensionId}/options.html#export`);
  await tab.getByRole('radio', { name: /Hand-over pack/ }).check();
  await tab.getByRole('group', { name: 'Learners' }).getByRole('checkbox', { name: learner }).check();
  const [dl] = await Promise.all([tab.waitForEvent('download'), tab.getByRole('button', { name: 'Download' }).click()]);
  const file = { name: dl.suggestedFilename(), text: await readFile((await dl.path())!, 'utf8') };
  await tab.close();
  return file;
}

/** Imports a file through the Import tab once it is described as `describedAs`; returns the tab, showing the summary. */
export async function importFile(p: Profile, file: FileText, describedAs: RegExp): Promise<Page> {
  const tab = await p.context.newPage();
  await tab.setViewportSize({ width: 1000, height: 1400 });
  await tab.goto(`chrome-extension://${p.extensionId}/options.html#import`);
  await tab.getByLabel(/A backup \(\.json\), Hypothesis annotations/).setInputFiles({ name: file.name, mimeType: 'application/json', buffer: Buffer.from(file.text) });
  await expect.poll(() => tab.getByText(describedAs).count()).toBe(1);
  await tab.getByRole('button', { name: /^Import/ }).click();
  await tab.getByRole('heading', { level: 3 }).waitFor({ timeout: 20_000 });
  return tab;
}

/** The lines an import summary lists under its heading that starts with `heading`. */
export const listed = (tab: Page, heading: string) =>
  tab.locator('h4', { hasText: new RegExp(`^${heading.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(`) }).locator('xpath=following-sibling::ul[1]/li').allTextContents();

/**
 * A first tag's questions in the open palette: creates the learner Jordan Ellis on EDI's
 * Level 2 NVQ Certificate, then answers the assessor's name.
 */
export async function firstTagQuestions(ui: Frame, assessor: string): Promise<void> {
  await ui.getByRole('textbox', { name: "Learner's name" }).fill('Jordan Ellis');
  await ui.getByRole('checkbox', { name: /EDI Level 2 NVQ Certificate/ }).check();
  await ui.getByRole('button', { name: 'Create learner' }).click();
  const name = ui.getByRole('textbox', { name: 'Your name' });
  await expect.poll(() => name.isVisible(), { timeout: 15_000 }).toBe(true);
  await name.fill(assessor);
  await name.press('Enter');
  await expect.poll(() => name.count()).toBe(0);
}

/** Chooses the first criterion the open palette finds for `code` (its id must be `id`). */
export async function pick(ui: Frame, code: string, id: string): Promise<void> {
  const combobox = ui.getByRole('combobox', { name: 'Search criteria by code or words' });
  await combobox.fill(code);
  await expect.poll(() => ui.getByRole('option').first().getAttribute('data-criterion-id')).toBe(id);
  await combobox.press('Enter');
}

/** Saves the open palette with Ctrl+Enter and waits for it to close. */
export async function savePalette(ui: Frame): Promise<void> {
  const combobox = ui.getByRole('combobox', { name: 'Search criteria by code or words' });
  await combobox.press('Control+Enter');
  await combobox.waitFor({ state: 'detached' });
}

/** The words painted under each IV state (trimmed, sorted), from the page's highlight registry. */
export const ivMarks = (page: Page) =>
  page.evaluate(() => Object.fromEntries(['not-sampled', 'agreed', 'referred', 'changed'].map((s) => [s, [...(CSS.highlights.get(`em-iv-${s}`) ?? [])].map((r) => (r as Range).toString().trim()).sort()])));

/** The highlight card in the overlay's dialog frame. */
export const cardOf = (ui: Frame): Locator => ui.getByRole('dialog', { name: 'Highlight details' });

/** The card's text, spaces collapsed. */
export const cardText = async (ui: Frame) => ((await cardOf(ui).textContent()) ?? '').replace(/\s+/g, ' ');

/** Moves the keyboard to the next highlight and opens its card (Alt+Shift+N, Enter); returns the dialog frame. */
export async function openNextCard(page: Page): Promise<Frame> {
  // The user is looking at this window (the profile has other pages open: the options page).
  await page.bringToFront();
  await page.keyboard.press('Alt+Shift+N');
  await page.keyboard.press('Enter');
  const ui = await overlayUi(page);
  await expect.poll(async () => (await cardOf(ui).count()) === 1 && hasKeyboard(cardOf(ui)), { timeout: 15_000 }).toBe(true);
  return ui;
}

/** Closes the card with Esc (the ring stays on its highlight). */
export async function closeCard(page: Page, ui: Frame): Promise<void> {
  await page.keyboard.press('Escape');
  await expect.poll(() => cardOf(ui).count()).toBe(0);
}

/** Closes the card, leaves the highlights and scrolls to the top: Alt+Shift+N starts again from the first. */
export async function leaveHighlights(page: Page, ui: Frame): Promise<void> {
  await closeCard(page, ui);
  await page.keyboard.press('Escape');
  await page.evaluate(() => scrollTo(0, 0));
}

/** Types a yyyy-mm-dd date into the focused date field, in the order its locale shows day, month and year. */
export async function typeDate(page: Page, frame: Frame, ymd: string): Promise<void> {
  const [y, m, d] = ymd.split('-');
  const order = await frame.evaluate(() => new Intl.DateTimeFormat(navigator.language).formatToParts(new Date(2026, 10, 22)).filter((p) => p.type !== 'literal').map((p) => p.type));
  for (const part of order) await page.keyboard.type(part === 'year' ? y : part === 'month' ? m : d);
}
