/**
 * Issue 16's review and use of an imported specification, in the built extension: a care
 * handbook (.txt) dropped on the Import tab is handed to the Specifications tab (it used to
 * be refused as a bad tag-set CSV), reviewed beside its source text, a criterion reworded,
 * saved; the palette on the demo portfolio finds it by its new words and tags passages with
 * it, and the side panel counts them. A new version (one criterion removed, one reworded)
 * shows its diff and keeps the mappings: the one to the removed criterion is listed, not
 * dropped. The specification leaves as JSON and CSV, and a second profile importing them
 * gets the same catalogue. One story in one browser, so one file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { axeViolations } from './axe';
import { launchWithExtension, ROOT, type StaticServer } from './harness';
import { overlayUi, selectText } from './overlay-helpers';
import { closeSpecSession, criterionText, openSpecSession, panelCoverage, type SpecSession } from './spec-session';

const FIXTURE = join(ROOT, 'test', 'fixtures', 'specs', 'care-l2-diploma-units.txt');
const QUAL = 'Level 2 Diploma in Care (imported)';
const REWORDED = "Read an individual's body language and reactions when communicating with them";

let session: SpecSession | undefined;
let server: StaticServer;
let context: BrowserContext;
let extensionId: string;
let options: Page;
let portfolio: Page;
let original = '';
let specId = '';
let jsonFile = '';
let csvFile = '';

beforeAll(async () => {
  original = await readFile(FIXTURE, 'utf8');
  session = await openSpecSession();
  ({ server, context, extensionId, options, portfolio } = session);
});
afterAll(() => closeSpecSession(session));


/** Tags an element's text with the first criterion a query finds (after checking a suggestion, if given); returns the criterion id chosen. */
async function tag(selector: string, query: string, learner?: string, suggested?: string): Promise<string> {
  await portfolio.bringToFront();
  await selectText(portfolio, selector);
  await portfolio.keyboard.press('Alt+Shift+T');
  const ui = await overlayUi(portfolio);
  if (learner) {
    await ui.getByRole('textbox', { name: "Learner's name" }).fill(learner);
    await ui.getByRole('checkbox', { name: new RegExp(QUAL.replace(/[()]/g, '\\$&')) }).check();
    await ui.getByRole('button', { name: 'Create learner' }).click();
  }
  const combobox = ui.getByRole('combobox', { name: 'Search criteria by code or words' });
  await combobox.waitFor({ state: 'visible' });
  if (suggested) {
    // Before anything is typed, the palette suggests criteria for the passage's words.
    await expect.poll(() => ui.getByText('Suggested for this passage').isVisible()).toBe(true);
    await expect.poll(() => ui.locator(`[role="option"][data-criterion-id="${suggested}"]`).count()).toBe(1);
  }
  await combobox.fill(query);
  await expect.poll(() => ui.getByRole('option').count()).toBeGreaterThan(0);
  const id = (await ui.getByRole('option').first().getAttribute('data-criterion-id'))!;
  await combobox.press('Enter');
  await combobox.press('Control+Enter');
  await combobox.waitFor({ state: 'detached' });
  return id;
}

async function download(page: Page, button: RegExp): Promise<string> {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  return readFile((await dl.path())!, 'utf8');
}

