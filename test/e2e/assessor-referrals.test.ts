/**
 * Issue 14, points 1, 4 and 6, through the built extension: the assessor's side of internal
 * verification in the side panel. A backup holding the IV's decisions (a referral with
 * feedback and an overdue action on Jordan's CU795 1.1, an agreement on CU791 2.2, a
 * referral on Kim's CU792) is imported on the options page. The assessor saves who they
 * are in the panel's Settings (the Sampling tab shows it), reads the referral in the panel,
 * goes to the evidence, replies, says they re-mapped it and marks the action done; changing
 * a mapping's method marks its decision "Changed since verified"; the IV (the same profile,
 * after saying who they are) sees the responses under the decision and agrees, and the
 * referral leaves the assessor's list. axe checks each new view.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { join } from 'node:path';
import { launchWithExtension, ROOT, serveStatic, type StaticServer } from './harness';
import { extensionReady, paintedTexts } from './overlay-helpers';
import { axeViolations } from './axe';
import { backupChunks, type PassageWithMappings } from '../../lib/export/backup';
import type { DecisionRecord, LearnerRecord, PageRecord } from '../../lib/db/records';
import type { Method } from '../../lib/catalogue/methods';

const Q = 'edi-l2:500/9378/2';
const T = '2026-01-05T10:00:00.000Z';
const LISTENING = 'I let her explain everything without interrupting.';
const RAPPORT = 'An older gentleman asked about delivery for a garden shed.';

let server: StaticServer;
let context: BrowserContext;
let extensionId: string;
let portfolioUrl: string;
let portfolio: Page;
let panel: Page;

function records(url: string) {
  const learner = (id: string, name: string): LearnerRecord => ({ id, name, qualificationIds: [Q], unitChoices: { [Q]: ['CU791', 'CU792', 'CU795'] }, archived: false, createdAt: T, updatedAt: T });
  const learners = [learner('L1', 'Jordan Ellis'), learner('L2', 'Kim Lee')];
  const pages: PageRecord[] = [{ id: 'pg1', url, title: 'Jordan Ellis – Evidence library', kind: 'web', createdAt: T, updatedAt: T }];
  const passage = (id: string, learnerId: string, quote: string, criterionId: string, method: Method): PassageWithMappings => ({
    passage: { id, learnerId, pageId: 'pg1', selectors: [{ type: 'TextQuoteSelector', exact: quote }], quote, createdBy: 'Sam Patel', createdAt: T, updatedAt: T },
    mappings: [{ id: `${id}|${criterionId}`, passageId: id, learnerId, criterionId, unitId: criterionId.slice(0, criterionId.lastIndexOf(':')), method, note: '', createdBy: 'Sam Patel', createdAt: T, updatedAt: T }],
  });
  const passages = [
    passage('p1', 'L1', LISTENING, 'edi-l2:CU795:1.1', 'Pe'),
    passage('p2', 'L1', RAPPORT, 'edi-l2:CU791:2.2', 'Obs'),
    passage('p3', 'L2', LISTENING, 'edi-l2:CU792:1.1', 'Obs'),
  ];
  const snapshot = (p: PassageWithMappings) => ({ quote: p.passage.quote, criterionId: p.mappings[0].criterionId, method: p.mappings[0].method, note: '', mappingUpdatedAt: T });
  const at = '2026-01-06T09:00:00.000Z';
  const decisions: DecisionRecord[] = [
    {
      id: 'd1', learnerId: 'L1', target: { type: 'mapping', id: passages[0].mappings[0].id }, decision: 'refer', reason: 'Whose words are these?',
      feedback: 'Say who saw the conversation.', action: { text: 'Add a witness statement', due: '2026-01-15' }, verifier: 'Tom Reed', verifierInitials: 'TR',
      stage: 'interim', snapshot: snapshot(passages[0]), createdAt: at, updatedAt: at,
    },
    { id: 'd2', learnerId: 'L1', target: { type: 'mapping', id: passages[1].mappings[0].id }, decision: 'agree', reason: '', verifier: 'Tom Reed', snapshot: snapshot(passages[1]), createdAt: at, updatedAt: at },
    { id: 'd3', learnerId: 'L2', target: { type: 'unit', id: 'edi-l2:CU792' }, decision: 'refer', reason: 'The observation is not dated', action: { text: 'Date it', due: '2099-12-31' }, verifier: 'Tom Reed', createdAt: at, updatedAt: at },
  ];
  return { specifications: [], learners, pages, decisions, signoffs: [], passages: [passages] };
}

const audit = axeViolations;

const item = (name: RegExp) => panel.getByRole('listitem').filter({ has: panel.getByRole('heading', { name }) });

/** Saves who the user is from the panel's Settings. */
async function saveIdentity(name: string, role: RegExp): Promise<void> {
  await panel.getByRole('tab', { name: 'Settings' }).click();
  await panel.getByRole('textbox', { name: 'Your name' }).fill(name);
  await panel.getByRole('textbox', { name: /Initials/ }).fill('');
  await panel.getByRole('radio', { name: role }).check();
  await panel.getByRole('button', { name: 'Save', exact: true }).click();
}

