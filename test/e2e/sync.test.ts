/**
 * Issue 15's end-to-end round: team sharing through the local CouchDB-protocol server, in
 * real Chromium with the built extension and two browser profiles (an assessor's machine and
 * an IV's, each its own user-data directory). The test starts the server itself
 * (test/sync/couch.ts; COUCH_URL names a real CouchDB instead) and puts a door in front of it
 * (a proxy it closes and opens) to take the server away.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { ROOT, serveStatic, type StaticServer } from './harness';
import { overlayUi, selectText, hasKeyboard, paintedTexts } from './overlay-helpers';
import { cardOf, cardText, closeProfile, firstTagQuestions, ivMarks, openNextCard, openProfile, pick, savePalette, type Profile } from './iv-helpers';
import { startGate, startTestCouch, type Gate, type TestCouch } from '../sync/couch';
import type { Credentials } from '../../lib/sync/design';

let couch: TestCouch;
let gate: Gate;
let team: string;
let ann: Credentials;
let ivy: Credentials;
let server: StaticServer;
let portfolioUrl: string;
let assessor: Profile;
let iv: Profile;
let assessorPanel: Page;
let ivPanel: Page;
let quote = '';
let laptop: Profile;
let laptopPanel: Page;

beforeAll(async () => {
  couch = await startTestCouch();
  team = await couch.teamDatabase();
  ann = await couch.user(['assessor']);
  ivy = await couch.user(['iv']);
  gate = await startGate(couch.url);
  server = await serveStatic(join(ROOT, 'test', 'demo-portfolio'));
  portfolioUrl = `${server.url}/index.html`;
  assessor = await openProfile();
  iv = await openProfile();
});
afterAll(async () => {
  await closeProfile(assessor);
  await closeProfile(iv);
  await closeProfile(laptop);
  await server?.close();
  await gate?.close();
  await couch?.stop();
});

/** The side panel of a profile, as a tab, on its Settings. */
async function panelOf(p: Profile): Promise<Page> {
  const page = await p.context.newPage();
  await page.setViewportSize({ width: 420, height: 1400 });
  await page.goto(`chrome-extension://${p.extensionId}/sidepanel.html?page=${encodeURIComponent(portfolioUrl)}`);
  await page.getByRole('tab', { name: 'Settings' }).click();
  return page;
}

/** Fills Team sharing's settings and saves them. */
async function shareAs(panel: Page, user: Credentials, url = gate.url): Promise<void> {
  const form = panel.getByRole('form', { name: 'Team sharing' });
  await form.getByLabel('Server address').fill(url);
  await form.getByLabel('Team database').fill(team);
  await form.getByLabel('User name').fill(user.username);
  await form.getByLabel('Password', { exact: true }).fill(user.password);
  await form.getByRole('button', { name: 'Save and sync' }).click();
}

const status = (panel: Page) => panel.getByTestId('sync-status').textContent();

/** The quotes of every passage in a profile's database (read from its extension page). */
const quotesIn = (panel: Page) =>
  panel.evaluate(
    () =>
      new Promise<string[]>((ok, fail) => {
        const open = indexedDB.open('evidence-mapper');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('sheets').objectStore('sheets').getAll();
          all.onsuccess = () => {
            ok((all.result as { passages: { quote: string }[] }[]).flatMap((s) => s.passages.map((p) => p.quote.trim())));
            open.result.close();
          };
        };
      }),
  );

/** Each criterion's method on the passage with these words, in a profile's database. */
const methodsIn = (panel: Page, words: string) =>
  panel.evaluate(
    (words) =>
      new Promise<Record<string, string>>((ok, fail) => {
        const open = indexedDB.open('evidence-mapper');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('sheets').objectStore('sheets').getAll();
          all.onsuccess = () => {
            const passages = (all.result as { passages: { quote: string; mappings: { criterionId: string; method: string }[] }[] }[]).flatMap((s) => s.passages);
            const p = passages.find((x) => x.quote.trim() === words);
            ok(Object.fromEntries((p?.mappings ?? []).map((m) => [m.criterionId, m.method])));
            open.result.close();
          };
        };
      }),
    words,
  );

