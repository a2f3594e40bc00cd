/**
 * Issue 6, end to end: the built extension in real Chromium, the side panel opened as its
 * page in a tab (with `?page=` naming the portfolio beside it, as the real side panel would
 * take it from the active tab). The assessor creates a learner in the panel, tags three
 * passages of the demo portfolio for two units through the overlay, and the panel shows
 * them at once: criteria evidenced with counts and methods, unit bars moved, the rest as
 * gaps; a passage clicked in the panel brings its page to the highlight. A learner on the
 * HABC Level 3 Diploma with a chosen unit set sees the progress the rules give for it.
 * Evidence on a unit not chosen is pointed out. Over 400 lines on purpose: it is one story in
 * one browser, each test building on the learners and tags of the ones before, and a second
 * file would have to tag them all again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { axeViolations } from './axe';
import { join } from 'node:path';
import { launchWithExtension, ROOT, serveStatic, type StaticServer } from './harness';
import { extensionReady, overlayUi, paintedTexts, selectText } from './overlay-helpers';
import catalogueJson from '../../data/catalogue.json';
import { parseCatalogueJson } from '../../lib/catalogue/schema';
import { learnerCoverage, progressLines } from '../../lib/coverage';
import { findQualification } from '../../lib/catalogue/lookup';
import { unitIdOf } from '../../lib/catalogue/ids';

const SHOTS = join(ROOT, 'test', 'screenshots');
const EDI = 'EDI Level 2 NVQ Certificate in Customer Service';
const HABC = 'habc-l3:601/4027/6';

let server: StaticServer;
let context: BrowserContext;
let extensionId: string;
let portfolio: Page;
let panel: Page;
let portfolioUrl: string;
/** Serve the portfolio without the listening paragraph (the page changed after tagging). */
let withoutListening = false;

/** Tags the text of an element with criteria found by code, by one method, through the overlay's palette. */
async function tag(selector: string, codes: string[], method: RegExp): Promise<string> {
  await portfolio.bringToFront();
  const quote = await selectText(portfolio, selector);
  await portfolio.keyboard.press('Alt+Shift+T');
  const ui = await overlayUi(portfolio);
  const combobox = ui.getByRole('combobox', { name: 'Search criteria by code or words' });
  await combobox.waitFor({ state: 'visible' });
  for (const code of codes) {
    const [ref, number] = code.split(' ');
    await combobox.fill(code);
    await expect.poll(() => ui.getByRole('option').first().getAttribute('data-criterion-id')).toMatch(new RegExp(`:${ref.replace(/\//g, '')}:${number.replace('.', '\\.')}$`));
    await combobox.press('Enter');
  }
  // From the keyboard: the palette is in an out-of-process frame, and with the panel's tab
  // emulating another viewport in the same window, headless Chromium sends the mouse there astray.
  await ui.getByRole('radio', { name: method }).focus();
  await portfolio.keyboard.press('Space');
  await combobox.press('Control+Enter');
  await combobox.waitFor({ state: 'detached' });
  return quote;
}

const unitCard = (ref: string) => panel.locator('article.unit', { has: panel.locator('.ref', { hasText: new RegExp(`^${ref}$`) }) });
const unitBar = (ref: string) => unitCard(ref).getByRole('progressbar');
const criterionRow = (id: string) => panel.locator(`li.criterion[data-criterion-id="${id}"]`);
/** A criterion's status line as it is seen (text for screen readers only left out). */
const seenState = (id: string) =>
  criterionRow(id).locator('.state').evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    for (const hidden of copy.querySelectorAll('.visually-hidden')) hidden.remove();
    return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
  });

