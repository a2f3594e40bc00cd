/**
 * Issue 14's whole round, in real Chromium with the built extension and two browser
 * profiles (an assessor's machine and an IV's, each its own user-data directory), handing
 * files over as the issue describes, without a server:
 *   1. the assessor (Sam Patel) tags two passages on the demo portfolio and exports a hand-over pack;
 *   2. the IV (Vera Verifier) imports it, builds a plan on the Sampling tab, agrees one mapping
 *      and refers the other on the page (IV mode, from the keyboard), signs the unit, prints the
 *      claim record, exports the IV report, and hands a pack back;
 *   3. the assessor imports the decisions, sees the referral in the side panel, replies and
 *      changes the referred mapping on the page, and hands over again;
 *   4. the IV imports that and sees "changed since verified" on the page, in the report, and the
 *      assessor's reply under the decision.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';
import { ROOT, serveStatic, type StaticServer } from './harness';
import { hasKeyboard, keyboardAt, overlayUi, paintedTexts, selectText } from './overlay-helpers';
import { cardOf, cardText, closeCard, closeProfile, downloadPack, type FileText, firstTagQuestions, importFile, ivMarks, leaveHighlights, listed, openNextCard, openProfile, pick, type Profile, savePalette, typeDate } from './iv-helpers';

const Q = 'edi-l2:500/9378/2';
let server: StaticServer;
let assessor: Profile;
let iv: Profile;
let portfolioUrl: string;
let agreedQuote = '';
let referredQuote = '';
let packToIv: FileText;
let packToAssessor: FileText;

beforeAll(async () => {
  server = await serveStatic(join(ROOT, 'test', 'demo-portfolio'));
  portfolioUrl = `${server.url}/index.html`;
  assessor = await openProfile();
  iv = await openProfile();
});
afterAll(async () => {
  await closeProfile(assessor);
  await closeProfile(iv);
  await server?.close();
});

async function portfolioOf(p: Profile): Promise<Page> {
  const page = await p.context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(portfolioUrl);
  return page;
}

/** The IV report's rows, downloaded from the Export tab. */
async function ivReportRows(p: Profile): Promise<Record<string, string>[]> {
  const tab = await p.context.newPage();
  await tab.goto(`chrome-extension://${p.extensionId}/options.html#export`);
  await tab.getByRole('radio', { name: 'IV report (CSV)' }).check();
  const [dl] = await Promise.all([tab.waitForEvent('download'), tab.getByRole('button', { name: 'Download' }).click()]);
  const csv = await readFile((await dl.path())!, 'utf8');
  await tab.close();
  return Papa.parse<Record<string, string>>(csv.replace(/^\ufeff/, ''), { header: true, skipEmptyLines: true }).data;
}