describe('importing a qualification specification', () => {
  it('a specification .txt chosen on the Import tab is offered to the review, not refused as a tag set', async () => {
    await options.goto(`chrome-extension://${extensionId}/options.html#import`);
    await options.getByLabel(/tag-set CSV exported by Evidence Mapper; or a qualification specification/).setInputFiles(FIXTURE);
    await expect.poll(() => options.getByText('care-l2-diploma-units.txt is a qualification specification').isVisible()).toBe(true);
    expect(await options.getByRole('alert').count()).toBe(0);
    await options.getByRole('button', { name: 'Review care-l2-diploma-units.txt as a specification' }).click();
    await expect.poll(() => options.getByRole('heading', { name: 'Review care-l2-diploma-units.txt' }).isVisible()).toBe(true);
    expect(await options.getByRole('tab', { name: 'Specifications' }).getAttribute('aria-selected')).toBe('true');
  });

  it('shows units and criteria beside the source lines, warnings with their place, and problems at their cells', async () => {
    expect(await options.getByRole('combobox', { name: /^Unit \(2 units, 19 criteria\)/ }).isVisible()).toBe(true);
    expect(await options.getByRole('textbox', { name: 'Unit ref' }).inputValue()).toBe('F/616/9831');
    // Choosing a criterion marks the line it was read from.
    await criterionText(options, '1.3').focus();
    await expect.poll(() => options.locator('.line.current .text').textContent()).toContain('1.3 Explain why it is important to observe');
    // A warning's place is a way to its line.
    const warning = options.getByRole('button', { name: 'page 1, line 10' });
    await warning.click();
    // Line 10 ends page 1 and, after its form feed, starts page 2: both halves are marked.
    await expect.poll(() => options.locator('.line.current').evaluateAll((els) => els.map((e) => e.getAttribute('data-line')))).toEqual(['10', '10']);
    expect(await options.locator('.line.current').first().isVisible()).toBe(true);

    await options.getByRole('textbox', { name: 'Qualification title' }).fill(QUAL);
    await options.getByRole('textbox', { name: /^Qualification number/ }).fill('603/5555/1');
    specId = await options.getByRole('textbox', { name: /^Specification id/ }).inputValue();
    expect(specId).toMatch(/^[a-z0-9-]+$/);
    await criterionText(options, '1.3').fill(REWORDED);
    await options.screenshot({ path: join(ROOT, 'test', 'screenshots', 'specification-review.png') });
    await options.getByRole('textbox', { name: 'Credit' }).fill('three');
    await options.getByRole('button', { name: 'Save', exact: true }).click();
    const credit = options.getByRole('textbox', { name: 'Credit' });
    await expect.poll(() => credit.getAttribute('aria-invalid')).toBe('true');
    expect(await options.getByText('Credit must be a whole number (or left empty), not "three"').first().isVisible()).toBe(true);
    expect(await axeViolations(options)).toEqual([]);
    await credit.fill('3');
  });

  it('checks the rules as entered and saves the specification', async () => {
    await expect.poll(() => options.locator('.verdict').textContent()).toMatch(/With 2 units \(6 credits\) these rules say: the qualification is achieved\./);
    await options.getByRole('button', { name: 'Remove group M' }).click();
    await expect.poll(() => options.locator('.verdict').textContent()).toMatch(/not yet achieved/);
    expect(await options.locator('.check li').first().textContent()).toBe('needs 6 more credits: 0 of 6');
    await options.getByRole('button', { name: 'Every unit mandatory' }).click();
    await options.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => options.getByRole('heading', { name: /^Saved: / }).isVisible()).toBe(true);
    expect(await options.locator(`li[data-spec-id="${specId}"]`).textContent()).toContain(`${QUAL} (603/5555/1)`);
    expect(await axeViolations(options)).toEqual([]);
  });

  it('the palette suggests the reworded criterion, finds it by its words and tags with it; the side panel counts it', async () => {
    const id = await tag('#ra-body-language', 'body language reactions', 'Casey Morgan', `${specId}:F6169831:1.3`);
    expect(id).toBe(`${specId}:F6169831:1.3`);
    expect(await tag('#ra-listening', 'F6169831 1.2')).toBe(`${specId}:F6169831:1.2`);
    expect(await panelCoverage(session!, /^F\/616\/9831$/, '2')).toBe('10');
  });

  it('a new version shows its diff, keeps the mapping to a kept criterion and lists the one to a removed criterion', async () => {
    const v2 = original
      .replace('\t1.2 Explain how communication affects relationships in the work setting\n', '')
      .replace('1.1 Identify the different reasons people communicate', '1.1 Identify the many reasons why people communicate')
      .replace("1.3 Explain why it is important to observe an individual's reactions when communicating with them", `1.3 ${REWORDED}`);
    await options.bringToFront();
    // Dropped on the import area, as from a file manager.
    await options.locator('.drop').evaluate((el, text) => {
      const data = new DataTransfer();
      data.items.add(new File([text], 'care handbook 2025.txt', { type: 'text/plain' }));
      el.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, v2);
    await expect.poll(() => options.getByRole('heading', { name: 'Review care handbook 2025.txt' }).isVisible()).toBe(true);
    expect(await options.getByRole('combobox', { name: 'This file is' }).inputValue()).toBe(specId);
    expect(await options.locator('[data-diff="removed"]').allTextContents()).toEqual([expect.stringContaining('F/616/9831 1.2 Explain how communication affects')]);
    expect(await options.locator('[data-diff="reworded"]').allTextContents()).toEqual([expect.stringContaining('1.1 “Identify the different reasons people communicate” → “Identify the many reasons why people communicate”')]);
    expect(await options.locator('[data-diff="added"]').count()).toBe(0);
    expect(await axeViolations(options)).toEqual([]);
    await options.getByRole('button', { name: `Save as the new version of` }).click();
    await expect.poll(() => options.getByRole('heading', { name: /^New version saved: / }).isVisible()).toBe(true);
    const orphan = options.locator(`tr[data-orphan="${specId}:F6169831:1.2"]`);
    expect(await orphan.textContent()).toContain('Casey Morgan');
    expect(await orphan.textContent()).toContain('I let her explain everything without interrupting');

    const panel = await context.newPage();
    await panel.goto(`chrome-extension://${extensionId}/sidepanel.html?page=${encodeURIComponent(`${server.url}/index.html`)}`);
    await panel.getByRole('tab', { name: 'Coverage' }).click();
    const bar = panel.locator('article.unit', { has: panel.locator('.ref', { hasText: /^F\/616\/9831$/ }) }).getByRole('progressbar');
    await expect.poll(() => bar.getAttribute('aria-valuemax'), { timeout: 10_000 }).toBe('9');
    expect(await bar.getAttribute('aria-valuenow')).toBe('1');
    expect(await panel.locator('article.unit .unknown').textContent()).toMatch(/^Tagged with a criterion this unit no longer has \(1\.2\): kept, not counted/);
    expect(await axeViolations(panel)).toEqual([]);
    await panel.close();

    // The page open since the first tags rebuilds its criteria index: the new words are found.
    await portfolio.bringToFront();
    await selectText(portfolio, '#ra-summary');
    await portfolio.keyboard.press('Alt+Shift+T');
    const ui = await overlayUi(portfolio);
    const combobox = ui.getByRole('combobox', { name: 'Search criteria by code or words' });
    await combobox.fill('many reasons why');
    await expect.poll(() => ui.getByRole('option').first().getAttribute('data-criterion-id')).toBe(`${specId}:F6169831:1.1`);
    expect(await ui.getByRole('option').first().textContent()).toContain('Identify the many reasons why people communicate');
    await combobox.press('Escape');
    await combobox.waitFor({ state: 'detached' });

    await options.bringToFront();
    await options.getByRole('tab', { name: 'Quarantine' }).click();
    await expect.poll(() => options.getByText('1 mapping is to criteria that a new version of an imported specification no longer has.').isVisible()).toBe(true);
    await expect.poll(() => options.getByText(`Casey Morgan's passage "I let her explain everything`).first().isVisible()).toBe(true);
  });

  it('exports JSON and CSV; deleting asks first while mappings use it, and Undo puts it back', async () => {
    await options.getByRole('tab', { name: 'Specifications' }).click();
    jsonFile = await download(options, /^Export JSON of /);
    const json = JSON.parse(jsonFile);
    expect(json.format).toBe('evidence-mapper-specification');
    expect(json.specification.id).toBe(specId);
    expect(json.specification.qualifications[0].number).toBe('603/5555/1');
    csvFile = await download(options, /^Export CSV of /);
    expect(await axeViolations(options)).toEqual([]);
    expect(csvFile.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('unit ref,unit title,level,credit,GLH,outcome number,outcome title,criterion number,criterion text');
    expect(csvFile).toContain(REWORDED);

    await options.getByRole('button', { name: /^Delete / }).click();
    await expect.poll(() => options.getByRole('alert').textContent()).toMatch(/^\s*2 mappings use Level 2/);
    await options.getByRole('button', { name: 'Delete anyway' }).click();
    await expect.poll(() => options.locator(`li[data-spec-id="${specId}"]`).count()).toBe(0);
    await options.getByRole('button', { name: 'Undo delete' }).click();
    await expect.poll(() => options.locator(`li[data-spec-id="${specId}"]`).count()).toBe(1);
  });

  it('another profile importing the CSV, then the JSON, gets the same catalogue', async () => {
    const other = await launchWithExtension();
    try {
      const page = await other.context.newPage();
      await page.setViewportSize({ width: 1400, height: 1000 });
      await page.goto(`chrome-extension://${other.extensionId}/options.html#specifications`);
      await page.getByLabel('Choose a specification file, or drop one here').setInputFiles({ name: `specification-${specId}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csvFile, 'utf8') });
      await expect.poll(() => page.getByRole('heading', { name: /^Review specification-/ }).isVisible(), { timeout: 20_000 }).toBe(true);
      await page.getByRole('textbox', { name: /^Specification id/ }).fill(specId);
      await page.getByRole('textbox', { name: 'Qualification title' }).fill(QUAL);
      await page.getByRole('textbox', { name: /^Qualification number/ }).fill('603/5555/1');
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await expect.poll(() => page.getByRole('heading', { name: /^Saved: / }).isVisible()).toBe(true);
      // The JSON of the first profile, imported over it: the diff finds nothing changed.
      await page.getByLabel('Choose a specification file, or drop one here').setInputFiles({ name: `specification-${specId}.json`, mimeType: 'application/json', buffer: Buffer.from(jsonFile, 'utf8') });
      await expect.poll(() => page.getByRole('heading', { name: /^Review specification-.*\.json$/ }).isVisible()).toBe(true);
      expect(await page.getByRole('combobox', { name: 'This file is' }).inputValue()).toBe(specId);
      expect(await page.locator('.diff p').first().textContent()).toBe('No change: 18 criteria as before.');
      // Cancel discards the review: nothing more is stored.
      await page.getByRole('button', { name: 'Cancel' }).click();
      await expect.poll(() => page.getByRole('heading', { name: 'Imported specifications' }).isVisible()).toBe(true);
      expect(await page.locator('li[data-spec-id]').count()).toBe(1);
    } finally {
      await other.context.close();
    }
  });
});
