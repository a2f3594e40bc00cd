/**
 * Issue 14, the IV's sampling plan, through the built extension: a backup of a small cohort
 * (three learners on EDI's Level 2 NVQ Certificate, two assessors, units signed off and in
 * progress) is imported on the options page; on the Sampling tab the IV starts a plan,
 * proposes cells from the default rule (every assessor, method and unit once, summative),
 * adds them, toggles a cell from the keyboard, reads what the plan covers, exports it as
 * CSV (read back with papaparse), deletes it and undoes that.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';
import { launchWithExtension, ROOT } from './harness';
import { extensionReady } from './overlay-helpers';
import { axeViolations } from './axe';
import { backupChunks, type PassageWithMappings } from '../../lib/export/backup';
import type { LearnerRecord, PageRecord, SignoffRecord } from '../../lib/db/records';
import type { Method } from '../../lib/catalogue/methods';

const Q = 'edi-l2:500/9378/2';
const T = '2026-03-02T10:00:00.000Z';
let context: BrowserContext;
let extensionId: string;

function cohort() {
  const learners: LearnerRecord[] = ['Ann Archer', 'Ben Brook', 'Cara Cole'].map((name, i) => ({
    id: `L${i + 1}`, name, qualificationIds: [Q], unitChoices: { [Q]: ['CU791', 'CU792', 'CU795'] }, archived: false, createdAt: T, updatedAt: T,
  }));
  const pages: PageRecord[] = learners.map((l) => ({ id: `pg-${l.id}`, url: `https://portfolio.example/${l.id}`, title: `${l.name}'s account`, kind: 'web', createdAt: T, updatedAt: T }));
  const passages: PassageWithMappings[] = [];
  const add = (learnerId: string, n: number, unit: string, criterion: string, method: Method, by: string) => {
    const id = `${learnerId}-p${n}`;
    passages.push({
      passage: { id, learnerId, pageId: `pg-${learnerId}`, selectors: [{ type: 'TextQuoteSelector', exact: `evidence ${id}` }], quote: `evidence ${id}`, createdBy: by, createdAt: T, updatedAt: T },
      mappings: [{ id: `${id}|edi-l2:${unit}:${criterion}`, passageId: id, learnerId, criterionId: `edi-l2:${unit}:${criterion}`, unitId: `edi-l2:${unit}`, method, note: '', createdBy: by, createdAt: T, updatedAt: T }],
    });
  };
  add('L1', 1, 'CU791', '1.1', 'Obs', 'Jane Smith');
  add('L1', 2, 'CU795', '1.1', 'Q', 'Jane Smith');
  add('L2', 1, 'CU791', '1.1', 'Wt', 'Ali Khan');
  add('L2', 2, 'CU792', '1.1', 'Obs', 'Ali Khan');
  add('L3', 1, 'CU792', '1.1', 'D', 'Ali Khan');
  const signoffs: SignoffRecord[] = [
    ['L1', 'CU791', 'Jane Smith'], ['L1', 'CU795', 'Jane Smith'], ['L2', 'CU791', 'Ali Khan'], ['L2', 'CU792', 'Ali Khan'],
  ].map(([learnerId, unit, assessor]) => ({ id: `${learnerId}|edi-l2:${unit}`, learnerId, unitId: `edi-l2:${unit}`, assessor, signedAt: T, updatedAt: T }));
  return { specifications: [], learners, pages, decisions: [], signoffs, passages: [passages] };
}

async function backupText(): Promise<string> {
  let text = '';
  for await (const c of backupChunks(cohort(), new Date(T))) text += c;
  return text;
}

beforeAll(async () => {
  ({ context, extensionId } = await launchWithExtension());
  await extensionReady(context);
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html#import`);
  await page.getByLabel(/A backup \(\.json\), Hypothesis annotations/).setInputFiles({ name: 'cohort.json', mimeType: 'application/json', buffer: Buffer.from(await backupText()) });
  await page.getByRole('button', { name: /^Import/ }).click();
  await page.getByText('Imported the').waitFor({ timeout: 20_000 });
  await page.close();
});
afterAll(async () => {
  await context?.close();
});

const cellButton = (page: Page, learner: string, unit: string) => page.getByRole('button', { name: new RegExp(`^${learner}, ${unit}:`) });

describe('the sampling plan', () => {
  it('builds a plan from the default rule, toggles a cell from the keyboard, and exports it', async () => {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html#sampling`);
    await page.getByLabel('Qualification').selectOption(Q);
    await expect.poll(() => cellButton(page, 'Ann Archer', 'CU791').getAttribute('aria-label')).toBe('Ann Archer, CU791: Assessed, 1 mapping, assessed by Jane Smith, methods Obs');
    expect(await cellButton(page, 'Cara Cole', 'CU792').getAttribute('aria-label')).toBe('Cara Cole, CU792: In progress, 1 mapping, assessed by Ali Khan, methods D');

    await page.getByLabel(/Your name/).fill('Tom Reed');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByLabel('New plan').fill('Summative, spring');
    await page.getByRole('button', { name: 'Start plan' }).click();
    await page.getByRole('button', { name: 'Propose cells' }).click();
    const proposal = page.getByRole('region', { name: 'Proposed cells' });
    // Summative: only units signed off; every assessor, method (Obs, Q, Wt) and unit with signed-off work.
    await expect.poll(() => proposal.textContent()).toMatch(/cells? proposed/);
    const proposed = await proposal.getByRole('list', { name: 'Cells proposed' }).locator('li').allTextContents();
    const text = proposed.join('\n');
    for (const want of ['assessor Jane Smith', 'assessor Ali Khan', 'method Obs', 'method Q', 'method Wt', 'unit CU791', 'unit CU792', 'unit CU795']) expect(text).toContain(want);
    expect(text).not.toContain('Cara Cole');
    // Units no learner has signed off are named as what the rule cannot meet.
    expect(await proposal.getByRole('list', { name: 'Cannot be met' }).textContent()).toContain('unit CU793: no learner has this unit signed off yet');
    await proposal.getByRole('button', { name: /^Add \d+ to the plan$/ }).click();
    await expect.poll(() => page.locator('[aria-pressed="true"]').count()).toBe(proposed.length);

    // Keyboard: focus a cell, move with the arrows, Space puts Cara's CU792 in the plan.
    await cellButton(page, 'Ann Archer', 'CU791').focus();
    const cara = cellButton(page, 'Cara Cole', 'CU792');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    expect(await cara.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Space');
    await expect.poll(() => cara.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => page.locator('.summary').textContent()).toMatch(/3 of 3 learners/);
    await page.screenshot({ path: join(ROOT, 'test', 'screenshots', 'sampling-plan.png'), fullPage: true });

    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export plan (CSV)' }).click()]);
    const csv = await readFile((await dl.path())!, 'utf8');
    const rows = Papa.parse<Record<string, string>>(csv.replace(/^\ufeff/, ''), { header: true, skipEmptyLines: true }).data;
    expect(rows).toHaveLength(proposed.length + 1);
    expect(rows.find((r) => r.Learner === 'Cara Cole')).toMatchObject({ Unit: 'CU792', Stage: 'Interim', Assessors: 'Ali Khan', Methods: 'D', State: 'Sampled', 'Why sampled': 'Chosen by the verifier' });
    expect(rows.filter((r) => r['Why sampled'].includes('unit CU795'))).toHaveLength(1);

    // The IV signs Ann's CU791 as verified from the cell's details, then reads the claim record.
    await cellButton(page, 'Ann Archer', 'CU791').focus();
    const details = page.getByRole('region', { name: 'Ann Archer, CU791' });
    await details.getByRole('button', { name: 'Agree: sign CU791 as verified' }).click();
    await expect.poll(() => cellButton(page, 'Ann Archer', 'CU791').getAttribute('aria-label')).toMatch(/: Agreed,/);
    // Referring needs a reason.
    await cellButton(page, 'Ben Brook', 'CU792').focus();
    const ben = page.getByRole('region', { name: 'Ben Brook, CU792' });
    await ben.getByRole('button', { name: 'Refer…' }).click();
    expect(await ben.getByRole('button', { name: 'Refer CU792' }).isDisabled()).toBe(true);
    await ben.getByLabel('Reason (required)').fill('The observation is not dated');
    await ben.getByRole('button', { name: 'Refer CU792' }).click();
    await expect.poll(() => cellButton(page, 'Ben Brook', 'CU792').getAttribute('aria-label')).toMatch(/: Referred,/);

    await cellButton(page, 'Ann Archer', 'CU791').focus();
    const [claim] = await Promise.all([context.waitForEvent('page'), details.getByRole('link', { name: /Claim record for Ann Archer/ }).click()]);
    await claim.getByRole('heading', { name: 'Claim to competence' }).waitFor();
    const row = claim.getByRole('row', { name: /^CU791/ });
    const cells = await row.locator('td').allTextContents();
    const today = new Date().toLocaleDateString('en-GB');
    // Title, credit, evidenced, summative date, assessor initials, learner initials, IV date, IV initials.
    expect(cells.slice(3)).toEqual([new Date(T).toLocaleDateString('en-GB'), 'JS', '', today, 'TR']);
    expect(await claim.getByRole('row', { name: /^CU795/ }).locator('td').nth(7).textContent()).toBe('');
    expect(await claim.getByRole('region', { name: 'Rules of combination' }).textContent()).toContain('The rules are not met yet');
    await claim.screenshot({ path: join(ROOT, 'test', 'screenshots', 'claim-record.png'), fullPage: true });
    expect(await axeViolations(claim)).toEqual([]);
    await claim.close();

    // The printable IV report: one row per sample, the reason, and the per-assessor summary.
    const [report] = await Promise.all([context.waitForEvent('page'), page.getByRole('link', { name: 'IV report (to print)' }).click()]);
    await report.getByRole('heading', { name: 'Samples (2)' }).waitFor();
    const samples = report.getByRole('region', { name: /Samples/ }).getByRole('row');
    expect(await samples.count()).toBe(3);
    const ann = await samples.filter({ hasText: 'Ann Archer' }).locator('td').allTextContents();
    expect(ann[1]).toContain('CU791');
    expect(ann[1]).toContain('Whole unit');
    expect(ann[5]).toBe('Agree');
    expect(ann[8]).toBe('Agreed');
    const benRow = await samples.filter({ hasText: 'Ben Brook' }).locator('td').allTextContents();
    expect(benRow[5]).toBe('Refer');
    expect(benRow[6]).toBe('The observation is not dated');
    expect(benRow[8]).toBe('Referred');
    const byAssessor = report.getByRole('region', { name: 'By assessor' });
    expect(await byAssessor.getByRole('row', { name: /^Jane Smith/ }).locator('td').allTextContents()).toEqual(['1', '1', '0', '0', '0']);
    expect(await byAssessor.getByRole('row', { name: /^Ali Khan/ }).locator('td').allTextContents()).toEqual(['1', '0', '1', '0', '0']);
    expect(await axeViolations(report)).toEqual([]);
    await report.screenshot({ path: join(ROOT, 'test', 'screenshots', 'iv-report.png'), fullPage: true });
    await report.close();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Delete plan' }).click();
    await expect.poll(() => page.locator('[aria-pressed="true"]').count()).toBe(0);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => page.locator('[aria-pressed="true"]').count()).toBe(proposed.length + 1);
  });
});