describe('the IV round between an assessor and an internal verifier', () => {
  it('1. the assessor tags two passages and exports a hand-over pack', async () => {
    const page = await portfolioOf(assessor);
    agreedQuote = (await selectText(page, '#ra-listening', 0, 100)).trim();
    await page.keyboard.press('Alt+Shift+T');
    let ui = await overlayUi(page);
    await firstTagQuestions(ui, 'Sam Patel');
    await pick(ui, 'CU791 2.2', 'edi-l2:CU791:2.2');
    await savePalette(ui);

    referredQuote = (await selectText(page, '#ra-options', 0, 80)).trim();
    await page.keyboard.press('Alt+Shift+T');
    ui = await overlayUi(page);
    await expect.poll(() => hasKeyboard(ui.getByRole('combobox', { name: 'Search criteria by code or words' })), { timeout: 15_000 }).toBe(true);
    await pick(ui, 'CU808 1.1', 'edi-l2:CU808:1.1');
    await savePalette(ui);
    await expect.poll(async () => (await paintedTexts(page)).map((t) => t.trim()).sort()).toEqual([agreedQuote, referredQuote].sort());
    await page.close();

    packToIv = await downloadPack(assessor, 'Jordan Ellis');
    expect(packToIv.name).toMatch(/^hand-over-jordan-ellis-/);
  });

  it('2. the IV imports it, plans, agrees and refers on the page, signs the unit, prints the claim and exports the report', async () => {
    // Who the IV is, said once on the Sampling tab.
    const sampling = await iv.context.newPage();
    await sampling.goto(`chrome-extension://${iv.extensionId}/options.html#sampling`);
    await sampling.getByLabel('Qualification').selectOption(Q);
    const who = sampling.getByRole('form', { name: 'Who you are' });
    await who.getByLabel(/Your name/).fill('Vera Verifier');
    await who.getByLabel('Initials').fill('VV');
    await who.getByRole('radio', { name: /an internal verifier/ }).check();
    await who.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => sampling.locator('.me').textContent()).toMatch(/^You are Vera Verifier \(VV\), an internal verifier\./);

    const summary = await importFile(iv, packToIv, /hand-over pack from Sam Patel \(Jordan Ellis\)/);
    expect(await listed(summary, 'New passages')).toHaveLength(2);
    await summary.close();

    // A plan: Jordan's CU791 and CU808, chosen on the grid from the keyboard.
    await sampling.bringToFront();
    await sampling.getByLabel('New plan').fill('Interim sample, December');
    await sampling.getByRole('button', { name: 'Start plan' }).click();
    for (const unit of ['CU791', 'CU808']) {
      const cell = sampling.getByRole('button', { name: new RegExp(`^Jordan Ellis, ${unit}:`) });
      await cell.focus();
      await sampling.keyboard.press('Space');
      await expect.poll(() => cell.getAttribute('aria-pressed')).toBe('true');
    }
    await expect.poll(async () => ((await sampling.locator('.summary').textContent()) ?? '').replace(/\s+/g, ' ')).toMatch(/2 cells, 1 of 1 learners/);

    // On the page, in IV mode: both highlights not sampled; agree one, refer the other.
    const page = await portfolioOf(iv);
    await expect.poll(() => ivMarks(page), { timeout: 15_000 }).toEqual({ 'not-sampled': [agreedQuote, referredQuote].sort(), agreed: [], referred: [], changed: [] });
    await page.evaluate(() => scrollTo(0, 0));
    let ui = await openNextCard(page);
    expect(await cardText(ui)).toContain('Sam Patel');
    await page.keyboard.press('Tab');
    await expect.poll(() => keyboardAt(ui)).toBe('button: Agree CU791 2.2');
    await page.keyboard.press('Enter');
    await expect.poll(() => hasKeyboard(cardOf(ui).getByRole('textbox', { name: 'Reason (optional)' }))).toBe(true);
    await page.keyboard.type('First-hand account of checking understanding');
    await page.keyboard.press('Enter');
    await expect.poll(() => cardText(ui)).toContain('✓ Agreed by Vera Verifier (VV)');
    await closeCard(page, ui);

    ui = await openNextCard(page);
    expect(await cardText(ui)).toContain('CU808 1.1');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect.poll(() => keyboardAt(ui)).toBe('button: Refer CU808 1.1');
    await page.keyboard.press('Enter');
    await expect.poll(() => hasKeyboard(cardOf(ui).getByRole('textbox', { name: 'Reason (required to refer)' }))).toBe(true);
    await page.keyboard.type('Who authorised the exchange?');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Name the manager who authorised it.');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Add a witness statement');
    await page.keyboard.press('Tab');
    const due = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    await typeDate(page, ui, due);
    await page.keyboard.press('Enter');
    await expect.poll(() => cardText(ui)).toContain('↩ Referred by Vera Verifier (VV)');
    await leaveHighlights(page, ui);
    await expect.poll(() => ivMarks(page)).toEqual({ 'not-sampled': [], agreed: [agreedQuote], referred: [referredQuote], changed: [] });
    await page.close();

    // The IV signs CU791 as verified and prints Jordan's claim record.
    await sampling.bringToFront();
    await sampling.getByRole('button', { name: /^Jordan Ellis, CU791:/ }).focus();
    const details = sampling.getByRole('region', { name: 'Jordan Ellis, CU791' });
    await details.getByRole('button', { name: 'Agree: sign CU791 as verified' }).click();
    await expect.poll(() => sampling.getByRole('button', { name: /^Jordan Ellis, CU791:/ }).getAttribute('aria-label')).toMatch(/: Agreed,/);
    const [claim] = await Promise.all([iv.context.waitForEvent('page'), details.getByRole('link', { name: /Claim record for Jordan Ellis/ }).click()]);
    await claim.getByRole('heading', { name: 'Claim to competence' }).waitFor();
    await expect.poll(async () => (await claim.getByRole('row').allTextContents()).join('\n')).toContain('CU791');
    const cells = await claim.getByRole('row', { name: /^CU791/ }).locator('td').allTextContents();
    // IV date and initials, the last two columns.
    expect(cells.slice(-2)).toEqual([new Date().toLocaleDateString('en-GB'), 'VV']);
    await claim.close();
    await sampling.close();

    const rows = await ivReportRows(iv);
    expect(rows.map((r) => [r.Criterion || r.Unit, r.Decision, r.State]).sort()).toEqual([['CU791 2.2', 'Agree', 'Agreed'], ['CU791', 'Agree', 'Agreed'], ['CU808 1.1', 'Refer', 'Referred']]);
    const referral = rows.find((r) => r.Criterion === 'CU808 1.1')!;
    expect(referral).toMatchObject({ Assessor: 'Sam Patel', Verifier: 'Vera Verifier', Reason: 'Who authorised the exchange?', Feedback: 'Name the manager who authorised it.', Action: 'Add a witness statement', 'Changed since verified': 'No' });
    expect(referral['Evidence (quote)']).toBe(referredQuote);

    packToAssessor = await downloadPack(iv, 'Jordan Ellis');
  });

  it("3. the assessor imports the decisions, sees the referral, replies and changes the referred mapping", async () => {
    const summary = await importFile(assessor, packToAssessor, /hand-over pack from Vera Verifier \(Jordan Ellis\)/);
    const decided = (await listed(summary, 'IV decisions')).join('\n');
    expect(decided).toContain('CU808 1.1');
    expect(decided).toContain('Vera Verifier');
    // The IV's file changed none of the assessor's evidence.
    expect(await listed(summary, 'New passages')).toEqual([]);
    await summary.close();

    const page = await portfolioOf(assessor);
    await expect.poll(async () => (await paintedTexts(page)).length, { timeout: 15_000 }).toBe(2);
    const panel = await assessor.context.newPage();
    await panel.setViewportSize({ width: 420, height: 1000 });
    await panel.goto(`chrome-extension://${assessor.extensionId}/sidepanel.html?page=${encodeURIComponent(portfolioUrl)}`);
    await panel.getByRole('tab', { name: 'Referrals' }).click();
    const referral = panel.getByRole('listitem').filter({ has: panel.getByRole('heading', { name: /^Referred: CU808 1\.1$/ }) });
    await referral.waitFor({ timeout: 15_000 });
    const text = (await referral.innerText()).replace(/\s+/g, ' ');
    expect(text).toContain('Reason: Who authorised the exchange?');
    expect(text).toContain('Feedback: Name the manager who authorised it.');
    await referral.getByRole('button', { name: 'Respond…' }).click();
    const form = referral.getByRole('form', { name: 'Respond to the IV' });
    await form.getByRole('textbox', { name: 'Your reply' }).fill('Dave, the duty manager, authorised it; his witness testimony is now the evidence.');
    await form.getByRole('button', { name: 'Send to the IV' }).click();
    await expect.poll(() => referral.getByRole('list', { name: "Assessor's responses" }).locator('li').count()).toBe(1);

    // The assessor changes the referred mapping on the page: the method, in the highlight's card.
    await page.bringToFront();
    await page.evaluate(() => scrollTo(0, 0));
    let ui = await openNextCard(page);
    await closeCard(page, ui);
    ui = await openNextCard(page);
    expect(await cardText(ui)).toContain('↩ Referred by Vera Verifier (VV)');
    await cardOf(ui).getByRole('combobox', { name: 'Assessment method for CU808 1.1' }).selectOption('Wt');
    await expect.poll(() => cardText(ui)).toContain('⚠ Changed since verified: the method was changed.');
    await page.close();
    await panel.close();

    packToIv = await downloadPack(assessor, 'Jordan Ellis');
  });

  it('4. the IV imports it and sees "changed since verified" on the page, in the report, with the reply', async () => {
    const summary = await importFile(iv, packToIv, /hand-over pack from Sam Patel \(Jordan Ellis\)/);
    expect(await summary.getByRole('heading', { level: 3 }).textContent()).toMatch(/^Changes since your last import from Sam Patel on .+/);
    expect((await listed(summary, 'Mappings changed (method or note)')).join('\n')).toContain('CU808 1.1');
    await summary.close();

    const page = await portfolioOf(iv);
    await expect.poll(() => ivMarks(page), { timeout: 15_000 }).toEqual({ 'not-sampled': [], agreed: [agreedQuote], referred: [], changed: [referredQuote] });
    await page.evaluate(() => scrollTo(0, 0));
    let ui = await openNextCard(page);
    await closeCard(page, ui);
    ui = await openNextCard(page);
    expect(await cardText(ui)).toContain('⚠ Changed since verified: the method was changed.');
    await leaveHighlights(page, ui);
    await page.close();

    const rows = await ivReportRows(iv);
    const referral = rows.find((r) => r.Criterion === 'CU808 1.1')!;
    expect(referral.State).toBe('Changed since verified');
    expect(referral['Changed since verified']).toBe('Yes: Changed since verified: the method was changed.');
    expect(rows.find((r) => r.Criterion === 'CU791 2.2')!.State).toBe('Agreed');

    // The assessor's reply is under the decision in the cell's details.
    const sampling = await iv.context.newPage();
    await sampling.goto(`chrome-extension://${iv.extensionId}/options.html#sampling`);
    await sampling.getByLabel('Qualification').selectOption(Q);
    await sampling.getByRole('button', { name: /^Jordan Ellis, CU808:/ }).focus();
    const decisions = sampling.getByRole('region', { name: 'Jordan Ellis, CU808' }).getByRole('list', { name: 'Decisions in this unit' });
    await expect.poll(async () => (await decisions.innerText()).replace(/\s+/g, ' ')).toMatch(/Replied \(Sam Patel, .+\): Dave, the duty manager, authorised it; his witness testimony is now the evidence\./);
    await sampling.close();
  });
});