beforeAll(async () => {
  server = await serveStatic(join(ROOT, 'test', 'demo-portfolio'), (_path, html) =>
    withoutListening ? html.replace(/<p id="ra-listening">[\s\S]*?<\/p>/, '') : html,
  );
  ({ context, extensionId } = await launchWithExtension());
  await extensionReady(context);
  portfolioUrl = `${server.url}/index.html`;
  portfolio = await context.newPage();
  await portfolio.setViewportSize({ width: 1280, height: 800 });
  await portfolio.goto(portfolioUrl);
  panel = await context.newPage();
  await panel.setViewportSize({ width: 420, height: 1000 });
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html?page=${encodeURIComponent(portfolioUrl)}`);
});
afterAll(async () => {
  await context?.close();
  await server?.close();
});

describe('side panel', () => {
  it('with no learner, says how to start; the assessor sets their name and creates a learner in the panel', async () => {
    await expect.poll(() => panel.getByText('No learner yet.').isVisible(), { timeout: 20_000 }).toBe(true);
    await panel.getByRole('tab', { name: 'Coverage' }).click();
    expect(await panel.getByRole('heading', { name: 'Nobody to show yet' }).isVisible()).toBe(true);
    expect(await axeViolations(panel)).toEqual([]);

    // The IV's referrals, with nobody chosen and nothing referred: says so.
    await panel.getByRole('tab', { name: 'Referrals' }).click();
    await expect.poll(() => panel.getByText(/^Nothing referred back and no open action for any learner\./).count()).toBe(1);
    expect(await axeViolations(panel)).toEqual([]);

    await panel.getByRole('tab', { name: 'Settings' }).click();
    await panel.getByRole('textbox', { name: 'Your name' }).fill('Sam Patel');
    await panel.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => panel.getByRole('status').filter({ hasText: 'recorded as Sam Patel (SP), an assessor' }).count()).toBe(1);
    expect(await axeViolations(panel)).toEqual([]);

    await panel.getByRole('button', { name: '+ New learner' }).click();
    await panel.getByRole('textbox', { name: "Learner's name" }).fill('Jordan Ellis');
    await panel.getByRole('textbox', { name: /Reference/ }).fill('4821039576');
    await panel.getByRole('checkbox', { name: new RegExp(EDI) }).check();
    await panel.getByRole('button', { name: 'Create learner' }).click();
    await expect.poll(() => panel.getByRole('heading', { name: 'No evidence yet' }).isVisible()).toBe(true);
    expect(await panel.getByRole('combobox', { name: 'Learner' }).locator('option:checked').textContent()).toBe('Jordan Ellis (4821039576)');
    // Mandatory units are there from the start; CU795 is chosen as an optional unit.
    expect(await unitCard('CU791').count()).toBe(1);
    expect(await unitCard('CU792').count()).toBe(1);
    await panel.locator('summary', { hasText: /^Units chosen: 2 / }).click();
    expect(await panel.getByRole('checkbox', { name: /^CU791/ }).isDisabled()).toBe(true);
    await panel.getByRole('checkbox', { name: /^CU795/ }).check();
    await expect.poll(() => unitCard('CU795').count()).toBe(1);
    await panel.locator('summary', { hasText: /^Units chosen: 3 / }).click();
    expect(await unitBar('CU795').getAttribute('aria-valuenow')).toBe('0');
  });

  it('shows three passages tagged for two units at once: criteria evidenced with counts and methods, bars moved, the rest as gaps', async () => {
    await portfolio.reload();
    await tag('#ra-body-language', ['CU795 1.8'], /^D /);
    await tag('#ra-listening', ['CU795 1.1', 'CU795 1.4'], /^Pe /);
    await tag('#obs-rapport', ['CU791 2.2', 'CU795 1.1'], /^Obs /);
    expect((await paintedTexts(portfolio)).length).toBe(3);

    // No reload: the panel follows the database.
    await expect.poll(() => unitBar('CU795').getAttribute('aria-valuenow')).toBe('3');
    expect(await unitBar('CU795').getAttribute('aria-valuemax')).toBe('22');
    await expect.poll(() => unitBar('CU791').getAttribute('aria-valuenow')).toBe('1');
    expect(await unitBar('CU792').getAttribute('aria-valuenow')).toBe('0');
    expect(await unitCard('CU795').locator('.facts').textContent()).toContain('3 passages');
    expect(await unitCard('CU792').locator('.status').textContent()).toBe('Not started');
    expect(await panel.getByRole('heading', { name: 'No evidence yet' }).count()).toBe(0);

    await unitCard('CU795').locator('button.head').click();
    const listening = criterionRow('edi-l2:CU795:1.1');
    expect(await seenState('edi-l2:CU795:1.1')).toBe('Evidenced: 2 passages Obs Pe');
    expect(await seenState('edi-l2:CU795:1.8')).toBe('Evidenced: 1 passage D');
    expect(await seenState('edi-l2:CU795:1.4')).toBe('Evidenced: 1 passage Pe');
    expect(await seenState('edi-l2:CU795:1.2')).toBe('Not yet evidenced');
    expect(await unitCard('CU795').locator('li.criterion.evidenced').count()).toBe(3);
    expect(await unitCard('CU795').locator('li.criterion:not(.evidenced)').count()).toBe(19);

    // Gaps only: evidenced criteria drop out, gaps stay.
    await panel.getByRole('checkbox', { name: 'Gaps only' }).check();
    await expect.poll(() => listening.count()).toBe(0);
    expect(await criterionRow('edi-l2:CU795:1.2').isVisible()).toBe(true);
    expect(await panel.locator('li.criterion.evidenced').count()).toBe(0);
    expect(await unitCard('CU791').locator('li.criterion').count()).toBe(20);
    await panel.getByRole('checkbox', { name: 'Gaps only' }).uncheck();

    // Search within the panel, with the catalogue browser's rules.
    await panel.getByRole('searchbox', { name: "Search this learner's criteria" }).fill('body language');
    await expect.poll(() => panel.locator('li.criterion').count()).toBe(4);
    const ids = await panel.locator('li.criterion').evaluateAll((els) => els.map((e) => e.getAttribute('data-criterion-id')));
    expect(ids).toEqual(['edi-l2:CU795:1.7', 'edi-l2:CU795:1.8', 'edi-l2:CU795:2.3', 'edi-l2:CU795:2.4']);
    await panel.getByRole('searchbox', { name: "Search this learner's criteria" }).fill('');

    await panel.evaluate(() => {
      (document.activeElement as HTMLElement | null)?.blur();
      scrollTo(0, 0);
    });
    await panel.screenshot({ path: join(SHOTS, 'sidepanel-coverage.png') });
    expect(await axeViolations(panel)).toEqual([]);
  });

  it('a criterion opens its evidence; clicking a passage brings its page to the highlight', async () => {
    const listening = criterionRow('edi-l2:CU795:1.1');
    await listening.getByRole('button', { name: /Evidenced: 2 passages/ }).click();
    const items = listening.locator('li.item');
    await expect.poll(() => items.count()).toBe(2);
    const texts = await items.allInnerTexts();
    // Newest first: the observation, then the reflective account.
    expect(texts[0]).toContain('An older gentleman asked about delivery');
    expect(texts[0]).toMatch(/Jordan Ellis – Evidence library – Trackwell ePortfolio · .* · Obs Observation · Sam Patel/);
    expect(texts[1]).toContain('I let her explain everything without interrupting');
    expect(texts[1]).toContain('Pe Product evidence · Sam Patel');
    // The unit's header at the top, under the sticky tabs, so its evidence fills the shot.
    await unitCard('CU795').evaluate((el) => {
      el.scrollIntoView({ block: 'start' });
      scrollBy(0, -48);
    });
    await panel.mouse.move(0, 0);
    await panel.screenshot({ path: join(SHOTS, 'sidepanel-evidence.png') });
    expect(await axeViolations(panel)).toEqual([]);

    await portfolio.evaluate(() => scrollTo(0, 0));
    const card = (await overlayUi(portfolio)).getByRole('dialog', { name: 'Highlight details' });
    expect(await card.count()).toBe(0);
    await items.first().getByRole('button', { name: /Show on its page/ }).click();
    await expect.poll(() => portfolio.evaluate(() => scrollY), { timeout: 15_000 }).toBeGreaterThan(300);
    await expect.poll(() => card.isVisible()).toBe(true);
    expect(await card.textContent()).toContain('CU791 2.2');
    // The highlight is on screen.
    const inView = await portfolio.locator('#obs-rapport').evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.top >= 0 && r.top < innerHeight;
    });
    expect(inView).toBe(true);
    expect(await portfolio.evaluate(() => document.visibilityState)).toBe('visible');
  });

  it('"This page" lists the passages on the page beside it with their criteria, and enables the site', async () => {
    await panel.bringToFront();
    await panel.getByRole('tab', { name: 'This page' }).click();
    const passages = panel.locator('li.passage');
    await expect.poll(() => passages.count()).toBe(3);
    expect(await passages.nth(0).innerText()).toMatch(/Before she had said much[\s\S]*CU795 1\.8/);
    expect(await passages.nth(1).locator('.code').allInnerTexts()).toEqual(['CU795 1.1', 'CU795 1.4']);
    expect(await passages.nth(2).locator('.code').allInnerTexts()).toEqual(['CU791 2.2', 'CU795 1.1']);
    // 127.0.0.1 is granted at install, and the panel knows it.
    await expect.poll(() => panel.locator('.enable [role="status"]').textContent()).toMatch(/^Enabled: the overlay runs on every page of 127\.0\.0\.1:\d+\.$/);
    await panel.getByRole('button', { name: 'Enable Evidence Mapper on this site' }).click();
    await expect.poll(() => panel.locator('.enable [role="status"]').textContent()).toMatch(/^Evidence Mapper is enabled on 127\.0\.0\.1:\d+\./);
    expect(await axeViolations(panel)).toEqual([]);
  });

  it('without ?page=, follows the web page used last (the panel itself is no page)', async () => {
    const other = await context.newPage();
    await other.goto(`chrome-extension://${extensionId}/sidepanel.html?tab=page`);
    await expect.poll(() => other.locator('#this-page-heading').textContent(), { timeout: 15_000 }).toBe('Jordan Ellis – Evidence library – Trackwell ePortfolio');
    expect(await other.locator('.url').textContent()).toBe(portfolioUrl);
    await expect.poll(() => other.locator('li.passage').count()).toBe(3);
    await other.close();
    await panel.bringToFront();
  });

  it('is usable from the keyboard alone, with a visible focus', async () => {
    const focused = () =>
      panel.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        return { text: (el.textContent ?? '').replace(/\s+/g, ' ').trim(), outline: getComputedStyle(el).outlineStyle, unit: el.closest('article.unit')?.querySelector('.ref')?.textContent ?? null, cls: el.className };
      });
    /** Presses Tab until the focused element passes `test` (at most 40 times). */
    async function tabTo(test: (f: Awaited<ReturnType<typeof focused>>) => boolean) {
      for (let i = 0; i < 40; i++) {
        await panel.keyboard.press('Tab');
        if (test(await focused())) return;
      }
      throw new Error(`Tab never reached it; last focus: ${JSON.stringify(await focused())}`);
    }
    await panel.getByRole('tab', { name: 'This page' }).focus();
    await panel.keyboard.press('ArrowLeft');
    expect(await panel.getByRole('tab', { name: 'Coverage' }).getAttribute('aria-selected')).toBe('true');
    expect(await focused()).toMatchObject({ text: 'Coverage', outline: 'solid' });

    await tabTo((f) => f.unit === 'CU791' && f.cls.includes('head'));
    expect((await focused()).outline).toBe('solid');
    await panel.keyboard.press('Enter');
    expect(await unitCard('CU791').locator('button.head').getAttribute('aria-expanded')).toBe('true');
    await tabTo((f) => f.text === 'Evidenced: 1 passage for 2.2');
    await panel.keyboard.press('Enter');
    await expect.poll(() => criterionRow('edi-l2:CU791:2.2').locator('li.item').count()).toBe(1);
    await panel.keyboard.press('Tab');
    expect((await focused()).text).toMatch(/^Show on its page: “An older gentleman/);
    expect((await focused()).outline).toBe('solid');
  });

  it('an orphaned passage (its words gone from the page) says so and still shows its quote', async () => {
    withoutListening = true;
    await portfolio.reload();
    expect(await portfolio.locator('#ra-listening').count()).toBe(0);
    await panel.bringToFront();
    const row = criterionRow('edi-l2:CU795:1.4');
    if ((await row.count()) === 0) await unitCard('CU795').locator('button.head').click();
    await row.getByRole('button', { name: /Evidenced: 1 passage/ }).click();
    const item = row.locator('li.item');
    await item.getByRole('button', { name: /Show on its page/ }).click();
    await expect.poll(() => item.locator('.warn').textContent(), { timeout: 20_000 }).toMatch(/^Not found on its page/);
    expect(await item.getByRole('button', { name: /Show on its page/ }).textContent()).toContain('I let her explain everything without interrupting');
    // "This page" says the same of it.
    await panel.bringToFront();
    await panel.getByRole('tab', { name: 'This page' }).click();
    const orphan = panel.locator('li.passage.orphan');
    await expect.poll(() => orphan.count()).toBe(1);
    expect(await orphan.innerText()).toMatch(/I let her explain everything[\s\S]*Not found on the page as it is now/);
    await panel.screenshot({ path: join(SHOTS, 'sidepanel-this-page.png') });
    withoutListening = false;
    await portfolio.reload();
  });

  it('refuses an optional unit barred with one already chosen, with the reason', async () => {
    await panel.getByRole('button', { name: '+ New learner' }).click();
    await panel.getByRole('textbox', { name: "Learner's name" }).fill('Alex Morgan');
    await panel.getByRole('checkbox', { name: /Ascentis Level 1 Award for Introduction to Customer Service/ }).check();
    await panel.getByRole('button', { name: 'Create learner' }).click();
    await expect.poll(() => panel.getByRole('combobox', { name: 'Learner' }).locator('option:checked').textContent()).toBe('Alex Morgan');
    await panel.locator('summary', { hasText: /^Units chosen: 1 / }).click();
    await panel.getByRole('checkbox', { name: /^R\/601\/6068/ }).check();
    await expect.poll(() => panel.locator('summary', { hasText: /^Units chosen: 2 / }).count()).toBe(1);
    const barred = panel.getByRole('checkbox', { name: /^A\/601\/6047/ });
    await barred.click();
    const alert = panel.getByRole('alert');
    await expect.poll(() => alert.textContent()).toMatch(/^Not added\. .*\(A\/601\/6047\) is barred with .*\(R\/601\/6068\): /);
    expect(await barred.isChecked()).toBe(false);
    expect(await panel.locator('summary', { hasText: /^Units chosen: 2 / }).count()).toBe(1);
    expect(await unitCard('A/601/6047').count()).toBe(0);
    // Back to the first learner for the tests that follow.
    await panel.getByRole('combobox', { name: 'Learner' }).selectOption({ label: 'Jordan Ellis (4821039576)' });
    await expect.poll(() => panel.getByRole('combobox', { name: 'Learner' }).locator('option:checked').textContent()).toBe('Jordan Ellis (4821039576)');
  });

  it('edits a learner (name, a further qualification), and archives one with undo', async () => {
    await panel.getByRole('button', { name: 'Edit' }).click();
    await panel.getByRole('textbox', { name: 'Name', exact: true }).fill('Jordan Ellis-Smith');
    await panel.getByRole('checkbox', { name: /Ascentis Level 1 Award for Introduction to Customer Service/ }).check();
    await panel.getByRole('button', { name: 'Save' }).click();
    const learner = panel.getByRole('combobox', { name: 'Learner' });
    await expect.poll(() => learner.locator('option:checked').textContent()).toBe('Jordan Ellis-Smith (4821039576)');
    // On two qualifications now: the added one is shown, and the other is one choice away.
    const qualification = panel.getByRole('combobox', { name: 'Qualification' });
    await expect.poll(() => qualification.locator('option:checked').textContent()).toBe('Ascentis Level 1 Award for Introduction to Customer Service');
    expect(await panel.locator('#progress-heading').textContent()).toBe('Ascentis Level 1 Award for Introduction to Customer Service');
    await qualification.selectOption({ label: EDI });
    await expect.poll(() => panel.locator('#progress-heading').textContent()).toBe(EDI);
    await expect.poll(() => unitBar('CU795').getAttribute('aria-valuenow')).toBe('3');

    await panel.getByRole('button', { name: 'Archive Jordan Ellis-Smith' }).click();
    // Jordan leaves the list; the only learner left, Alex, is shown.
    await expect.poll(() => learner.locator('option:checked').textContent()).toBe('Alex Morgan');
    expect(await learner.locator('option').allTextContents()).toEqual(['Alex Morgan']);
    expect(await panel.getByRole('status').textContent()).toContain('Jordan Ellis-Smith archived. Their evidence is kept.');
    await panel.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => learner.locator('option:checked').textContent()).toBe('Jordan Ellis-Smith (4821039576)');
    await panel.getByRole('tab', { name: 'This page' }).click();
    await expect.poll(() => panel.locator('li.passage').count()).toBe(3);
  });

  it('a learner on the HABC Level 3 Diploma with a chosen unit set: the progress says what the rules say', async () => {
    const optional = ['D/506/2119', 'T/506/2126', 'Y/506/2135', 'F/506/2159', 'R/506/2151', 'L/506/1807'];
    await panel.getByRole('button', { name: '+ New learner' }).click();
    await panel.getByRole('textbox', { name: "Learner's name" }).fill('Priya Shah');
    await panel.getByRole('checkbox', { name: /HABC Level 3 Diploma in Customer Service/ }).check();
    await panel.getByRole('button', { name: 'Create learner' }).click();
    await expect.poll(() => panel.getByRole('combobox', { name: 'Learner' }).locator('option:checked').textContent()).toBe('Priya Shah');
    await panel.locator('summary', { hasText: /^Units chosen: 6 / }).click();
    for (const ref of optional) {
      await panel.getByRole('checkbox', { name: new RegExp(`^${ref}`) }).check();
    }
    await expect.poll(() => panel.locator('article.unit').count()).toBe(12);

    const { spec, qualification } = findQualification(parseCatalogueJson(catalogueJson).specifications, HABC)!;
    const progressNow = panel.getByRole('list', { name: 'Progress against the rules of combination' }).getByRole('listitem');
    const progressPlan = panel.getByRole('list', { name: 'The chosen units against the rules of combination' }).getByRole('listitem');
    const expected = learnerCoverage({ spec, qualification, unitChoices: { [HABC]: optional }, mappings: [], signoffs: [] });
    await panel.locator('summary', { hasText: /^Rules of combination: 4 things still needed$/ }).click();
    expect(await progressNow.allInnerTexts()).toEqual(progressLines(expected.progress.achieved));
    await panel.locator('summary', { hasText: 'The chosen units would not yet meet the rules' }).click();
    expect(await progressPlan.allInnerTexts()).toEqual(progressLines(expected.progress.plan));
    // For this set the rules say 49 of 55 credits and too few at level 3.
    expect(await progressPlan.allInnerTexts()).toContain('49 of 55 credits');

    // Evidence every criterion of L/506/1807 (Group B, 2 credits) with one passage, then sign it off.
    const diary = 'L/506/1807';
    const codes = spec.units.find((u) => u.ref === diary)!.outcomes.flatMap((o) => o.criteria.map((c) => `${diary} ${c.number}`));
    await portfolio.reload();
    await tag('#obs-records', codes, /^Obs /);
    await panel.bringToFront();
    const card = unitCard(diary);
    await expect.poll(() => card.locator('.status').textContent()).toBe('Ready to sign off');
    expect(await card.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('10');
    await card.locator('button.head').click();
    await card.getByRole('button', { name: `Sign off ${diary}` }).click();
    await expect.poll(() => card.locator('.status').textContent()).toBe('Achieved');
    expect(await card.locator('.signoff').innerText()).toMatch(/^Signed off by Sam Patel on \d{1,2} \w+ \d{4}\. The unit is achieved\./);

    const unitId = unitIdOf(spec.id, diary);
    const withDiary = learnerCoverage({
      spec,
      qualification,
      unitChoices: { [HABC]: optional },
      mappings: codes.map((code) => ({ passageId: 'p', criterionId: `${unitId}:${code.split(' ')[1]}`, method: 'Obs' as const, unitId })),
      signoffs: [{ unitId, assessor: 'Sam Patel', signedAt: new Date().toISOString() }],
    });
    expect(withDiary.progress.achievedRefs).toEqual([diary]);
    await expect.poll(() => progressNow.allInnerTexts()).toEqual(progressLines(withDiary.progress.achieved));
    expect(await progressNow.allInnerTexts()).toContain('2 of 55 credits');
    await panel.evaluate(() => scrollTo(0, 0));
    await panel.screenshot({ path: join(SHOTS, 'sidepanel-progress.png') });
    expect(await axeViolations(panel)).toEqual([]);
  });

  it('evidence tagged on a unit not chosen is pointed out, and choosing the unit brings it into coverage', async () => {
    // Priya Shah (the previous test's learner) has not chosen Y/506/2166 of Group A.
    await portfolio.reload();
    await tag('#obs-summary', ['Y/506/2166 1.1'], /^Obs /);
    await panel.bringToFront();
    const hint = panel.getByRole('status').filter({ hasText: 'not chosen' });
    await expect.poll(() => hint.locator('p').first().innerText()).toBe('1 passage on a unit not chosen: Y/506/2166. They count towards nothing until the unit is chosen.');
    expect(await unitCard('Y/506/2166').count()).toBe(0);
    await hint.getByRole('button', { name: 'Choose Y/506/2166' }).click();
    await expect.poll(() => unitCard('Y/506/2166').count()).toBe(1);
    await expect.poll(() => unitCard('Y/506/2166').getByRole('progressbar').getAttribute('aria-valuenow')).toBe('1');
    expect(await hint.count()).toBe(0);
    expect(await axeViolations(panel)).toEqual([]);
  });
});