beforeAll(async () => {
  server = await serveStatic(join(ROOT, 'test', 'demo-portfolio'));
  ({ context, extensionId } = await launchWithExtension());
  await extensionReady(context);
  portfolioUrl = `${server.url}/index.html`;
  let text = '';
  for await (const c of backupChunks(records(portfolioUrl), new Date(T))) text += c;
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html#import`);
  await options.getByLabel(/A backup \(\.json\), Hypothesis annotations/).setInputFiles({ name: 'decisions.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await options.getByRole('button', { name: /^Import/ }).click();
  await options.getByText('Imported the').waitFor({ timeout: 20_000 });
  await options.close();
  portfolio = await context.newPage();
  await portfolio.setViewportSize({ width: 1280, height: 800 });
  await portfolio.goto(portfolioUrl);
  panel = await context.newPage();
  await panel.setViewportSize({ width: 420, height: 1000 });
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html?page=${encodeURIComponent(portfolioUrl)}&tab=settings`);
});
afterAll(async () => {
  await context?.close();
  await server?.close();
});

describe("the assessor's side of internal verification", () => {
  it("saves who the user is from the panel's Settings, says why not when it cannot, and the Sampling tab shows it", async () => {
    const name = panel.getByRole('textbox', { name: 'Your name' });
    await name.waitFor();
    await panel.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => panel.getByRole('alert').textContent()).toBe('Not saved: Type your name: every tag, plan and decision records who made it.');
    await name.fill('Sam Patel');
    // Initials default to the name's.
    expect(await panel.getByRole('textbox', { name: /Initials/ }).getAttribute('placeholder')).toBe('SP');
    await panel.getByRole('radio', { name: 'Assessor' }).check();
    await panel.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => panel.getByRole('status').filter({ hasText: /^Saved\./ }).textContent()).toBe('Saved. New tags, sign-offs and decisions are recorded as Sam Patel (SP), an assessor.');
    expect(await panel.getByRole('alert').count()).toBe(0);
    expect(await audit(panel)).toEqual([]);

    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html#sampling`);
    await options.getByLabel('Qualification').selectOption(Q);
    await expect.poll(() => options.locator('.me').textContent()).toMatch(/^You are Sam Patel \(SP\), an assessor\.\s+Change who you are$/);
    // Not asked again there.
    expect(await options.getByLabel(/Your name/).count()).toBe(0);
    await options.close();
  });

  it('lists the referral for the learner in context with reason, feedback, action and an overdue due date; all learners on request', async () => {
    await panel.getByRole('combobox', { name: 'Learner' }).selectOption('L1');
    await panel.getByRole('tab', { name: 'Referrals' }).click();
    const referral = item(/^Referred: CU795 1\.1$/);
    await referral.waitFor();
    expect(await panel.locator('.count').textContent()).toMatch(/^\s*1 item for Jordan Ellis, 1 overdue\.\s*$/);
    const text = (await referral.innerText()).replace(/\s+/g, ' ');
    expect(text).toContain('By Tom Reed on 6 Jan 2026');
    expect(text).toContain('Reason: Whose words are these?');
    expect(text).toContain('Feedback: Say who saw the conversation.');
    expect(text).toContain('Action: Add a witness statement · due 15/01/2026 Overdue');
    expect(text).toContain(`“${LISTENING}”`);
    expect(text).not.toContain('Changed since verified');
    // The agreed mapping asks nothing of the assessor; Kim's referral is another learner's.
    expect(await item(/CU791 2\.2/).count()).toBe(0);
    expect(await item(/Kim Lee/).count()).toBe(0);
    expect(await audit(panel)).toEqual([]);

    await panel.getByRole('checkbox', { name: 'All learners' }).check();
    await expect.poll(() => item(/^Referred: unit CU792 · Kim Lee$/).count()).toBe(1);
    expect((await item(/^Referred: unit CU792/).innerText()).replace(/\s+/g, ' ')).toContain('Action: Date it · due 31/12/2099');
    expect(await item(/^Referred: unit CU792/).getByText('Overdue').count()).toBe(0);
    await panel.getByRole('checkbox', { name: 'All learners' }).uncheck();
    await expect.poll(() => item(/Kim Lee/).count()).toBe(0);
  });

  it('goes to the evidence, replies, says it was re-mapped, and marks the action done for the IV to re-check', async () => {
    // The page beside the panel shows the learner chosen for its site (Jordan, chosen above).
    await portfolio.reload();
    await expect.poll(() => paintedTexts(portfolio), { timeout: 15_000 }).toContain(RAPPORT);
    await portfolio.evaluate(() => scrollTo(0, 0));
    await panel.bringToFront();
    const referral = item(/^Referred: CU795 1\.1$/);
    await referral.getByRole('button', { name: 'Go to evidence' }).click();
    await expect.poll(() => paintedTexts(portfolio), { timeout: 15_000 }).toContain(LISTENING);
    await expect.poll(() => portfolio.locator('#ra-listening').evaluate((el) => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; })).toBe(true);
    await panel.bringToFront();

    await referral.getByRole('button', { name: 'Respond…' }).click();
    const form = referral.getByRole('form', { name: 'Respond to the IV' });
    // Focus goes to the note, so the reply is typed straight away.
    await expect.poll(() => form.getByRole('textbox', { name: 'Your reply' }).evaluate((el) => el === document.activeElement)).toBe(true);
    await form.getByRole('button', { name: 'Send to the IV' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toBe('Not saved: Type a reply first: the IV reads it when they re-check.');
    await form.getByRole('textbox', { name: 'Your reply' }).fill('Dave, the duty manager, was there.');
    expect(await audit(panel)).toEqual([]);
    await form.getByRole('button', { name: 'Send to the IV' }).click();
    const responses = referral.getByRole('list', { name: "Assessor's responses" });
    await expect.poll(() => responses.locator('li').allInnerTexts()).toEqual([expect.stringMatching(/^Replied \(Sam Patel, .+\): Dave, the duty manager, was there\.$/)]);

    await referral.getByRole('button', { name: 'Respond…' }).click();
    await form.getByRole('radio', { name: 'I re-mapped it' }).check();
    await form.getByRole('textbox', { name: /Note for the IV/ }).fill('Added his witness statement to the page.');
    await form.getByRole('button', { name: 'Send to the IV' }).click();
    await expect.poll(() => responses.locator('li').count()).toBe(2);
    expect(await responses.locator('li').nth(1).innerText()).toMatch(/^Re-mapped the evidence \(Sam Patel, .+\): Added his witness statement to the page\.$/);

    // Done by mistake can be undone from the message.
    await referral.getByRole('button', { name: 'Done, ask the IV to re-check' }).click();
    const toast = panel.locator('.toast', { hasText: 'Marked done. The IV is asked to re-check it.' });
    await toast.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => referral.getByRole('button', { name: 'Done, ask the IV to re-check' }).count()).toBe(1);
    expect(await referral.getByText('Overdue').count()).toBe(1);
    await referral.getByRole('button', { name: 'Done, ask the IV to re-check' }).click();
    await expect.poll(() => referral.getByText(/^Done on .+: waiting for the IV to re-check\.$/).count()).toBe(1);
    expect(await referral.getByText('Overdue').count()).toBe(0);
    expect(await referral.getByRole('button', { name: 'Done, ask the IV to re-check' }).count()).toBe(0);
    expect(await audit(panel)).toEqual([]);
    await panel.screenshot({ path: join(ROOT, 'test', 'screenshots', 'sidepanel-referrals.png'), fullPage: true });
  });

  it('marks decisions "Changed since verified" once the mapping changed: in the referral and on the agreed evidence', async () => {
    await panel.getByRole('tab', { name: 'This page' }).click();
    await panel.getByRole('combobox', { name: 'Assessment method for CU791 2.2' }).selectOption('Q');
    await panel.getByRole('combobox', { name: 'Assessment method for CU795 1.1' }).selectOption('Obs');

    await panel.getByRole('tab', { name: 'Referrals' }).click();
    await expect.poll(() => item(/^Referred: CU795 1\.1$/).getByRole('note').textContent()).toBe('Changed since verified: the method was changed.');

    await panel.getByRole('tab', { name: 'Coverage' }).click();
    const unit = panel.locator('article.unit', { has: panel.locator('.ref', { hasText: /^CU791$/ }) });
    if ((await unit.locator('button.head').getAttribute('aria-expanded')) !== 'true') await unit.locator('button.head').click();
    const row = panel.locator('li.criterion[data-criterion-id="edi-l2:CU791:2.2"]');
    await row.getByRole('button', { name: /Evidenced: 1 passage/ }).click();
    const decision = row.locator('li.item .decision');
    await expect.poll(() => decision.textContent()).toBe('Changed since verified: the method was changed. The IV had agreed (Tom Reed); it needs verifying again.');
    expect(await row.getByText(/^IV agreed/).count()).toBe(0);
    expect(await audit(panel)).toEqual([]);
  });

  it('the IV sees the responses under the decision in the Sampling tab, agrees, and the referral leaves the list', async () => {
    await saveIdentity('Tom Reed', /^Internal verifier/);
    await expect.poll(() => panel.getByRole('status').filter({ hasText: /^Saved\./ }).textContent()).toBe('Saved. New tags, sign-offs and decisions are recorded as Tom Reed (TR), an internal verifier.');

    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html#sampling`);
    await options.getByLabel('Qualification').selectOption(Q);
    await expect.poll(() => options.locator('.me').textContent()).toMatch(/^You are Tom Reed \(TR\), an internal verifier\.\s+Change who you are$/);
    await options.getByRole('button', { name: /^Jordan Ellis, CU795:/ }).focus();
    const details = options.getByRole('region', { name: 'Jordan Ellis, CU795' });
    const decisions = details.getByRole('list', { name: 'Decisions in this unit' });
    await decisions.waitFor();
    const text = (await decisions.innerText()).replace(/\s+/g, ' ');
    expect(text).toContain('CU795 1.1: Referred before a change by Tom Reed');
    expect(text).toContain('Changed since verified: the method was changed.');
    expect(text).toMatch(/Replied \(Sam Patel, .+\): Dave, the duty manager, was there\./);
    expect(text).toMatch(/Re-mapped the evidence \(Sam Patel, .+\): Added his witness statement to the page\./);
    expect(text).toMatch(/the assessor marked it done on/);
    expect(await audit(options)).toEqual([]);
    await details.getByRole('button', { name: 'Agree CU795 1.1 now' }).click();
    await expect.poll(() => decisions.innerText()).toMatch(/CU795 1\.1: Agreed by Tom Reed/);
    await options.close();

    await panel.getByRole('tab', { name: 'Referrals' }).click();
    await expect.poll(() => panel.getByText(/^Nothing referred back and no open action for Jordan Ellis\./).count()).toBe(1);
  });
});