/** Changes the method of the first highlight's criterion on the portfolio page, in its card, and waits until the profile keeps it. */
async function changeMethod(p: Profile, panel: Page, method: string): Promise<void> {
  const page = await p.context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(portfolioUrl);
  await expect.poll(async () => (await paintedTexts(page)).map((t) => t.trim()), { timeout: 15_000 }).toContain(quote);
  await page.evaluate(() => scrollTo(0, 0));
  const ui = await openNextCard(page);
  await cardOf(ui).getByRole('combobox', { name: 'Assessment method for CU791 2.2' }).selectOption(method);
  await expect.poll(() => cardOf(ui).getByRole('combobox', { name: 'Assessment method for CU791 2.2' }).inputValue()).toBe(method);
  // The select shows the choice at once; the page is closed only once the background has kept it.
  await expect.poll(() => methodsIn(panel, quote), { timeout: 10_000 }).toEqual({ 'edi-l2:CU791:2.2': method });
  await page.close();
}

describe('team sharing through the local CouchDB server', () => {
  it('an empty Settings says what to do; each profile signs in and syncs', async () => {
    assessorPanel = await panelOf(assessor);
    await expect.poll(() => assessorPanel.getByTestId('team-empty').textContent()).toMatch(/Not set up: your records stay in this browser/);
    await shareAs(assessorPanel, ann);
    await expect.poll(() => status(assessorPanel), { timeout: 20_000 }).toMatch(/^Synced/);

    ivPanel = await panelOf(iv);
    const who = ivPanel.getByRole('form', { name: 'Who you are' });
    await who.getByLabel('Your name').fill('Vera Verifier');
    await who.getByLabel(/Initials/).fill('VV');
    await who.getByRole('radio', { name: /Internal verifier/ }).check();
    await who.getByRole('button', { name: 'Save' }).click();
    await shareAs(ivPanel, ivy);
    await expect.poll(() => status(ivPanel), { timeout: 20_000 }).toMatch(/^Synced/);
  });

  it("the assessor tags a passage; the IV's profile, panel open, has it within 10 seconds of the save", async () => {
    const page = await assessor.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(portfolioUrl);
    quote = (await selectText(page, '#ra-listening', 0, 100)).trim();
    await page.keyboard.press('Alt+Shift+T');
    const ui = await overlayUi(page);
    await firstTagQuestions(ui, 'Sam Patel');
    await pick(ui, 'CU791 2.2', 'edi-l2:CU791:2.2');
    await savePalette(ui);
    await expect.poll(() => quotesIn(ivPanel), { timeout: 10_000, interval: 250 }).toEqual([quote]);
    await page.close();
  });

  it('the IV refers it on the page; the assessor sees the referral in her panel', async () => {
    const page = await iv.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(portfolioUrl);
    await expect.poll(() => ivMarks(page), { timeout: 15_000 }).toMatchObject({ 'not-sampled': [quote] });
    const ui = await openNextCard(page);
    expect(await cardText(ui)).toContain('Sam Patel');
    await cardOf(ui).getByRole('button', { name: 'Refer CU791 2.2' }).click();
    await expect.poll(() => hasKeyboard(cardOf(ui).getByRole('textbox', { name: 'Reason (required to refer)' }))).toBe(true);
    await page.keyboard.type('Whose words are these?');
    await page.keyboard.press('Enter');
    await expect.poll(() => cardText(ui)).toContain('↩ Referred by Vera Verifier (VV)');
    await page.close();

    await assessorPanel.getByRole('tab', { name: 'Referrals' }).click();
    const referral = assessorPanel.getByRole('listitem').filter({ has: assessorPanel.getByRole('heading', { name: /^Referred: CU791 2\.2$/ }) });
    await referral.waitFor({ timeout: 20_000 });
    expect((await referral.innerText()).replace(/\s+/g, ' ')).toContain('Whose words are these?');
    await assessorPanel.getByRole('tab', { name: 'Settings' }).click();
  });

  it('a wrong password says so; the right one syncs again', async () => {
    await shareAs(assessorPanel, { ...ann, password: 'not-the-password' });
    await expect.poll(() => assessorPanel.getByTestId('sync-error').textContent(), { timeout: 20_000 }).toBe('The server did not accept your user name and password. Check them in Settings.');
    await shareAs(assessorPanel, ann);
    await expect.poll(() => status(assessorPanel), { timeout: 20_000 }).toMatch(/^Synced/);
  });

  it("a write the server forbids is reported naming the record: the IV edits the assessor's learner", async () => {
    await ivPanel.getByRole('tab', { name: 'Coverage' }).click();
    await ivPanel.getByRole('button', { name: 'Edit', exact: true }).click();
    await ivPanel.getByLabel('Reference (optional)').fill('ULN 123');
    await ivPanel.getByRole('button', { name: 'Save', exact: true }).click();
    await ivPanel.getByRole('tab', { name: 'Settings' }).click();
    const refused = ivPanel.getByTestId('sync-refused');
    await expect.poll(() => refused.textContent(), { timeout: 20_000 }).toContain(`learner Jordan Ellis: Only ${ann.username} may change learner:`);
  });

  it('the server gone: the panel says offline and how many changes wait; back, they go up', async () => {
    await gate.close();
    const page = await assessor.context.newPage();
    await page.goto(portfolioUrl);
    await selectText(page, '#ra-options', 0, 80);
    await page.keyboard.press('Alt+Shift+T');
    const ui = await overlayUi(page);
    await pick(ui, 'CU808 1.1', 'edi-l2:CU808:1.1');
    await savePalette(ui);
    await page.close();
    await assessorPanel.getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(() => assessorPanel.getByTestId('sync-error').textContent(), { timeout: 20_000 }).toMatch(/^The server did not answer \(.+\)\. Your work is kept here and goes up at the next sync\.$/);
    // Said once (the run's error is not wrapped in itself).
    expect(((await assessorPanel.getByTestId('sync-error').textContent()) ?? '').match(/did not answer/g)).toHaveLength(1);
    expect(await assessorPanel.getByTestId('sync-pending').textContent()).toMatch(/^[1-9]\d* changes? waiting to go up\.$/);
    await gate.open();
    await assessorPanel.getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(() => assessorPanel.getByTestId('sync-pending').textContent(), { timeout: 20_000 }).toBe('No changes waiting to go up.');
    await expect.poll(() => quotesIn(ivPanel).then((q) => q.length), { timeout: 20_000 }).toBe(2);
  });

  it('one passage changed on two machines while the server is away: the conflict is shown with both versions, and kept as chosen everywhere', async () => {
    // The assessor's laptop: the same user on a second browser profile.
    laptop = await openProfile();
    laptopPanel = await panelOf(laptop);
    await shareAs(laptopPanel, ann);
    await expect.poll(() => quotesIn(laptopPanel).then((q) => q.length), { timeout: 30_000 }).toBe(2);

    await gate.close();
    await changeMethod(assessor, assessorPanel, 'Wt');
    await changeMethod(laptop, laptopPanel, 'Q');
    await gate.open();

    for (const panel of [assessorPanel, laptopPanel]) {
      const conflict = panel.getByTestId('conflict');
      await expect
        .poll(() => conflict.count(), { timeout: 30_000 })
        .toBe(1)
        .catch(async (e) => {
          // What each machine's sync saw, to tell a lost edit from a conflict not listed.
          for (const [name, p] of [['assessor', assessorPanel], ['laptop', laptopPanel]] as const)
            console.error(name, await methodsIn(p, quote), JSON.stringify(await p.evaluate(() => chrome.storage.local.get('teamSyncState'))));
          throw e;
        });
      expect(await conflict.getByRole('heading', { level: 4 }).textContent()).toBe(`passage "${quote.length > 60 ? `${quote.slice(0, 57)}…` : quote}" (Jordan Ellis)`);
    }
    const mine = assessorPanel.getByTestId('conflict').getByRole('group', { name: 'This machine\u2019s version' });
    const other = assessorPanel.getByTestId('conflict').getByRole('group', { name: 'Other version' });
    expect(await mine.textContent()).toContain('CU791 2.2 · Wt');
    expect(await other.textContent()).toContain('CU791 2.2 · Q');
    expect(await mine.textContent()).toContain(`By ${ann.username}`);

    await assessorPanel.getByTestId('conflict').getByRole('button', { name: 'Keep mine' }).click();
    for (const panel of [assessorPanel, laptopPanel]) {
      await expect.poll(() => panel.getByTestId('conflict').count(), { timeout: 30_000 }).toBe(0);
      await expect.poll(() => methodsIn(panel, quote), { timeout: 30_000 }).toEqual({ 'edi-l2:CU791:2.2': 'Wt' });
    }
    await expect.poll(() => methodsIn(ivPanel, quote), { timeout: 30_000 }).toEqual({ 'edi-l2:CU791:2.2': 'Wt' });
  });

  it('the server stopped mid-sync and started again: nothing lost, nothing twice', async () => {
    // One document per request, so a run of two changes is two writes; the server goes after the first.
    await assessorPanel.evaluate(async () => {
      const key = 'teamSyncSettings';
      const got = (await chrome.storage.local.get(key))[key] as Record<string, unknown>;
      await chrome.storage.local.set({ [key]: { ...got, batchSize: 1 } });
    });
    await gate.close();
    const page = await assessor.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(portfolioUrl);
    const added: string[] = [];
    for (const [where, code, id] of [['#obs-opening', 'CU791 2.2', 'edi-l2:CU791:2.2'], ['#obs-rapport', 'CU808 1.1', 'edi-l2:CU808:1.1']]) {
      added.push((await selectText(page, where, 0, 60)).trim());
      await page.keyboard.press('Alt+Shift+T');
      const ui = await overlayUi(page);
      await pick(ui, code, id);
      await savePalette(ui);
    }
    await page.close();
    await expect.poll(() => assessorPanel.getByTestId('sync-pending').textContent(), { timeout: 20_000 }).toMatch(/^[1-9]\d* changes? waiting/);

    await gate.open();
    const before = gate.bulkDocs;
    gate.cutAfterBulkDocs(1);
    await assessorPanel.getByRole('button', { name: 'Sync now' }).click();
    // One write went through, the second met the server gone.
    await expect.poll(() => gate.isOpen(), { timeout: 20_000 }).toBe(false);
    expect(gate.bulkDocs - before).toBe(1);
    await expect.poll(() => assessorPanel.getByTestId('sync-status').textContent(), { timeout: 20_000 }).toMatch(/^Offline/);
    expect(await assessorPanel.getByTestId('sync-error').textContent()).toMatch(/^The server did not answer/);

    await gate.open();
    await assessorPanel.getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(() => assessorPanel.getByTestId('sync-pending').textContent(), { timeout: 20_000 }).toBe('No changes waiting to go up.');
    const admin = couch.remote(team, couch.admin);
    const rows = (await admin.allDocs({ include_docs: true, conflicts: true })).rows.filter((r: { id: string }) => r.id.startsWith('passage:'));
    const quotes = rows.map((r: { doc: { record: { quote: string } } }) => r.doc.record.quote.trim()).sort();
    expect(quotes).toEqual([...added, quote, (await quotesIn(assessorPanel)).find((q) => q !== quote && !added.includes(q))!].sort());
    for (const r of rows.filter((r: { doc: { record: { quote: string } } }) => added.includes(r.doc.record.quote.trim()))) {
      expect(r.value.rev).toMatch(/^1-/);
      expect(r.doc._conflicts).toBeUndefined();
    }
    await expect.poll(() => quotesIn(ivPanel).then((q) => q.sort()), { timeout: 30_000 }).toEqual(quotes);
  });
});
